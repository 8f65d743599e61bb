from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from complaints.portal import language_switch, track_views
from complaints.portal import views as complaint_views

urlpatterns = [
    path("healthz", complaint_views.healthz, name="healthz"),
    path("i18n/setlang/", language_switch.set_language, name="set_language"),
    path("admin/sign-in/", include("housing_portal.staff_signin.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("channels_intake.api_urls")),
    path("api/v1/", include("complaints.api.urls")),
    path("open311/v2/", include("channels_intake.open311.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
]
urlpatterns += i18n_patterns(
    path("", complaint_views.home, name="home"),
    path("", include("channels_intake.urls")),
    path("track/", track_views.track, name="track"),
    path("track/<str:reference>/", track_views.track_complaint, name="track_complaint"),
    path("track/<str:reference>/code/", track_views.track_code, name="track_code"),
    path("", include("complaints.reports.urls")),  # staff reports and the public statistics
    path("minister/council/", include("minister_office.council_urls")),  # namespace "council"
    path("minister/", include("minister_office.urls")),
    prefix_default_language=True,
)

# The portal's own pages, in the page's language; a database away for a moment (restarting,
# failing over) answers 503 with a page that says so.
handler403 = "complaints.portal.error_pages.permission_denied"
handler404 = "complaints.portal.error_pages.page_not_found"
handler500 = "complaints.portal.error_pages.server_error"
