"""`manage.py bench_retention [--complaints N]`: how fast the retention policy anonymises.

Seeds N closed complaints whose period is over (two per citizen; each with three timeline notes,
a reply, a rating, a notification and its search text; one in 50 with an attached file), then runs
the policy once and prints the rate, with the query plan of the batch selection on PostgreSQL.
Not part of `make test`. Use a database of its own: it adds rows and anonymises them.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from complaints.data_protection import retention
from complaints.models import (
    Attachment,
    Citizen,
    Complaint,
    ComplaintEvent,
    Department,
    Notification,
    Rating,
    Reply,
    SearchText,
)
from complaints.values import references

PREFIX = "bench-retention-"


class Command(BaseCommand):
    help = "Seeds N closed complaints past the retention period and times one retention run."

    def add_arguments(self, parser):
        parser.add_argument("--complaints", type=int, default=5000)
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, complaints=5000, batch_size=None, **options):
        from django.contrib.auth import get_user_model

        now = timezone.now()
        author, _ = get_user_model().objects.get_or_create(username="bench-retention", defaults={"is_staff": True})
        seeded_at = time.monotonic()
        self._seed(complaints, now=now, author=author)
        self.stdout.write(f"seeded {complaints} closed complaints in {time.monotonic() - seeded_at:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE complaints_complaint")
            sql, params = (Complaint.objects.filter(status="closed", anonymised_at__isnull=True,
                                                    updated_at__lt=retention.cutoff_for(now))
                           .order_by("updated_at", "pk").values_list("updated_at", "pk")[:500].query.sql_with_params())
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            self.stdout.write(f"batch selection plan:\n{plan}")
        started = time.monotonic()
        run = retention.apply_retention(now=now, batch_size=batch_size)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"retention: {run.complaints} complaints, {run.citizens} citizens, {run.files} files in {seconds:.1f} s "
            f"= {run.complaints / seconds:.0f} complaints/s (batch {batch_size or settings.RETENTION_BATCH_SIZE}); "
            f"at that rate 1,000,000 take {1_000_000 / (run.complaints / seconds) / 60:.0f} min")
        self.stdout.write("command: python manage.py bench_retention --complaints " + str(complaints))

    def _seed(self, count, *, now, author):
        department = Department.objects.first() or Department.objects.create(code="bench", name_ar="إدارة",
                                                                             name_en="Department")
        old = now - timedelta(days=settings.RETENTION_CLOSED_DAYS + 30)
        stamp = int(now.timestamp())
        used = set(Complaint.objects.values_list("reference", flat=True))

        def unused_reference():
            while (reference := references.new_reference(old.year)) in used:
                pass
            used.add(reference)
            return reference

        for start in range(0, count, 1000):
            size = min(1000, count - start)
            with transaction.atomic():
                citizens = Citizen.objects.bulk_create([
                    Citizen(name=f"مواطن {start + n}", cpr=f"{700_000_000 + (stamp % 10_000) * 20_000 + start + n}"[:9],
                            mobile="+97339123456", email="c@example.com") for n in range(0, size, 2)])
                rows = Complaint.objects.bulk_create([Complaint(
                    reference=unused_reference(), channel="web", status="closed",
                    subject="تسرب مياه في الشقة", body="اسمي فاطمة وأسكن في مدينة عيسى، مجمع 801 طريق 12",
                    citizen=citizens[n // 2], contact_mobile="+97339123456", contact_email="c@example.com",
                    department=department, received_at=old - timedelta(days=40), due_at=old - timedelta(days=10),
                    responded_at=old - timedelta(days=20), external_reference=f"{PREFIX}{stamp}-{start + n}",
                ) for n in range(size)])
                ids = [row.pk for row in rows]
                Complaint.objects.filter(pk__in=ids).update(updated_at=old)
                ComplaintEvent.objects.bulk_create([ComplaintEvent(
                    complaint_id=pk, kind=kind, created_at=old, note="ابني مريض بالربو")
                    for pk in ids for kind in ("submitted", "citizen_answered", "rated")])
                Reply.objects.bulk_create([Reply(complaint_id=pk, text="عزيزتي فاطمة", language="ar", author=author,
                                                 created_at=old) for pk in ids])
                Rating.objects.bulk_create([Rating(complaint_id=pk, responded_at=old, score=4, comment="شكرا",
                                                   created_at=old) for pk in ids])
                Notification.objects.bulk_create([Notification(
                    complaint_id=pk, kind="replied", channel="sms", recipient="+97339123456", language="ar",
                    cause=f"bench-{pk}", created_at=old, sent_at=old) for pk in ids])
                SearchText.objects.bulk_create([SearchText(complaint_id=pk, text="تسرب مياه") for pk in ids])
                for pk in ids[::50]:
                    attachment = Attachment(complaint_id=pk, original_name="عقد.pdf", content_type="application/pdf",
                                            size=8)
                    attachment.file.save("lease.pdf", ContentFile(b"%PDF-1.4"))
