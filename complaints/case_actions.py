"""The case actions: one table of what staff can do to a complaint, read by the back office's case
page (complaints/backoffice/case_page.py, its forms built in admin_forms) and by the staff API
(complaints/api/views.py, its inputs built in api/serializers).

Each action names its inputs, when it is possible and the service it calls. When it is possible
is not decided here: each action asks the rule where it lives, the lifecycle's table of
transitions or the service's own precondition, so staff are never offered what can only fail."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from complaints import citizen_services, duplicates, lifecycle, services
from complaints.models import Complaint, ComplaintEvent, Department, LegalClause, Referral
from complaints.security import access
from complaints.values import references

Status = Complaint.Status

ASSIGN = "assign"
TRANSFER = "transfer"
REQUEST_INFORMATION = "request-information"
REPLY = "reply"
CLOSE = "close"
REOPEN = "reopen"
MERGE = "merge"
MARK_URGENT = "mark-urgent"
UNMARK_URGENT = "unmark-urgent"
# Offered by who the user is rather than by the complaint's status, on the case page only: see
# referrals_to_answer.
ANSWER_REFERRAL = "answer-referral"


@dataclass(frozen=True)
class Input:
    """One field of an action's input: a text, or a choice among rows (`choices`)."""

    name: str
    label: str
    help_text: str = ""
    required: bool = True
    max_length: int | None = None
    rows: int = 3  # height of the text box on the case page
    choices: Callable[[Complaint], QuerySet] | None = None  # the rows that are valid for this complaint
    many: bool = False
    shown_as: Callable[[object], str] = str  # a row as the case page lists it
    # What the case page lists when narrower than what is valid (a transfer to where it is already
    # is refused by the service, with its message, to the API; the page simply does not offer it).
    listed: Callable[[QuerySet, Complaint], QuerySet] | None = None
    # Turns the typed value into what the service takes; raises ValidationError. Given the
    # complaints the user may see.
    clean: Callable[[str, QuerySet], object] | None = None
    description: str = ""  # what the API's OpenAPI schema says of it, in English for integrators


@dataclass(frozen=True)
class CaseAction:
    name: str  # in URLs: /admin/…/<id>/act/<name>/ and /api/v1/complaints/<id>/<name>/
    title: str
    summary: str  # the API operation's summary (OpenAPI)
    inputs: tuple[Input, ...]
    possible: Callable[..., bool]  # (status, *, is_urgent, has_department) -> bool
    call: Callable[[Complaint, dict, object], ComplaintEvent]  # (complaint, cleaned input, by) -> its event
    done: str  # the case page's message afterwards
    intro: str = ""
    input_name: str = ""  # the input's name in the OpenAPI schema, when shared by several actions

    @property
    def api_name(self) -> str:
        return self.name.replace("-", "_")


# --- Inputs ---------------------------------------------------------------------------------------

def officers_of(department_id):
    return (get_user_model().objects
            .filter(is_active=True, is_staff=True, staff_profile__department_id=department_id)
            .order_by("first_name", "last_name", "username"))


def merge_target(typed: str, visible: QuerySet) -> Complaint:
    """The complaint a reference names, among those the user may see."""
    reference = references.parse(typed)
    if reference is None:
        raise ValidationError(_("This is not a valid reference: check the digits."))
    target = visible.filter(reference=reference).first()
    if target is None:
        raise ValidationError(_("There is no complaint with this reference that you can see."))
    return target


def _person(user) -> str:
    return user.get_full_name() or user.get_username()


OFFICER = Input("officer", _("Officer"), choices=lambda complaint: officers_of(complaint.department_id),
                shown_as=_person, description="An officer of the complaint's department.")
NOTE = Input("note", _("Note (staff only)"), required=False, max_length=2000, description="Staff only.")

# --- The service calls ----------------------------------------------------------------------------


def _reply(complaint, data, by) -> ComplaintEvent:
    reply = services.send_reply(complaint=complaint, by=by, text=data["text"],
                                clauses=data.get("clauses") or [])
    return ComplaintEvent.objects.get(complaint=complaint, kind=ComplaintEvent.Kind.REPLIED,
                                      data__reply=reply.pk)


def _merge(complaint, data, by) -> ComplaintEvent:
    duplicates.merge(duplicate=complaint, into=data["reference"], by=by)
    return complaint.events.filter(to_status=Status.MERGED).latest("created_at", "id")


def _becomes(to_status):
    """Possible when the lifecycle allows the move to `to_status`."""
    return lambda status, **facts: lifecycle.can_change(status, to_status)


def _assignable(status, *, has_department, **facts) -> bool:
    return services.may_be_assigned(status, has_department=has_department)


def _transferable(status, **facts) -> bool:
    return services.may_be_transferred(status)


def _urgency_to(urgent: bool):
    """Possible when the service would mark (or unmark) the complaint urgent."""
    return lambda status, *, is_urgent, **facts: services.may_change_urgency(status, is_urgent=is_urgent,
                                                                             urgent=urgent)


# --- The table ------------------------------------------------------------------------------------

ACTIONS: dict[str, CaseAction] = {action.name: action for action in (
    CaseAction(
        ASSIGN, _("Assign to an officer"), "Assign to an officer of the complaint's department", (OFFICER,),
        _assignable,
        lambda c, d, by: services.assign_complaint(complaint=c, officer=d["officer"], by=by),
        _("Complaint %(reference)s assigned.")),
    CaseAction(
        TRANSFER, _("Transfer to another department"),
        "Transfer to another department (the due date does not change)",
        (Input("to_department", _("Transfer to"),
               choices=lambda complaint: Department.objects.filter(is_active=True),
               listed=lambda departments, complaint: departments.exclude(pk=complaint.department_id)),
         Input("reason", _("reason"), max_length=2000)),
        _transferable,
        lambda c, d, by: services.transfer_complaint(complaint=c, to_department=d["to_department"], by=by,
                                                     reason=d["reason"]),
        _("Complaint %(reference)s transferred."), _("The due date does not change.")),
    CaseAction(
        REQUEST_INFORMATION, _("Ask the citizen for information"),
        "Ask the citizen for information (the clock pauses)",
        (Input("question", _("What do you need from the citizen?"), max_length=4000, rows=4,
               help_text=_("The citizen is told by SMS and e-mail; the clock pauses until they answer."),
               description="Sent to the citizen; the clock pauses."),),
        _becomes(Status.AWAITING_CITIZEN),
        lambda c, d, by: citizen_services.request_information(complaint=c, by=by, question=d["question"]),
        _("The citizen has been asked; the clock of %(reference)s is paused.")),
    CaseAction(
        # The case page replies on a screen of its own (write or choose, preview, send): reply_view.
        REPLY, _("Reply to the citizen"), "Reply to the citizen (told by SMS and e-mail)",
        (Input("text", _("Reply"), max_length=10_000, rows=8, description="In the citizen's language."),
         Input("clauses", _("Legal clauses cited"), required=False, many=True,
               choices=lambda complaint: LegalClause.objects.filter(is_active=True),
               description="Legal clauses cited.")),
        _becomes(Status.RESPONDED), _reply,
        _("Reply to %(reference)s sent; the citizen is told by SMS and e-mail.")),
    CaseAction(
        CLOSE, _("Close the case"), "Close the case", (NOTE,), _becomes(Status.CLOSED),
        lambda c, d, by: services.close_complaint(complaint=c, by=by, note=d["note"]),
        _("Complaint %(reference)s closed."), _("The citizen is told that the case is closed."),
        input_name="Note"),
    CaseAction(
        REOPEN, _("Reopen the case"), "Reopen the case (a fresh answer period)",
        (Input("reason", _("Why is the case reopened?"), max_length=2000,
               help_text=_("The case gets a fresh answer period from today.")),),
        _becomes(Status.REOPENED),
        lambda c, d, by: services.reopen_complaint(complaint=c, by=by, reason=d["reason"]),
        _("Complaint %(reference)s reopened.")),
    CaseAction(
        MERGE, _("Merge into another complaint"), "Merge into another complaint of the same citizen",
        (Input("reference", _("Reference of the complaint to merge into"), max_length=40,
               clean=merge_target, description="An open complaint from the same citizen.",
               help_text=_("An open complaint from the same citizen. This one keeps its reference "
                           "and its clock stops.")),),
        _becomes(Status.MERGED), _merge,
        _("Complaint %(reference)s merged.")),
    CaseAction(
        MARK_URGENT, _("Mark urgent for the minister's office"), "Mark urgent for the minister's office",
        (NOTE,), _urgency_to(True),
        lambda c, d, by: services.set_urgency(complaint=c, urgent=True, by=by, note=d["note"]),
        _("Complaint %(reference)s marked urgent."), input_name="Note"),
    CaseAction(
        UNMARK_URGENT, _("Remove the urgent mark"), "Remove the urgent mark", (NOTE,),
        _urgency_to(False),
        lambda c, d, by: services.set_urgency(complaint=c, urgent=False, by=by,
                                              note=d["note"]),
        _("Complaint %(reference)s is no longer marked urgent."), input_name="Note"),
)}

ALL = tuple(ACTIONS)


def available(status: str, *, is_urgent: bool, has_department: bool) -> tuple[str, ...]:
    return tuple(name for name, action in ACTIONS.items()
                 if action.possible(status, is_urgent=is_urgent, has_department=has_department))


def available_for(complaint: Complaint) -> tuple[str, ...]:
    return available(complaint.status, is_urgent=complaint.is_urgent,
                     has_department=complaint.department_id is not None)


# --- Answering a referral (the case page only) ----------------------------------------------------

def answers_for(user) -> str | int | None:
    """Which referrals the user answers for: "all" for a complaints supervisor, a department id for
    a department officer or head, None for anyone else."""
    if not (user.is_active and user.is_staff):
        return None
    roles = access.role_codes(user)
    if user.is_superuser or "supervisor" in roles:
        return "all"
    department_id = access.department_of(user)
    return department_id if department_id is not None and roles & set(access.DEPARTMENT_ROLES) else None


def may_answer(referral: Referral, user) -> bool:
    answering = answers_for(user)
    return referral.answered_at is None and answering in ("all", referral.department_id)


def referrals_to_answer(complaint: Complaint, user):
    """The complaint's unanswered referrals this user answers for: those to their own department
    (department officers and heads), or all of them for a complaints supervisor."""
    unanswered = (Referral.objects.filter(complaint=complaint, answered_at__isnull=True)
                  .select_related("department").order_by("referred_at", "pk"))
    answering = answers_for(user)
    if answering is None:
        return unanswered.none()
    return unanswered if answering == "all" else unanswered.filter(department_id=answering)
