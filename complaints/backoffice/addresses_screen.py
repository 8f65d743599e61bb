"""Departments without an e-mail address: their SLA notices and media digests go to the head or
the complaints supervisors instead, or wait unsent when nobody has an address. Read-only; the
link opens the department to give it one (for whoever may change departments)."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complaints.backoffice.record_pages import ReadOnlyAdmin
from complaints.models import DepartmentWithoutAddress, SlaNotice
from complaints.notifications import staff_recipients


@admin.register(DepartmentWithoutAddress)
class DepartmentWithoutAddressAdmin(ReadOnlyAdmin):
    list_display = ("name_ar", "name_en", "code", "head_has_an_address", "notices_waiting", "add_an_address")
    list_display_links = None
    search_fields = ("name_ar", "name_en", "code")

    def get_queryset(self, request):
        waiting = (SlaNotice.objects.filter(complaint__department=OuterRef("pk"), sent_at__isnull=True)
                   .exclude(not_sent_reason="").order_by().values("complaint__department")
                   .annotate(total=Count("pk")).values("total"))
        return (super().get_queryset(request).filter(email="", is_active=True)
                .annotate(head_has_address=staff_recipients.head_with_an_address(),
                          waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0)))

    @admin.display(description=_("head has an address"), boolean=True, ordering="head_has_address")
    def head_has_an_address(self, department):
        return department.head_has_address

    @admin.display(description=_("notices waiting for an address"), ordering="waiting")
    def notices_waiting(self, department):
        return department.waiting

    @admin.display(description=_("e-mail"))
    def add_an_address(self, department):
        return format_html('<a href="{}">{}</a>', reverse("admin:complaints_department_change", args=[department.pk]),
                           _("Add an address"))

    def get_list_display(self, request):
        # The link is shown only to whoever may change departments (system administrators).
        if request.user.has_perm("complaints.change_department"):
            return self.list_display
        return tuple(name for name in self.list_display if name != "add_an_address")
