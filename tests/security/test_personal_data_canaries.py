"""A canary CPR and mobile number go in through the web form, the walk-in counter and Open311,
are routed and notified (SMS through the console backend that writes to the log, as in
development), tracked by the citizen and opened by staff. They must never show up in a log
record of any logger, in a Celery message's arguments, or in a URL the portal builds or
redirects to."""

import logging
import re
import uuid

import pytest
from celery import current_app
from celery.app.task import Task
from django.utils import timezone

from complaints import tasks
from complaints.api_keys.models import Open311Client
from complaints.models import Complaint, Notification
from complaints.security.roles import ensure_role_groups
from tests.factories import CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

CANARY_CPR = "870317733"
CANARY_MOBILE_DIGITS = "36617739"
CANARY_EMAIL = "canary.zubaida@example.com"
CANARY_PATTERNS = [CANARY_CPR, CANARY_MOBILE_DIGITS, CANARY_EMAIL]


def leaks(text: str) -> list[str]:
    """Canaries found in `text`, also written with spaces, dashes, dots or Arabic-Indic digits."""
    digits = re.sub(r"[\s\-.+()]", "", str(text)).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    return [canary for canary in CANARY_PATTERNS if canary in digits or canary in str(text)]


@pytest.fixture
def published(monkeypatch):
    """Every Celery message the portal sends, kept here instead of going to the broker."""
    messages = []

    def apply_async(task, args=None, kwargs=None, **options):
        messages.append((task.name, args, kwargs))

    monkeypatch.setattr(Task, "apply_async", apply_async)
    return messages


@pytest.fixture
def urls():
    """Each URL the portal sent a browser to or put in a page."""
    seen = []

    def record(response):
        if response.has_header("Location"):
            seen.append(response["Location"])
        if response.get("Content-Type", "").startswith("text/html"):
            seen.extend(re.findall(r'(?:href|action|src)="([^"]*)"', response.content.decode()))
        return response

    record.seen = seen
    return record


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


@pytest.fixture
def category(maintenance):
    return CategoryFactory(code="water-leak", name_en="Water leak", default_department=maintenance)


def through_the_web_form(client, category, urls, commit):
    answers = {"kind": "complaint", "category": category.pk, "subject": "Water leaking",
               "body": "The ceiling leaks.", "name": "Zubaida Canary", "cpr": CANARY_CPR,
               "mobile": f"+973 {CANARY_MOBILE_DIGITS[:4]} {CANARY_MOBILE_DIGITS[4:]}", "email": CANARY_EMAIL,
               "preferred_language": "en", "housing_application_number": "", "website": ""}
    urls(client.post("/en/complaints/new/", {**answers, "cpr": CANARY_CPR[:5]}))  # refused first: a 400
    urls(client.post("/en/complaints/new/", answers))
    urls(client.get("/en/complaints/new/check/"))
    with commit(execute=True):
        sent = urls(client.post("/en/complaints/new/check/"))
    urls(client.get(sent["Location"]))


def through_the_walk_in_counter(client, category, urls, commit):
    agent = UserFactory(username="agent.huda")
    agent.groups.add(ensure_role_groups()["complaints-unit-agent"])
    client.force_login(agent)
    form = {"token": uuid.uuid4().hex, "filled_from": "", "cpr": CANARY_CPR, "name": "Zubaida Canary",
            "mobile": CANARY_MOBILE_DIGITS, "email": CANARY_EMAIL, "language": "en", "kind": "complaint",
            "subject": "Water leaking", "body": "The ceiling leaks.", "category": category.pk,
            "housing_application_number": ""}
    urls(client.post("/admin/channels_intake/walkincomplaint/add/", {**form, "find_citizen": "1"}))
    with commit(execute=True):
        recorded = urls(client.post("/admin/channels_intake/walkincomplaint/add/", {**form, "record": "1"}))
    page = urls(client.get(recorded["Location"]))
    for slip in re.findall(r'href="([^"]*/slip/[^"]*)"', page.content.decode()):
        urls(client.get(slip))
    client.logout()


def through_open311(client, category, urls, commit):
    app = Open311Client(name="FixMyBlock", slug="fixmyblock")
    key = app.set_new_key()
    app.save()
    with commit(execute=True):
        urls(client.post("/open311/v2/requests.json", {
            "api_key": key, "service_code": category.code, "description": "Water leaking",
            "address_string": "Salman City", "first_name": "Zubaida", "last_name": "Canary",
            "phone": CANARY_MOBILE_DIGITS, "email": CANARY_EMAIL, "attribute[cpr]": CANARY_CPR}))


def beat_and_a_worker(published, commit):
    """Beat's routing run (intake sends no message of its own), then a worker's part: each task
    published since (routing's acknowledgements, the notifications they queue) is run."""
    published.append((tasks.reconcile_unrouted.name, None, None))
    done = 0
    while done < len(published):
        name, args, kwargs = published[done]
        done += 1
        with commit(execute=True):
            current_app.tasks[name](*(args or ()), **(kwargs or {}))


def routed_notified_tracked_and_opened(client, urls, commit, settings, published):
    settings.SMS_BACKEND = "complaints.notifications.sms.ConsoleBackend"  # writes each SMS to the log
    beat_and_a_worker(published, commit)
    assert Notification.objects.filter(sent_at__isnull=False).exists()
    assert not Complaint.objects.filter(status=Complaint.Status.NEW).exists()
    for complaint in Complaint.objects.all():
        tracked = urls(client.post("/en/track/", {"reference": complaint.display_reference,
                                                  "mobile_last_digits": CANARY_MOBILE_DIGITS[-4:]}))
        assert tracked.status_code == 302, tracked.content.decode()[:500]
        urls(client.get(tracked["Location"]))
    client.force_login(UserFactory(username="root", is_superuser=True))
    for complaint in Complaint.objects.all():
        urls(client.get(f"/admin/complaints/complaint/{complaint.pk}/change/"))
        urls(client.post(f"/admin/complaints/complaint/{complaint.pk}/cpr/"))
    urls(client.get("/admin/complaints/complaint/"))
    for typed in (CANARY_CPR, CANARY_MOBILE_DIGITS, CANARY_EMAIL):  # staff look the citizen up in the queue
        found = urls(client.post("/admin/complaints/complaint/search/", {"q": typed}))
        urls(client.get(found["Location"]))
    urls(client.get("/ar/minister/"))


def test_the_canaries_never_reach_logs_task_arguments_or_urls(
        client, category, urls, published, everything_logged, django_capture_on_commit_callbacks, settings,
        ministry):
    through_the_web_form(client, category, urls, django_capture_on_commit_callbacks)
    through_the_walk_in_counter(client, category, urls, django_capture_on_commit_callbacks)
    through_open311(client, category, urls, django_capture_on_commit_callbacks)
    routed_notified_tracked_and_opened(client, urls, django_capture_on_commit_callbacks, settings, published)

    assert Complaint.objects.filter(citizen__cpr=CANARY_CPR).count() == 3  # the canary did go in everywhere
    assert published, "no Celery message was sent: the check would prove nothing"
    assert len(urls.seen) > 50 and everything_logged.records

    in_logs = {(record.name, record.getMessage()) for record in everything_logged.records
               if leaks(record.getMessage()) or leaks(record.exc_text or "")}
    in_messages = [message for message in published if leaks(repr(message))]
    in_urls = [url for url in urls.seen if leaks(url)]
    assert (in_logs, in_messages, in_urls) == (set(), [], [])


def test_the_leak_detector_finds_a_canary_however_it_is_written():
    assert leaks(f"SMS to +973 {CANARY_MOBILE_DIGITS[:4]}-{CANARY_MOBILE_DIGITS[4:]}") == [CANARY_MOBILE_DIGITS]
    assert leaks("cpr=٨٧٠٣١٧٧٣٣") == [CANARY_CPR]
    assert leaks(f"/admin/?q={CANARY_EMAIL}") == [CANARY_EMAIL]
    assert leaks(f"sent at {timezone.now():%Y-%m-%d}") == []


class RefusingMailServer:
    """A mail server refusing the recipient, as smtplib reports it: naming the address."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"mailbox unavailable")})


class FailingGateway:
    def send(self, message):
        raise OSError(f"gateway refused {message.to}")


def test_a_failed_delivery_is_logged_without_the_citizens_contacts(
        client, category, urls, published, everything_logged, django_capture_on_commit_callbacks, settings,
        ministry):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    settings.SMS_BACKEND = f"{__name__}.FailingGateway"
    through_the_web_form(client, category, urls, django_capture_on_commit_callbacks)
    beat_and_a_worker(published, django_capture_on_commit_callbacks)

    failures = [record.getMessage() for record in everything_logged.records if "not sent" in record.getMessage()]
    assert len(failures) == 2 and "SMTPRecipientsRefused" in " ".join(failures)
    assert [message for message in failures if leaks(message)] == []
