"""The portal as deployed: DEBUG off, a real SECRET_KEY, `collectstatic` with the production
(manifest) storage into a folder of its own, gunicorn, PostgreSQL and a Redis of its own as cache
and broker, behind what a TLS proxy would send. Run by `make test-deployed` (pytest -m deployed),
on PostgreSQL: the test database pytest makes from DATABASE_URL, migrated and seeded with
`seed_demo`, and emptied afterwards."""

import os
import secrets
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from benchmarks.servers import Gunicorn, ServerConfig, database_url, manage
from complaints.models import Department, StaffProfile
from complaints.security.roles import ROLES, ensure_role_groups
from housing_portal.demo.management.commands.seed_demo import DEMO_DEPARTMENT_OF_ROLE
from tests.support.processes import RedisServer

FIGURES: list[str] = []
SUPERUSER = "superuser"
# Passed through from the machine: what a process needs to run, nothing of the test suite's settings.
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV")


@dataclass(frozen=True)
class Portal:
    url: str
    password: str
    log_path: Path

    def server_errors(self) -> str:
        """What Django logged about the requests that failed (tracebacks included)."""
        return self.log_path.read_text(errors="replace")[-20_000:]


@pytest.fixture(scope="session")
def deployed_portal(django_db_setup, django_db_blocker):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("The deployed tests run on PostgreSQL: set DATABASE_URL=postgres://… (make test-deployed does)")
    folder = Path(tempfile.mkdtemp(prefix="deployed-portal-"))
    redis = RedisServer().start()
    password = secrets.token_urlsafe(18)
    with django_db_blocker.unblock():
        env = environment(database=database_url(connection.settings_dict), redis_port=redis.port, folder=folder)
    server = None
    try:
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                        ["seed_demo", "--password", password]):
            with timed(command[0]):
                manage(env, *command)
        with django_db_blocker.unblock():
            make_staff(password=password)
        server = Gunicorn(ServerConfig(workers=2), env=env, log_path=folder / "gunicorn.log")
        server.start()
        yield Portal(url=server.url, password=password, log_path=server.log_path)
    finally:
        if server is not None:
            server.stop()
        redis.stop()
        shutil.rmtree(folder, ignore_errors=True)
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@contextmanager
def timed(what: str):
    started = time.monotonic()
    yield
    FIGURES.append(f"{what}: {time.monotonic() - started:.0f} s")


def environment(*, database: str, redis_port: int, folder: Path) -> dict:
    """Production's settings (.env.example) on this machine: nothing switched off but the
    second sign-in step, which a crawl cannot pass."""
    return {
        **{name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ},
        "DJANGO_SETTINGS_MODULE": "housing_portal.settings",
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1", "BEHIND_TLS_PROXY": "true",
        "DATABASE_URL": database,
        "CACHE_URL": f"rediscache://127.0.0.1:{redis_port}/1",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "STATIC_ROOT": str(folder / "static"), "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "SMS_BACKEND": "complaints.notifications.sms.FileBackend", "SMS_FILE_PATH": str(folder / "sms.jsonl"),
        "EMAIL_URL": "consolemail://", "LOG_LEVEL": "WARNING",
        "STAFF_TWO_FACTOR_REQUIRED": "false",
    }


def staff_username(role_code: str) -> str:
    return f"crawl-{role_code}"


def make_staff(*, password: str) -> None:
    """One member of staff per role, in the department the demo gives that role, and a superuser."""
    groups = ensure_role_groups()
    users = get_user_model().objects
    for role in ROLES:
        user = users.create_user(staff_username(role.code), password=password, is_staff=True,
                                 first_name=role.name_en)
        user.groups.add(groups[role.code])
        department = Department.objects.get(code=DEMO_DEPARTMENT_OF_ROLE.get(role.code, Department.COMPLAINTS_UNIT))
        StaffProfile.objects.create(user=user, department=department, is_head=role.code == "department-head")
    users.create_superuser(SUPERUSER, password=password)


@pytest.fixture
def figure(request):
    def record(text: str):
        FIGURES.append(f"{request.node.name}: {text}")

    return record


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("deployed crawl figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
