"""The data protection officer's back office: the queue of citizens' requests by due date, with
the actions each takes (correct, erase, export, close), the citizen export by CPR, and the record
of retention runs. Thin: each action validates a form, calls one service and reports."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.data_protection import deadlines, export, requests
from complaints.data_protection.forms import (
    ClosingForm,
    CorrectionForm,
    DecisionForm,
    ExportForm,
    NewRequestForm,
)
from complaints.errors import DomainError
from complaints.models import DataSubjectDecision, DataSubjectRequest, RetentionRun
from complaints.security import access


class DecisionInline(admin.TabularInline):
    model = DataSubjectDecision
    fields = ("at", "action", "by", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on the open requests; the others are a click away."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*DataSubjectRequest.Status.choices, ("all", _("All"))]

    def choices(self, changelist):
        current = self.value() or DataSubjectRequest.Status.OPEN
        for value, label in self.lookup_choices:
            yield {"selected": current == value, "display": label,
                   "query_string": changelist.get_query_string({self.parameter_name: value})}

    def queryset(self, request, queryset):
        value = self.value() or DataSubjectRequest.Status.OPEN
        return queryset if value == "all" else queryset.filter(status=value)


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(admin.ModelAdmin):
    list_display = ("due_on", "deadline", "kind", "masked_cpr", "channel", "received_at", "status")
    list_filter = (StatusFilter, "kind", "channel")
    ordering = ("due_on", "id")
    form = NewRequestForm
    inlines = [DecisionInline]
    change_form_template = "admin/complaints/datasubjectrequest/change_form.html"

    class Media:
        css = {"all": ("complaints/back-office.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decided_by", "recorded_by")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, extra_context={**(extra_context or {}),
                                                               "export_url": reverse("admin:data_protection_export")})

    @admin.display(description=_("CPR number"))
    def masked_cpr(self, request_row):
        return request_row.masked_cpr

    @admin.display(description=_("deadline"))
    def deadline(self, request_row):
        if request_row.status != DataSubjectRequest.Status.OPEN:
            return format_html('<span class="portal-sla portal-sla-done"><span aria-hidden="true">✓</span> {}</span>',
                               request_row.get_status_display())
        today = timezone.localdate()
        if deadlines.is_overdue(request_row.due_on, today=today):
            return format_html('<span class="portal-sla portal-sla-late"><span aria-hidden="true">■</span> {}</span>',
                               _("Overdue"))
        if request_row.due_on <= today + timezone.timedelta(days=3):
            return format_html('<span class="portal-sla portal-sla-soon"><span aria-hidden="true">▲</span> {}</span>',
                               _("Due soon"))
        return format_html('<span class="portal-sla portal-sla-ok"><span aria-hidden="true">●</span> {}</span>',
                           _("On time"))

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return NewRequestForm.Meta.fields
        return ("kind", "masked_cpr", "channel", "received_at", "due_on", "details", "status", "recorded_by",
                "decided_by", "decided_at", "decision_note")

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.get_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            requests.prepare_new(obj, by=request.user)
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        links = []
        if obj is not None and obj.status == DataSubjectRequest.Status.OPEN:
            info = [obj.pk]
            if access.may_erase_personal_data(request.user):
                links += [(reverse("admin:data_protection_correct", args=info), _("Apply a correction")),
                          (reverse("admin:data_protection_erase", args=info), _("Carry out the erasure"))]
            if access.may_export_personal_data(request.user):
                links.append((reverse("admin:data_protection_request_export", args=info), _("Export the data")))
            if self.has_change_permission(request, obj):
                links.append((reverse("admin:data_protection_close", args=info), _("Close the request")))
        return super().change_view(request, object_id, form_url, extra_context={
            **(extra_context or {}), "request_actions": links, "show_save": False, "show_save_and_add_another": False,
            "show_save_and_continue": False})

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="data_protection_export"),
            path("<int:pk>/correct/", wrap(self.correct_view), name="data_protection_correct"),
            path("<int:pk>/erase/", wrap(self.erase_view), name="data_protection_erase"),
            path("<int:pk>/export/", wrap(self.request_export_view), name="data_protection_request_export"),
            path("<int:pk>/close/", wrap(self.close_view), name="data_protection_close"),
            *super().get_urls(),
        ]

    # --- the actions ---------------------------------------------------------------------------

    def _request(self, request, pk, allowed) -> DataSubjectRequest:
        if not allowed(request.user):
            raise PermissionDenied
        return get_object_or_404(DataSubjectRequest, pk=pk)

    def _page(self, request, *, title, form, submit_label, subject=None, intro=""):
        return TemplateResponse(request, "admin/complaints/datasubjectrequest/action.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": title, "form": form,
            "submit_label": submit_label, "subject": subject, "intro": intro,
        }, status=400 if form.is_bound and form.errors else 200)

    def _done(self, request, subject, message, level=messages.SUCCESS):
        self.message_user(request, message, level)
        return HttpResponseRedirect(reverse("admin:complaints_datasubjectrequest_change", args=[subject.pk]))

    def correct_view(self, request, pk):
        subject = self._request(request, pk, access.may_erase_personal_data)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                requests.apply_correction(request=subject, field=form.cleaned_data["field"],
                                          value=form.cleaned_data["value"], by=request.user)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, subject, _("The correction was applied and written on the timeline."))
        return self._page(request, title=_("Apply a correction"), form=form, submit_label=_("Apply"),
                          subject=subject)

    def erase_view(self, request, pk):
        subject = self._request(request, pk, access.may_erase_personal_data)
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                decision = requests.carry_out_erasure(request=subject, note=form.cleaned_data["note"],
                                                      by=request.user)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                if decision.action == DataSubjectDecision.Action.ERASURE_REFUSED:
                    return self._done(request, subject, _("Erasure refused: %(reasons)s") % {
                        "reasons": decision.note}, messages.WARNING)
                return self._done(request, subject, _("The citizen's personal data was removed."))
        return self._page(request, title=_("Carry out the erasure"), form=form, submit_label=_("Erase"),
                          subject=subject, intro=_(
                              "All the citizen's complaints and their record lose their personal data, as the "
                              "retention policy does. It is refused while a complaint is open or a council "
                              "follow-up is pending. This cannot be undone."))

    def close_view(self, request, pk):
        subject = self._request(request, pk, lambda user: self.has_change_permission(request))
        form = ClosingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                requests.close_request(request=subject, note=form.cleaned_data["note"], by=request.user)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                return self._done(request, subject, _("The request was closed."))
        return self._page(request, title=_("Close the request"), form=form, submit_label=_("Close"),
                          subject=subject)

    def request_export_view(self, request, pk):
        subject = self._request(request, pk, access.may_export_personal_data)
        if request.method != "POST":
            return self._page(request, title=_("Export the data"), form=DecisionForm(), subject=subject,
                              submit_label=_("Download the zip"))
        try:
            citizen = requests.citizen_of(subject)
            requests.record_export(request=subject, by=request.user)
        except DomainError as error:
            return self._done(request, subject, str(error), messages.ERROR)
        return self._zip(request, citizen)

    def export_view(self, request):
        if not access.may_export_personal_data(request.user):
            raise PermissionDenied
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            citizen = export.find_citizen(form.cleaned_data["cpr"])
            if citizen is None:
                form.add_error("cpr", _("The ministry holds no citizen with this CPR."))
            else:
                return self._zip(request, citizen, as_json=request.POST.get("format") == "json")
        return TemplateResponse(request, "admin/complaints/datasubjectrequest/export.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "form": form,
            "title": _("Export a citizen's personal data"),
        }, status=400 if form.is_bound and form.errors else 200)

    def _zip(self, request, citizen, *, as_json=False):
        export.record_export(user=request.user, citizen=citizen)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if as_json:
            response = HttpResponse(export.export_json(citizen), content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="personal-data-{citizen.pk}-{stamp}.json"'
        else:
            response = HttpResponse(export.export_zip(citizen), content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="personal-data-{citizen.pk}-{stamp}.zip"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "dry_run", "cutoff", "complaints", "citizens", "files", "held", "triggered_by")
    list_filter = ("dry_run",)
    fields = ("started_at", "finished_at", "cutoff", "dry_run", "triggered_by", "complaints", "citizens", "files",
              "held", "counts")
    readonly_fields = fields
