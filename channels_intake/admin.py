"""The dead-letter view: inbound items that failed, with their errors, and a retry."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import box_letters, inbound, tawasul, tawasul_client, tawasul_mismatches, tawasul_outbox
from .box_letter_form import BoxLetterForm
from .models import BoxLetter, InboundItem, TawasulUpdate

TRANSLATORS = {"tawasul": tawasul.translate}


@admin.register(InboundItem)
class InboundItemAdmin(admin.ModelAdmin):
    list_display = ("external_id", "channel", "state", "received_at", "attempts", "complaint")
    list_filter = ("state", "channel")
    search_fields = ("=external_id",)
    readonly_fields = ("channel", "external_id", "payload", "received_at", "state", "error", "attempts", "complaint")
    actions = ("retry",)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Process again"))
    def retry(self, request, queryset):
        done = 0
        for item in queryset.exclude(state=InboundItem.State.PROCESSED):
            try:
                inbound.process(item, translate=TRANSLATORS[item.channel])
                done += 1
            except inbound.Rejected as rejection:
                self.message_user(request, f"{item}: {rejection.errors}", messages.WARNING)
        self.message_user(request, ngettext("%(count)d item processed.", "%(count)d items processed.", done)
                          % {"count": done})


@admin.register(BoxLetter)
class BoxLetterAdmin(admin.ModelAdmin):
    list_display = ("complaint", "box", "collected_on", "opened_by", "witnessed_by")
    list_select_related = ("complaint", "opened_by")
    readonly_fields = ("complaint", "box", "collected_on", "opened_by", "witnessed_by")
    exclude = ("scan",)  # a citizen's letter: read through a permission-checked view (issue 6), not a link

    def add_view(self, request, form_url="", extra_context=None):
        """Digitising a letter is one service call, not a model form."""
        form = BoxLetterForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            letter = box_letters.digitise_letter(
                box=data["box"], collected_on=data["collected_on"], opened_by=request.user,
                witnessed_by=data["witnessed_by"], scan=data["scan"], citizen=form.citizen(),
                subject=data["subject"], text=data["text"], language=data["language"],
                letter_number=data["letter_number"])
            self.message_user(request, _("Letter digitised as complaint %(reference)s.")
                              % {"reference": letter.complaint.display_reference}, messages.SUCCESS)
            return redirect(reverse("admin:complaints_complaint_change", args=[letter.complaint_id]))
        return TemplateResponse(request, "admin/channels_intake/boxletter/digitise.html", {
            **self.admin_site.each_context(request), "title": _("Digitise a letter from the Taht Amrak box"),
            "opts": self.model._meta, "form": form,
        })


class TawasulUpdateState(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting")), ("sent", _("Sent")), ("given_up", _("Given up"))]

    def queryset(self, request, queryset):
        return {"waiting": queryset.filter(next_attempt_at__isnull=False),
                "sent": queryset.filter(sent_at__isnull=False),
                "given_up": queryset.filter(failed_at__isnull=False)}.get(self.value(), queryset)


class TawasulExportForm(forms.Form):
    export = forms.FileField(label=_("Tawasul's status export (CSV or JSON)"), required=False)


@admin.register(TawasulUpdate)
class TawasulUpdateAdmin(admin.ModelAdmin):
    """The outbox to Tawasul: what waits, what was sent, and the dead letters to send again."""

    change_list_template = "admin/channels_intake/tawasulupdate/change_list.html"
    list_display = ("case_number", "kind", "tawasul_status", "happened_at", "attempts", "next_attempt_at",
                    "sent_at", "failed_at", "complaint")
    list_select_related = ("complaint",)
    list_filter = (TawasulUpdateState, "kind")
    search_fields = ("=case_number",)
    readonly_fields = [field.name for field in TawasulUpdate._meta.fields]
    actions = ("send_again",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send to Tawasul again"), permissions=("change",))
    def send_again(self, request, queryset):
        queued, overtaken = tawasul_outbox.send_again(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, ngettext("%(count)d update queued again.", "%(count)d updates queued again.",
                                            len(queued)) % {"count": len(queued)})
        if overtaken:
            self.message_user(request, ngettext(
                "%(count)d status change not sent again: a later update of the same case reached Tawasul.",
                "%(count)d status changes not sent again: a later update of the same case reached Tawasul.",
                len(overtaken)) % {"count": len(overtaken)}, messages.WARNING)

    def get_urls(self):
        return [path("mismatches/", self.admin_site.admin_view(self.mismatches_view),
                     name="channels_intake_tawasulupdate_mismatches"), *super().get_urls()]

    def mismatches_view(self, request):
        """Without input, the cases whose last update was not delivered; with Tawasul's export, or
        on asking Tawasul itself, the cases whose status differs as well."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = TawasulExportForm(request.POST, request.FILES) if request.method == "POST" else TawasulExportForm()
        found, compared_with = tawasul_mismatches.find(status_of=None), ""
        if request.method == "POST" and form.is_valid():
            export = form.cleaned_data["export"]
            try:
                if export:
                    found = tawasul_mismatches.find_in_export(
                        tawasul_mismatches.read_export(export.read(), filename=export.name))
                    compared_with = export.name
                elif tawasul_client.is_enabled():
                    found = tawasul_mismatches.find_through_client(limit=MISMATCH_CASES_ASKED)
                    compared_with = _("Tawasul's API")
                else:
                    form.add_error("export", _("The Tawasul API is not configured: upload its status export."))
            except ValueError as error:
                form.add_error("export", str(error))
        return TemplateResponse(request, "admin/channels_intake/tawasulupdate/mismatches.html", {
            **self.admin_site.each_context(request), "title": _("Tawasul cases out of step"),
            "opts": self.model._meta, "form": form, "mismatches": found, "compared_with": compared_with,
            "asks_tawasul": tawasul_client.is_enabled(), "cases_asked": MISMATCH_CASES_ASKED,
        })


# Asking Tawasul is one HTTP call per case, inside the request: the latest cases only.
MISMATCH_CASES_ASKED = 200
