"""The Taht Amrak letters' screen. Each other channel keeps its screens in its own package,
registered by importing them here (Django's admin looks only for `<app>.admin`)."""


from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from channels_intake.box import box_letters
from channels_intake.box.box_letter_form import BoxLetterForm
from channels_intake.calls import screens as call_screens  # noqa: F401
from channels_intake.dead_letters import screens as dead_letter_screens  # noqa: F401
from channels_intake.media import screens as monitoring_screens  # noqa: F401
from channels_intake.models import BoxLetter
from channels_intake.tawasul import screens as tawasul_screens  # noqa: F401
from channels_intake.walk_in import screens as walk_in_screens  # noqa: F401


@admin.register(BoxLetter)
class BoxLetterAdmin(admin.ModelAdmin):
    list_display = ("complaint", "box", "collected_on", "opened_by", "witnessed_by")
    list_select_related = ("complaint", "opened_by")
    readonly_fields = ("complaint", "box", "collected_on", "opened_by", "witnessed_by")
    exclude = ("scan",)  # a citizen's letter: read through a permission-checked view (issue 6), not a link

    def add_view(self, request, form_url="", extra_context=None):
        """Digitising a letter is one service call, not a model form. Replacing the admin's own view
        drops its permission check, so it is made here: only those who open the box digitise."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BoxLetterForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            letter, created = box_letters.digitise_letter(
                box=data["box"], collected_on=data["collected_on"], opened_by=request.user,
                witnessed_by=data["witnessed_by"], scan=data["scan"], citizen=form.citizen(),
                subject=data["subject"], text=data["text"], language=data["language"],
                letter_number=data["letter_number"])
            if created:
                self.message_user(request, _("Letter digitised as complaint %(reference)s.")
                                  % {"reference": letter.complaint.display_reference}, messages.SUCCESS)
            else:
                self.message_user(request, already_digitised(letter, number=data["letter_number"]), messages.WARNING)
            return redirect(reverse("admin:complaints_complaint_change", args=[letter.complaint_id]))
        return TemplateResponse(request, "admin/channels_intake/boxletter/digitise.html", {
            **self.admin_site.each_context(request), "title": _("Digitise a letter from the Taht Amrak box"),
            "opts": self.model._meta, "form": form,
        })


def already_digitised(letter: BoxLetter, *, number: str) -> str:
    """The warning when a letter's number was digitised before: nothing is stored twice, and staff
    are told whose letter it was, in case the number was misread."""
    return _("Letter %(number)s from the box “%(box)s” (collected on %(day)s) was already digitised by "
             "%(person)s as complaint %(reference)s: nothing was saved again. If this is another letter, "
             "check the number written on it at opening.") % {
        "number": number, "box": letter.box, "day": date_format(letter.collected_on),
        "person": letter.opened_by.get_full_name() or letter.opened_by.get_username(),
        "reference": letter.complaint.display_reference}


# The screens of the other channels, each in its own module.
