"""The reports' entry in the back office index: a link to /<lang>/reports/ for who may see them."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import Report
from complaints.reports.views import PERMISSION


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return redirect(reverse("reports"))
