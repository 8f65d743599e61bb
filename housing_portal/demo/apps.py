from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "housing_portal.demo"
    label = "demo"
    verbose_name = "Demo data"
