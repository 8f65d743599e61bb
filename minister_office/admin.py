from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone

from complaints.backoffice.record_pages import ReadOnlyAdmin
from minister_office import services
from minister_office.models import (
    Directive,
    SlaEscalation,
    TriageDashboard,
    UrgencyAssessment,
    UrgencyWeights,
)
from minister_office.views import DASHBOARD_PERMISSION


@admin.register(UrgencyWeights)
class UrgencyWeightsAdmin(admin.ModelAdmin):
    """Each save is a new version: the list is the history of who changed the weights, and when."""

    list_display = ("changed_at", "changed_by", "urgent_threshold", "note")
    list_select_related = ("changed_by",)
    exclude = ("changed_by", "changed_at")

    def get_changeform_initial_data(self, request):
        current = services.weights_in_force()
        return {field.name: getattr(current, field.name) for field in UrgencyWeights._meta.fields
                if field.name not in ("id", "changed_by", "changed_at", "note")}

    def save_model(self, request, obj, form, change):
        obj.changed_by, obj.changed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UrgencyAssessment)
class UrgencyAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "assessed_at", "assessed_by", "score", "threshold", "override", "urgent")
    list_select_related = ("complaint", "assessed_by")
    list_filter = ("urgent", "override")
    raw_id_fields = ("complaint",)
    show_full_result_count = False


@admin.register(Directive)
class DirectiveAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "given_at", "given_by", "follow_up_on")
    list_select_related = ("complaint", "given_by")
    show_full_result_count = False


@admin.register(SlaEscalation)
class SlaEscalationAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "escalated_at", "acknowledged_at", "acknowledged_by")
    list_select_related = ("complaint", "acknowledged_by")
    show_full_result_count = False


@admin.register(TriageDashboard)
class TriageDashboardAdmin(ReadOnlyAdmin):
    """Lists the office's dashboard on the back office's home page; the dashboard itself is a
    staff page of its own (minister_office.views), not an admin screen."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(DASHBOARD_PERMISSION)

    def has_module_permission(self, request):
        return request.user.has_perm(DASHBOARD_PERMISSION)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect("minister_office:dashboard")
