"""Who a staff user is for the portal's rules: their roles and their department.

Which complaints they may see is one queryset method built on these,
`Complaint.objects.visible_to(user)` (complaints/models.py), used by every list, search, export,
download and the API. Department officers and heads see their own department's complaints and
those referred to it; the complaints unit, the call centre, the monitors, the minister's office and
supervisors work across the ministry. Anyone else, and a department member without a department,
sees nothing.
"""

from complaints.security.roles import ROLES_BY_CODE

DEPARTMENT_ROLES = ("department-officer", "department-head")
MINISTRY_WIDE_ROLES = ("complaints-unit-agent", "call-centre-agent", "media-monitor", "ministers-office",
                       "supervisor", "system-administrator")


def role_codes(user) -> frozenset[str]:
    """The user's roles, read once per request (cached on the user object)."""
    if not hasattr(user, "_portal_role_codes"):
        names = {ROLES_BY_CODE[code].name_en: code for code in ROLES_BY_CODE}
        user._portal_role_codes = frozenset(
            names[name] for name in user.groups.values_list("name", flat=True) if name in names)
    return user._portal_role_codes


def works_ministry_wide(user) -> bool:
    return user.is_active and user.is_staff and (
        user.is_superuser or bool(role_codes(user) & set(MINISTRY_WIDE_ROLES)))


def department_of(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department_id if profile else None


# --- Data protection: who answers citizens' requests about their personal data. The export and
# the erasure reach every complaint of one CPR, whatever its department, so they are a permission
# of their own (the data protection officer's), not a widening of Complaint.objects.visible_to.
def may_export_personal_data(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("complaints.export_personal_data"))


def may_erase_personal_data(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("complaints.erase_personal_data"))
