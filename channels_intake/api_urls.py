from django.urls import path

from . import webhooks

urlpatterns = [
    path("intake/tawasul/", webhooks.tawasul_case, name="intake_tawasul"),
]
