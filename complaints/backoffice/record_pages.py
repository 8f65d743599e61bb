"""Back-office screens where nothing is added, changed or deleted: records kept as written (studies,
access records) and pages that are not lists of rows (a report, the workload, given a place in
the admin and a permission by a proxy model)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
