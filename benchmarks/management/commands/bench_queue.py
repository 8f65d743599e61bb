"""`manage.py bench_queue`: the staff queue at scale, timed through the whole Django stack
(middleware, admin, templates) in one process, on the database `make bench` seeds.

Prints p50/p95 over --runs requests for: the queue's first page as a supervisor (every open
complaint) and as a department officer, an Arabic word search written with and without hamza
and diacritics, and a lookup by reference, by CPR and by mobile.
"""

import shlex
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchmarks import pages, seed
from complaints.models import Complaint

QUEUE = "/admin/complaints/complaint/"


class Command(BaseCommand):
    help = "Times the staff queue's pages on N complaints (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--complaints", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        command = "python manage.py bench_queue " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        added, elapsed = pages.prepare_database(options["complaints"])
        total = Complaint.objects.count()
        self.stdout.write(f"command: {command}")
        self.stdout.write(f"complaints in the database: {total:,}" + (f" ({added:,} seeded in {elapsed:.0f} s)"
                                                                      if added else ""))
        sample = Complaint.objects.filter(external_reference__startswith=seed.BENCH_PREFIX,
                                          citizen__isnull=False).select_related("citizen").order_by("pk")[
            options["complaints"] // 2]
        users = get_user_model().objects
        cases = [
            ("queue, first page, supervisor (all open)", users.get(username="admin"), {}),
            ("queue, first page, department officer", users.get(username="department-officer"), {}),
            ("queue, overdue filter, supervisor", users.get(username="admin"), {"sla": "overdue"}),
            ("Arabic words, with hamza and diacritics: «تَسرُّب الأمطار»", users.get(username="admin"),
             {"q": "تَسرُّب الأمطار"}),
            ("Arabic words, plain spelling: «تسرب الامطار»", users.get(username="admin"), {"q": "تسرب الامطار"}),
            ("Arabic word and a place: «مضخة مدينة عيسى»", users.get(username="admin"), {"q": "مضخة مدينة عيسى"}),
            ("lookup by reference", users.get(username="admin"), {"q": sample.display_reference}),
            ("lookup by CPR", users.get(username="admin"), {"q": sample.citizen.cpr}),
            ("lookup by mobile", users.get(username="admin"), {"q": sample.contact_mobile}),
        ]
        for label, user, params in cases:
            timed = pages.time_page(user, QUEUE, params=params, runs=options["runs"])
            rows = timed.last_page.count(b'name="_selected_action"')
            self.stdout.write(f"{label:<62} p50 {timed.p50:6.1f} ms  p95 {timed.p95:6.1f} ms  ({rows} on the page)")
