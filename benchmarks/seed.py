"""Seeds a large PostgreSQL database for the benchmarks, with COPY: N open complaints received
over the last year (default 30-day answer period, so most are overdue and about 1/365 of them
cross each threshold on any day), a citizen for most of them (CPR and mobile), their SLA clocks
and their normalised search texts. Bodies end with a place, block and road drawn at random, so a
word search is as selective as on real text."""

import io
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction

from complaints import search
from complaints.models import Category, Citizen, Complaint
from complaints.values import references
from housing_portal.demo import core_data

YEAR_SECONDS = 365 * 86400
COPY_BATCH = 50_000
COMPLAINTS_PER_CITIZEN = 4
ANONYMOUS_SHARE = 10  # one complaint in ten has no citizen (a letter without a CPR, a social post)
BENCH_PREFIX = "bench-"
PLACES = ("مدينة عيسى", "مدينة حمد", "مدينة سلمان", "الرفاع", "سترة", "المحرق", "عالي", "جدحفص", "سند",
          "البديع", "الحد", "توبلي", "Isa Town", "Hamad Town", "Salman City", "Muharraq", "Sitra", "Riffa")
CPR_BASE = 600_000_000


def existing_bench_complaints() -> int:
    return Complaint.objects.filter(external_reference__startswith=BENCH_PREFIX).count()


class Seeder:
    def __init__(self, *, now, rng, plan):
        self.now, self.rng, self.plan = now, rng, plan

    def seed(self, target: int) -> tuple[int, float]:
        """Adds complaints until `target` bench complaints exist; returns (added, seconds)."""
        existing = existing_bench_complaints()
        missing = target - existing
        if missing <= 0:
            return 0, 0.0
        started = time.monotonic()
        categories = list(Category.objects.select_related("default_department"))
        used = set(Complaint.objects.values_list("reference", flat=True))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("LOCK TABLE complaints_complaint IN EXCLUSIVE MODE")
            first_id = self._next_id(cursor, "complaints_complaint")
            first_citizen_id = self._next_id(cursor, "complaints_citizen")
            for start in range(existing, target, COPY_BATCH):
                buffers = {name: io.StringIO() for name in ("citizens", "complaints", "clocks", "texts")}
                for n in range(start, min(start + COPY_BATCH, target)):
                    self._write_rows(buffers, pk=first_id + n - existing, n=n, categories=categories, used=used,
                                     citizen_id=first_citizen_id + n // COMPLAINTS_PER_CITIZEN)
                for table, columns, name in (
                    ("complaints_citizen", CITIZEN_COLUMNS, "citizens"),
                    ("complaints_complaint", COMPLAINT_COLUMNS, "complaints"),
                    ("complaints_slaclock", CLOCK_COLUMNS, "clocks"),
                    ("complaints_searchtext", TEXT_COLUMNS, "texts"),
                ):
                    buffers[name].seek(0)
                    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffers[name])
            for table in ("complaints_complaint", "complaints_citizen"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
            for table in ("complaints_complaint", "complaints_slaclock", "complaints_citizen", "complaints_searchtext"):
                cursor.execute(f"ANALYZE {table}")
        return missing, time.monotonic() - started

    @staticmethod
    def _next_id(cursor, table) -> int:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
        return cursor.fetchone()[0] + 1

    def _write_rows(self, buffers, *, pk, n, categories, used, citizen_id):
        subject, body, kind, _category_code, language = core_data.COMPLAINT_TEMPLATES[
            n % len(core_data.COMPLAINT_TEMPLATES)]
        body = f"{body} {self.rng.choice(PLACES)} {self.rng.randrange(100, 1300)} {self.rng.randrange(1, 4000)}"
        category = categories[n % len(categories)]
        received = self.now - timedelta(seconds=self.rng.randrange(YEAR_SECONDS))
        due = received + timedelta(days=settings.SLA_DEFAULT_DAYS)
        stage = self.plan.stage_at(due, self.now)
        next_action = self.plan.next_action_at(due, stage)
        reference = self._unused_reference(received.year, used)
        if n % COMPLAINTS_PER_CITIZEN == 0:
            buffers["citizens"].write(_row(citizen_id, f"Citizen {citizen_id}", bench_cpr(citizen_id),
                                           bench_mobile(citizen_id), "", language, self.now.isoformat()))
        anonymous = n % ANONYMOUS_SHARE == ANONYMOUS_SHARE - 1
        buffers["complaints"].write(_row(
            pk, reference, kind, demo_data_channel(n), "in_progress" if n % 3 else "routed", _escape(subject),
            _escape(body), language, "" if anonymous else bench_mobile(citizen_id), "", category.pk,
            category.default_department_id, received.isoformat(), due.isoformat(), f"{BENCH_PREFIX}{n}", "f",
            self.now.isoformat(), r"\N" if anonymous else citizen_id, "",
        ))
        buffers["clocks"].write(_row(pk, due.isoformat(), stage, next_action.isoformat() if next_action else r"\N",
                                     due.isoformat() if stage == self.plan.breach_stage else r"\N"))
        buffers["texts"].write(_row(pk, _escape(" " + " ".join(search.bare_words(f"{subject}\n{body}")))))

    @staticmethod
    def _unused_reference(year, used) -> str:
        while True:
            reference = references.new_reference(year)
            if reference not in used:
                used.add(reference)
                return reference


COMPLAINT_COLUMNS = ("id", "reference", "kind", "channel", "status", "subject", "body", "language",
                     "contact_mobile", "contact_email", "category_id", "department_id", "received_at",
                     "due_at", "external_reference", "is_urgent", "updated_at", "citizen_id",
                     "housing_application_number")
CLOCK_COLUMNS = ("complaint_id", "due_at", "stage", "next_action_at", "breached_at")
CITIZEN_COLUMNS = ("id", "name", "cpr", "mobile", "email", "preferred_language", "created_at")
TEXT_COLUMNS = ("complaint_id", "text")


def bench_cpr(citizen_id: int) -> str:
    return str(CPR_BASE + citizen_id)


def bench_mobile(citizen_id: int) -> str:
    return f"+9733{citizen_id % 10_000_000:07d}"


def demo_data_channel(n):
    channels = Complaint.Channel.values
    return channels[n % len(channels)]


def _row(*values) -> str:
    return "\t".join(str(value) for value in values) + "\n"


def _escape(text):
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


assert Citizen._meta.get_field("cpr").max_length == len(bench_cpr(1))
