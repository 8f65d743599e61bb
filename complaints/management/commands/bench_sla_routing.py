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
from django.db import connection, transaction
from django.utils import timezone

from complaints import clock, demo_data, references, services, sla_sweep, tasks
from complaints.models import Category, Complaint
from housing_portal.celery import app as celery_app

YEAR_SECONDS = 365 * 86400
COPY_BATCH = 50_000


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
        existing = Complaint.objects.filter(external_reference__startswith="bench-").count()
        missing = target - existing
        if missing <= 0:
            self.figure("complaints already seeded", f"{existing:,}")
            return
        started = time.monotonic()
        categories = list(Category.objects.select_related("default_department"))
        complaint_columns = ("id", "reference", "kind", "channel", "status", "subject", "body", "language",
                             "contact_mobile", "contact_email", "category_id", "department_id", "received_at",
                             "due_at", "external_reference", "is_urgent", "updated_at")
        clock_columns = ("complaint_id", "due_at", "stage", "next_action_at", "breached_at")
        used = set(Complaint.objects.values_list("reference", flat=True))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE complaints_complaint IN EXCLUSIVE MODE")
            cursor.execute("SELECT coalesce(max(id), 0) FROM complaints_complaint")
            first_id = cursor.fetchone()[0] + 1
            for start in range(existing, target, COPY_BATCH):
                complaints, clocks = io.StringIO(), io.StringIO()
                for n in range(start, min(start + COPY_BATCH, target)):
                    complaint_row, clock_row = self.seed_rows(first_id + n - existing, n, categories, used)
                    complaints.write("\t".join(complaint_row) + "\n")
                    clocks.write("\t".join(clock_row) + "\n")
                complaints.seek(0)
                clocks.seek(0)
                cursor.copy_expert(f"COPY complaints_complaint ({', '.join(complaint_columns)}) FROM STDIN", complaints)
                cursor.copy_expert(f"COPY complaints_slaclock ({', '.join(clock_columns)}) FROM STDIN", clocks)
            cursor.execute("SELECT setval(pg_get_serial_sequence('complaints_complaint', 'id'), max(id)) "
                           "FROM complaints_complaint")
            cursor.execute("ANALYZE complaints_complaint")
            cursor.execute("ANALYZE complaints_slaclock")
        elapsed = time.monotonic() - started
        self.figure(f"seeded {missing:,} open complaints with COPY", f"{elapsed:.1f} s ({missing / elapsed:,.0f}/s)")

    def seed_rows(self, pk, n, categories, used):
        template = demo_data.COMPLAINT_TEMPLATES[n % len(demo_data.COMPLAINT_TEMPLATES)]
        subject, body, kind, category_code, language = template
        category = categories[n % len(categories)]
        received = self.now - timedelta(seconds=self.rng.randrange(YEAR_SECONDS))
        due = received + timedelta(days=settings.SLA_DEFAULT_DAYS)
        stage = self.plan.stage_at(due, self.now)
        next_action = self.plan.next_action_at(due, stage)
        while True:
            reference = references.new_reference(received.year)
            if reference not in used:
                used.add(reference)
                break
        complaint = (
            str(pk), reference, kind, demo_data_channel(n), "in_progress" if n % 3 else "routed", escape(subject),
            escape(body), language, "", "", str(category.pk), str(category.default_department_id),
            received.isoformat(), due.isoformat(), f"bench-{n}", "f", self.now.isoformat(),
        )
        clock = (str(pk), due.isoformat(), str(stage), next_action.isoformat() if next_action else r"\N",
                 due.isoformat() if stage == self.plan.breach_stage else r"\N")
        return complaint, clock

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
        result = sla_sweep.sweep(now=now, plan=self.plan, chunk_size=chunk)
        return result, time.monotonic() - started

    # --- routing ---------------------------------------------------------------------------------

    def new_complaints(self, count, label):
        categories = list(Category.objects.all()) + [None]
        fresh = unused_references(count, timezone.now().year)
        rows = []
        for n in range(count):
            subject, body, kind, _category, language = demo_data.COMPLAINT_TEMPLATES[n % len(demo_data.COMPLAINT_TEMPLATES)]
            received = timezone.now()
            rows.append(Complaint(
                reference=fresh[n], kind=kind, channel=demo_data_channel(n),
                subject=subject, body=body, language=language, category=categories[n % len(categories)],
                received_at=received, due_at=received + timedelta(days=30),
                external_reference=f"bench-route-{label}-{time.time_ns()}-{n}"))
        return [complaint.pk for complaint in Complaint.objects.bulk_create(rows, batch_size=1000)]

    def bench_routing_in_process(self, count):
        ids = self.new_complaints(count, "single")
        started = time.monotonic()
        for complaint_id in ids:
            services.route_complaint(complaint_id)
        self.report_routed("routing one complaint per transaction, in one process", ids, started)
        ids = self.new_complaints(count, "batch")
        started = time.monotonic()
        while services.route_complaints([], also_waiting=tasks.ROUTING_BATCH):
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


def demo_data_channel(n):
    channels = Complaint.Channel.values
    return channels[n % len(channels)]


def escape(text):
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
