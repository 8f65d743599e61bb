"""`check --deploy` fails (an error, not a warning) on a SECRET_KEY anybody can read here: the
placeholder of .env.example and the development key of settings.py."""

import os
import subprocess
import sys

import pytest

from housing_portal import settings as project_settings
from tests.housing_portal.test_deployment import PROJECT_DIR, production_environment


def deploy_check(tmp_path, secret_key, **variables):
    environment = {key: value for key, value in os.environ.items()
                   if key not in production_environment() and key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(production_environment())
    environment.update({"SECRET_KEY": secret_key,
                        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
                        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"), **variables})
    # The default fail level is ERROR: a warning alone would pass.
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], check=False, cwd=PROJECT_DIR,
                          env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("published_key", [
    pytest.param(production_environment()["SECRET_KEY"], id="env-example-placeholder"),
    pytest.param(project_settings._DEVELOPMENT_SECRET_KEY, id="settings-development-key"),
])
def test_the_deploy_check_fails_on_a_published_secret_key(tmp_path, published_key):
    result = deploy_check(tmp_path, published_key)

    assert result.returncode != 0
    assert "staff_signin.E001" in result.stderr and "SECRET_KEY" in result.stderr


def test_a_key_of_ones_own_passes_the_check(tmp_path):
    result = deploy_check(tmp_path, "k8#Lq2@vN9!pR4$wX7^zB1&cF6*hJ3(mT5)yG0-uE8+iO2=aS4_dQ7~eW9?rY1")
    assert result.returncode == 0, result.stdout + result.stderr
