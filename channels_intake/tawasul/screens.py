"""The outbox to Tawasul and the report of cases out of step between the two systems."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from channels_intake.models import TawasulUpdate
from channels_intake.tawasul import client, mismatches, outbox


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
        queued, overtaken = outbox.send_again(list(queryset.values_list("pk", flat=True)))
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
        found, compared_with = mismatches.find(status_of=None), ""
        if request.method == "POST" and form.is_valid():
            export = form.cleaned_data["export"]
            try:
                if export:
                    found = mismatches.find_in_export(
                        mismatches.read_export(export.read(), filename=export.name))
                    compared_with = export.name
                elif client.is_enabled():
                    found = mismatches.find_through_client(limit=MISMATCH_CASES_ASKED)
                    compared_with = _("Tawasul's API")
                else:
                    form.add_error("export", _("The Tawasul API is not configured: upload its status export."))
            except ValueError as error:
                form.add_error("export", str(error))
        return TemplateResponse(request, "admin/channels_intake/tawasulupdate/mismatches.html", {
            **self.admin_site.each_context(request), "title": _("Tawasul cases out of step"),
            "opts": self.model._meta, "form": form, "mismatches": found, "compared_with": compared_with,
            "asks_tawasul": client.is_enabled(), "cases_asked": MISMATCH_CASES_ASKED,
        })


# Asking Tawasul is one HTTP call per case, inside the request: the latest cases only.
MISMATCH_CASES_ASKED = 200
