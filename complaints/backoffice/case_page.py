"""The case page: a complaint's whole story on one screen, and its actions, each a small form
posting to one service call. Mixed into ComplaintAdmin (complaints/admin.py)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from complaints import case_actions, duplicates, lifecycle, services
from complaints.backoffice import routing_box
from complaints.backoffice.queue_screen import sla_badge
from complaints.backoffice.staff_forms import (
    CASE_ACTION_FORMS,
    AnswerReferralsForm,
    BulkAssignForm,
    ReplyForm,
)
from complaints.files import private_files
from complaints.models import AccessRecord, Complaint, DuplicateFlag, Language
from complaints.security import access_records

OTHER_COMPLAINTS_SHOWN = 10
REFUSALS = (services.DomainError, lifecycle.IllegalTransition)
# Answering a referral is the case page's own action, beside the table of case_actions.ACTIONS.
ANSWER_REFERRAL = case_actions.CaseAction(
    case_actions.ANSWER_REFERRAL, _("Answer the referral"), "", (), lambda status, **facts: True,
    lambda c, d, by: answer_referrals(d["answers"], by=by),
    _("Your answer on %(reference)s is recorded; the minister's office sees it."),
    _("The minister's office reads your answer on its case page. It cannot be changed afterwards."))


def answer_referrals(answers, *, by):
    with transaction.atomic():
        for referral, text in answers:
            services.answer_referral(referral, text=text, by=by)


class CasePage:
    """The ComplaintAdmin change view replaced by the case page, plus its action views."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("files/<slug:kind>/<int:pk>/", view(self.download_view), name="complaints_private_file"),
            path("<path:object_id>/act/reply/", view(self.reply_view), name="complaints_complaint_reply"),
            path("<path:object_id>/act/<slug:action>/", view(self.action_view), name="complaints_complaint_act"),
            path("<path:object_id>/cpr/", view(self.unmask_cpr_view), name="complaints_complaint_cpr"),
            path("<path:object_id>/take-suggestion/", view(self.take_suggestion_view),
                 name="complaints_complaint_take_suggestion"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Read-only: a complaint changes only through the actions below, never by editing it."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        complaint = self._case(request, object_id)
        page = self._case_page(request, complaint, show_cpr=False)
        return access_records.record_when_shown(page, user=request.user, what=AccessRecord.What.OPENED_CASE,
                                                complaint=complaint)

    def unmask_cpr_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        complaint = self._case(request, object_id)
        if complaint.citizen is None:
            raise Http404
        # The complaint names whose CPR it was; the audit row keeps no part of the number.
        page = self._case_page(request, complaint, show_cpr=True)
        return access_records.record_when_shown(page, user=request.user, what=AccessRecord.What.UNMASKED_CPR,
                                                complaint=complaint)

    def action_view(self, request, object_id, action):
        if action == case_actions.ANSWER_REFERRAL:
            return self._answer_referral_view(request, object_id)
        complaint = self._case(request, object_id, for_change=True)
        if action not in CASE_ACTION_FORMS or action == case_actions.REPLY:  # the reply has its own screen
            raise Http404
        return self._action_form(request, complaint, case_actions.ACTIONS[action], CASE_ACTION_FORMS[action],
                                 {"complaint": complaint, "visible": self.get_queryset(request)})

    def take_suggestion_view(self, request, object_id):
        """A button of the routing box: the complaint goes from the triage desk to one of the
        departments the routing model suggested. Each button is a form of its own, so nothing
        typed elsewhere on the page is sent or lost."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        complaint = self._case(request, object_id, for_change=True)
        try:
            routing_box.transfer_to_suggestion(complaint, request.POST.get("department", ""), by=request.user)
        except REFUSALS as refusal:
            self.message_user(request, str(refusal), messages.WARNING)
            return redirect(self._case_url(complaint))
        self.message_user(request, case_actions.ACTIONS[case_actions.TRANSFER].done
                          % {"reference": complaint.display_reference}, messages.SUCCESS)
        return self._back_after_action(request, complaint)

    def _answer_referral_view(self, request, object_id):
        """Allowed by who answers for the referred body, not by the permission to change the case:
        with nothing of theirs left to answer, the action does not exist for them."""
        complaint = self._case(request, object_id)
        referrals = list(case_actions.referrals_to_answer(complaint, request.user))
        if not referrals:
            raise Http404
        return self._action_form(request, complaint, ANSWER_REFERRAL, AnswerReferralsForm,
                                 {"complaint": complaint, "referrals": referrals})

    def _action_form(self, request, complaint, spec, form_class, form_kwargs):
        if (request.method == "GET" and spec is not ANSWER_REFERRAL
                and spec.name not in case_actions.available_for(complaint)):
            return self._not_possible_now(request, complaint)
        form = form_class(request.POST if request.method == "POST" else None, **form_kwargs)
        error = None
        if form.is_valid():
            try:
                spec.call(complaint, form.cleaned_data, request.user)
            except REFUSALS as refusal:
                error = str(refusal)
            else:
                self.message_user(request, spec.done % {"reference": complaint.display_reference}, messages.SUCCESS)
                return self._back_after_action(request, complaint)
        return TemplateResponse(request, "admin/complaints/complaint/action.html", {
            **self._page_context(request, complaint, spec.title), "action": spec, "form": form, "error": error,
        }, status=400 if request.method == "POST" else 200)

    def reply_view(self, request, object_id):
        """Write (or choose) the reply, preview it as the citizen will read it, then send it."""
        complaint = self._case(request, object_id, for_change=True)
        if request.method == "GET" and case_actions.REPLY not in case_actions.available_for(complaint):
            return self._not_possible_now(request, complaint)
        language = services.reply_language(complaint)
        step = request.POST.get("step", "edit") if request.method == "POST" else None
        data = request.POST.copy() if step else None
        if step == "use_canned":
            data["text"] = ""  # the form fills it from the chosen response, to be edited before the preview
        form, error = ReplyForm(data, complaint=complaint, language=language), None
        if step == "use_canned" and form.is_valid():
            data["text"] = form.cleaned_data["text"]
            form = ReplyForm(data, complaint=complaint, language=language)
        elif step == "send" and form.is_valid():
            try:
                services.send_reply(complaint=complaint, by=request.user, text=form.cleaned_data["text"],
                                    clauses=form.cleaned_data["clauses"])
            except REFUSALS as refusal:
                error = str(refusal)
            else:
                self.message_user(request, _("Reply to %(reference)s sent; the citizen is told by SMS and e-mail.")
                                  % {"reference": complaint.display_reference}, messages.SUCCESS)
                return redirect(self._case_url(complaint))
        return TemplateResponse(request, "admin/complaints/complaint/reply.html", {
            **self._page_context(request, complaint, _("Reply to the citizen")), "form": form, "error": error,
            "preview": step == "preview" and form.is_valid(),
            "language": language, "language_name": Language(language).label,
        }, status=400 if error or (form.is_bound and form.errors) else 200)

    def download_view(self, request, kind, pk):
        """The one way to a private file: only for someone who can see its complaint; 404 for
        everyone else, so that ids reveal nothing."""
        found = private_files.find(kind, pk)
        if found is None or not private_files.may_download(request.user, found):
            raise Http404
        complaint = Complaint.objects.filter(pk=found.complaint_id).first() if found.complaint_id else None
        access_records.record(user=request.user, what=AccessRecord.What.DOWNLOADED_FILE, complaint=complaint,
                              detail=f"{found.kind} {found.pk}")  # never the file's name: it may be personal
        return private_files.download_response(found)

    @admin.action(description=_("Assign to an officer"), permissions=["change"])
    def assign(self, request, queryset):
        form = BulkAssignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            assigned = 0
            for complaint in queryset:
                try:
                    services.assign_complaint(complaint=complaint, officer=form.cleaned_data["officer"],
                                              by=request.user)
                    assigned += 1
                except REFUSALS as refusal:
                    self.message_user(request, f"{complaint}: {refusal}", messages.WARNING)
            self.message_user(request, ngettext("%(count)d complaint assigned.", "%(count)d complaints assigned.",
                                                assigned) % {"count": assigned})
            return None
        return TemplateResponse(request, "admin/complaints/assign.html", {
            **self.admin_site.each_context(request), "title": _("Assign to an officer"),
            "form": form, "complaints": queryset, "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    # --- reading --------------------------------------------------------------------------------

    def _case(self, request, object_id, *, for_change=False) -> Complaint:
        """The complaint if this user may see it; another department's case is a 404."""
        complaint = (self.get_queryset(request).select_related("department", "assignee", "citizen", "category",
                                                               "master")
                     .filter(pk=unquote(object_id)).first() if str(unquote(object_id)).isdigit() else None)
        if complaint is None:
            raise Http404
        if for_change and not self.has_change_permission(request, complaint):
            raise PermissionDenied
        return complaint

    def _not_possible_now(self, request, complaint):
        self.message_user(request, _("This action is not possible while the complaint is “%(status)s”.")
                          % {"status": complaint.get_status_display()}, messages.WARNING)
        return redirect(self._case_url(complaint))

    def _back_after_action(self, request, complaint):
        """To the case, or to the queue when the action took the case out of this user's sight
        (transferred to another department)."""
        if self.get_queryset(request).filter(pk=complaint.pk).exists():
            return redirect(self._case_url(complaint))
        return redirect("admin:complaints_complaint_changelist")

    def _case_url(self, complaint):
        return reverse("admin:complaints_complaint_change", args=[complaint.pk])

    def _page_context(self, request, complaint, title):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "complaint": complaint,
                "title": title, "case_url": self._case_url(complaint)}

    def _case_page(self, request, complaint, *, show_cpr):
        user = request.user
        citizen = complaint.citizen
        others = []
        if citizen is not None:
            others = list(Complaint.objects.filter(citizen=citizen).visible_to(user)
                          .exclude(pk=complaint.pk).select_related("department")
                          .order_by("-received_at")[:OTHER_COMPLAINTS_SHOWN + 1])
        can_act = self.has_change_permission(request, complaint)
        referrals = list(complaint.referrals.select_related("department", "referred_by").order_by("referred_at"))
        events = list(complaint.events.select_related("actor", "from_department", "to_department"))
        routing = routing_box.of_complaint(events)
        context = {
            **self._page_context(request, complaint, _("Complaint %(reference)s")
                                 % {"reference": complaint.display_reference}),
            "sla": sla_badge(complaint, now=timezone.now()),
            "citizen": citizen, "show_cpr": show_cpr,
            "other_complaints": others[:OTHER_COMPLAINTS_SHOWN],
            "more_other_complaints": len(others) > OTHER_COMPLAINTS_SHOWN,
            "events": events,
            "routing": routing,
            "can_take_suggestion": bool(routing and routing.suggestions and can_act
                                        and routing_box.waits_for_triage(complaint)),
            "replies": complaint.replies.select_related("author").prefetch_related("clauses"),
            "files": private_files.of_complaint(complaint),
            "referrals": referrals,
            "duplicate_flags": DuplicateFlag.objects.filter(Q(complaint=complaint) | Q(original=complaint))
            .select_related("complaint", "original").order_by("flagged_at"),
            "merged": duplicates.merged_references(complaint),
            "actions": [(name, case_actions.ACTIONS[name].title)
                        for name in case_actions.available_for(complaint)
                        if name != case_actions.REPLY] if can_act else [],
            "can_answer_referral": any(case_actions.may_answer(referral, user) for referral in referrals),
            "can_reply": can_act and case_actions.REPLY in case_actions.available_for(complaint),
            "access_records": (access_records.of_complaint(complaint)
                               if user.has_perm("complaints.view_accessrecord") else None),
        }
        return TemplateResponse(request, "admin/complaints/complaint/case.html", context)
