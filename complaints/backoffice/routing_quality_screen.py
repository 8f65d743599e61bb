"""The routing quality page: per department, for a month, who routed its complaints, what the model
left to triage and where it went, what was transferred away and to whom, and the share routed right
the first time (complaints/reports/routing_quality.py). Department heads see their own department."""

from datetime import date

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import RoutingQuality
from complaints.reports import routing_quality
from complaints.security import access

EARLIEST = date(2020, 1, 1)


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Month"), input_formats=["%Y-%m"],
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))

    def __init__(self, data, *, today: date):
        self.this_month = today.replace(day=1)
        super().__init__(data if data else None, initial={"month": self.this_month})

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not EARLIEST <= month <= self.this_month:
            raise forms.ValidationError(_("Choose a month between January 2020 and this month."))
        return month

    def chosen_month(self) -> date:
        """The month chosen, or this month when nothing valid was sent."""
        return self.cleaned_data["month"] if self.is_bound and self.is_valid() else self.this_month


@admin.register(RoutingQuality)
class RoutingQualityAdmin(ReadOnlyAdmin):
    def get_urls(self):
        # A page, not a list of rows: no per-object screens.
        return [path("", self.admin_site.admin_view(self.changelist_view),
                     name="complaints_routingquality_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = MonthForm(request.GET, today=timezone.localdate())
        own = None if access.works_ministry_wide(request.user) else [access.department_of(request.user)]
        return TemplateResponse(request, "admin/complaints/routingquality/quality.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": _("Routing quality"),
            "form": form, "quality": routing_quality.routing_quality(form.chosen_month(), department_ids=own),
        })
