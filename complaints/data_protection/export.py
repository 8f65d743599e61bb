"""Everything the ministry holds about one CPR, and nothing about anyone else: the citizen's
record, their complaints (found by the citizen's CPR, never by a shared mobile or name) and
what every holder keeps about those complaints, as JSON with labels in Arabic and English, and
in a zip with the files that are still stored. Each export is written in the access records."""

import io
import json
import zipfile

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.data_protection import labels, registry
from complaints.files import private_files
from complaints.models import AccessRecord, Citizen, Complaint, Language
from complaints.security import access_records

FORMAT_VERSION = 1


def find_citizen(cpr: str) -> Citizen | None:
    """The citizen with this CPR (intake links every complaint to its citizen as it stores it)."""
    return Citizen.objects.filter(cpr=cpr).first()


def complaint_ids_of(citizen: Citizen) -> list[int]:
    return list(Complaint.objects.filter(citizen=citizen).order_by("received_at", "pk").values_list("pk", flat=True))


def export_data(citizen: Citizen, *, now=None) -> dict:
    ids = complaint_ids_of(citizen)
    data = {
        "format": FORMAT_VERSION,
        "exported_at": (now or timezone.now()).isoformat(),
        "title": labels.both(_("Personal data held by the Ministry of Housing")),
        "citizen": {
            "name": citizen.name, "cpr": citizen.cpr, "mobile": citizen.mobile, "email": citizen.email,
            "preferred_language": labels.choice(Language.choices, citizen.preferred_language),
            "known_since": citizen.created_at.isoformat(),
            "personal_data_removed_at": citizen.anonymised_at.isoformat() if citizen.anonymised_at else None,
        },
        "complaints": [_complaint(complaint) for complaint in Complaint.objects.filter(pk__in=ids).select_related(
            "category", "department", "master").order_by("received_at", "pk")],
    }
    for holder in registry.holders():
        data.update(holder.export(citizen, ids))
    data["sections"] = {name: labels.both(SECTION_LABELS.get(name, name)) for name in data
                        if name not in ("format", "exported_at", "title", "sections")}
    return data


def _complaint(complaint: Complaint) -> dict:
    return {
        "reference": complaint.display_reference,
        "kind": labels.choice(Complaint.Kind.choices, complaint.kind),
        "channel": labels.choice(Complaint.Channel.choices, complaint.channel),
        "status": labels.choice(Complaint.Status.choices, complaint.status),
        "subject": complaint.subject, "details": complaint.body, "language": complaint.language,
        "contact_mobile": complaint.contact_mobile, "contact_email": complaint.contact_email,
        "housing_application_number": complaint.housing_application_number,
        "category": _named(complaint.category), "department": _named(complaint.department),
        "received_at": complaint.received_at.isoformat(), "answer_due": complaint.due_at.isoformat(),
        "answered_at": complaint.responded_at.isoformat() if complaint.responded_at else None,
        "urgent": complaint.is_urgent,
        # Only the reference of the case it joined: that case may be another citizen's.
        "merged_into": complaint.master.display_reference if complaint.master_id else None,
        "personal_data_removed_at": complaint.anonymised_at.isoformat() if complaint.anonymised_at else None,
    }


def _named(thing) -> dict | None:
    return {"ar": thing.name_ar, "en": thing.name_en} if thing else None


def export_json(citizen: Citizen, *, now=None) -> str:
    return json.dumps(export_data(citizen, now=now), ensure_ascii=False, indent=2)


def export_zip(citizen: Citizen, *, now=None) -> bytes:
    """data.json and, under files/, every file of the citizen's complaints still stored."""
    data = export_data(citizen, now=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        found = []
        for index, stored in enumerate(_files(citizen), start=1):
            name = f"files/{index:03d}-{stored.kind}-{_safe(stored.name)}"
            with stored.file.open("rb") as handle:
                archive.writestr(name, handle.read())
            found.append({"file": name, "kind": stored.kind, "complaint": stored.complaint_id and
                          Complaint.objects.get(pk=stored.complaint_id).display_reference})
        data["files"] = found
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _files(citizen: Citizen) -> list:
    stored = []
    for complaint in Complaint.objects.filter(citizen=citizen).order_by("received_at", "pk"):
        stored += [found for found in private_files.of_complaint(complaint) if found.file]
    return stored


def _safe(name: str) -> str:
    """A file name safe inside the zip: no folders, no control characters."""
    kept = "".join(ch for ch in name.replace("/", "_").replace("\\", "_") if ch.isprintable())
    return kept.lstrip(".")[:100] or "file"


def record_export(*, user, citizen: Citizen, now=None) -> None:
    """One access record per complaint exported (naming no file, no value), or one for the
    citizen alone when they have no complaint."""
    detail = f"citizen {citizen.pk}"
    ids = complaint_ids_of(citizen)
    for complaint in Complaint.objects.filter(pk__in=ids) or [None]:
        access_records.record(user=user, what=AccessRecord.What.EXPORTED_DATA, complaint=complaint, detail=detail,
                              now=now)


SECTION_LABELS = {
    "citizen": _("The citizen"), "complaints": _("Complaints"), "events": _("Timeline"),
    "replies": _("The ministry's replies"), "ratings": _("Ratings"), "notifications": _("Messages sent"),
    "referrals": _("Referrals to departments"), "attachments": _("Attachments"),
    "access_to_your_data": _("Who at the ministry opened this data"), "calls": _("Calls to the hotline"),
    "channel_items_as_received": _("Items as received from the channels"),
    "social_media_posts": _("Social media posts"), "taht_amrak_letters": _("Taht Amrak letters"),
    "press_items": _("Press, radio and TV items"), "urgency_studies": _("Urgency studies of the family"),
    "council_invitations": _("Ministry Council hearings"), "ministers_directives": _("The minister's directives"),
    "files": _("Files"),
}
