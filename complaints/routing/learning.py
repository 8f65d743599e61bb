"""Learning from staff. Every triage choice and every transfer corrects the router, and the department
that finally answered a complaint is its label. `retrain` (nightly, from beat; `manage.py
train_router` by hand) trains a candidate on the corpus and the ministry's answered complaints and
promotes it only when it does at least as well as the current model on the corpus's fixed held-out
part and on the last months' corrections.

A candidate is judged by a fit that saw neither yardstick's labels (the held-out examples and the
recent corrections are left out of it); the model then stored is the same recipe fitted on
everything (classifier.train_judged_and_final).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent, RouterVersion
from complaints.routing import catalogue, classifier, corpus, evaluation, model_store, rules

CORRECTION_MONTHS = 3
ANSWERED = (Complaint.Status.RESPONDED, Complaint.Status.CLOSED)


def answered_examples(*, exclude_ids=()) -> list[corpus.Example]:
    """The ministry's own answered complaints, each labelled with the department that answered it."""
    rows = (Complaint.objects.filter(status__in=ANSWERED, department__code__in=catalogue.OWNERS)
            .exclude(pk__in=exclude_ids)
            .values_list("pk", "subject", "body", "department__code", "channel", "kind", "language"))
    return [corpus.Example(id=f"complaint-{pk}", text=corpus.text_of(subject, body), department=code,
                           channel=channel, kind=kind, language=language)
            for pk, subject, body, code, channel, kind, language in rows.iterator(chunk_size=2000)]


def corrections(*, now=None, months: int = CORRECTION_MONTHS) -> list[corpus.Example]:
    """Complaints staff moved in the last months (a triage choice from the complaints unit, or a
    transfer between departments), labelled with where they are now, once that is an owner."""
    since = (now or timezone.now()) - timedelta(days=30 * months)
    moved = ComplaintEvent.objects.filter(complaint=OuterRef("pk"), kind=ComplaintEvent.Kind.TRANSFERRED,
                                          created_at__gte=since)
    rows = (Complaint.objects.filter(Exists(moved), department__code__in=catalogue.OWNERS)
            .values_list("pk", "subject", "body", "department__code", "channel", "kind", "language"))
    return [corpus.Example(id=f"complaint-{pk}", text=corpus.text_of(subject, body), department=code,
                           channel=channel, kind=kind, language=language)
            for pk, subject, body, code, channel, kind, language in rows]


@dataclass(frozen=True)
class Outcome:
    version: RouterVersion
    promoted: bool
    reason: str


def retrain(*, now=None, version: str = "") -> Outcome:
    now = now or timezone.now()
    examples = corpus.examples()
    held_out = [e for e in examples if e.held_out]
    recent = corrections(now=now)
    recent_ids = {e.id for e in recent}
    everything = examples + answered_examples()
    judged_rows = [not (e.held_out or e.id in recent_ids) for e in everything]
    name = version or f"{now:%Y%m%d-%H%M}-{corpus.fingerprint()}"
    judged, router = classifier.train_judged_and_final([e.text for e in everything],
                                                       [e.department for e in everything], judged_rows,
                                                       version=name)
    thresholds = rules.thresholds()
    candidate_figures = {"held_out": evaluation.figures(judged, held_out, thresholds),
                         "corrections": evaluation.figures(judged, recent, thresholds) if recent else None}
    current = model_store.current_router()
    current_figures = {"held_out": model_store.current_figures().get("held_out") if current else None,
                       "corrections": evaluation.figures(current, recent, thresholds) if current and recent else None}
    promote, reason = judge(candidate_figures, current_figures)

    router.figures = {**candidate_figures, "compared_with": current.version if current else None,
                      "current": current_figures}
    stored = model_store.store(router, note=reason, now=now, trained_on={
        "corpus": len(examples), "corpus_fingerprint": corpus.fingerprint(),
        "answered_complaints": len(everything) - len(examples), "recent_corrections": len(recent)})
    if promote:
        model_store.make_current(stored, now=now)
    return Outcome(version=stored, promoted=promote, reason=reason)


def judge(candidate: dict, current: dict) -> tuple[bool, str]:
    """Promote only if the candidate is at least as good on both yardsticks the current model has."""
    for yardstick in ("held_out", "corrections"):
        theirs = (current.get(yardstick) or {}).get("accuracy")
        ours = (candidate.get(yardstick) or {}).get("accuracy")
        if theirs is not None and ours is not None and ours < theirs:
            return False, (f"Not promoted: {yardstick.replace('_', ' ')} accuracy {ours:.1%} "
                           f"against the current model's {theirs:.1%}.")
    held = (candidate.get("held_out") or {}).get("accuracy")
    return True, f"Promoted: held-out accuracy {held:.1%}." if held is not None else "Promoted."
