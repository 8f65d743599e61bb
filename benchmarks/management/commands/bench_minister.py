"""`manage.py bench_minister`: the minister's office triage dashboard at scale, timed through the
whole Django stack in one process, on the database `make bench` seeds.

Ensures N bench complaints (benchmarks.seed), of which --urgent are marked urgent with an
urgency standing and a referral to follow up, and some overdue answers escalated to the office,
all written in SQL; then
prints p50/p95 over --runs requests of the dashboard and of one urgent case's office page.
"""

import shlex
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from benchmarks import pages, seed
from complaints.models import Complaint

DASHBOARD = "/ar/minister/"
ESCALATED = 2_000


class Command(BaseCommand):
    help = "Times the minister's office dashboard on N complaints, some urgent (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--complaints", type=int, default=1_000_000)
        parser.add_argument("--urgent", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        command = "python manage.py bench_minister " + " ".join(shlex.quote(a) for a in sys.argv[2:])
        added, elapsed = pages.prepare_database(options["complaints"])
        urgent = mark_urgent(options["urgent"])
        self.stdout.write(f"command: {command}")
        self.stdout.write(f"complaints in the database: {Complaint.objects.count():,}"
                          + (f" ({added:,} seeded in {elapsed:.0f} s)" if added else "")
                          + f", open urgent: {urgent:,}")
        office = get_user_model().objects.get(username="ministers-office")
        case = (Complaint.objects.filter(is_urgent=True, external_reference__startswith=seed.BENCH_PREFIX)
                .order_by("pk").first())
        for label, url in (("triage dashboard (ministers-office)", DASHBOARD),
                           ("office case page of an urgent case", f"/ar/minister/cases/{case.reference}/")):
            timed = pages.time_page(office, url, runs=options["runs"])
            self.stdout.write(f"{label:<44} p50 {timed.p50:6.1f} ms  p95 {timed.p95:6.1f} ms")


def mark_urgent(target: int) -> int:
    """Marks bench complaints urgent until `target` open ones are, gives each a standing (a score
    spread over 50-109) and a referral with a follow-up date, and escalates some overdue answers;
    returns the open urgent count."""
    open_statuses = "('new', 'routed', 'in_progress', 'awaiting_citizen', 'responded', 'reopened')"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM complaints_complaint WHERE is_urgent AND status IN {open_statuses}")
        missing = target - cursor.fetchone()[0]
        if missing > 0:
            cursor.execute(f"""
                WITH picked AS (
                    SELECT id FROM complaints_complaint
                    WHERE id %% 97 = 0 AND NOT is_urgent AND status IN {open_statuses}
                      AND external_reference LIKE %s LIMIT %s)
                UPDATE complaints_complaint c SET is_urgent = true FROM picked WHERE c.id = picked.id
                """, [seed.BENCH_PREFIX + "%", missing])
        cursor.execute(f"""
            INSERT INTO minister_office_urgencystanding (complaint_id, score, urgent, assessed_at)
            SELECT id, 50 + (id * 7919) % 60, true, now() FROM complaints_complaint
            WHERE is_urgent AND status IN {open_statuses}
            ON CONFLICT DO NOTHING""")
        cursor.execute("SELECT count(*) FROM minister_office_slaescalation WHERE acknowledged_at IS NULL")
        if cursor.fetchone()[0] < ESCALATED:
            cursor.execute("""
                INSERT INTO minister_office_slaescalation (complaint_id, escalated_at)
                SELECT complaint_id, breached_at FROM complaints_slaclock
                WHERE breached_at IS NOT NULL ORDER BY breached_at DESC LIMIT %s
                ON CONFLICT DO NOTHING""", [ESCALATED])
        # Each urgent case referred to its own department, followed up on a day of the last month.
        cursor.execute(f"""
            INSERT INTO complaints_referral (complaint_id, department_id, is_lead, referred_at, note, answer,
                                             follow_up_on)
            SELECT id, department_id, true, now(), '', '', current_date - (id %% 30)::int FROM complaints_complaint
            WHERE is_urgent AND status IN {open_statuses} AND department_id IS NOT NULL
            ON CONFLICT DO NOTHING""", [])
        cursor.execute(f"SELECT count(*) FROM complaints_complaint WHERE is_urgent AND status IN {open_statuses}")
        urgent = cursor.fetchone()[0]
    with connection.cursor() as cursor:
        # As autovacuum would after such a change: statistics, and the visibility map that lets
        # the urgent queue read its order from the partial index alone.
        for table in ("complaints_complaint", "complaints_referral", "minister_office_urgencystanding",
                      "minister_office_slaescalation"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return urgent
