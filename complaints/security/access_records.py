"""Who saw a citizen's personal data: one append-only row per look (see models.AccessRecord)."""

from django.utils import timezone

from complaints.models import AccessRecord, Complaint


def record(*, user, what: str, complaint: Complaint | None, detail: str = "", now=None) -> AccessRecord:
    return AccessRecord.objects.create(user=user, what=what, complaint=complaint, detail=detail[:300],
                                       at=now or timezone.now())


def record_when_shown(response, *, user, what: str, complaint: Complaint):
    """Writes the record once the template response has rendered, and returns the response: a page
    that failed to render showed nobody the citizen's data, so the audit must not say it did."""

    def record_rendered(_response):
        record(user=user, what=what, complaint=complaint)  # returns None: the response stays as it is

    response.add_post_render_callback(record_rendered)
    return response


def of_complaint(complaint: Complaint, *, limit: int = 50) -> list[AccessRecord]:
    return list(complaint.access_records.select_related("user").order_by("-at", "-id")[:limit])
