"""Keys are made in the back office; the key itself is shown once, in the message after saving."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from complaints.api_keys.models import ApiToken, Open311Client


class HashedKeyAdmin(admin.ModelAdmin):
    readonly_fields = ("key_prefix", "created_at", "last_used_at")

    def save_model(self, request, obj, form, change):
        key = None if change else obj.set_new_key()
        super().save_model(request, obj, form, change)
        if key:
            self.message_user(request, _("The key is %(key)s — copy it now: it is not stored and will not be "
                                         "shown again.") % {"key": key}, messages.WARNING)

    def has_delete_permission(self, request, obj=None):
        return False  # switch a key off instead: its rows stay as a record of who called


@admin.register(ApiToken)
class ApiTokenAdmin(HashedKeyAdmin):
    list_display = ("name", "user", "key_prefix", "is_active", "created_at", "last_used_at")
    list_select_related = ("user",)
    list_filter = ("is_active",)
    fields = ("user", "name", "is_active", "key_prefix", "created_at", "last_used_at")
    raw_id_fields = ("user",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True, is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Open311Client)
class Open311ClientAdmin(HashedKeyAdmin):
    list_display = ("name", "slug", "key_prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    fields = ("name", "slug", "contact_email", "is_active", "key_prefix", "created_at", "last_used_at")
