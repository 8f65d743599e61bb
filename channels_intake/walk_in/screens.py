"""The service centre's walk-in counter: find the citizen, record the complaint, print the slip."""

import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from channels_intake.models import WalkInComplaint
from channels_intake.walk_in import counter, walk_in_form
from channels_intake.walk_in.walk_in_form import HeldFiles, WalkInForm
from complaints.models import Language
from complaints.values import identity


@admin.register(WalkInComplaint)
class WalkInComplaintAdmin(admin.ModelAdmin):
    """The service centre's counter: find the citizen, record the complaint, print the slip."""

    list_display = ("display_reference", "subject", "citizen", "status", "received_at", "due_at", "slip_link")
    list_display_links = None
    list_select_related = ("citizen",)
    search_fields = ("=reference", "=citizen__cpr")
    ordering = ("-received_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(channel=counter.CHANNEL)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reference"), ordering="reference")
    def display_reference(self, complaint):
        return complaint.display_reference

    @admin.display(description=_("slip"))
    def slip_link(self, complaint):
        return format_html('<a href="{}">{}</a>', reverse("admin:channels_intake_walkincomplaint_slip",
                                                          args=[complaint.pk]), _("Print the slip"))

    def get_urls(self):
        return [
            path("<int:pk>/received/", self.admin_site.admin_view(self.received_view),
                 name="channels_intake_walkincomplaint_received"),
            path("<int:pk>/slip/", self.admin_site.admin_view(self.slip_view),
                 name="channels_intake_walkincomplaint_slip"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        """The walk-in screen. "Find" looks the CPR up and shows the form again with everything
        typed; "Record" validates and calls the walk-in service once."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            form = WalkInForm(initial={"token": uuid.uuid4().hex, "language": get_language()})
            return self._walk_in_page(request, form, held=())
        token = request.POST.get("token", "")
        done = counter.received_with(token) if WalkInForm.token_is_valid(token) else None
        if done is not None:   # the same form sent again: a double click, or a resent page
            return self._to_confirmation(request, done, created=False)
        held = HeldFiles(request.session, token)
        held.remove(set(request.POST.getlist("remove_file")))
        form = WalkInForm(request.POST, request.FILES, held_files=held.files)
        if "find_citizen" in request.POST:
            return self._look_up(request, form, held)
        valid = form.is_valid()
        held.add(form.new_files)
        if not valid:
            return self._walk_in_page(request, form, held=held.files, cpr=request.POST.get("cpr", ""))
        data = form.cleaned_data
        try:
            files = held.open()
        except FileNotFoundError:
            # A double click: the first request recorded the complaint and let go of the files.
            done = counter.received_with(token)
            if done is None:
                raise
            return self._to_confirmation(request, done, created=False)
        try:
            result = counter.receive_complaint(
                token=data["token"], kind=data["kind"], subject=data["subject"], body=data["body"],
                language=data["language"], citizen=form.citizen(), category=data["category"],
                housing_application_number=data["housing_application_number"], attachments=files, by=request.user)
        except ValidationError as error:
            form.add_intake_errors(error)
            return self._walk_in_page(request, form, held=held.files, cpr=data["cpr"])
        finally:
            for file in files:
                file.close()
        held.forget()
        return self._to_confirmation(request, result.complaint, created=result.created)

    def _look_up(self, request, form, held):
        accepted, errors = form.checked_uploads()
        held.add(accepted)
        for error in errors:
            self.message_user(request, error, messages.WARNING)
        cpr = request.POST.get("cpr", "")
        typed = {name: value for name, value in request.POST.items() if name in form.fields}
        try:
            found = counter.find_citizen(cpr)
        except ValidationError as error:
            form = WalkInForm(initial=typed, held_files=held.files)
            return self._walk_in_page(request, form, held=held.files, lookup_errors=error.messages)
        normalised = identity.normalise_cpr(cpr)
        form = WalkInForm(initial={**walk_in_form.values_after_lookup(typed, normalised, found), "cpr": normalised},
                          held_files=held.files)
        return self._walk_in_page(request, form, held=held.files, found=found, looked_up=True)

    def _walk_in_page(self, request, form, *, held, cpr="", found=None, looked_up=False, lookup_errors=()):
        if found is None and cpr:
            try:
                found = counter.find_citizen(cpr)
            except ValidationError:
                found = None
        return TemplateResponse(request, "admin/channels_intake/walkincomplaint/walk_in.html", {
            **self.admin_site.each_context(request), "title": _("Walk-in: record a complaint"),
            "opts": self.model._meta, "form": form, "held_files": held, "found": found, "looked_up": looked_up,
            "lookup_errors": lookup_errors,
            "shown": counter.EARLIER_COMPLAINTS_SHOWN,
        })

    def _to_confirmation(self, request, complaint, *, created):
        if not created:
            self.message_user(request, _("This form was already sent: the complaint was recorded once, as "
                                         "%(reference)s.") % {"reference": complaint.display_reference},
                              messages.WARNING)
        return redirect(reverse("admin:channels_intake_walkincomplaint_received", args=[complaint.pk]))

    def received_view(self, request, pk):
        complaint = self._walk_in_complaint(request, pk)
        return TemplateResponse(request, "admin/channels_intake/walkincomplaint/received.html", {
            **self.admin_site.each_context(request), "title": _("Complaint recorded"), "opts": self.model._meta,
            "complaint": complaint, "languages": Language.choices,
        })

    def slip_view(self, request, pk):
        """The citizen's slip, in their language (or the one asked for), made for printing."""
        complaint = self._walk_in_complaint(request, pk)
        language = request.GET.get("language")
        language = language if language in Language.values else complaint.language
        with translation.override(language):
            tracking_url = request.build_absolute_uri(reverse("track"))
        return TemplateResponse(request, "admin/channels_intake/walkincomplaint/slip.html", {
            "complaint": complaint, "slip_language": language, "tracking_url": tracking_url,
            "back_url": reverse("admin:channels_intake_walkincomplaint_received", args=[pk]),
        })

    def _walk_in_complaint(self, request, pk):
        if not (self.has_add_permission(request) or self.has_view_permission(request)):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request).select_related("citizen"), pk=pk)
