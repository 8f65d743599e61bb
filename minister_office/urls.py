from django.urls import path

from minister_office import views

app_name = "minister_office"
urlpatterns = [
    path("", views.triage_dashboard, name="dashboard"),
    path("cases/<str:reference>/", views.case_detail, name="case"),
    path("cases/<str:reference>/study/", views.study_case, name="study"),
    path("cases/<str:reference>/directive/", views.direct_case, name="directive"),
    path("escalations/<int:pk>/acknowledge/", views.acknowledge_escalation, name="acknowledge_escalation"),
]
