"""The Ministry Council: scheduling a session, building its agenda from urgent cases, inviting
the citizens, recording attendance, decisions and follow-ups, and telling each citizen the outcome.

Each service takes keyword arguments, runs in one transaction and leaves an event on the
timeline of the complaint it concerns. Messages to citizens go through the notification outbox,
once per cause: an invitation once per agenda item, the outcome once per agenda item.
"""

from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from complaints.errors import DomainError
from complaints.models import Complaint, ComplaintEvent, Department, Notification
from complaints.notifications import to_citizens
from minister_office.council_models import AgendaItem, CouncilSession, FollowUp


def agenda_candidates() -> QuerySet:
    """The cases a session may hear: open urgent complaints, the highest urgency score first (the
    family study's, unstudied cases after), then the earliest due."""
    return (Complaint.objects.open().filter(is_urgent=True)
            .order_by(F("urgency_standing__score").desc(nulls_last=True), "due_at", "id"))


def schedule_session(*, held_at, place: str, by, members_present: str = "", now=None) -> CouncilSession:
    now = now or timezone.now()
    if not place.strip():
        raise DomainError(_("Give the place of the session."))
    return CouncilSession.objects.create(held_at=held_at, place=place.strip(), members_present=members_present,
                                         created_by=by, created_at=now)


def add_to_agenda(*, session: CouncilSession, complaints, by) -> list[AgendaItem]:
    """Appends the complaints not yet on the agenda, in the order given."""
    with transaction.atomic():
        CouncilSession.objects.select_for_update().get(pk=session.pk)  # one agenda change at a time
        already = set(session.items.values_list("complaint_id", flat=True))
        last = session.items.aggregate(last=Max("position"))["last"] or 0
        new = [complaint for complaint in complaints if complaint.pk not in already]
        return AgendaItem.objects.bulk_create(
            [AgendaItem(session=session, complaint=complaint, position=last + offset)
             for offset, complaint in enumerate(new, start=1)])


def build_agenda(*, session: CouncilSession, by, candidates: QuerySet, limit: int = 20) -> list[AgendaItem]:
    """Adds the first `limit` candidates that are not on this agenda yet."""
    waiting = candidates.exclude(council_items__session=session)[:limit]
    return add_to_agenda(session=session, complaints=list(waiting), by=by)


def remove_from_agenda(*, item: AgendaItem, by) -> None:
    # An invited citizen expects to be heard: once invited, the case stays on the agenda.
    if item.invited_at:
        raise DomainError(_("The citizen has been invited already; the case stays on the agenda."))
    item.delete()


def move_agenda_item(*, item: AgendaItem, up: bool, by) -> None:
    """Swaps the item with its neighbour above or below."""
    with transaction.atomic():
        CouncilSession.objects.select_for_update().get(pk=item.session_id)
        items = list(item.session.items.order_by("position", "id"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        neighbour = index - 1 if up else index + 1
        if not 0 <= neighbour < len(items):
            return
        items[index], items[neighbour] = items[neighbour], items[index]
        for position, each in enumerate(items, start=1):
            each.position = position
        AgendaItem.objects.bulk_update(items, ["position"])


def invitation_details(session: CouncilSession, language: str) -> dict:
    """The session's date, time and place as the citizen reads them."""
    held_at = timezone.localtime(session.held_at)
    with translation.override(language):
        return {"council_date": formats.date_format(held_at, "l j F Y"),
                "council_time": formats.time_format(held_at, "H:i"),
                "council_place": session.place}


def invite_citizens(*, session: CouncilSession, by, now=None) -> int:
    """Invites, by SMS and e-mail in their language, the citizens of the cases not invited yet;
    the number of cases whose citizen was invited now."""
    now = now or timezone.now()
    with transaction.atomic():
        items = list(session.items.select_for_update(of=("self",)).filter(invited_at__isnull=True)
                     .select_related("complaint__citizen"))
        for item in items:
            complaint = item.complaint
            to_citizens.queue(
                complaint, Notification.Kind.COUNCIL_INVITATION, cause=item.invitation_cause, now=now,
                context=invitation_details(session, to_citizens.language_of(complaint)))
            item.invited_at = now
            ComplaintEvent.objects.create(
                complaint=complaint, kind=ComplaintEvent.Kind.COUNCIL_INVITED, actor=by, created_at=now,
                is_public=False, note=str(session), data={"session": session.pk, "agenda_item": item.pk})
        AgendaItem.objects.bulk_update(items, ["invited_at"])
        return len(items)


def record_outcome(*, item: AgendaItem, attendance: str, decision: str, by, follow_up_action: str = "",
                   follow_up_department: Department | None = None, follow_up_due_on=None,
                   now=None) -> AgendaItem:
    """Records the citizen's attendance and, once the council has decided, its decision and the
    follow-up it ordered. The citizen is told the first decision recorded, once; a corrected
    decision is written on the timeline but not sent again."""
    now = now or timezone.now()
    decision = decision.strip()
    follow_up_action = follow_up_action.strip()
    if follow_up_action and not decision:
        raise DomainError(_("Record the council's decision before its follow-up action."))
    if follow_up_action and not (follow_up_department and follow_up_due_on):
        raise DomainError(_("A follow-up action needs a responsible department and a due date."))
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update(of=("self",)).select_related("complaint__citizen").get(
            pk=item.pk)
        if item.decision and not decision:
            raise DomainError(_("A recorded decision can be corrected but not removed."))
        first_decision = bool(decision) and not item.decided_at
        changed = decision != item.decision
        item.attendance = attendance
        if changed:
            item.decision, item.decided_at, item.decided_by = decision, now, by
        item.save(update_fields=["attendance", "decision", "decided_at", "decided_by"])
        if follow_up_action:
            FollowUp.objects.update_or_create(item=item, defaults={
                "action": follow_up_action, "department": follow_up_department, "due_on": follow_up_due_on})
        if changed:
            ComplaintEvent.objects.create(
                complaint=item.complaint, kind=ComplaintEvent.Kind.COUNCIL_DECIDED, actor=by, created_at=now,
                is_public=False, note=decision,
                data={"session": item.session_id, "agenda_item": item.pk, "attendance": attendance,
                      "follow_up": follow_up_action})
        if first_decision:
            to_citizens.queue(item.complaint, Notification.Kind.COUNCIL_OUTCOME, cause=item.outcome_cause,
                                        now=now, context={"council_decision": decision})
        return item


def close_follow_up(*, follow_up: FollowUp, note: str, by, now=None) -> FollowUp:
    now = now or timezone.now()
    if not note.strip():
        raise DomainError(_("Say how the follow-up was done before closing it."))
    with transaction.atomic():
        closed = FollowUp.objects.filter(pk=follow_up.pk, closed_at__isnull=True).update(
            closed_at=now, closed_by=by, closing_note=note.strip())
        if not closed:
            raise DomainError(_("This follow-up is closed already."))
        follow_up.refresh_from_db()
        ComplaintEvent.objects.create(
            complaint_id=follow_up.item.complaint_id, kind=ComplaintEvent.Kind.COUNCIL_FOLLOW_UP_CLOSED, actor=by,
            created_at=now, note=note.strip(), data={"follow_up": follow_up.pk})
        return follow_up
