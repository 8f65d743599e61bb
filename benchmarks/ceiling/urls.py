"""The portal's URLs plus the bare view (ROOT_URLCONF when BENCH_CEILING is on)."""

from django.urls import path

from housing_portal.urls import urlpatterns as portal_urlpatterns

from benchmarks.ceiling import views

urlpatterns = [
    path("bench/ceiling/", views.insert_row, name="bench_ceiling"),
    *portal_urlpatterns,
]
