"""The benchmarks' bare insert view exists only where BENCH_CEILING is on (the gunicorn the
benchmarks start), never in the portal as deployed."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from tests.support.processes import PROJECT_DIR


def test_without_the_flag_the_bare_view_is_not_installed():
    assert settings.BENCH_CEILING is False
    assert "benchmarks.ceiling" not in settings.INSTALLED_APPS
    assert settings.ROOT_URLCONF == "housing_portal.urls"
    with pytest.raises(Resolver404):
        resolve("/bench/ceiling/")


def test_without_the_flag_posting_to_the_bare_view_finds_nothing(client, db):
    assert client.post("/bench/ceiling/", {"text": "x"}).status_code == 404


def test_the_flag_is_off_in_the_production_example():
    from tests.housing_portal.test_deployment import production_environment

    assert production_environment()["BENCH_CEILING"] == "false"


CHECK_WITH_THE_FLAG = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from benchmarks.ceiling.models import Row
call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
print(resolve("/bench/ceiling/").url_name)
print(client.post("/bench/ceiling/", {"text": "تسرب مياه"}).status_code)
print(client.get("/bench/ceiling/").status_code)
print(Row.objects.get().text)
print(client.get("/healthz").status_code)
"""


def test_with_the_flag_the_bare_view_inserts_one_row_and_the_portal_is_still_served(tmp_path):
    environment = {**os.environ, "BENCH_CEILING": "true", "DEBUG": "true",
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'ceiling.sqlite3'}",
                   "CELERY_BROKER_URL": "memory://", "DJANGO_SETTINGS_MODULE": "housing_portal.settings"}
    result = subprocess.run([sys.executable, "-c", CHECK_WITH_THE_FLAG], cwd=PROJECT_DIR, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:5] == ["bench_ceiling", "201", "405", "تسرب مياه", "200"]
