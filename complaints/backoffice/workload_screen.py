"""The department workload page: a head balances the load between officers."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.backoffice import workload
from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import Complaint, DepartmentWorkload


@admin.register(DepartmentWorkload)
class DepartmentWorkloadAdmin(ReadOnlyAdmin):
    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return TemplateResponse(request, "admin/complaints/departmentworkload/workload.html", {
                **self.admin_site.each_context(request), "opts": self.model._meta, "departments": []}, status=403)
        now = timezone.now()
        loads = workload.workload(Complaint.objects.visible_to(request.user), now=now)
        return TemplateResponse(request, "admin/complaints/departmentworkload/workload.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": _("Department workload"),
            "departments": [(load, load.total.oldest_age_days(now),
                             [(name, figures, figures.oldest_age_days(now)) for name, figures in load.by_officer])
                            for load in loads],
        })
