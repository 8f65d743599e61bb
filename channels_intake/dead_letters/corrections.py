"""Dead letters mended by staff: a failed inbound item's payload corrected (the correction and
its author recorded, the payload as received kept) and the item processed again through its
channel's own processor (channels_intake.processors)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from channels_intake import inbound, processors
from channels_intake.models import InboundCorrection, InboundItem
from complaints import services

PERMISSION = "channels_intake.correct_inbound_payload"


def payload_to_process(item: InboundItem):
    """The latest correction's payload, or the payload as received when nobody corrected it."""
    latest = item.corrections.order_by("-corrected_at", "-pk").first()
    return latest.payload if latest else item.payload


def correct_payload(item: InboundItem, *, payload: dict, by, now=None) -> InboundCorrection:
    """Records `payload` as the item's correction by `by`. Only a failed item can be corrected."""
    if not by.has_perm(PERMISSION):
        raise PermissionDenied
    if item.state == InboundItem.State.PROCESSED:
        raise services.DomainError(_("This item was processed already; it cannot be corrected."))
    return InboundCorrection.objects.create(item=item, payload=payload, corrected_by=by,
                                            corrected_at=now or timezone.now())


def process_again(item: InboundItem, *, now=None):
    """Processes the item again with its latest payload. Returns (what it made, created); a
    failure is kept on the item (one more try) and raised as inbound.Kept."""
    if item.state == InboundItem.State.PROCESSED:
        raise services.DomainError(_("This item was processed already."))
    payload = payload_to_process(item)
    processor = processors.PROCESSORS[item.channel]
    return inbound.attempt(channel=item.channel, external_id=item.external_id, payload=payload, item=item,
                           run=lambda: processor(payload), now=now)


def correct_and_process(item: InboundItem, *, payload: dict, by, now=None):
    """The correction stays recorded even when processing fails again, so the next try starts
    from it."""
    now = now or timezone.now()
    with transaction.atomic():
        correct_payload(item, payload=payload, by=by, now=now)
    return process_again(item, now=now)
