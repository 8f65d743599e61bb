from django.urls import path

from housing_portal.staff_signin import views

app_name = "staff_signin"
urlpatterns = [
    path("code/", views.enter_code, name="code"),
    path("enrol/", views.enrol, name="enrol"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
]
