from django.urls import path

from channels_intake.web_form import views

urlpatterns = [
    path("complaints/new/", views.new_complaint, name="complaint_new"),
    path("complaints/new/check/", views.review, name="complaint_review"),
    path("complaints/sent/<str:reference>/", views.sent, name="complaint_sent"),
]
