"""The dead-letter view: inbound items that failed, with their errors, and a retry."""


from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


from . import box_letters, inbound, tawasul
from .box_letter_form import BoxLetterForm
from .models import BoxLetter, InboundItem

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

# The screens of the other channels, each in its own module.
from . import call_admin, monitoring_admin, tawasul_admin, walk_in_admin  # noqa: E402, F401
