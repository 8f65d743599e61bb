"""What each simulated client does, request by request, as a browser or an integrator would.

Every scenario takes a `load.Session` and records what the server accepted in a `Ledger`, so
that the run can be checked against the database afterwards (accepted = stored).
"""

import itertools
import json
import random
import re
import threading
import uuid
from dataclasses import dataclass, field

from benchmarks import load

REFERENCE_IN_PATH = re.compile(r"/complaints/sent/([0-9-]+)/")
# A small valid PNG (16×16 pixels, 82 bytes), for submissions with an attachment.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000010000000100802000000909168360000001949444154789c633c2127c7"
    "400a602249f5a886510d434a03004f1f0124718c35980000000049454e44ae426082")


@dataclass
class Ledger:
    """What the server said it accepted, by kind: references of complaints, or a count."""

    accepted: dict = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, reference: str = "") -> None:
        with self._lock:
            self.accepted.setdefault(kind, []).append(reference)

    def references(self, kind: str) -> list[str]:
        return [reference for reference in self.accepted.get(kind, []) if reference]

    def count(self, kind: str) -> int:
        return len(self.accepted.get(kind, []))


@dataclass(frozen=True)
class Texts:
    """Subjects and bodies in Arabic and English, and the categories to file them under."""

    complaints: tuple  # (subject, body, language)
    category_ids: tuple
    service_codes: tuple


class Citizens:
    """A new citizen for every submission: a CPR and a Bahraini mobile never used before."""

    def __init__(self, seed: int):
        self._numbers = itertools.count(seed)
        self._lock = threading.Lock()

    def next(self) -> tuple[str, str]:
        with self._lock:
            number = next(self._numbers)
        return f"{700_000_000 + number % 100_000_000:09d}", f"+9733{number % 10_000_000:07d}"


def _picked(texts: Texts, rng: random.Random):
    subject, body, language = rng.choice(texts.complaints)
    return subject, f"{body} ({uuid.uuid4().hex[:8]})", language


# --- The citizen web form ------------------------------------------------------------------------

def citizen_form(session: load.Session, *, texts: Texts, citizens: Citizens, addresses: load.SourceAddresses,
                 ledger: Ledger, rng: random.Random, attachment_share: float = 0.0) -> None:
    """A citizen's whole visit: the empty form, the filled form (with a small photo now and then),
    the check-your-answers page, Send, and the confirmation. A new citizen each time, from an
    address of their own, with no cookies."""
    draft = fill_in(session, texts=texts, citizens=citizens, addresses=addresses, rng=rng,
                    attachment_share=attachment_share)
    if draft is None:
        return
    check = session.request("check GET", "GET", f"/{draft.language}/complaints/new/check/")
    if check.status != 200:
        return
    sent = _send(session, draft, csrf_token=session.csrf_token(check.body), ledger=ledger)
    session.request("confirmation GET", "GET", local_path(sent.location))


@dataclass(frozen=True)
class Draft:
    """A filled-in form waiting on its check page: the browser's cookies and address."""

    language: str
    source_address: str
    cookies: dict


class Drafts:
    """Drafts filled in before a timed run of Sends, handed out one to each Send."""

    def __init__(self):
        self._waiting: list[Draft] = []
        self._lock = threading.Lock()

    def add(self, draft: Draft) -> None:
        with self._lock:
            self._waiting.append(draft)

    def take(self) -> Draft:
        with self._lock:
            if not self._waiting:
                raise RuntimeError("no draft left: prepare more (bench_intake --form-drafts)")
            return self._waiting.pop()

    def __len__(self):
        return len(self._waiting)


def fill_draft(session: load.Session, *, drafts: Drafts, texts: Texts, citizens: Citizens,
               addresses: load.SourceAddresses, rng: random.Random, attachment_share: float = 0.0) -> None:
    """The first half of a visit, to prepare a Send: the filled form (the empty form only once
    per session, for its CSRF cookie)."""
    draft = fill_in(session, texts=texts, citizens=citizens, addresses=addresses, rng=rng,
                    attachment_share=attachment_share, csrf_cookie=session.cookies.get("csrftoken", ""))
    if draft is not None:
        drafts.add(draft)


def send_draft(session: load.Session, *, drafts: Drafts, ledger: Ledger, rng: random.Random) -> None:
    """The form's POST alone: Send on a draft filled in beforehand, from that citizen's address
    with their cookies. The confirmation is not fetched (`citizen_form` measures whole visits)."""
    draft = drafts.take()
    session.start_over(source_address=draft.source_address)
    session.cookies.update(draft.cookies)
    _send(session, draft, csrf_token=draft.cookies.get("csrftoken", ""), ledger=ledger, kind="web form, Send alone")


def fill_in(session: load.Session, *, texts: Texts, citizens: Citizens, addresses: load.SourceAddresses,
            rng: random.Random, attachment_share: float, csrf_cookie: str = "") -> Draft | None:
    """The empty form and the filled form, as a new citizen; with `csrf_cookie` (from an earlier
    visit) the empty form is not fetched."""
    session.start_over(source_address=addresses.next())
    subject, body, language = _picked(texts, rng)
    cpr, mobile = citizens.next()
    if csrf_cookie:
        session.cookies["csrftoken"] = token = csrf_cookie
    else:
        page = session.request("form GET", "GET", f"/{language}/complaints/new/")
        if page.status != 200:
            return None
        token = session.csrf_token(page.body)
    fields = {
        "csrfmiddlewaretoken": token, "kind": "complaint",
        "category": str(rng.choice(texts.category_ids)), "subject": subject, "body": body,
        "name": "مواطن تجريبي" if language == "ar" else "Test Citizen", "cpr": cpr, "mobile": mobile,
        "email": "", "preferred_language": language, "housing_application_number": "", "website": "",
    }
    if rng.random() < attachment_share:
        content, content_type = multipart(fields, files={"files": ("photo.png", "image/png", TINY_PNG)})
        answer = session.request("form POST", "POST", f"/{language}/complaints/new/", body=content,
                                 content_type=content_type)
    else:
        answer = session.request("form POST", "POST", f"/{language}/complaints/new/", form=fields)
    if answer.status != 302:
        raise AssertionError(f"form POST answered {answer.status}: {invalid_fields(answer.body)}")
    return Draft(language=language, source_address=session.source_address, cookies=dict(session.cookies))


def _send(session: load.Session, draft: Draft, *, csrf_token: str, ledger: Ledger,
          kind: str = "web form") -> load.Response:
    sent = session.request("send POST", "POST", f"/{draft.language}/complaints/new/check/",
                           form={"csrfmiddlewaretoken": csrf_token})
    match = REFERENCE_IN_PATH.search(sent.location)
    if sent.status != 302 or not match:
        raise AssertionError(f"send POST answered {sent.status}")
    ledger.add(kind, match.group(1))
    return sent


def multipart(fields: dict, *, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content_type, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


# --- Open311: the civic apps' intake API --------------------------------------------------------

def open311_submit(session: load.Session, *, texts: Texts, citizens: Citizens, api_key: str, ledger: Ledger,
                   rng: random.Random) -> None:
    """A civic app sending a citizen's request (POST /open311/v2/requests.json, a form post as the
    GeoReport spec has it), with the citizen's CPR so it joins their record, and an Idempotency-Key."""
    subject, body, language = _picked(texts, rng)
    cpr, mobile = citizens.next()
    answer = session.request("open311 POST", "POST", "/open311/v2/requests.json", form={
        "api_key": api_key, "service_code": rng.choice(texts.service_codes),
        "description": f"{subject}\n{body}", "address_string": "Block 1208, Hamad Town",
        "first_name": "مواطن" if language == "ar" else "Test", "last_name": "تجريبي" if language == "ar" else "Citizen",
        "phone": mobile, "attribute[cpr]": cpr,
    }, headers={"Accept-Language": language, "Idempotency-Key": uuid.uuid4().hex})
    if answer.status == 201:
        ledger.add("open311", json.loads(answer.body)[0]["service_request_id"])


# --- The ceiling --------------------------------------------------------------------------------

def ceiling_insert(session: load.Session, *, texts: Texts, ledger: Ledger, rng: random.Random) -> None:
    subject, body, _language = _picked(texts, rng)
    answer = session.request("ceiling POST", "POST", "/bench/ceiling/", form={"text": f"{subject}\n{body}"})
    if answer.status == 201:
        ledger.add("ceiling")


# --- Tracking ------------------------------------------------------------------------------------

def track(session: load.Session, *, complaints: list, addresses: load.SourceAddresses, rng: random.Random) -> None:
    """A citizen following a complaint: the tracking form, the reference and the last four digits
    of their mobile, then the complaint's page. `complaints` holds (reference, mobile) pairs."""
    session.start_over(source_address=addresses.next())
    reference, mobile = rng.choice(complaints)
    language = rng.choice(("ar", "en"))
    page = session.request("track form GET", "GET", f"/{language}/track/")
    if page.status != 200:
        return
    answer = session.request("track lookup POST", "POST", f"/{language}/track/", form={
        "csrfmiddlewaretoken": session.csrf_token(page.body), "reference": reference,
        "mobile_last_digits": mobile[-4:]})
    if answer.status != 302:
        raise AssertionError(f"tracking lookup answered {answer.status}")
    shown = session.request("tracking page GET", "GET", local_path(answer.location))
    if shown.status != 200:
        raise AssertionError(f"tracking page answered {shown.status}")


# --- Staff ---------------------------------------------------------------------------------------

def staff_queue(session: load.Session, *, username: str, password: str) -> None:
    """A member of staff working the queue: signed in once per session, then its first page."""
    if "sessionid" not in session.cookies:
        page = session.request("staff sign-in GET", "GET", "/admin/login/")
        answer = session.request("staff sign-in POST", "POST", "/admin/login/", form={
            "csrfmiddlewaretoken": session.csrf_token(page.body), "username": username, "password": password,
            "next": "/admin/"})
        if answer.status != 302:
            raise AssertionError(f"staff sign-in answered {answer.status}")
    queue = session.request("staff queue GET", "GET", "/admin/complaints/complaint/",
                            headers={"Accept-Language": "ar"})
    if queue.status != 200:
        raise AssertionError(f"staff queue answered {queue.status}")


def local_path(location: str) -> str:
    """The path of a redirect's Location, whether absolute or not."""
    if "://" in location:
        location = "/" + location.split("://", 1)[1].partition("/")[2]
    return location


def invalid_fields(page: bytes) -> list[str]:
    """The fields a form page's error summary names, to say why a submission was refused."""
    return sorted({name.decode() for name in re.findall(rb'href="#id_([a-z_]+)', page)})
