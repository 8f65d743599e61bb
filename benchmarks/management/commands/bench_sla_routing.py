"""`manage.py bench_sla_routing`: routing throughput and SLA sweep times on a large database.

Seeds N open complaints on PostgreSQL (default 1,000,000) with COPY, received over the last
year with the default 30-day answer period, so that most are already overdue and about
1/365 of them cross each threshold on any given day, as in a long-running ministry. Then:

1. a day's sweep: the reminders and breaches that fall due in the next 24 hours;
2. a backlog sweep: 500,000 breaches at once, as after a long outage of the workers;
3. routing throughput of one process calling the routing service, with the default rules;
4. routing throughput of one real Celery worker process (prefork, concurrency 1), fed
   through the configured broker (Redis in `make bench`).

Each figure is printed with the command that produced it. Run it with `make bench`.
"""

import io
import os
import random
import shlex
import subprocess
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from benchmarks import seed
from complaints.routing import engine
from complaints import tasks
from complaints.models import Category, Complaint
from complaints.sla import clock, sweep
from complaints.values import references
from housing_portal.celery import app as celery_app
from housing_portal.demo import core_data


class Command(BaseCommand):
    help = "Benchmarks routing throughput and the SLA sweep on N open complaints (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--complaints", type=int, default=1_000_000)
        parser.add_argument("--backlog", type=int, default=500_000)
        parser.add_argument("--route", type=int, default=3_000, help="complaints to route per measurement")
        parser.add_argument("--chunk", type=int, default=settings.SLA_SWEEP_CHUNK)
        parser.add_argument("--skip-worker", action="store_true", help="do not start a Celery worker")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        self.command_line = "python manage.py bench_sla_routing " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        self.rng = random.Random(2026)
        self.plan = clock.plan()
        self.now = timezone.now()
        call_command("seed_demo", password=os.environ.get("DEMO_PASSWORD", "bench"), verbosity=0,
                     stdout=io.StringIO())
        self.report_machine()
        self.seed(options["complaints"])
        self.bench_day_sweeps(options["chunk"])
        self.bench_backlog_sweep(options["backlog"], options["chunk"])
        self.bench_routing_in_process(options["route"])
        if not options["skip_worker"]:
            self.bench_routing_worker(options["route"])

    # --- output ---------------------------------------------------------------------------

    def figure(self, label, value):
        self.stdout.write(f"{label:<58} {value}")

    def report_machine(self):
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        self.stdout.write(f"command: {self.command_line}")
        self.stdout.write(f"machine: {os.cpu_count()} cores, PostgreSQL {server}, broker {settings.CELERY_BROKER_URL}")

    # --- seeding ----------------------------------------------------------------------------

    def seed(self, target):
        added, elapsed = seed.Seeder(now=self.now, rng=self.rng, plan=self.plan).seed(target)
        if added:
            self.figure(f"seeded {added:,} open complaints with COPY", f"{elapsed:.1f} s ({added / elapsed:,.0f}/s)")
        else:
            self.figure("complaints already seeded", f"{seed.existing_bench_complaints():,}")

    # --- the SLA sweep ------------------------------------------------------------------------

    def bench_day_sweeps(self, chunk):
        for day in (1, 2):
            result, elapsed = self.timed_sweep(self.now + timedelta(days=day), chunk)
            self.figure(f"SLA sweep of day {day} (chunks of {chunk:,})",
                        f"{elapsed * 1000:,.0f} ms: {result.reminders:,} reminders, {result.breaches:,} breaches")

    def bench_backlog_sweep(self, backlog, chunk):
        with connection.cursor() as cursor:
            # As if the workers had been down since each of these became overdue.
            cursor.execute("""
                UPDATE complaints_slaclock SET stage = %s, next_action_at = due_at, breached_at = NULL
                WHERE complaint_id IN (SELECT complaint_id FROM complaints_slaclock
                                       WHERE breached_at IS NOT NULL ORDER BY complaint_id LIMIT %s)""",
                           [self.plan.breach_stage - 1, backlog])
            cursor.execute("ANALYZE complaints_slaclock")
        result, elapsed = self.timed_sweep(self.now + timedelta(days=2), chunk)
        self.figure(f"SLA sweep of a backlog (chunks of {chunk:,})",
                    f"{elapsed:,.1f} s: {result.breaches:,} breaches in {result.chunks} chunks "
                    f"({result.breaches / elapsed:,.0f}/s)")

    def timed_sweep(self, now, chunk):
        started = time.monotonic()
        result = sweep.sweep(now=now, plan=self.plan, chunk_size=chunk)
        return result, time.monotonic() - started

    # --- routing ---------------------------------------------------------------------------------

    def new_complaints(self, count, label):
        categories = list(Category.objects.all()) + [None]
        fresh = unused_references(count, timezone.now().year)
        rows = []
        for n in range(count):
            subject, body, kind, _category, language = core_data.COMPLAINT_TEMPLATES[n % len(core_data.COMPLAINT_TEMPLATES)]
            received = timezone.now()
            rows.append(Complaint(
                reference=fresh[n], kind=kind, channel=seed.demo_data_channel(n),
                subject=subject, body=body, language=language, category=categories[n % len(categories)],
                received_at=received, due_at=received + timedelta(days=30),
                external_reference=f"bench-route-{label}-{time.time_ns()}-{n}"))
        return [complaint.pk for complaint in Complaint.objects.bulk_create(rows, batch_size=1000)]

    def bench_routing_in_process(self, count):
        ids = self.new_complaints(count, "single")
        started = time.monotonic()
        for complaint_id in ids:
            engine.route_complaint(complaint_id)
        self.report_routed("routing one complaint per transaction, in one process", ids, started)
        ids = self.new_complaints(count, "batch")
        started = time.monotonic()
        while engine.route_complaints([], also_waiting=tasks.ROUTING_BATCH):
            pass
        self.report_routed(f"routing in batches of {tasks.ROUTING_BATCH}, in one process", ids, started)

    def report_routed(self, label, ids, started):
        elapsed = time.monotonic() - started
        routed = Complaint.objects.filter(pk__in=ids, status=Complaint.Status.ROUTED).count()
        self.figure(label, f"{routed / elapsed:,.0f} complaints/s ({routed:,} routed in {elapsed:.1f} s)")

    def bench_routing_worker(self, count):
        ids = self.new_complaints(count, "worker")
        celery_app.control.purge()  # tasks left in the benchmark's queue by an earlier run
        for complaint_id in ids:
            tasks.route_complaint.apply_async(args=(complaint_id,))
        command = [sys.executable, "-m", "celery", "-A", "housing_portal", "worker", "--concurrency", "1",
                   "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        worker = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            first = last = None
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                routed = Complaint.objects.filter(pk__in=ids, status=Complaint.Status.ROUTED).count()
                if routed and first is None:
                    first = (time.monotonic(), routed)
                if routed == len(ids):
                    last = (time.monotonic(), routed)
                    break
                time.sleep(0.25)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        if not (first and last) or last[1] == first[1]:
            self.figure("routing by one Celery worker process", "did not finish")
            return
        rate = (last[1] - first[1]) / (last[0] - first[0])
        self.figure("routing by one Celery worker process (broker to DB)",
                    f"{rate:,.0f} complaints/s ({len(ids):,} tasks)")


def unused_references(count, year):
    """`count` new references that no stored complaint has (random ones collide now and then)."""
    drawn = {references.new_reference(year) for _ in range(count)}
    drawn -= set(Complaint.objects.filter(reference__in=drawn).values_list("reference", flat=True))
    return list(drawn) + unused_references(count - len(drawn), year) if len(drawn) < count else list(drawn)
