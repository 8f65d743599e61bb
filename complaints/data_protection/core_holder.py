"""The core's records that hold personal data besides the complaint and the citizen: the
timeline's notes, replies, ratings' comments, notifications' addresses, referrals' notes,
duplicate decisions' notes, attachments and search texts. Registered like any other holder."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.append_only import REDACTED
from complaints.models import (AccessRecord, Attachment, Complaint, ComplaintEvent, DuplicateFlag, Notification, Rating,
                      Referral, Reply, SearchText)
from complaints.data_protection import files, labels, registry


def _redact(queryset, *fields) -> int:
    """Sets each non-empty free text to the redaction mark; returns the rows changed."""
    filled = Q()
    for name in fields:
        filled |= ~Q(**{name: ""}) & ~Q(**{name: REDACTED})
    return queryset.filter(filled).update(**{name: REDACTED for name in fields})


def anonymise(complaint_ids, *, now, delete_files=True) -> dict:
    events = ComplaintEvent.objects.filter(complaint_id__in=complaint_ids).exclude(note__in=["", REDACTED])
    attachments = Attachment.objects.filter(complaint_id__in=complaint_ids, erased_at__isnull=True)
    deleted = files.delete_stored(attachments.values_list("file", flat=True),
                                  storage=files.storage_of(Attachment, "file"), delete=delete_files)
    return {
        "events": events.redact("note"),
        "replies": _redact(Reply.objects.filter(complaint_id__in=complaint_ids), "text"),
        "ratings": Rating.objects.filter(complaint_id__in=complaint_ids).exclude(comment="").update(comment=""),
        "notifications": Notification.objects.filter(complaint_id__in=complaint_ids).exclude(recipient="")
        .update(recipient="", last_error="", context={}),
        "referrals": _redact(Referral.objects.filter(complaint_id__in=complaint_ids), "note", "answer"),
        "duplicate flags": _redact(DuplicateFlag.objects.filter(
            Q(complaint_id__in=complaint_ids) | Q(original_id__in=complaint_ids)), "note"),
        "attachments": attachments.update(file="", original_name=REDACTED, erased_at=now),
        "search texts": SearchText.objects.filter(complaint_id__in=complaint_ids).delete()[0],
        "files": deleted,
    }


def holds(complaint_ids) -> dict:
    still_open = Complaint.objects.filter(pk__in=complaint_ids).open()
    return {pk: str(_("The complaint is still open.")) for pk in still_open.values_list("pk", flat=True)}


def export(citizen, complaint_ids) -> dict:
    events = ComplaintEvent.objects.filter(complaint_id__in=complaint_ids).select_related(
        "complaint", "from_department", "to_department").order_by("complaint_id", "created_at", "id")
    return {
        "events": [{
            "complaint": event.complaint.display_reference, "at": event.created_at.isoformat(),
            "kind": labels.choice(ComplaintEvent.Kind.choices, event.kind),
            "from_status": labels.choice(Complaint.Status.choices, event.from_status),
            "to_status": labels.choice(Complaint.Status.choices, event.to_status),
            "from_department": _department(event.from_department), "to_department": _department(event.to_department),
            "note": event.note, "shown_to_the_citizen": event.is_public,
        } for event in events],
        "replies": [{
            "complaint": reply.complaint.display_reference, "at": reply.created_at.isoformat(), "text": reply.text,
            "language": reply.language,
        } for reply in Reply.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        "ratings": [{
            "complaint": rating.complaint.display_reference, "at": rating.created_at.isoformat(),
            "score": rating.score, "comment": rating.comment,
        } for rating in Rating.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        "notifications": [{
            "complaint": notification.complaint.display_reference, "kind": labels.choice(
                Notification.Kind.choices, notification.kind),
            "channel": labels.choice(Notification.Channel.choices, notification.channel),
            "to": notification.recipient, "language": notification.language,
            "created_at": notification.created_at.isoformat(),
            "sent_at": notification.sent_at.isoformat() if notification.sent_at else None,
        } for notification in Notification.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")
            .order_by("created_at", "id")],
        "referrals": [{
            "complaint": referral.complaint.display_reference, "department": _department(referral.department),
            "lead": referral.is_lead, "referred_at": referral.referred_at.isoformat(),
            "answered_at": referral.answered_at.isoformat() if referral.answered_at else None,
            "answer": referral.answer,
        } for referral in Referral.objects.filter(complaint_id__in=complaint_ids).select_related(
            "complaint", "department")],
        "attachments": [{
            "complaint": attachment.complaint.display_reference, "name": attachment.original_name,
            "type": attachment.content_type, "size": attachment.size,
            "uploaded_at": attachment.uploaded_at.isoformat(),
            "deleted_at": attachment.erased_at.isoformat() if attachment.erased_at else None,
        } for attachment in Attachment.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        # Who at the ministry looked at the citizen's data: when and what, not which member of staff.
        "access_to_your_data": [{
            "complaint": record.complaint.display_reference, "at": record.at.isoformat(),
            "what": labels.choice(AccessRecord.What.choices, record.what),
        } for record in AccessRecord.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")
            .order_by("at", "id")],
    }


def _department(department) -> dict | None:
    return {"ar": department.name_ar, "en": department.name_en} if department else None


def register() -> None:
    registry.register(registry.Holder(name="complaints", anonymise=anonymise, holds=holds, export=export))
