from django.urls import path

from channels_intake import webhooks

urlpatterns = [
    path("intake/tawasul/", webhooks.TawasulCaseWebhook.as_view(), name="intake_tawasul"),
    path("intake/calls/", webhooks.CallRecordWebhook.as_view(), name="intake_calls"),
    path("intake/social/", webhooks.SocialPostWebhook.as_view(), name="intake_social"),
]
