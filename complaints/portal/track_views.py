"""Citizens' tracking pages, in two steps (see tracking.py): the reference and the mobile's last
four digits show the status; the content only to a browser that typed the code sent by SMS."""

from django import forms
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from complaints import citizen_services, duplicates
from complaints.files import uploads
from complaints.models import Complaint, ComplaintEvent
from complaints.portal import tracking
from complaints.security import one_time_codes, proxies
from complaints.services import DomainError
from complaints.values import references
from complaints.values.digits import only_digits

# The cases whose content this browser may see: it typed the code. (Renamed from "tracked_complaints",
# which the four digits alone used to fill, so that sessions from then do not keep the content open.)
TRACKED = "tracked_with_code"
# The cases whose status this browser may see: {case id: id of the complaint whose reference and
# digits it typed}, the one whose mobile gets the code (a merged complaint's may differ from its case's).
STATUS_SHOWN = "tracking_status_shown"
REMEMBERED = 20


class TrackForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=30,
                                help_text=_("As in the SMS we sent, for example 26-4815-1623-4."),
                                widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric",
                                                              "autocomplete": "off", "class": "form-control"}))
    mobile_last_digits = forms.CharField(
        label=_("Last 4 digits of your mobile number"), max_length=8,
        help_text=_("The mobile number you gave when you sent it."),
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "off",
                                      "class": "form-control"}))

    def clean_reference(self):
        reference = references.parse(self.cleaned_data["reference"])
        if reference is None:
            raise forms.ValidationError(_("This is not a valid reference number: check each digit."))
        return reference

    def clean_mobile_last_digits(self):
        digits = only_digits(self.cleaned_data["mobile_last_digits"])
        if len(digits) != 4:
            raise forms.ValidationError(_("Enter the last 4 digits of your mobile number."))
        return digits


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "GET":
        return render(request, "complaints/track_form.html", {"form": form})
    address = proxies.client_address(request)
    reference = references.parse(request.POST.get("reference", ""))
    refusal = tracking.refusal_for(address=address, reference=reference)
    if refusal:
        return render(request, "complaints/track_form.html", {"form": form, "refusal": refusal.message},
                      status=refusal.status)
    if not form.is_valid():
        return render(request, "complaints/track_form.html", {"form": form}, status=400)
    complaint = tracking.find(form.cleaned_data["reference"], form.cleaned_data["mobile_last_digits"])
    if complaint is None:
        tracking.record_failure(address=address, reference=form.cleaned_data["reference"])
        form.add_error(None, _("We could not find a complaint with this reference number and mobile number."))
        return render(request, "complaints/track_form.html", {"form": form}, status=400)
    tracking.record_success(address=address, reference=complaint.reference)
    # A complaint merged into another is followed on the case it joined.
    case = duplicates.case_shown_for(complaint)
    request.session.cycle_key()
    shown = {key: value for key, value in request.session.get(STATUS_SHOWN, {}).items() if key != str(case.pk)}
    request.session[STATUS_SHOWN] = dict([*shown.items(), (str(case.pk), complaint.pk)][-REMEMBERED:])
    return redirect("track_complaint", reference=case.reference)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the SMS"), max_length=20,
        error_messages={"required": _("Enter the 6-digit code we sent you by SMS.")},
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric", "autocomplete": "one-time-code",
                                      "class": "form-control"}))

    def clean_code(self):
        digits = only_digits(self.cleaned_data["code"])
        if len(digits) != one_time_codes.DIGITS:
            raise forms.ValidationError(_("Enter the 6-digit code we sent you by SMS."))
        return digits


def _code_refused(check: one_time_codes.Check) -> str:
    Verdict = one_time_codes.Verdict
    if check.verdict is Verdict.WRONG:
        return ngettext("This code is not right. Check the SMS and type it again (%(count)d more try).",
                        "This code is not right. Check the SMS and type it again (%(count)d more tries).",
                        check.tries_left) % {"count": check.tries_left}
    if check.verdict is Verdict.EXPIRED:
        return _("This code has expired. Ask for a new code.")
    if check.verdict is Verdict.SPENT:
        return _("This code can no longer be used. Ask for a new code.")
    return _("Ask for a code first: we will send it to your mobile by SMS.")


def _too_many_codes(*, again_at) -> str:
    count = one_time_codes.MAX_SENDS_PER_HOUR
    text = ngettext("You have asked for %(count)d code in the last hour. You can ask for another at %(time)s, "
                    "or call 80008001.",
                    "You have asked for %(count)d codes in the last hour. You can ask for another at %(time)s, "
                    "or call 80008001.", count)
    return text % {"count": count, "time": timezone.localtime(again_at).strftime("%H:%M")}


@never_cache
@require_http_methods(["GET", "POST"])
def track_code(request, reference):
    """Sends the code to the mobile on record and takes it: the step from the status to the content."""
    if _tracked(request, reference):
        return redirect("track_complaint", reference=reference)
    shown = _status_shown(request, reference)
    if shown is None:
        return redirect("track")
    case, owner = shown
    now = timezone.now()
    form = CodeForm(request.POST if "verify" in request.POST else None)
    refusal, status = None, 200
    if "send" in request.POST:
        sending = one_time_codes.send_code(complaint=owner, purpose=one_time_codes.Purpose.TRACKING,
                                           language=get_language(), now=now)
        if sending.code:
            return redirect("track_code", reference=case.reference)
        refusal, status = _too_many_codes(again_at=sending.again_at), 429
    elif form.is_bound and form.is_valid():
        check = one_time_codes.check_code(complaint=owner, purpose=one_time_codes.Purpose.TRACKING,
                                          typed=form.cleaned_data["code"], now=now)
        if check.verdict is one_time_codes.Verdict.RIGHT:
            request.session.cycle_key()
            request.session[TRACKED] = [*request.session.get(TRACKED, []), case.pk][-REMEMBERED:]
            return redirect("track_complaint", reference=case.reference)
        form.add_error("code", _code_refused(check))
    if form.errors:
        status = 400
    return render(request, "complaints/track_code.html", {
        "complaint": case, "form": form, "refusal": refusal, "mobile_end": owner.contact_mobile[-4:],
        "sent": one_time_codes.alive(complaint=owner, purpose=one_time_codes.Purpose.TRACKING, now=now),
    }, status=status)


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), required=False, max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}))
    files = forms.FileField(label=_("Files (optional)"), required=False,
                            help_text=_("PDF, JPEG or PNG, 10 MB each."),
                            widget=forms.ClearableFileInput(attrs={"class": "form-control"}))

    def clean_files(self):
        upload = self.cleaned_data.get("files")
        if upload:
            upload.content_type = uploads.check(upload)
        return upload


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(label=_("How satisfied are you with our answer?"), coerce=int,
                                   choices=[(5, _("5 — very satisfied")), (4, "4"), (3, "3"), (2, "2"),
                                            (1, _("1 — not at all satisfied"))],
                                   widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))


def _tracked(request, reference) -> Complaint | None:
    return (Complaint.objects.select_related("department")
            .filter(reference=reference, pk__in=request.session.get(TRACKED, [])).first())


def _status_shown(request, reference) -> tuple[Complaint, Complaint] | None:
    """The case this browser may see the status of, and the complaint whose mobile it gave."""
    shown = request.session.get(STATUS_SHOWN, {})
    case = Complaint.objects.filter(reference=reference, pk__in=[int(key) for key in shown]).first()
    if case is None:
        return None
    typed = shown[str(case.pk)]
    owner = case if typed == case.pk else Complaint.objects.filter(pk=typed).first()
    return (case, owner) if owner else None


@never_cache
@require_http_methods(["GET", "POST"])
def track_complaint(request, reference):
    complaint = _tracked(request, reference)
    if complaint is None:
        shown = _status_shown(request, reference)
        if shown is None:
            return redirect("track")
        case, owner = shown
        if request.method == "POST":  # answering and rating are the content's, after the code
            return redirect("track_code", reference=case.reference)
        return render(request, "complaints/track_status.html", {
            "complaint": case, "status_text": tracking.CITIZEN_STATUS[case.status],
            "mobile_end": owner.contact_mobile[-4:],
            "sent": one_time_codes.alive(complaint=owner, purpose=one_time_codes.Purpose.TRACKING,
                                         now=timezone.now()),
        })
    answer_form = AnswerForm(request.POST or None, request.FILES or None) if "answer" in request.POST else AnswerForm()
    rating_form = RatingForm(request.POST or None) if "rate" in request.POST else RatingForm()
    status = 200
    if request.method == "POST":
        form = answer_form if "answer" in request.POST else rating_form
        if form.is_valid():
            try:
                if form is answer_form:
                    upload = form.cleaned_data["files"]
                    citizen_services.add_information(complaint=complaint, text=form.cleaned_data["text"],
                                                    files=[upload] if upload else [])
                else:
                    citizen_services.rate_answer(complaint=complaint, score=form.cleaned_data["score"],
                                                 comment=form.cleaned_data["comment"])
                return redirect("track_complaint", reference=complaint.reference)
            except DomainError as error:
                form.add_error(None, str(error))
        status = 400
    question = (complaint.events.filter(kind=ComplaintEvent.Kind.INFORMATION_REQUESTED).order_by("-created_at")
                .values_list("note", flat=True).first()) if complaint.status == Complaint.Status.AWAITING_CITIZEN else None
    return render(request, "complaints/track_complaint.html", {
        "complaint": complaint,
        "status_text": tracking.CITIZEN_STATUS[complaint.status],
        "timeline": [(event, tracking.describe(event)) for event in tracking.citizen_timeline(complaint)],
        "question": question, "answer_form": answer_form,
        "replies": complaint.replies.prefetch_related("clauses"),
        "merged": duplicates.merged_references(complaint),
        "rating_form": rating_form if citizen_services.can_rate(complaint) else None,
    }, status=status)
