"""`manage.py load_test`: 16 clients for 60 s mixing citizen submissions, tracking and the staff
queue against gunicorn and a Celery worker (benchmarks/load_test.py). Exits non-zero on failure."""

import shlex
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import load_test, servers


class Command(BaseCommand):
    help = "Load test: no 5xx, complaints accepted = stored and routed, p50/p95 per kind of request."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=16)
        parser.add_argument("--seconds", type=float, default=60.0)
        parser.add_argument("--routing-deadline", type=float, default=60.0,
                            help="seconds after the load within which every complaint must be routed")
        parser.add_argument("--workers", type=int, default=servers.ServerConfig().workers)

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" or not settings.CELERY_BROKER_URL.startswith("redis://"):
            raise CommandError("The load test runs on PostgreSQL and Redis: set DATABASE_URL and CELERY_BROKER_URL.")
        broker = settings.CELERY_BROKER_URL
        self.stdout.write("command: python manage.py load_test " + " ".join(shlex.quote(a) for a in sys.argv[2:]))
        verdict = load_test.load_test(load_test.Options(
            clients=options["clients"], seconds=options["seconds"], routing_deadline=options["routing_deadline"],
            database_url=servers.database_url(connection.settings_dict), broker_url=broker, cache_url="rediscache://" + broker.removeprefix("redis://"),
            config=servers.ServerConfig(workers=options["workers"]),
        ), self.stdout.write)
        if verdict.failures:
            raise CommandError("Load test failed:\n  " + "\n  ".join(verdict.failures))
        self.stdout.write("load test passed")
