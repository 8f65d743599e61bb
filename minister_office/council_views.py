"""The Ministry Council's staff pages: sessions, a session's agenda and outcomes, open follow-ups
and the printable minutes. For the minister's office and supervisors (their roles hold the
council's permissions); anyone else signed in gets 403, and the signed-out go to the sign-in page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from complaints.errors import DomainError
from complaints.models import Notification

from minister_office import council, council_pdf
from minister_office.council_forms import CloseFollowUpForm, OutcomeForm, SessionForm, department_choices
from minister_office.council_models import AgendaItem, CouncilSession, FollowUp


def council_staff(permission: str = "minister_office.view_councilsession"):
    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (request.user.is_active and request.user.is_staff and request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return checked
    return decorate


@council_staff()
def session_list(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("minister_office.add_councilsession"):
            raise PermissionDenied
        if form.is_valid():
            try:
                session = council.schedule_session(by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return redirect("council:session", session_id=session.pk)
    sessions = CouncilSession.objects.annotate(cases=Count("items"), decided=Count("items__decided_at")).order_by(
        "-held_at", "-id")[:100]
    return render(request, "minister_office/council_session_list.html", {"sessions": sessions, "form": form})


def _session_page(request, session: CouncilSession, *, bound: tuple[int, OutcomeForm] | None = None, status=200):
    items = list(session.items.select_related("complaint", "follow_up__department").order_by("position", "id"))
    departments = department_choices()
    forms = {item.pk: OutcomeForm(prefix=f"item-{item.pk}", initial=OutcomeForm.initial_for(item),
                                  departments=departments) for item in items}
    if bound:
        forms[bound[0]] = bound[1]
    sent = {}
    for cause, channel, sent_at in Notification.objects.filter(
            cause__in=[item.invitation_cause for item in items]).values_list("cause", "channel", "sent_at"):
        sent.setdefault(cause, []).append((Notification.Channel(channel).label, sent_at))
    candidates = (council.agenda_candidates().visible_to(request.user)
                  .exclude(council_items__session=session).select_related("department")[:20])
    rows = [{"item": item, "form": forms[item.pk], "invitations": sent.get(item.invitation_cause, [])}
            for item in items]
    return render(request, "minister_office/council_session.html", {
        "session": session, "rows": rows, "candidates": candidates,
        "not_invited": sum(1 for item in items if not item.invited_at)}, status=status)


@council_staff()
def session_page(request, session_id):
    return _session_page(request, get_object_or_404(CouncilSession, pk=session_id))


@require_POST
@council_staff("minister_office.change_councilsession")
def agenda(request, session_id):
    session = get_object_or_404(CouncilSession, pk=session_id)
    action = request.POST.get("action")
    try:
        if action == "build":
            added = council.build_agenda(session=session, by=request.user,
                                         candidates=council.agenda_candidates().visible_to(request.user))
            messages.success(request, ngettext("%(count)s case added to the agenda.",
                                               "%(count)s cases added to the agenda.", len(added)) % {
                "count": len(added)})
        elif action == "add":
            complaint = get_object_or_404(council.agenda_candidates().visible_to(request.user),
                                          pk=request.POST.get("complaint"))
            council.add_to_agenda(session=session, complaints=[complaint], by=request.user)
        elif action in ("remove", "up", "down"):
            item = get_object_or_404(AgendaItem, session=session, pk=request.POST.get("item"))
            if action == "remove":
                council.remove_from_agenda(item=item, by=request.user)
            else:
                council.move_agenda_item(item=item, up=action == "up", by=request.user)
        else:
            return HttpResponse(status=400)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("council:session", session_id=session.pk)


@require_POST
@council_staff("minister_office.change_councilsession")
def invite(request, session_id):
    session = get_object_or_404(CouncilSession, pk=session_id)
    count = council.invite_citizens(session=session, by=request.user)
    messages.success(request, ngettext("Invitation queued for %(count)s case.", "Invitations queued for %(count)s cases.",
                                       count) % {"count": count})
    return redirect("council:session", session_id=session.pk)


@require_POST
@council_staff("minister_office.change_agendaitem")
def outcome(request, session_id, item_id):
    item = get_object_or_404(AgendaItem.objects.select_related("session"), session_id=session_id, pk=item_id)
    form = OutcomeForm(request.POST, prefix=f"item-{item.pk}", departments=department_choices())
    if form.is_valid():
        try:
            council.record_outcome(item=item, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Recorded for %(reference)s.") % {
                "reference": item.complaint.display_reference})
            return redirect(f"{item.session.get_absolute_url()}#item-{item.pk}")
    return _session_page(request, item.session, bound=(item.pk, form), status=400)


@council_staff()
def follow_ups(request, *, form=None, status=200):
    open_follow_ups = (FollowUp.objects.open().select_related("item__complaint", "item__session", "department")
                       .order_by("due_on", "id")[:200])
    return render(request, "minister_office/council_follow_ups.html",
                  {"follow_ups": open_follow_ups, "form": form or CloseFollowUpForm()}, status=status)


@require_POST
@council_staff("minister_office.change_followup")
def close_follow_up(request, follow_up_id):
    follow_up = get_object_or_404(FollowUp.objects.select_related("item"), pk=follow_up_id)
    form = CloseFollowUpForm(request.POST)
    if form.is_valid():
        try:
            council.close_follow_up(follow_up=follow_up, note=form.cleaned_data["note"], by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Follow-up closed."))
        return redirect("council:follow_ups")
    return follow_ups(request, form=form, status=400)


def _minutes_context(session_id):
    session = get_object_or_404(CouncilSession, pk=session_id)
    items = list(session.items.select_related("complaint__citizen", "follow_up__department")
                 .order_by("position", "id"))
    return {"session": session, "items": items,
            "attendees": [item for item in items if item.attendance in (AgendaItem.Attendance.ATTENDED,
                                                                         AgendaItem.Attendance.REPRESENTED)]}


@council_staff()
def minutes(request, session_id):
    return render(request, "minister_office/council_minutes.html", _minutes_context(session_id))


@council_staff()
def minutes_pdf(request, session_id):
    context = {**_minutes_context(session_id), "for_pdf": True}
    html = render_to_string("minister_office/council_minutes.html", context, request=request)
    try:
        pdf = council_pdf.render_pdf(html, base_url=request.build_absolute_uri("/"))
    except council_pdf.PdfUnavailable:
        return HttpResponse(_("PDF is not available on this server; print the minutes page instead."),
                            status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="council-minutes-{session_id}.pdf"'
    return response
