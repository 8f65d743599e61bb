"""Open311 GeoReport v2: categories are services, complaints submitted by civic apps are service
requests. This module only translates: a submission into an IntakeRequest (the `web` channel,
with the app's short name in the channel reference), and a complaint into the spec's fields.

Only complaints that came through Open311 are listed, and only their public facts: status,
category, department and dates. The citizen's words and details never leave through it.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from complaints import intake
from complaints.models import ANSWERED_STATUSES as ANSWERED
from complaints.models import Category, Complaint, Language

REFERENCE_PREFIX = "open311:"
SUBJECT_LENGTH = 120
DEFAULT_WINDOW_DAYS = 90
MAX_REQUESTS = 1000

# The extra fields a service asks for (GeoReport "attributes"), the same for every category.
ATTRIBUTES = (
    {"code": "cpr", "datatype": "string", "required": False, "order": 1,
     "description": "CPR number (9 digits): links the request to the citizen's record; needs first_name "
                    "and last_name", "datatype_description": "9 digits"},
    {"code": "housing_application_number", "datatype": "string", "required": False, "order": 2,
     "description": "Housing application number, if the request is about one", "datatype_description": ""},
    {"code": "kind", "datatype": "singlevaluelist", "required": False, "order": 3,
     "description": "Complaint (the default), inquiry or suggestion", "datatype_description": "",
     "values": [{"key": value, "name": str(label)} for value, label in Complaint.Kind.choices]},
)
ATTRIBUTE_CODES = tuple(attribute["code"] for attribute in ATTRIBUTES)


def services() -> list[dict]:
    return [service(category) for category in
            Category.objects.filter(is_active=True).select_related("default_department").order_by("code")]


def service(category: Category) -> dict:
    return {"service_code": category.code, "service_name": category.name,
            "description": category.name_en if category.name != category.name_en else category.name_ar,
            "metadata": True, "type": "realtime", "keywords": "",
            "group": category.default_department.name if category.default_department else ""}


def service_definition(category: Category) -> dict:
    return {"service_code": category.code,
            "attributes": [{"variable": True, "values": [], **attribute} for attribute in ATTRIBUTES]}


@dataclass(frozen=True)
class Submission:
    """A POST to requests.json once its fields are checked (open311_views.SubmissionInput)."""

    client_slug: str
    category: Category
    description: str
    lat: float | None = None
    long: float | None = None
    address_string: str = ""
    address_id: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    media_url: str = ""
    attributes: dict | None = None
    idempotency_key: str = ""


def intake_request(submission: Submission) -> intake.IntakeRequest:
    attributes = submission.attributes or {}
    language = Language.ENGLISH if (get_language() or "").startswith("en") else Language.ARABIC
    citizen = None
    if attributes.get("cpr"):
        citizen = intake.CitizenDetails(
            name=f"{submission.first_name} {submission.last_name}".strip(), cpr=attributes["cpr"],
            mobile=submission.phone, email=submission.email, preferred_language=language)
    first_line = submission.description.strip().splitlines()[0] if submission.description.strip() else ""
    return intake.IntakeRequest(
        channel=Complaint.Channel.WEB, subject=first_line[:SUBJECT_LENGTH], body=_body(submission),
        kind=attributes.get("kind") or Complaint.Kind.COMPLAINT, language=language, category=submission.category,
        citizen=citizen, housing_application_number=attributes.get("housing_application_number", ""),
        external_reference=f"{REFERENCE_PREFIX}{submission.client_slug}:"
                           f"{submission.idempotency_key or uuid.uuid4().hex}",
    )


def record_of(submission: Submission, request: intake.IntakeRequest) -> dict:
    """The submission as JSON, to keep as a dead letter when it fails after being accepted: enough
    to make the same request again (same reference, same language), after a correction or not."""
    fields = {name: getattr(submission, name) for name in (
        "description", "lat", "long", "address_string", "address_id", "first_name", "last_name", "email", "phone",
        "media_url")}
    return {"client": submission.client_slug, "service_code": submission.category.code, **fields,
            "attributes": submission.attributes or {}, "language": request.language,
            "idempotency_key": request.external_reference.split(":", 2)[2]}


def receive_record(record: dict) -> intake.IntakeResult:
    """Makes the complaint of a kept submission (record_of); ValidationError when it is wrong."""
    category = Category.objects.filter(code=record.get("service_code"), is_active=True).first()
    if category is None:
        raise ValidationError({"service_code": [_("There is no service with this code.")]})
    fields = {name: record.get(name) or "" for name in (
        "description", "address_string", "address_id", "first_name", "last_name", "email", "phone", "media_url")}
    submission = Submission(client_slug=str(record["client"]), category=category, lat=record.get("lat"),
                            long=record.get("long"), attributes=record.get("attributes") or {},
                            idempotency_key=str(record["idempotency_key"]), **fields)
    with translation.override(record.get("language") or Language.ARABIC):
        return intake.receive(intake_request(submission))


def _body(submission: Submission) -> str:
    """The description, with where it is and the app's photo link below it: the complaint has no
    columns of its own for them."""
    lines = [submission.description.strip(), ""]
    if submission.address_string.strip():
        lines.append(f"{_('Address')}: {submission.address_string.strip()}")
    if submission.address_id.strip():
        lines.append(f"{_('Address id')}: {submission.address_id.strip()}")
    if submission.lat is not None and submission.long is not None:
        lines.append(f"{_('Location')}: {submission.lat:.6f},{submission.long:.6f}")
    if submission.media_url.strip():
        lines.append(f"{_('Photo')}: {submission.media_url.strip()}")
    return "\n".join(lines).strip()


def submitted_through_open311():
    return Complaint.objects.filter(channel=Complaint.Channel.WEB, external_reference__startswith=REFERENCE_PREFIX)


def service_request(complaint: Complaint) -> dict:
    """A complaint as a GeoReport v2 service request: public facts only."""
    answered = complaint.status in ANSWERED
    return {
        "service_request_id": complaint.display_reference,
        "status": "closed" if answered else "open",
        "status_notes": status_notes(complaint),
        "service_name": complaint.category.name if complaint.category else None,
        "service_code": complaint.category.code if complaint.category else None,
        "description": None,
        "agency_responsible": complaint.department.name if complaint.department else None,
        "service_notice": None,
        "requested_datetime": _datetime(complaint.received_at),
        "updated_datetime": _datetime(complaint.updated_at),
        "expected_datetime": None if answered else _datetime(complaint.due_at),
        "address": None, "address_id": None, "zipcode": None, "lat": None, "long": None, "media_url": None,
    }


def status_notes(complaint: Complaint) -> str:
    if complaint.status == Complaint.Status.MERGED and complaint.master_id:
        return _("Merged into complaint %(reference)s.") % {"reference": complaint.master.display_reference}
    if complaint.status == Complaint.Status.AWAITING_CITIZEN:
        return _("The ministry has asked the citizen for information; the answer period is paused.")
    return str(Complaint.Status(complaint.status).label)


def service_notice(complaint: Complaint) -> str:
    return _("Received as complaint %(reference)s; the ministry answers by %(date)s.") % {
        "reference": complaint.display_reference, "date": timezone.localtime(complaint.due_at).date().isoformat()}


def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None
