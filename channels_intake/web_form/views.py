"""The citizen's submission: form, check your answers, send, confirmation.

The draft lives in the session from the filled form to the confirmation. Send only stores the
complaint (whole, in one transaction) and leaves the session as it is; the confirmation page, which
the browser loads next, forgets the draft (`sent`). A draft whose confirmation was never shown
is recognised as sent by its token and not offered again (`_draft`)."""

import uuid
from contextlib import contextmanager

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from channels_intake.web_form.web_submissions import (
    ComplaintForm,
    already_sent,
    external_reference,
    intake_request,
)
from complaints import citizen_services, intake
from complaints.files import uploads as attachments
from complaints.models import Category, Complaint
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
    return [attachments.HeldFile(**held) for held in draft["files"]]


@never_cache
@require_http_methods(["GET", "POST"])
def new_complaint(request):
    draft = _draft(request)
    held = _held(draft)
    if request.method == "GET":
        form = ComplaintForm(initial=draft["details"] or {"preferred_language": get_language()}, held_files=held)
        return render(request, "channels_intake/complaint_form.html", {"form": form, "held_files": held})

    removed = set(request.POST.getlist("remove_file"))
    for held_file in [h for h in held if h.key in removed]:
        attachments.discard(held_file)
    held = [h for h in held if h.key not in removed]
    form = ComplaintForm(request.POST, request.FILES, held_files=held)
    valid = form.is_valid()
    held += [attachments.hold(upload, content_type) for upload, content_type in form.new_files]
    draft["files"] = [h.as_dict() for h in held]
    if valid:
        draft["details"] = form.details()
    request.session[DRAFT] = draft
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
    if request.method == "POST":
        return _send(request, draft, held)
    existing = _open_complaint_on_the_same_matter(details)
    return render(request, "channels_intake/complaint_review.html", {
        "details": details, "held_files": held, "existing": existing,
        "category": Category.objects.filter(pk=details["category"]).first(),
        "kind": Complaint.Kind(details["kind"]).label,
    })


def _send(request, draft, held):
    """Send: the complaint is stored at once, whole (intake.receive), or the draft is
    added to the citizen's open complaint on the same matter when they chose so on the check page.
    Sending the same draft twice gives the same complaint (its token is the external reference)."""
    details = draft["details"]
    if add_to := request.POST.get("add_to"):
        existing = _open_complaint_on_the_same_matter(details)
        if existing and add_to == existing.reference:
            return _add_to_existing(request, draft, held, existing)
    # A draft sent before gives its complaint again (intake is idempotent on the token). With
    # files, look first: they went with that complaint and are no longer held.
    if held and (sent_before := already_sent(draft["token"])):
        _discard_draft(request, held, sent_before)
        return redirect("complaint_sent", reference=sent_before.reference)
    if throttle.record(f"submit:{proxies.client_address(request)}", window_seconds=3600) > SUBMISSIONS_PER_HOUR:
        return HttpResponse(_("Too many complaints were sent from this connection. Please try again later "
                              "or call 80008001."), status=429)
    with _opened(held) as files:
        complaint = intake.receive(intake_request(details, files=files, language=get_language(),
                                                  token=draft["token"])).complaint
    for held_file in held:  # they went with the complaint; the confirmation forgets the draft
        attachments.discard(held_file)
    return redirect("complaint_sent", reference=complaint.reference)


def _open_complaint_on_the_same_matter(details) -> Complaint | None:
    return citizen_services.open_complaint_on_the_same_matter(
        cpr=details["cpr"], mobile=details["mobile"], category_id=details["category"])


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
