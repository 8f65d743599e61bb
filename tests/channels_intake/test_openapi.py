"""The machine endpoints are described by an OpenAPI 3 schema that other systems can generate clients from."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


def schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_every_intake_webhook_is_in_the_schema_with_its_signature_headers(client):
    from channels_intake import api_urls

    paths = schema(client)["paths"]
    for pattern in api_urls.urlpatterns:
        operation = paths[f"/api/v1/{pattern.pattern}"]["post"]
        headers = {parameter["name"] for parameter in operation["parameters"] if parameter["in"] == "header"}
        assert headers == {"X-Signature", "X-Signature-Timestamp"}
        assert {"200", "201", "400", "401"} <= set(operation["responses"])


def test_the_schema_has_no_warnings_or_errors():
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_the_documentation_page_loads_its_scripts_from_the_portal_itself(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower() and b"//unpkg" not in response.content
