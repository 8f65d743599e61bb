"""The fault drills: each stops, kills or restarts private servers and accounts for every item.

They run only with `make test-faults` (pytest -m faults), on PostgreSQL: SQLite has no server to
restart and serialises writers, so its figures would say nothing about production.
"""

import pytest
from django.conf import settings

from tests.support.processes import RedisServer

FIGURES: list[str] = []


@pytest.fixture(autouse=True)
def on_postgresql():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("The fault drills run on PostgreSQL: set DATABASE_URL=postgres://… (make test-faults does)")


@pytest.fixture
def figure(request):
    """Records a measured figure: printed at the end of the run, for docs/reliability.md."""

    def record(text: str):
        FIGURES.append(f"{request.node.name}: {text}")

    return record


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("fault drill figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
