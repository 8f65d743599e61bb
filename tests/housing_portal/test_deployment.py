"""The production configuration: docker-compose.yml, .env.example and Django's deploy checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_beat_postgres_and_redis(compose):
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])


@pytest.mark.parametrize(("service", "program"), [
    ("web", "gunicorn"), ("worker", "celery"), ("beat", "celery"), ("migrate", "python"),
])
def test_each_portal_service_runs_its_program(compose, service, program):
    command = compose["services"][service]["command"]
    assert command[0] == program
    if service in ("worker", "beat"):
        assert command[1:4] == ["-A", "housing_portal", service]


@pytest.mark.parametrize("service", ["web", "worker", "postgres", "redis"])
def test_long_running_services_have_health_checks(compose, service):
    assert compose["services"][service]["healthcheck"]["test"]


def test_data_lives_in_named_volumes(compose):
    assert {"postgres-data", "redis-data", "private-files"} <= set(compose["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    assert "private-files:/srv/portal/private" in compose["services"]["web"]["volumes"]


def test_the_portal_waits_for_healthy_database_and_broker(compose):
    depends = compose["services"]["worker"]["depends_on"]
    assert depends["postgres"]["condition"] == depends["redis"]["condition"] == "service_healthy"
    assert compose["services"]["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_redis_never_evicts_queued_tasks(compose):
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def production_environment() -> dict:
    variables = {}
    for line in (PROJECT_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            variables[name.strip()] = value.strip()
    return variables


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (PROJECT_DIR / "housing_portal" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    assert read, "no env() calls found"
    assert read - set(production_environment()) == set()


def test_deploy_check_passes_with_the_production_variables(tmp_path):
    environment = {key: value for key, value in os.environ.items()
                   if key not in production_environment() and key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(production_environment())
    environment.update({
        "SECRET_KEY": "k8#Lq2@vN9!pR4$wX7^zB1&cF6*hJ3(mT5)yG0-uE8+iO2=aS4_dQ7~eW9?rY1",
        # The check needs no server: point the database at a local file.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    })
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_secret_key_production_refuses_to_start(tmp_path):
    environment = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY", "DEBUG")}
    environment["DEBUG"] = "false"
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=PROJECT_DIR, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
