"""The minister's office pages: the triage dashboard and the office's view of one case.
Each view checks access, calls one service or reads the dashboard's queries, and renders."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.models import Complaint, ComplaintEvent, Referral
from complaints.values import references
from minister_office import dashboard, services, urgency
from minister_office.forms import DirectiveForm, UrgencyStudyForm

STUDY_INPUTS = list(urgency.Circumstances.__dataclass_fields__)
DASHBOARD_PERMISSION = "minister_office.view_triage_dashboard"


def office_required(view):
    """Staff of the minister's office (or supervisors); other staff are refused, and anyone not
    signed in as staff is sent to the staff sign-in, as the back office does."""
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not request.user.has_perm(DASHBOARD_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return checked


def age_band_labels():
    return [_("Under a week"), _("1 week to 30 days"), _("30 to 90 days"), _("Over 90 days")]


@office_required
def triage_dashboard(request):
    user, now = request.user, timezone.now()
    backlog = dashboard.urgent_backlog(user, now=now, age_labels=age_band_labels())
    return render(request, "minister_office/dashboard.html", {
        "urgent_queue": dashboard.urgent_queue(user) if backlog.count else [],
        "urgent_count": backlog.count,
        "inbox": dashboard.taht_amrak_inbox(user),
        "inbox_count": dashboard.capped_count(dashboard.taht_amrak_untriaged(user)),
        "escalations": dashboard.escalation_list(user),
        "escalation_count": dashboard.capped_count(dashboard.open_escalations(user)),
        "follow_ups": dashboard.follow_up_list(user, today=timezone.localdate(now)),
        "by_department": backlog.by_department,
        "by_age": backlog.by_age,
        "now": now,
    })


def _visible_case(request, reference):
    canonical = references.parse(reference)
    if canonical is None:
        raise Http404
    return get_object_or_404(Complaint.objects.visible_to(request.user).select_related("department", "citizen",
                                                                                    "urgency_standing"),
                             reference=canonical)


def _case_page(request, complaint, *, study_form=None, directive_form=None, status=200):
    assessments = complaint.urgency_assessments.select_related("assessed_by")
    referrals = (Referral.objects.filter(complaint=complaint).select_related("department", "referred_by")
                 .order_by("-is_lead", "referred_at", "id"))
    latest = assessments.first()
    if study_form is None:
        # A new study starts from the family's last known circumstances.
        study_form = UrgencyStudyForm(initial={name: getattr(latest, name) for name in STUDY_INPUTS} if latest else None)
    return render(request, "minister_office/case_detail.html", {
        "complaint": complaint,
        "assessments": assessments,
        "directives": complaint.directives.select_related("given_by"),
        "referrals": referrals,
        "study_form": study_form,
        "directive_form": directive_form or DirectiveForm(),
        "events": complaint.events.filter(kind__in=[ComplaintEvent.Kind.DIRECTIVE_GIVEN,
                                                    ComplaintEvent.Kind.REFERRED,
                                                    ComplaintEvent.Kind.URGENCY_CHANGED])
                  .select_related("actor").order_by("-created_at", "-id"),
        "admin_url": reverse("admin:complaints_complaint_change", args=[complaint.pk]),
    }, status=status)


@office_required
def case_detail(request, reference):
    return _case_page(request, _visible_case(request, reference))


@office_required
@require_POST
def study_case(request, reference):
    complaint = _visible_case(request, reference)
    if not request.user.has_perm("minister_office.add_urgencyassessment"):
        raise PermissionDenied
    form = UrgencyStudyForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.assess_urgency(
                complaint=complaint, circumstances=form.circumstances(), by=request.user,
                override=form.cleaned_data["override"], override_reason=form.cleaned_data["override_reason"])
        except services.DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Study recorded: %(score)s points, %(result)s.") % {
                "score": assessment.score, "result": _("urgent") if assessment.urgent else _("not urgent")})
            return redirect("minister_office:case", reference=complaint.reference)
    return _case_page(request, complaint, study_form=form, status=400)


@office_required
@require_POST
def direct_case(request, reference):
    complaint = _visible_case(request, reference)
    if not request.user.has_perm("minister_office.add_directive"):
        raise PermissionDenied
    form = DirectiveForm(request.POST)
    if form.is_valid():
        try:
            services.give_directive(complaint=complaint, text=form.cleaned_data["text"], by=request.user,
                                    departments=form.cleaned_data["departments"], lead=form.cleaned_data["lead"],
                                    follow_up_on=form.cleaned_data["follow_up_on"])
        except services.DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The directive is on the case."))
            return redirect("minister_office:case", reference=complaint.reference)
    return _case_page(request, complaint, directive_form=form, status=400)


@office_required
@require_POST
def acknowledge_escalation(request, pk):
    if not request.user.has_perm("minister_office.change_slaescalation"):
        raise PermissionDenied
    escalation = get_object_or_404(dashboard.open_escalations(request.user), pk=pk)
    services.acknowledge_escalation(escalation=escalation, by=request.user)
    messages.success(request, _("Escalation of %(reference)s acknowledged.")
                     % {"reference": escalation.complaint.display_reference})
    return redirect("minister_office:dashboard")
