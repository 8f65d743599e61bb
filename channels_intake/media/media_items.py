"""Press, radio and TV monitoring: monitors log what the media say about the ministry, then
forward an item to a department or turn it into a complaint, which forwards the item to the
department the complaint is routed to."""

from django.core.files import File
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_intake.models import MediaItem
from channels_intake.social import posts
from complaints import intake, services
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Category, Complaint, Department, Language


def complaint_draft(item: MediaItem) -> dict:
    source = " · ".join(filter(None, [item.outlet, item.get_medium_display(), item.published_on.isoformat(),
                                      item.page_or_programme]))
    return {"subject": item.headline[:intake.SUBJECT_MAX], "body": f"{item.excerpt}\n\n{source}",
            "language": posts.language_of(f"{item.headline} {item.excerpt}"), "kind": Complaint.Kind.COMPLAINT}


def convert_item(*, item: MediaItem, by, subject: str, body: str, kind: str = Complaint.Kind.COMPLAINT,
                 language: str = Language.ARABIC, category: Category | None = None,
                 citizen: CitizenDetails | None = None, now=None) -> Complaint:
    """Makes the item's complaint, once, with the clipping attached; an item converted already
    returns its complaint. ValidationError (per field, from the intake service) changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        item = MediaItem.objects.select_for_update().get(pk=item.pk)
        if item.complaint_id:
            return item.complaint
        clipping = _clipping_upload(item)
        try:
            result = intake.receive(IntakeRequest(
                channel=Complaint.Channel.MEDIA, external_reference=item.external_reference, subject=subject,
                body=body, kind=kind, language=language, category=category, citizen=citizen, by=by,
                received_at=item.logged_at, attachments=(clipping,) if clipping else (),
            ), now=now)
        finally:
            if clipping:
                clipping.close()
        item.complaint = result.complaint
        item.save(update_fields=["complaint"])
    return result.complaint


def _clipping_upload(item: MediaItem) -> File | None:
    """A copy of the clipping for the complaint's attachments, under its own generated name."""
    if not item.clipping:
        return None
    upload = File(item.clipping.storage.open(item.clipping.name, "rb"), name=item.clipping_name or "clipping")
    upload.content_type = item.clipping_type
    return upload


def forward_item(*, item: MediaItem, department: Department, by, now=None) -> MediaItem:
    """Sends the item to a department without a complaint; it appears in that day's digest."""
    now = now or timezone.now()
    with transaction.atomic():
        item = MediaItem.objects.select_for_update().get(pk=item.pk)
        if item.department_id == department.pk:
            return item
        if item.department_id:
            raise services.DomainError(_("This item was forwarded to %(department)s already.")
                                       % {"department": item.department})
        if item.complaint_id:
            raise services.DomainError(_("This item is complaint %(reference)s: it goes to the department the "
                                         "complaint is routed to.") % {"reference": item.complaint.display_reference})
        item.department, item.forwarded_at, item.forwarded_by = department, now, by
        item.save(update_fields=["department", "forwarded_at", "forwarded_by"])
    return item


def forward_routed_items(*, now=None) -> int:
    """Items turned into complaints follow their complaint to the department it was routed to.

    Forwarded at `now` (not at the routing time) so that an item never lands on a day whose
    digest has already gone out."""
    complaint_department = Complaint.objects.filter(pk=OuterRef("complaint_id")).values("department_id")[:1]
    return MediaItem.objects.filter(department__isnull=True, complaint__department__isnull=False).update(
        department=Subquery(complaint_department), forwarded_at=now or timezone.now())
