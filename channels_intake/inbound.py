"""The path every machine channel shares once an item is accepted at the door: process it, and
when that fails keep it as a dead letter, with its error, for staff to correct and process again.

Tawasul cases are stored raw first (`accept`). Hotline calls, social posts and Open311 requests
have their own records, so they are kept here only when they fail (`attempt`). Either way a
failure is recorded by one function, `keep`.
"""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from complaints import intake
from complaints.models import Complaint

from channels_intake.models import Call, InboundItem, SocialPost

# Errors in what was sent (a missing or malformed field): the sender can be told which.
CONTENT_ERRORS = (ValidationError, KeyError, TypeError, ValueError)


class Kept(Exception):
    """The item was accepted, then failed: it is kept as a dead letter (`item`) with its error."""

    def __init__(self, errors: dict, item: InboundItem | None = None):
        self.errors, self.item = errors, item
        super().__init__(str(errors))


class Rejected(Kept):
    """The item cannot become a complaint as sent; `errors` says why, field by field."""


def accept(*, channel: str, external_id: str, payload: dict, translate, now=None):
    """Stores a Tawasul case once and makes its complaint once. Returns (item, created).

    `translate(payload)` turns the channel's payload into an IntakeRequest, or raises
    ValidationError. A redelivered item returns the first outcome without doing anything again.
    """
    now = now or timezone.now()
    if not external_id:
        raise Rejected({"id": ["The item has no id."]})
    try:
        with transaction.atomic():
            item = InboundItem.objects.create(channel=channel, external_id=external_id, payload=payload,
                                              received_at=now)
    except IntegrityError:
        item = InboundItem.objects.get(channel=channel, external_id=external_id)
        if item.state == InboundItem.State.PROCESSED:
            return item, False
        # Delivered again after failing: the sender may have corrected it, so try the latest.
        # Or delivered twice at once: the first delivery is still making its complaint. The
        # intake service makes it once either way, and says which delivery made it.
        item.payload = payload
        InboundItem.objects.filter(pk=item.pk).update(payload=payload)
    return item, process(item, translate=translate, now=now)


def process(item: InboundItem, *, translate, now=None) -> bool:
    """Turns a stored Tawasul item into its complaint; a failure is kept on the item.
    True when this call made the complaint (False: a delivery running at the same time did)."""
    result = attempt(channel=item.channel, external_id=item.external_id, payload=item.payload, item=item,
                     run=lambda: _received(intake.receive(translate(item.payload))), now=now)
    return result[1]


def attempt(*, channel: str, external_id: str, payload, run, item: InboundItem | None = None, refusals=(),
            now=None):
    """Runs `run()`, which makes what an accepted item becomes and returns (it, created).

    On success an `item` given is marked processed and linked to what was made, in the same
    transaction. A failure other than `refusals` (the door's own, answered by the caller with
    nothing stored) is kept by `keep` and raised as Rejected (a content error) or Kept.
    """
    now = now or timezone.now()
    try:
        # A savepoint only where something must be undone with the failure or the caller's
        # transaction must survive it: a single INSERT (Open311) commits on its own.
        with transaction.atomic() if item is not None or connection.in_atomic_block else nullcontext():
            made, created = run()
            if item is not None:
                _mark_processed(item, made, now=now)
    except refusals:
        raise
    except Exception as error:  # whatever it is, the item must not be lost
        errors = errors_of(error)
        kept = keep(channel=channel, external_id=external_id, payload=payload, error=error, errors=errors, now=now)
        if item is not None:
            item.state, item.attempts, item.error = kept.state, kept.attempts, kept.error
        raise (Rejected if isinstance(error, CONTENT_ERRORS) else Kept)(errors, kept) from error
    return made, created


def keep(*, channel: str, external_id: str, payload, error: Exception, errors: dict | None = None,
         now) -> InboundItem:
    """The one place a machine channel's failure is recorded: the item (made if it was not stored
    yet, with the payload as received) marked failed with the error's type, message, time and one
    more try."""
    item, _created = InboundItem.objects.get_or_create(channel=channel, external_id=external_id,
                                                       defaults={"payload": payload, "received_at": now})
    InboundItem.objects.filter(pk=item.pk).update(
        state=InboundItem.State.FAILED, error=str(errors or errors_of(error)), error_type=type(error).__name__[:100],
        failed_at=now, attempts=F("attempts") + 1)
    item.refresh_from_db()
    return item


def errors_of(error: Exception) -> dict:
    if isinstance(error, Kept):
        return error.errors
    if isinstance(error, ValidationError):
        return error.message_dict if hasattr(error, "error_dict") else {"payload": error.messages}
    if isinstance(error, (KeyError, TypeError, ValueError)):
        return {"payload": [f"Missing or malformed field: {error}"]}
    return {"processing": [f"{type(error).__name__}: {error}"]}


def _received(result: intake.IntakeResult) -> tuple:
    return result.complaint, result.created


def _mark_processed(item: InboundItem, made, *, now) -> None:
    links = {"complaint": None, "call": None, "social_post": None}
    if isinstance(made, Complaint):
        links["complaint"] = made
    elif isinstance(made, Call):
        links.update(call=made, complaint=made.complaint)
    elif isinstance(made, SocialPost):
        links.update(social_post=made, complaint=made.complaint)
    InboundItem.objects.filter(pk=item.pk).update(state=InboundItem.State.PROCESSED, error="", error_type="",
                                                  processed_at=now, attempts=F("attempts") + 1, **links)
    item.state, item.processed_at, item.attempts = InboundItem.State.PROCESSED, now, item.attempts + 1
    for name, value in links.items():
        setattr(item, name, value)
