"""The channels' records that hold personal data (raw inbound items, calls, social posts, Taht
Amrak letter scans, press items and clippings), registered with the core's data protection
(complaints.data_protection.registry): what retention and erasure remove, what a citizen's
export includes, and what holds a complaint back."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from complaints.append_only import REDACTED
from complaints.data_protection import files, labels, registry

from channels_intake.models import BoxLetter, Call, InboundCorrection, InboundItem, MediaItem, SocialPost, TawasulUpdate

BATCH = 2000


def _calls_redacted(calls) -> int:
    return _in_batches(calls.filter(~Q(caller_number="") | ~Q(notes__in=["", REDACTED]) | ~Q(telephony_record={})),
                       caller_number="", notes=REDACTED, telephony_record={})


def _posts_redacted(posts) -> int:
    return _in_batches(posts.exclude(text=REDACTED), author_handle=REDACTED, text=REDACTED, link="",
                       dismissal_note="")


def _inbound_redacted(items) -> int:
    # Staff's corrections of an item's payload hold the same personal data as the item.
    InboundCorrection.objects.filter(item__in=items.values("pk")).exclude(payload={}).redact("payload")
    return _in_batches(items.exclude(payload={}), payload={}, error="")


def _in_batches(queryset, **values) -> int:
    """One UPDATE per few thousand rows, so that a first run over years of calls stays short."""
    changed = 0
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        changed += queryset.model.objects.filter(pk__in=ids).update(**values)
    return changed


def anonymise(complaint_ids, *, now, delete_files=True) -> dict:
    letters = BoxLetter.objects.filter(complaint_id__in=complaint_ids).exclude(scan="")
    clippings = MediaItem.objects.filter(complaint_id__in=complaint_ids).exclude(clipping="")
    deleted = files.delete_stored(letters.values_list("scan", flat=True), storage=files.storage_of(BoxLetter, "scan"),
                                  delete=delete_files)
    deleted += files.delete_stored(clippings.values_list("clipping", flat=True),
                                   storage=files.storage_of(MediaItem, "clipping"), delete=delete_files)
    return {
        "files": deleted,
        "letter scans": letters.update(scan="", scan_erased_at=now),
        "clippings": clippings.update(clipping="", clipping_name="", clipping_erased_at=now),
        "media items": MediaItem.objects.filter(complaint_id__in=complaint_ids).exclude(excerpt=REDACTED)
        .update(headline=REDACTED, excerpt=REDACTED),
        "inbound items": _inbound_redacted(InboundItem.objects.filter(complaint_id__in=complaint_ids)),
        "calls": _calls_redacted(Call.objects.filter(complaint_id__in=complaint_ids)),
        "social posts": _posts_redacted(SocialPost.objects.filter(complaint_id__in=complaint_ids)),
    }


def anonymise_citizens(citizen_ids, *, now) -> dict:
    return {"calls": _calls_redacted(Call.objects.filter(citizen_id__in=citizen_ids))}


def anonymise_unattached(cutoff, *, now, delete_files=True) -> dict:
    """Items that never became a complaint: an information-only call, a dismissed post, a raw item
    that failed, once older than the period. Their dates and outcomes stay for the statistics."""
    return {
        "calls": _calls_redacted(Call.objects.filter(complaint__isnull=True, citizen__isnull=True,
                                                     started_at__lt=cutoff)),
        "social posts": _posts_redacted(SocialPost.objects.filter(complaint__isnull=True, received_at__lt=cutoff)
                                        .exclude(state=SocialPost.State.NEW)),
        "inbound items": _inbound_redacted(InboundItem.objects.filter(complaint__isnull=True,
                                                                      received_at__lt=cutoff)),
    }


def holds(complaint_ids) -> dict:
    owed = TawasulUpdate.objects.filter(complaint_id__in=complaint_ids, sent_at__isnull=True,
                                        next_attempt_at__isnull=False)
    return {pk: str(_("An update to Tawasul is still to be delivered."))
            for pk in owed.values_list("complaint_id", flat=True)}


def citizen_holds(citizen_ids, cutoff) -> dict:
    if cutoff is None:
        return {}
    recent = Call.objects.filter(citizen_id__in=citizen_ids, started_at__gte=cutoff)
    return {pk: str(_("A call within the retention period.")) for pk in recent.values_list("citizen_id", flat=True)}


def export(citizen, complaint_ids) -> dict:
    calls = Call.objects.filter(Q(citizen=citizen) | Q(complaint_id__in=complaint_ids)).order_by("started_at", "pk")
    return {
        "calls": [{
            "call_id": call.call_id, "started_at": call.started_at.isoformat(), "caller_number": call.caller_number,
            "status": labels.choice(Call.Status.choices, call.status),
            "kind": labels.choice(Call.Kind.choices, call.kind), "notes": call.notes,
            "outcome": labels.choice(Call.Outcome.choices, call.outcome),
            "complaint": call.complaint.display_reference if call.complaint_id else None,
        } for call in calls.select_related("complaint")],
        "channel_items_as_received": [{
            "channel": labels.choice(InboundItem._meta.get_field("channel").choices, item.channel),
            "id_in_the_channel": item.external_id, "received_at": item.received_at.isoformat(),
            "payload": item.payload, "complaint": item.complaint.display_reference,
        } for item in InboundItem.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        "social_media_posts": [{
            "platform": labels.choice(SocialPost.Platform.choices, post.platform), "post_id": post.post_id,
            "author": post.author_handle, "text": post.text, "link": post.link,
            "posted_at": post.posted_at.isoformat(), "complaint": post.complaint.display_reference,
        } for post in SocialPost.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        "taht_amrak_letters": [{
            "box": letter.box, "collected_on": letter.collected_on.isoformat(),
            "scan_kept": bool(letter.scan), "complaint": letter.complaint.display_reference,
        } for letter in BoxLetter.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
        "press_items": [{
            "outlet": item.outlet, "medium": labels.choice(MediaItem.Medium.choices, item.medium),
            "published_on": item.published_on.isoformat(), "headline": item.headline, "excerpt": item.excerpt,
            "complaint": item.complaint.display_reference,
        } for item in MediaItem.objects.filter(complaint_id__in=complaint_ids).select_related("complaint")],
    }


def register() -> None:
    registry.register(registry.Holder(
        name="channels", anonymise=anonymise, anonymise_citizens=anonymise_citizens,
        anonymise_unattached=anonymise_unattached, holds=holds, citizen_holds=citizen_holds, export=export))
