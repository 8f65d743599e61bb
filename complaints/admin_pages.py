"""A back-office page that is not a list of rows to edit (a report, the workload): a proxy model
gives it a place in the admin and a permission; nothing can be added, changed or deleted."""

from django.contrib import admin


class PageOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
