"""Routing a complaint: the facts of each complaint waiting, the decision (routing/decisions.py),
and the move to ROUTED, in batches of one transaction. The Celery tasks and the set-aside logic
(set_aside.py) call these; nothing else moves a complaint out of NEW."""

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from complaints import duplicates, lifecycle
from complaints.models import Complaint, ComplaintEvent, Department, RoutingSetAside
from complaints.routing import decisions, model_store, rules


def facts_of(complaint: Complaint) -> decisions.ComplaintFacts:
    category_code, department_code = rules.category_routes().get(complaint.category_id, (None, None))
    return decisions.ComplaintFacts(
        channel=complaint.channel,
        kind=complaint.kind,
        text=f"{complaint.subject}\n{complaint.body}",
        category_code=category_code,
        category_department_code=department_code,
        is_urgent=complaint.is_urgent,
    )


def route_complaint(complaint_id: int, *, now=None) -> ComplaintEvent | None:
    """Sends a NEW complaint to its department; None if it was routed already or is being routed."""
    return route_complaints([complaint_id], now=now).get(complaint_id)


def owed_routing():
    """Complaints still NEW: stored whole by intake and not routed yet."""
    return Complaint.objects.filter(status=Complaint.Status.NEW)


def waiting_to_route():
    """What routing takes, oldest first: those owed it but set aside after failing (see
    routing_failures) wait for staff, so that one complaint cannot stop every run."""
    return owed_routing().filter(~Exists(RoutingSetAside.objects.filter(complaint=OuterRef("pk")))) \
        .order_by("received_at")


def route_complaints(complaint_ids, *, also_waiting: int = 0, now=None, by=None) -> dict[int, ComplaintEvent]:
    """Routes the given complaints that are still NEW, and up to `also_waiting` others that wait
    longest, in one transaction. Safe to call any number of times, at once or again after a
    crash: rows are locked and only complaints still NEW are routed, so each is routed once."""
    now = now or timezone.now()
    with transaction.atomic():
        relax_commit_durability()
        batch = list(owed_routing().select_for_update(skip_locked=True).filter(pk__in=complaint_ids))
        if also_waiting:
            batch += waiting_to_route().select_for_update(skip_locked=True) \
                .exclude(pk__in=[c.pk for c in batch])[:also_waiting]
        if not batch:
            return {}
        active_rules, department_ids, thresholds = rules.active_rules(), rules.department_ids(), rules.thresholds()
        facts = [facts_of(complaint) for complaint in batch]
        opinions = model_opinions(facts)
        notes, event_fields = {}, {}
        for complaint, fact, opinion in zip(batch, facts, opinions):
            decision = decisions.decide(fact, active_rules, opinion, thresholds)
            complaint.department_id = department_ids.get(decision.department_code,
                                                         department_ids.get(Department.COMPLAINTS_UNIT))
            notes[complaint.pk] = decision.reason
            event_fields[complaint.pk] = {"to_department_id": complaint.department_id,
                                          "data": event_data(decision)}
        events = lifecycle.change_status_of_many(
            batch, Complaint.Status.ROUTED, by=by, now=now, kind=ComplaintEvent.Kind.ROUTED, notes=notes,
            is_public=True, update_fields=("department",), event_fields=event_fields,
        )
        duplicates.flag_likely_duplicates(batch, now=now)
        return {event.complaint_id: event for event in events}


def model_opinions(facts: list[decisions.ComplaintFacts]) -> list[decisions.ModelOpinion | None]:
    """The current model's opinion of each complaint, read in one pass over the batch (None without
    a model, or for a Taht Amrak letter, which policy routes)."""
    router = model_store.current_router()
    readable = [i for i, fact in enumerate(facts) if router and fact.channel != Complaint.Channel.TAHT_AMRAK]
    opinions: list[decisions.ModelOpinion | None] = [None] * len(facts)
    if readable:
        predictions = router.predict([facts[i].text for i in readable])
        for i, prediction in zip(readable, predictions):
            opinions[i] = decisions.ModelOpinion(version=router.version, ranked=prediction.ranked,
                                                 top_words=prediction.top_words)
    return opinions


def event_data(decision: decisions.Decision) -> dict:
    """What the ROUTED event keeps of the decision: who decided (a rule, the model and its version,
    policy), how sure, the words that weighed most, and for triage the likeliest departments."""
    data = {"rule_id": decision.rule_id, "decided_by": decision.decided_by}
    if decision.confidence is not None:
        data.update(confidence=decision.confidence, top_words=list(decision.top_words),
                    suggestions=[[code, probability] for code, probability in decision.suggestions])
    return data


def relax_commit_durability() -> None:
    """Lets PostgreSQL acknowledge this transaction's commit before it reaches the disk.

    Only for work that can be done again: if the server crashed in the few milliseconds
    after such a commit, the complaint would simply be NEW again and the reconcile task would
    route it. It saves a disk flush per complaint routed. Complaints themselves are always
    stored with full durability.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
