"""What staff ask of citizens and what citizens do in return: answer a request for information,
rate the ministry's answer. Each in one transaction, with its event and its notification."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints import lifecycle
from complaints.files import uploads
from complaints.models import Complaint, ComplaintEvent, Department, Notification, Rating
from complaints.notifications import to_citizens
from complaints.services import DomainError

POOR_SCORE = 2
REVIEW_WINDOW = timedelta(days=14)
Status = Complaint.Status


def request_information(*, complaint: Complaint, by, question: str, now=None) -> ComplaintEvent:
    """Staff ask the citizen for more; the SLA clock pauses until the citizen answers."""
    now = now or timezone.now()
    if not question.strip():
        raise DomainError(_("Write what you need from the citizen."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        event = lifecycle.change_status(complaint, Status.AWAITING_CITIZEN, by=by, now=now, is_public=True,
                                        kind=ComplaintEvent.Kind.INFORMATION_REQUESTED, note=question.strip())
        to_citizens.queue(complaint, Notification.Kind.INFORMATION_REQUESTED, cause=f"event:{event.pk}",
                                    now=now)
        return event


def add_information(*, complaint: Complaint, text: str, files=(), now=None) -> ComplaintEvent:
    """The citizen adds text and files to an open complaint: the answer to a request for
    information (the clock then resumes with the time that was left), or more on the same
    matter instead of a second complaint."""
    now = now or timezone.now()
    if not text.strip() and not files:
        raise DomainError(_("Write your answer or attach a file."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not lifecycle.is_open(complaint.status) or complaint.status == Status.RESPONDED:
            raise DomainError(_("This complaint is no longer open: send a new one."))
        uploads.attach(complaint, files)
        event_fields = {"kind": ComplaintEvent.Kind.CITIZEN_ANSWERED, "note": text.strip(), "is_public": True,
                        "data": {"files": len(files)}}
        if complaint.status == Status.AWAITING_CITIZEN:
            return lifecycle.change_status(complaint, Status.IN_PROGRESS, by=None, now=now, **event_fields)
        return ComplaintEvent.objects.create(complaint=complaint, created_at=now, **event_fields)


def open_complaint_on_the_same_matter(*, cpr: str, mobile: str, category_id: int) -> Complaint | None:
    """The citizen's open complaint in the same category, if the same mobile sent it: offered
    before a second one is sent. The mobile must match, as on the tracking page, so that typing
    someone's CPR reveals nothing."""
    return (Complaint.objects.open().exclude(status=Status.RESPONDED)
            .filter(citizen__cpr=cpr, contact_mobile=mobile, category_id=category_id)
            .order_by("-received_at").first())


def can_rate(complaint: Complaint) -> bool:
    return (complaint.responded_at is not None and complaint.status in (Status.RESPONDED, Status.CLOSED)
            and not complaint.ratings.filter(responded_at=complaint.responded_at).exists())


def rate_answer(*, complaint: Complaint, score: int, comment: str = "", now=None) -> Rating:
    """The citizen rates the answer. A poor rating within 14 days of it reopens the case for the
    complaints unit's supervisor to review."""
    now = now or timezone.now()
    if score not in range(1, 6):
        raise DomainError(_("Choose a score from 1 to 5."))
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not can_rate(complaint):
            raise DomainError(_("This answer cannot be rated (again)."))
        rating = Rating.objects.create(complaint=complaint, responded_at=complaint.responded_at, score=score,
                                       comment=comment.strip(), created_at=now)
        ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.RATED, created_at=now,
                                      is_public=True, note=comment.strip(), data={"score": score})
        if score <= POOR_SCORE and now - complaint.responded_at <= REVIEW_WINDOW:
            complaint.department = Department.objects.get(code=Department.COMPLAINTS_UNIT)
            complaint.assignee = None
            lifecycle.change_status(complaint, Status.REOPENED, by=None, now=now, is_public=True,
                                    note=_("Reopened after a poor rating, for review by the complaints unit's "
                                           "supervisor."), update_fields=("department", "assignee"))
        return rating
