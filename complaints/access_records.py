"""Who saw a citizen's personal data: one append-only row per look (see models.AccessRecord)."""

from django.utils import timezone

from .models import AccessRecord, Complaint


def record(*, user, what: str, complaint: Complaint | None, detail: str = "", now=None) -> AccessRecord:
    return AccessRecord.objects.create(user=user, what=what, complaint=complaint, detail=detail[:300],
                                       at=now or timezone.now())


def of_complaint(complaint: Complaint, *, limit: int = 50) -> list[AccessRecord]:
    return list(complaint.access_records.select_related("user").order_by("-at", "-id")[:limit])
