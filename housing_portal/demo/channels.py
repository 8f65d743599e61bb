"""The channel screens' part of `manage.py seed_demo`: the hotline's calls and the allocation
announcements they peak on, social media posts and press items in the monitors' inboxes,
digitised Taht Amrak letters, and citizens who raise the same matter again through another
channel (likely duplicates).

Everything goes through the services the screens and webhooks use: calls are reported as the
telephone system reports them and logged as the agent logs them, posts arrive as the listening
service delivers them, media items are logged through the monitors' form. Only what this run
stores is then decided on (logged, converted, dismissed, forwarded), as seed_demo does with its
complaints, so a second run adds nothing and leaves staff's own decisions alone.
"""

import io
import math
import random
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from channels_intake.box import box_letters
from channels_intake.calls import call_log as calls
from channels_intake.media import media_items as media
from channels_intake.media.monitoring_forms import MediaItemForm
from channels_intake.models import AllocationAnnouncement, BoxLetter, Call, MediaItem, SocialPost
from channels_intake.social import posts as social
from complaints.routing import engine
from complaints.intake import CitizenDetails
from complaints.models import Category, Complaint, Department
from housing_portal.demo import channels_data as demo_data
from housing_portal.demo import core_data as complaint_texts

Status = Complaint.Status

# --- The hotline 80008001 ---------------------------------------------------------------------

HOTLINE_DAYS = 40  # whole days, ending yesterday, so that no day's figures are cut short
CALL_ID_PREFIX = "tel-demo-"
# Calls on an ordinary day, by weekday (Monday 0). Bahrain's weekend is Friday and Saturday;
# Sunday takes what the weekend left.
CALLS_ON_WEEKDAY = {0: 30, 1: 29, 2: 28, 3: 26, 4: 4, 5: 10, 6: 36}
# When callers ring (Bahrain hour: weight); the centre answers from 7:00 to 19:00.
HOUR_WEIGHTS = {7: 4, 8: 8, 9: 11, 10: 12, 11: 11, 12: 9, 13: 8, 14: 6, 15: 5, 16: 4, 17: 3, 18: 2}
# An announcement at 10:00 brings this many times the day's calls, on the day and the two after.
ANNOUNCEMENT_LOAD = (4.5, 2.0, 1.4)
ANNOUNCEMENT_HOUR_WEIGHTS = {10: 14, 11: 12, 12: 9, 13: 7, 14: 5, 15: 4, 16: 3, 17: 2, 18: 2}
# Waits grow faster than the calls in the hour; callers give up after about five minutes.
PATIENCE_SECONDS = 300
MEDIAN_TALK_SECONDS = 170
AGENT_EXTENSIONS = tuple(f"21{n:02d}" for n in range(1, 13))
CALLERS = 900  # distinct numbers ringing over the period, so some call more than once
COMPLAINT_CALLS = 8
INFORMATION_CALLS = len(demo_data.INFORMATION_CALLS)
REPEATED_MATTER_CALLS = 2


@dataclass(frozen=True)
class AgentLog:
    """What the agent logs of a call: a complaint from a template, or information given."""
    citizen: CitizenDetails | None
    template: tuple | None = None
    information: tuple[str, str] | None = None  # (kind of call, notes)


@dataclass(frozen=True, kw_only=True)
class PlannedCall:
    call_id: str
    caller: str
    started_at: datetime  # Bahrain time
    wait_seconds: int
    talk_seconds: int
    status: str
    agent: str

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.wait_seconds + self.talk_seconds)

    def telephony_payload(self) -> dict:
        """The record as the telephone system posts it to /api/v1/intake/calls/."""
        return {"call_id": self.call_id, "caller": self.caller, "started_at": self.started_at.isoformat(),
                "wait_seconds": self.wait_seconds, "duration_seconds": self.talk_seconds,
                "status": self.status, "agent": self.agent}


def hotline_days(today: date) -> list[date]:
    return [today - timedelta(days=offset) for offset in range(HOTLINE_DAYS, 0, -1)]


def announcement_dates(today: date) -> list[date]:
    """Each demo announcement's day: its place in the period, or the working day before it."""
    dates = []
    for days_before, *_texts in demo_data.ALLOCATION_ANNOUNCEMENTS:
        day = today - timedelta(days=days_before)
        while day.weekday() in (4, 5):  # Friday, Saturday
            day -= timedelta(days=1)
        dates.append(day)
    return dates


def plan_calls(*, rng: random.Random, days: list[date], announced_on: list[date]) -> list[PlannedCall]:
    """Every call of the period, oldest first, with waits that lengthen as the hour gets busier."""
    bahrain = timezone.get_default_timezone()
    callers = [bahraini_number(rng) for _ in range(CALLERS)]
    load = Counter()
    for announced in announced_on:
        for days_after, factor in enumerate(ANNOUNCEMENT_LOAD):
            load[announced + timedelta(days=days_after)] += factor - 1
    planned = []
    for day in days:
        ordinary = CALLS_ON_WEEKDAY[day.weekday()]
        hours = draws(rng, HOUR_WEIGHTS, round(ordinary * rng.uniform(0.85, 1.15)))
        extra_weights = ANNOUNCEMENT_HOUR_WEIGHTS if day in announced_on else HOUR_WEIGHTS
        hours += draws(rng, extra_weights, round(ordinary * load[day] * rng.uniform(0.9, 1.1)))
        for hour, calls_in_hour in sorted(Counter(hours).items()):
            mean_wait = 12 + 1.6 * calls_in_hour ** 1.6
            for second in sorted(rng.randrange(3600) for _ in range(calls_in_hour)):
                started_at = datetime.combine(day, time(hour), bahrain) + timedelta(seconds=second)
                wait, patience = rng.expovariate(1 / mean_wait), rng.expovariate(1 / PATIENCE_SECONDS)
                answered = wait <= patience
                planned.append(PlannedCall(
                    call_id=f"{CALL_ID_PREFIX}{len(planned) + 1:05d}", caller=rng.choice(callers),
                    started_at=started_at, wait_seconds=max(2, round(wait if answered else patience)),
                    talk_seconds=max(25, round(rng.lognormvariate(math.log(MEDIAN_TALK_SECONDS), 0.55)))
                    if answered else 0,
                    status=Call.Status.ANSWERED if answered else Call.Status.ABANDONED,
                    agent=rng.choice(AGENT_EXTENSIONS) if answered else ""))
    return planned


def draws(rng: random.Random, weights: dict, count: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=count) if count > 0 else []


def bahraini_number(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return f"+97317{rng.randrange(10**6):06d}"  # a landline
    return f"+973{rng.choice(complaint_texts.MOBILE_PREFIXES)}{rng.randrange(10**4):04d}"


def seed_hotline(*, rng, users, citizens, complaints, now, repeaters) -> dict[str, tuple[int, int]]:
    """Announcements, the calls of the period and what the agent logged of them. The period is
    seeded once: once demo calls exist, their days stay as they were first stored."""
    today = timezone.localdate(now)
    new_announcements = seed_announcements(today=today)
    demo_calls = Call.objects.filter(call_id__startswith=CALL_ID_PREFIX)
    new_calls = new_complaints = new_information = 0
    if not demo_calls.exists():
        planned = plan_calls(rng=rng, days=hotline_days(today), announced_on=announcement_dates(today))
        to_log = pick_calls_to_log(rng=rng, planned=planned, citizens=citizens)
        planned = [replace(call, caller=to_log[call.call_id].citizen.mobile)
                   if call.call_id in to_log and to_log[call.call_id].citizen else call for call in planned]
        repeats = plan_repeated_matter_calls(rng=rng, complaints=complaints, now=now, repeaters=repeaters)
        for call in planned + [call for call, _original in repeats]:
            calls.record_telephony_call(call.telephony_payload(), now=call.ended_at)
        new_calls = len(planned) + len(repeats)
        agent = users["call-centre-agent"]
        for call_id, log in to_log.items():
            call = Call.objects.get(call_id=call_id)
            if log.template:
                log_complaint(call=call, citizen=log.citizen, template=log.template, agent=agent, rng=rng)
                new_complaints += 1
            else:
                log_information(call=call, citizen=log.citizen, notes=log.information, agent=agent)
                new_information += 1
        for planned_call, original in repeats:
            log_complaint(call=Call.objects.get(call_id=planned_call.call_id), citizen=citizen_of(original),
                          template=template_of(original), agent=agent, rng=rng)
            new_complaints += 1
    logged = demo_calls.exclude(logged_at=None)
    return {
        "Allocation announcements": (AllocationAnnouncement.objects.count(), new_announcements),
        "Hotline calls": (demo_calls.count(), new_calls),
        "Hotline calls logged as complaints": (logged.filter(outcome=Call.Outcome.COMPLAINT).count(),
                                               new_complaints),
        "Hotline calls logged as information": (logged.filter(outcome=Call.Outcome.INFORMATION).count(),
                                                new_information),
    }


def seed_announcements(*, today) -> int:
    """One row per announcement title; its date stays the day it was first given."""
    new = 0
    for day, (_days_before, title_ar, title_en, note) in zip(announcement_dates(today),
                                                             demo_data.ALLOCATION_ANNOUNCEMENTS):
        _announcement, created = AllocationAnnouncement.objects.get_or_create(
            title_en=title_en, defaults={"date": day, "title_ar": title_ar, "note": note})
        new += created
    return new


def pick_calls_to_log(*, rng, planned, citizens) -> dict[str, AgentLog]:
    """The answered calls the agent logs: complaints, the caller identified, and information
    calls, half of the callers identified."""
    answered = [call for call in planned if call.status == Call.Status.ANSWERED]
    chosen = rng.sample(answered, COMPLAINT_CALLS + INFORMATION_CALLS)
    templates = [t for t in complaint_texts.COMPLAINT_TEMPLATES if t[2] != Complaint.Kind.SUGGESTION]
    to_log = {}
    for call in chosen[:COMPLAINT_CALLS]:
        template = rng.choice(templates)
        citizen = rng.choice([c for c in citizens if c.preferred_language == template[4]])
        to_log[call.call_id] = AgentLog(citizen, template=template)
    for call, (kind, language, notes) in zip(chosen[COMPLAINT_CALLS:], demo_data.INFORMATION_CALLS):
        known = rng.random() < 0.5
        citizen = rng.choice([c for c in citizens if c.preferred_language == language]) if known else None
        to_log[call.call_id] = AgentLog(citizen, information=(kind, notes))
    return to_log


def plan_repeated_matter_calls(*, rng, complaints, now, repeaters) -> list[tuple[PlannedCall, Complaint]]:
    """Citizens who ring about a matter they raised through another channel two days before."""
    bahrain = timezone.get_default_timezone()
    today = timezone.localdate(now, bahrain)
    repeats = []
    for original in repeated_matters(complaints, channel=Complaint.Channel.CALL_CENTRE,
                                     count=REPEATED_MATTER_CALLS, now=now, repeaters=repeaters):
        day = timezone.localdate(original.received_at, bahrain) + timedelta(days=2)
        if day >= today:
            continue
        talk = round(rng.lognormvariate(math.log(MEDIAN_TALK_SECONDS * 1.5), 0.3))
        repeats.append((PlannedCall(
            call_id=f"{CALL_ID_PREFIX}repeat-{len(repeats) + 1}", caller=original.citizen.mobile,
            started_at=datetime.combine(day, time(9), bahrain) + timedelta(seconds=rng.randrange(3 * 3600)),
            wait_seconds=rng.randrange(10, 90), talk_seconds=talk, status=Call.Status.ANSWERED,
            agent=rng.choice(AGENT_EXTENSIONS)), original))
    return repeats


def log_complaint(*, call, citizen, template, agent, rng) -> None:
    subject, body, kind, category_code, language = template
    subject_frame, body_frame = complaint_texts.CHANNEL_FRAMES[Complaint.Channel.CALL_CENTRE][language]
    texts = {"subject": subject, "body": body}
    logged_at = call.started_at + timedelta(seconds=call.wait_seconds + call.talk_seconds)
    logged = calls.log_complaint_call(
        calls.CallLog(call_id=call.call_id, caller_number=call.caller_number, kind=kind, citizen=citizen),
        calls.ComplaintDetails(subject=subject_frame.format(**texts), body=body_frame.format(**texts),
                               category=Category.objects.get(code=category_code), language=language),
        by=agent, now=logged_at)
    route_later(logged.complaint, after=logged_at, rng=rng)


def log_information(*, call, citizen, notes, agent) -> None:
    kind, text = notes
    calls.log_information_call(
        calls.CallLog(call_id=call.call_id, caller_number=call.caller_number, kind=kind, notes=text,
                      citizen=citizen),
        by=agent, now=call.started_at + timedelta(seconds=call.wait_seconds + call.talk_seconds + 60))


# --- Social media ------------------------------------------------------------------------------

DEMO_POST_PREFIX = "demo-"
POST_LINKS = {"x": "https://x.com/{handle}/status/{post_id}", "instagram": "https://www.instagram.com/p/{post_id}/",
              "facebook": "https://www.facebook.com/{post_id}"}


def seed_social(*, rng, users, complaints, now, repeaters) -> dict[str, tuple[int, int]]:
    """The monitors' inbox: posts as the listening service delivers them; of those stored now,
    some turned into complaints and one dismissed, as a monitor would."""
    monitor = users["media-monitor"]
    stored = []
    for row in demo_data.SOCIAL_POSTS:
        posted_at = now - timedelta(hours=row["hours_ago"], minutes=rng.randrange(60))
        post, created = deliver_post(row, text=row["text"], posted_at=posted_at, rng=rng)
        if created:
            stored.append((row, post))
    for row, post in stored:
        decided_at = post.received_at + timedelta(hours=rng.uniform(1, 4))
        if row["decision"] == "convert":
            convert_post(post, category_code=row["category"], citizen=None, by=monitor, at=decided_at, rng=rng)
        elif row["decision"] == "dismiss":
            social.dismiss_post(post=post, reason=row["reason"], note=row["note"], by=monitor, now=decided_at)
    repeated = seed_repeated_post(rng=rng, monitor=monitor, complaints=complaints, now=now, repeaters=repeaters)
    posts = SocialPost.objects.filter(post_id__startswith=DEMO_POST_PREFIX)
    return {
        "Social media posts": (posts.count(), len(stored) + repeated),
        "Social media posts turned into complaints": (
            posts.filter(state=SocialPost.State.CONVERTED).count(),
            sum(row["decision"] == "convert" for row, _ in stored) + repeated),
        "Social media posts dismissed": (posts.filter(state=SocialPost.State.DISMISSED).count(),
                                         sum(row["decision"] == "dismiss" for row, _ in stored)),
    }


def seed_repeated_post(*, rng, monitor, complaints, now, repeaters) -> int:
    """A citizen posts about a matter they raised through another channel; the monitor
    recognises them and turns the post into a complaint with their details."""
    row = demo_data.REPEATED_POST
    if SocialPost.objects.filter(platform=row["platform"], post_id=row["post_id"]).exists():
        return 0
    for original in repeated_matters(complaints, channel=Complaint.Channel.SOCIAL_MEDIA, count=1, now=now,
                                     repeaters=repeaters):
        subject, body, _kind, category_code, language = template_of(original)
        text = demo_data.REPEATED_POST_TEXT[language].format(subject=subject, first_sentence=first_sentence(body))
        posted_at = original.received_at + timedelta(days=3, minutes=rng.randrange(600))
        post, _created = deliver_post(row, text=text, posted_at=posted_at, rng=rng)
        convert_post(post, category_code=category_code, citizen=citizen_of(original), by=monitor,
                     at=post.received_at + timedelta(hours=rng.uniform(1, 3)), rng=rng)
        return 1
    return 0


def deliver_post(row: dict, *, text: str, posted_at: datetime, rng) -> tuple[SocialPost, bool]:
    """The post as the listening service posts it to /api/v1/intake/social/, a little after it appeared."""
    raw = {"platform": row["platform"], "post_id": row["post_id"], "author_handle": row["author_handle"],
           "text": text, "posted_at": timezone.localtime(posted_at).isoformat(),
           "link": POST_LINKS[row["platform"]].format(handle=row["author_handle"].lstrip("@"), post_id=row["post_id"])}
    [(post, created)] = social.receive_posts([raw], now=posted_at + timedelta(minutes=rng.uniform(3, 40)))
    return post, created


def convert_post(post, *, category_code, citizen, by, at, rng) -> None:
    """What a monitor does on *Turn into complaint*: the form starts from the post's draft."""
    draft = social.complaint_draft(post)
    complaint = social.convert_post(post=post, by=by, subject=draft["subject"], body=draft["body"],
                                    kind=draft["kind"], language=draft["language"],
                                    category=Category.objects.get(code=category_code), citizen=citizen, now=at)
    route_later(complaint, after=at, rng=rng)


def first_sentence(text: str) -> str:
    for stop in (".", "،", ","):
        if stop in text:
            return text.split(stop, 1)[0].strip() + "."
    return text


# --- Press, radio and TV ------------------------------------------------------------------------

def seed_media(*, rng, users, now) -> dict[str, tuple[int, int]]:
    """Items logged through the monitors' form, each with its clipping; of those stored now,
    some turned into complaints and one forwarded to a department."""
    monitor = users["media-monitor"]
    bahrain = timezone.get_default_timezone()
    stored = []
    for row in demo_data.MEDIA_ITEMS:
        if MediaItem.objects.filter(outlet=row["outlet"], headline=row["headline"]).exists():
            continue
        published_on = timezone.localdate(now, bahrain) - timedelta(days=row["days_ago"])
        logged_at = datetime.combine(published_on, time(8), bahrain) + timedelta(minutes=rng.randrange(150))
        stored.append((row, log_media_item(row, published_on=published_on, logged_at=logged_at, by=monitor,
                                           rng=rng)))
    for row, item in stored:
        decided_at = item.logged_at + timedelta(minutes=rng.uniform(20, 90))
        if row["decision"] == "convert":
            draft = media.complaint_draft(item)
            complaint = media.convert_item(item=item, by=monitor, subject=draft["subject"], body=draft["body"],
                                           kind=draft["kind"], language=draft["language"],
                                           category=Category.objects.get(code=row["category"]), now=decided_at)
            route_later(complaint, after=decided_at, rng=rng)
        elif row["decision"] == "forward":
            media.forward_item(item=item, department=Department.objects.get(code=row["department"]), by=monitor,
                               now=decided_at)
    if stored:
        media.forward_routed_items(now=now)  # as the hourly digest task would: items follow their complaint
    items = MediaItem.objects.filter(headline__in=[row["headline"] for row in demo_data.MEDIA_ITEMS])
    return {
        "Media items": (items.count(), len(stored)),
        "Media items turned into complaints": (items.exclude(complaint=None).count(),
                                               sum(row["decision"] == "convert" for row, _ in stored)),
        "Media items forwarded without a complaint": (items.filter(complaint=None).exclude(department=None).count(),
                                                      sum(row["decision"] == "forward" for row, _ in stored)),
    }


def log_media_item(row: dict, *, published_on: date, logged_at: datetime, by, rng) -> MediaItem:
    """What *Media items → Add* stores: the monitors' form, its clipping checked like any upload."""
    clipping = SimpleUploadedFile(f"{row['label'].lower().replace(' ', '-')}-{published_on}.png",
                                  paper_png(heading=row["label"], day=published_on, rng=rng),
                                  content_type="image/png")
    form = MediaItemForm(data={"outlet": row["outlet"], "medium": row["medium"], "published_on": published_on,
                               "page_or_programme": row["page_or_programme"], "headline": row["headline"],
                               "excerpt": row["excerpt"]},
                         files={"clipping": clipping})
    if not form.is_valid():
        raise ValueError(f"The demo media item {row['headline']!r} is refused: {form.errors.as_json()}")
    item = form.save(commit=False)
    item.logged_by, item.logged_at = by, logged_at
    item.save()
    return item


def paper_png(*, heading: str, day: date, rng) -> bytes:
    """A small picture of a cutting or a scanned letter: heading, date, title bars and columns
    of grey lines standing for the text."""
    width, height = 420, 560
    image = Image.new("RGB", (width, height), "#f6f3ea")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 64), fill="#1f2d4a")
    draw.text((18, 16), heading, fill="#ffffff", font_size=26)
    draw.text((18, 74), day.isoformat(), fill="#555555", font_size=14)
    for top in (104, 130):
        draw.rectangle((18, top, 18 + rng.randrange(240, width - 36), top + 16), fill="#222222")
    column_width = (width - 54) // 2
    for column in range(2):
        left = 18 + column * (column_width + 18)
        for top in range(172, height - 24, 14):
            draw.rectangle((left, top, left + rng.randrange(column_width // 2, column_width), top + 6),
                           fill="#9a9a9a")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# --- The "Taht Amrak" box ----------------------------------------------------------------------

def seed_box_letters(*, rng, users, citizens, now) -> dict[str, tuple[int, int]]:
    """Letters digitised as the complaints unit does on *Taht Amrak letters → Add*, scan included."""
    opened_by = users["complaints-unit-agent"]
    templates = [t for t in complaint_texts.COMPLAINT_TEMPLATES if t[2] == Complaint.Kind.COMPLAINT]
    new = 0
    for box, number, days_ago, witness, names_writer in demo_data.BOX_LETTERS:
        subject, body, _kind, _category, language = rng.choice(templates)
        citizen = rng.choice([c for c in citizens if c.preferred_language == language]) if names_writer else None
        letters = Complaint.objects.filter(channel=Complaint.Channel.TAHT_AMRAK)
        if letters.filter(external_reference=f"{box}:{number}").exists():
            continue
        _subject_frame, letter_frame = complaint_texts.CHANNEL_FRAMES[Complaint.Channel.TAHT_AMRAK][language]
        signature = citizen.name if citizen else complaint_texts.ANONYMOUS_SIGNATURE[language]
        collected_on = timezone.localdate(now) - timedelta(days=days_ago)
        scan = SimpleUploadedFile(f"letter-{number}.png", paper_png(heading="TAHT AMRAK", day=collected_on, rng=rng),
                                  content_type="image/png")
        letter, _created = box_letters.digitise_letter(
            box=box, collected_on=collected_on, opened_by=opened_by, witnessed_by=witness, scan=scan,
            citizen=citizen, subject=subject, text=letter_frame.format(body=body, signature=signature),
            language=language, letter_number=number)
        engine.route_complaint(letter.complaint_id)  # typed in now, so routed now
        new += 1
    return {"Taht Amrak letters digitised": (BoxLetter.objects.count(), new)}


# --- The receiver -------------------------------------------------------------------------------

def seed_demo(*, users, citizens, complaints, now, seed) -> dict[str, tuple[int, int]]:
    """The channel screens' demo. Each part draws from its own random sequence, so
    one part skipped on a later run does not change what the others would do."""
    repeaters = set()  # one repeated matter per citizen
    return {
        **seed_hotline(rng=random.Random(f"{seed}-hotline"), users=users, citizens=citizens, complaints=complaints,
                       now=now, repeaters=repeaters),
        **seed_social(rng=random.Random(f"{seed}-social"), users=users, complaints=complaints, now=now,
                      repeaters=repeaters),
        **seed_media(rng=random.Random(f"{seed}-media"), users=users, now=now),
        **seed_box_letters(rng=random.Random(f"{seed}-letters"), users=users, citizens=citizens, now=now),
    }


# --- Likely duplicates: the same matter through two channels ----------------------------------

# The earlier complaint of a repeated matter is still open, so staff may merge into it, and
# old enough that the repeat comes days later but within the 30 days that duplicates are sought.
REPEATED_MATTER_AGE = (timedelta(days=4), timedelta(days=25))


def repeated_matters(complaints, *, channel: str, count: int, now, repeaters: set) -> list[Complaint]:
    """Open demo complaints from identified citizens with a mobile, from another channel than the
    repeat's, one per citizen and none of `repeaters` (citizen ids; the chosen are added)."""
    candidates = (complaints.filter(status__in=(Status.ROUTED, Status.IN_PROGRESS, Status.AWAITING_CITIZEN),
                                    received_at__gte=now - REPEATED_MATTER_AGE[1],
                                    received_at__lte=now - REPEATED_MATTER_AGE[0])
                  .exclude(citizen=None).exclude(citizen__mobile="")
                  .exclude(channel=channel).exclude(citizen_id__in=repeaters)
                  .select_related("citizen").order_by("pk"))
    chosen = []
    for complaint in candidates:
        if complaint.citizen_id in repeaters or template_of(complaint) is None:
            continue
        chosen.append(complaint)
        repeaters.add(complaint.citizen_id)
        if len(chosen) == count:
            break
    return chosen


def template_of(complaint: Complaint) -> tuple | None:
    """The demo template a complaint was written from (its subject sits inside the channel's frame)."""
    return next((t for t in complaint_texts.COMPLAINT_TEMPLATES if t[0] in complaint.subject), None)


def citizen_of(complaint: Complaint) -> CitizenDetails:
    citizen = complaint.citizen
    return CitizenDetails(name=citizen.name, cpr=citizen.cpr, mobile=citizen.mobile, email=citizen.email,
                          preferred_language=citizen.preferred_language)


def route_later(complaint: Complaint, *, after: datetime, rng) -> None:
    """Routes the complaint as the worker would have, a few minutes after it was made."""
    engine.route_complaint(complaint.pk, now=after + timedelta(minutes=rng.uniform(2, 20)))
