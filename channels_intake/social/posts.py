"""Social media: posts about the ministry arrive by signed webhook or from an exported file and
wait in the monitors' inbox. A monitor turns a post into a complaint or dismisses it with a
reason; either way the post remembers who decided and when.

Posts are stored once per platform and post id, so a redelivered or re-imported post is
recognised and answered with what was stored the first time.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from channels_intake import inbound
from channels_intake.models import InboundItem, SocialPost
from complaints import intake, services
from complaints.intake import CitizenDetails, IntakeRequest
from complaints.models import Category, Complaint, Language
from complaints.values import outside_dates

PLATFORM_ALIASES = {"twitter": SocialPost.Platform.X}
BATCH_MAX = 500
SUBJECT_WORDS = 8
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class PostFields:
    platform: str
    post_id: str
    author_handle: str
    text: str
    link: str
    posted_at: datetime


class Refused(Exception):
    """Some posts of a delivery are malformed; `errors` names each one ("posts[2].text") and why."""

    def __init__(self, errors: dict):
        self.errors = errors
        super().__init__(str(errors))


def parse_post(raw, *, now=None) -> PostFields:
    """The post's fields checked and tidied, or ValidationError with messages per field."""
    if not isinstance(raw, dict):
        raise ValidationError({"post": [_("Each post is a JSON object.")]})
    errors: dict[str, list] = {}

    def text_of(name: str, *, required: bool, max_length: int) -> str:
        value = raw.get(name)
        if isinstance(value, (dict, list, bool, float)):
            errors.setdefault(name, []).append(_("This field must be text."))
            return ""
        value = "" if value is None else str(value).strip()
        if required and not value:
            errors.setdefault(name, []).append(_("This field is required."))
        if len(value) > max_length:
            errors.setdefault(name, []).append(
                _("Keep this field under %(max)d characters.") % {"max": max_length})
        return value

    platform = text_of("platform", required=True, max_length=16).lower()
    platform = PLATFORM_ALIASES.get(platform, platform)
    if platform and platform not in SocialPost.Platform.values:
        errors.setdefault("platform", []).append(_("Choose x, instagram, facebook or other."))
    post_id = text_of("post_id", required=True, max_length=SocialPost._meta.get_field("post_id").max_length)
    author_handle = text_of("author_handle", required=True,
                            max_length=SocialPost._meta.get_field("author_handle").max_length)
    text = text_of("text", required=True, max_length=intake.BODY_MAX)
    link = text_of("link", required=False, max_length=500)
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors.setdefault("link", []).append(_("The link must be an http or https address."))
    posted_text = text_of("posted_at", required=True, max_length=40)
    try:
        posted_at = parse_datetime(posted_text) if posted_text else None
    except ValueError:  # well formed but not a date, e.g. month 13
        posted_at = None
    if posted_text and posted_at is None:
        errors.setdefault("posted_at", []).append(_("Give an ISO 8601 date and time, e.g. 2026-11-20T09:15:00+03:00."))
    elif posted_at is not None and (message := outside_dates.problem(posted_at, now=now or timezone.now())):
        errors.setdefault("posted_at", []).append(message)
    if errors:
        raise ValidationError(errors)
    if timezone.is_naive(posted_at):
        posted_at = timezone.make_aware(posted_at)  # the sender's local time is Bahrain's
    return PostFields(platform=platform, post_id=post_id, author_handle=author_handle, text=text, link=link,
                      posted_at=posted_at)


def store_post(fields: PostFields, *, now=None) -> tuple[SocialPost, bool]:
    """Keeps the post once. A post already stored is returned as it is: the first delivery wins."""
    return SocialPost.objects.get_or_create(
        platform=fields.platform, post_id=fields.post_id,
        defaults={"author_handle": fields.author_handle, "text": fields.text, "link": fields.link,
                  "posted_at": fields.posted_at, "received_at": now or timezone.now()},
    )


def posts_in(body) -> list:
    """A delivery is one post (a JSON object) or several (a JSON list of them)."""
    posts = [body] if isinstance(body, dict) else body
    if not isinstance(posts, list) or not posts:
        raise ValueError(_("The body must be a post object or a non-empty list of posts."))
    if len(posts) > BATCH_MAX:
        raise ValueError(_("Send at most %(max)d posts at a time.") % {"max": BATCH_MAX})
    return posts


def receive_posts(raw_posts: list, *, now=None) -> list[tuple[SocialPost, bool]]:
    """Stores a delivery all or nothing: when any post is malformed, none is stored."""
    parsed, errors = [], {}
    for index, raw in enumerate(raw_posts):
        try:
            parsed.append(parse_post(raw, now=now))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"posts[{index}].{name}"] = messages
    if errors:
        raise Refused(errors)
    with transaction.atomic():
        return [_stored_or_kept(fields, raw, now=now) for fields, raw in zip(parsed, raw_posts)]


@dataclass(frozen=True)
class KeptPost:
    """A post accepted, whose storing then failed: kept as a dead letter for staff (channels_intake.inbound)."""
    platform: str
    post_id: str
    state: str = "failed"


def _stored_or_kept(fields: PostFields, raw: dict, *, now) -> tuple:
    """(post, created), or (KeptPost, False) when storing it failed and it was kept as a dead letter."""
    try:
        return inbound.attempt(channel=InboundItem.Channel.SOCIAL_MEDIA,
                               external_id=f"{fields.platform}:{fields.post_id}", payload=raw,
                               run=lambda: store_post(fields, now=now), now=now)
    except inbound.Kept:
        return KeptPost(fields.platform, fields.post_id), False


@dataclass
class ImportReport:
    new: list = field(default_factory=list)
    known: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (line, {field: [messages]})
    kept: list = field(default_factory=list)  # (line, InboundItem): accepted, then failed; kept for staff


def import_posts(records, *, now=None) -> ImportReport:
    """Stores each good record of an exported file and reports the others by line."""
    report = ImportReport()
    for record in records:
        try:
            fields = parse_post(record.fields, now=now)
        except ValidationError as error:
            report.refused.append((record.line, error.message_dict))
            continue
        post, created = _stored_or_kept(fields, record.fields, now=now)
        if isinstance(post, KeptPost):
            report.kept.append((record.line, post))
            continue
        (report.new if created else report.known).append(post)
    return report


def subject_from(text: str) -> str:
    words = text.split()
    subject = " ".join(words[:SUBJECT_WORDS]) + ("…" if len(words) > SUBJECT_WORDS else "")
    return subject[:intake.SUBJECT_MAX]


def language_of(text: str) -> str:
    return Language.ARABIC if _ARABIC_LETTER.search(text) else Language.ENGLISH


def complaint_draft(post: SocialPost) -> dict:
    """What the monitor's form starts from."""
    return {"subject": subject_from(post.text), "body": "\n\n".join(filter(None, [post.text, post.link])),
            "language": language_of(post.text), "kind": Complaint.Kind.COMPLAINT}


def convert_post(*, post: SocialPost, by, subject: str, body: str, kind: str = Complaint.Kind.COMPLAINT,
                 language: str = Language.ARABIC, category: Category | None = None,
                 citizen: CitizenDetails | None = None, now=None) -> Complaint:
    """Makes the post's complaint, once: a post already converted returns its complaint.

    ValidationError (per field, from the intake service) or DomainError leave the post as it was.
    """
    now = now or timezone.now()
    with transaction.atomic():
        post = SocialPost.objects.select_for_update().get(pk=post.pk)
        if post.state == SocialPost.State.CONVERTED:
            return post.complaint
        if post.state == SocialPost.State.DISMISSED:
            raise services.DomainError(_("This post was dismissed; it cannot become a complaint."))
        # The ministry has known of the post since it arrived: the answer is due from then.
        result = intake.receive(IntakeRequest(
            channel=Complaint.Channel.SOCIAL_MEDIA, external_reference=post.external_reference, subject=subject,
            body=body, kind=kind, language=language, category=category, citizen=citizen, by=by,
            received_at=post.received_at,
        ), now=now)
        post.state, post.complaint, post.handled_by, post.handled_at = (
            SocialPost.State.CONVERTED, result.complaint, by, now)
        post.save(update_fields=["state", "complaint", "handled_by", "handled_at"])
    return result.complaint


def dismiss_post(*, post: SocialPost, reason: str, note: str = "", by, now=None) -> SocialPost:
    """Takes the post out of the inbox for a stated reason; a post dismissed already stays as it was."""
    now = now or timezone.now()
    if reason not in SocialPost.DismissalReason.values:
        raise services.DomainError(_("Choose why the post is dismissed."))
    if reason == SocialPost.DismissalReason.OTHER and not note.strip():
        raise services.DomainError(_("Say why the post is dismissed."))
    with transaction.atomic():
        post = SocialPost.objects.select_for_update().get(pk=post.pk)
        if post.state == SocialPost.State.CONVERTED:
            raise services.DomainError(_("This post is already complaint %(reference)s.")
                                       % {"reference": post.complaint.display_reference})
        if post.state == SocialPost.State.DISMISSED:
            return post
        post.state, post.dismissal_reason, post.dismissal_note = SocialPost.State.DISMISSED, reason, note.strip()
        post.handled_by, post.handled_at = by, now
        post.save(update_fields=["state", "dismissal_reason", "dismissal_note", "handled_by", "handled_at"])
    return post
