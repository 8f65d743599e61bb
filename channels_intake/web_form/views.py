"""The citizen's submission: form, check your answers, send, confirmation.

The draft lives in the session from the filled form to the confirmation. Send only stores the
complaint (whole, in one transaction) and leaves the session as it is; the confirmation page, which
the browser loads next, forgets the draft (`sent`). A draft whose confirmation was never shown
is recognised as sent by its token and not offered again (`_draft`). The language switch posts the
form here: what was typed and attached is kept in the draft, unchecked, and the form comes back in the
other language filled in."""

import uuid
from contextlib import contextmanager

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from channels_intake.web_form import adding
from channels_intake.web_form.web_submissions import (
    ComplaintForm,
    already_sent,
    external_reference,
    intake_request,
)
from complaints import citizen_services, intake
from complaints.files import uploads as attachments
from complaints.models import Category, Complaint
from complaints.portal import language_switch
from complaints.security import proxies, throttle

DRAFT = "complaint_draft"
SENT = "complaints_sent"
SUBMISSIONS_PER_HOUR = 10


def _draft(request) -> dict:
    """The session's draft, or a new one when there is none or it was sent already (its token
    would make a new complaint the old one again)."""
    draft = request.session.get(DRAFT)
    if draft and draft["details"] and (sent_before := already_sent(draft["token"])):
        _discard_draft(request, _held(draft), sent_before)
        draft = None
    return draft or {"token": uuid.uuid4().hex, "details": {}, "files": []}


def _held(draft) -> list[attachments.HeldFile]:
    """The draft's files still kept (beat deletes those of drafts left longer than a day)."""
    held = [attachments.HeldFile(**held) for held in draft["files"]]
    return [h for h in held if attachments.still_held(h)]


@never_cache
@require_http_methods(["GET", "POST"])
def new_complaint(request):
    draft = _draft(request)
    held = _held(draft)
    if request.method == "GET":
        typed = draft.get("typed") or {}
        form = ComplaintForm(initial=typed or draft["details"] or {"preferred_language": get_language()},
                             held_files=held)
        return render(request, "channels_intake/complaint_form.html",
                      {"form": form, "held_files": held, "removing": typed.get("remove_file", [])})

    switching_to = language_switch.requested(request)
    removed = set(request.POST.getlist("remove_file"))
    if not switching_to:  # a file ticked "Remove" goes on Continue; the switch keeps the tick
        for held_file in [h for h in held if h.key in removed]:
            attachments.discard(held_file)
        held = [h for h in held if h.key not in removed]
    form = ComplaintForm(request.POST, request.FILES, held_files=held, address=proxies.client_address(request))
    valid = form.is_valid()
    held += [attachments.hold(upload, content_type) for upload, content_type in form.new_files]
    draft["files"] = [h.as_dict() for h in held]
    draft.pop("typed", None)
    if switching_to:
        draft["typed"] = {**form.typed(), "remove_file": sorted(removed)}
    elif valid:
        draft["details"] = form.details()
    request.session[DRAFT] = draft
    if switching_to:
        return language_switch.redirect_in(request, switching_to)
    if not valid:
        return render(request, "channels_intake/complaint_form.html",
                      {"form": form, "held_files": held}, status=400)
    return redirect("complaint_review")


@never_cache
@require_http_methods(["GET", "POST"])
def review(request):
    draft = request.session.get(DRAFT)
    if not draft or not draft.get("details"):
        return redirect("complaint_new")
    held = _held(draft)
    details = draft["details"]
    if request.method == "POST" and "send_code" in request.POST:
        adding.ask_code(details, language=get_language(), now=timezone.now())
        request.session[DRAFT] = {**draft, "code_asked": True}
        return redirect("complaint_review")
    if request.method == "POST" and "code" in request.POST:
        if proved := adding.prove(details, typed=request.POST["code"], now=timezone.now()):
            request.session[DRAFT] = {**draft, "proved": proved.pk}
            return redirect("complaint_review")
        return _review_page(request, draft, held, code_error=True)
    if request.method == "POST":
        return _send(request, draft, held)
    return _review_page(request, draft, held)


def _review_page(request, draft, held, *, code_error=False):
    """The check page. Another complaint is named only once the citizen proved the mobile."""
    details = draft["details"]
    return render(request, "channels_intake/complaint_review.html", {
        "details": details, "held_files": held, "existing": adding.proved_complaint(draft),
        "code_asked": draft.get("code_asked", False), "code_error": code_error,
        "category": Category.objects.filter(pk=details["category"]).first(),
        "kind": Complaint.Kind(details["kind"]).label,
    }, status=400 if code_error else 200)


def _send(request, draft, held):
    """Send: the complaint is stored at once, whole (intake.receive), or the draft is
    added to the citizen's open complaint on the same matter when they chose so on the check page,
    having proved the mobile. Sending the same draft twice gives the same complaint (its token is
    the external reference)."""
    details = draft["details"]
    if add_to := request.POST.get("add_to"):
        existing = adding.proved_complaint(draft)
        if existing and add_to == existing.reference:
            return _add_to_existing(request, draft, held, existing)
    # A draft sent before gives its complaint again (intake is idempotent on the token). With
    # files, look first: they went with that complaint and are no longer held.
    if held and (sent_before := already_sent(draft["token"])):
        _discard_draft(request, held, sent_before)
        return redirect("complaint_sent", reference=sent_before.reference)
    if throttle.record(f"submit:{proxies.client_address(request)}", window_seconds=3600) > SUBMISSIONS_PER_HOUR:
        return render(request, "channels_intake/complaint_refused.html", status=429)
    with _opened(held) as files:
        complaint = intake.receive(intake_request(details, files=files, language=get_language(),
                                                  token=draft["token"])).complaint
    for held_file in held:  # they went with the complaint; the confirmation forgets the draft
        attachments.discard(held_file)
    return redirect("complaint_sent", reference=complaint.reference)


def _add_to_existing(request, draft, held, complaint):
    """The citizen chose to add this to their open complaint on the same matter."""
    details = draft["details"]
    with _opened(held) as files:
        citizen_services.add_information(complaint=complaint, text=f"{details['subject']}\n\n{details['body']}",
                                         files=files)
    _discard_draft(request, held, complaint)
    return redirect(f"{reverse('complaint_sent', args=[complaint.reference])}?added=1")


@contextmanager
def _opened(held):
    """The held files, open for the complaint they go to."""
    files = [attachments.open_held(h) for h in held]
    try:
        yield files
    finally:
        for file in files:
            file.close()


def _discard_draft(request, held, complaint) -> None:
    for held_file in held:
        attachments.discard(held_file)
    del request.session[DRAFT]
    request.session[SENT] = [*request.session.get(SENT, []), complaint.pk][-20:]


@never_cache
def sent(request, reference):
    """The confirmation, shown only to the browser that sent the complaint: the one whose draft
    it was (the draft is forgotten now), or that was shown it before."""
    complaint = Complaint.objects.filter(reference=reference).first()
    draft = request.session.get(DRAFT)
    if complaint and draft and complaint.external_reference == external_reference(draft["token"]):
        _discard_draft(request, _held(draft), complaint)
    elif complaint is None or complaint.pk not in request.session.get(SENT, []):
        return redirect("complaint_new")
    return render(request, "channels_intake/complaint_sent.html",
                  {"complaint": complaint, "added": request.GET.get("added") == "1"})
