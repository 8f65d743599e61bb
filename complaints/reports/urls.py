from django.urls import path

from complaints.reports import views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/<slug:slug>.<str:file_format>", views.export, name="report_export"),
    path("statistics/", views.statistics, name="statistics"),
]
