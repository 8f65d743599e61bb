"""Who may call the staff API: active staff holding the model permission the operation needs,
as in the back office (view to read, change to act). Which complaints they reach is
complaints.security.access's business, applied in the views' querysets."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class StaffModelPermissions(BasePermission):
    """The view names its permissions: `read_permissions` for GET, `act_permissions` otherwise."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            return False
        needed = view.read_permissions if request.method in SAFE_METHODS else view.act_permissions
        return user.has_perms(needed)
