"""`manage.py bench_intake`: intake throughput (citizen form, Open311 API) against a bare insert,
the tracking page and peak memory, through gunicorn and a Celery worker (benchmarks/intake_bench.py)."""

import shlex
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import intake_bench, servers
from complaints.models import Complaint


class Command(BaseCommand):
    help = "Intake throughput, tracking page and peak memory through gunicorn (PostgreSQL and Redis)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--seconds", type=float, default=20.0)
        parser.add_argument("--workers", type=int, default=servers.ServerConfig().workers,
                            help="gunicorn workers (default: 2 per core)")
        parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
        parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
        parser.add_argument("--tracking-clients", type=int, default=1)
        parser.add_argument("--form-drafts", type=int, default=intake_bench.Options.form_drafts,
                            help="forms filled in before the timed run of Sends")
        parser.add_argument("--cache-url", default="", help="the servers' cache (default: the broker's Redis)")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        from django.conf import settings

        broker = settings.CELERY_BROKER_URL
        if not broker.startswith("redis://"):
            raise CommandError("The benchmark needs Redis as the broker: set CELERY_BROKER_URL.")
        command = "python manage.py bench_intake " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        self.stdout.write(f"command: {command}")
        self.stdout.write(f"complaints in the database: {Complaint.objects.count():,}")
        ok = intake_bench.bench(intake_bench.Options(
            clients=options["clients"], seconds=options["seconds"], tracking_clients=options["tracking_clients"],
            form_drafts=options["form_drafts"],
            database_url=servers.database_url(connection.settings_dict), broker_url=broker,
            cache_url=options["cache_url"] or "rediscache://" + broker.removeprefix("redis://"),
            config=servers.ServerConfig(workers=options["workers"], worker_class=options["worker_class"],
                                        threads=options["threads"]),
        ), self.stdout.write)
        if not ok:
            raise CommandError("Requests failed or counts did not match (see above).")

