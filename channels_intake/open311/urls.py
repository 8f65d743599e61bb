"""/open311/v2/: each resource in JSON and, at the same path ending in .xml, in XML."""

from django.urls import path

from channels_intake.open311 import views as views

ROUTES = (
    ("services", views.ServiceListView, "open311_services"),
    ("services/<str:service_code>", views.ServiceDefinitionView, "open311_service_definition"),
    ("requests", views.RequestListView, "open311_requests"),
    ("requests/<str:service_request_id>", views.RequestDetailView, "open311_request"),
)


def xml_twin(view):
    """The XML twin of a view, left out of the OpenAPI schema (it documents the JSON answers)."""
    return type(f"{view.__name__}Xml", (view,), {"schema": None, "renderer_classes": [views.Open311XMLRenderer]})


urlpatterns = [
    *(path(f"{route}.json", view.as_view(), name=name) for route, view, name in ROUTES),
    *(path(f"{route}.xml", xml_twin(view).as_view(), name=f"{name}_xml")
      for route, view, name in ROUTES),
]
