"""Citizens' tracking pages. The complaint is shown only to a browser that proved the second factor."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from complaints import citizen_services, duplicates
from complaints.files import uploads
from complaints.models import Complaint, ComplaintEvent
from complaints.portal import tracking
from complaints.security import proxies
from complaints.services import DomainError
from complaints.values import references
from complaints.values.digits import only_digits

TRACKED = "tracked_complaints"


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
        tracking.record_failure(address=address, reference=reference)
        form.add_error(None, _("We could not find a complaint with this reference number and mobile number."))
        return render(request, "complaints/track_form.html", {"form": form}, status=400)
    # A complaint merged into another is followed on the case it joined.
    case = duplicates.case_shown_for(complaint)
    request.session.cycle_key()
    request.session[TRACKED] = [*request.session.get(TRACKED, []), case.pk][-20:]
    return redirect("track_complaint", reference=case.reference)


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


@never_cache
@require_http_methods(["GET", "POST"])
def track_complaint(request, reference):
    complaint = _tracked(request, reference)
    if complaint is None:
        return redirect("track")
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
