"""The path every machine channel shares: store the raw item, translate it, hand it to the one
intake service, and remember the outcome."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import intake

from .models import InboundItem


class Rejected(Exception):
    """The item cannot become a complaint; `errors` says why, field by field."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__(str(errors))


def accept(*, channel: str, external_id: str, payload: dict, translate, now=None):
    """Stores the item once and makes its complaint once. Returns (item, created).

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
    return item, process(item, translate=translate)


def process(item: InboundItem, *, translate) -> bool:
    """Turns a stored item into its complaint; a failure is kept on the item to fix and retry.
    True when this call made the complaint (False: a delivery running at the same time did)."""
    try:
        request = translate(item.payload)
        with transaction.atomic():
            result = intake.receive(request)
            InboundItem.objects.filter(pk=item.pk).update(
                state=InboundItem.State.PROCESSED, complaint=result.complaint, error="", attempts=item.attempts + 1)
        item.state, item.complaint = InboundItem.State.PROCESSED, result.complaint
        return result.created
    except ValidationError as error:
        _fail(item, error.message_dict if hasattr(error, "error_dict") else {"payload": error.messages})
    except (KeyError, TypeError, ValueError) as error:
        _fail(item, {"payload": [f"Missing or malformed field: {error}"]})


def _fail(item: InboundItem, errors: dict):
    InboundItem.objects.filter(pk=item.pk).update(state=InboundItem.State.FAILED, error=str(errors),
                                                  attempts=item.attempts + 1)
    item.state = InboundItem.State.FAILED
    raise Rejected(errors)
