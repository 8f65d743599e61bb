"""Staff screens. A first cut: the queue and the case page grow in the back-office issue."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Attachment, Category, Citizen, Complaint, ComplaintEvent, Department, LegalClause


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "code", "is_active")
    search_fields = ("name_ar", "name_en", "code")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "default_department", "sla_days", "is_active")
    list_select_related = ("default_department",)
    list_filter = ("is_active", "default_department")


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    list_display = ("name", "masked_cpr", "preferred_language", "created_at")
    search_fields = ("=cpr", "name", "=mobile")

    @admin.display(description=_("CPR number"))
    def masked_cpr(self, citizen):
        return citizen.masked_cpr


class EventInline(admin.TabularInline):
    model = ComplaintEvent
    fields = ("created_at", "kind", "actor", "from_status", "to_status", "to_department", "note", "is_public")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("created_at", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ("display_reference", "kind", "channel", "status", "department", "received_at", "due_at")
    list_filter = ("status", "channel", "kind", "department")
    list_select_related = ("department",)
    search_fields = ("=reference", "=external_reference")
    ordering = ("due_at",)
    date_hierarchy = "received_at"
    inlines = (AttachmentInline, EventInline)
    # Status, department and reference change only through the lifecycle services.
    readonly_fields = ("reference", "status", "department", "channel", "citizen", "received_at",
                       "due_at", "external_reference", "master")
    fields = ("reference", "status", "kind", "channel", "category", "department", "assignee",
              "citizen", "contact_mobile", "contact_email", "subject", "body", "language",
              "received_at", "due_at", "external_reference", "master")

    @admin.display(description=_("reference"), ordering="reference")
    def display_reference(self, complaint):
        return complaint.display_reference

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalClause)
class LegalClauseAdmin(admin.ModelAdmin):
    list_display = ("law_ar", "law_en", "article", "is_active")
    list_filter = ("is_active",)
    search_fields = ("law_ar", "law_en", "article", "text_ar", "text_en")


admin.site.site_header = _("Ministry of Housing — complaints back office")
admin.site.site_title = _("Complaints back office")
