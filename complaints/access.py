"""Who may see which complaints: one rule, used by every list, search, export, download and API.

Department officers and heads see their own department's complaints and those referred to it;
the complaints unit, the call centre, the monitors, the minister's office and supervisors work
across the ministry. Anyone else, and a department member without a department, sees nothing.
"""

from django.db.models import Q, QuerySet

from .models import Complaint, Referral
from .roles import ROLES_BY_CODE

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


def visible_complaints(user, complaints: QuerySet | None = None) -> QuerySet:
    complaints = Complaint.objects.all() if complaints is None else complaints
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return complaints.none()
    if works_ministry_wide(user):
        return complaints
    department_id = department_of(user)
    if department_id is None or not role_codes(user) & set(DEPARTMENT_ROLES):
        return complaints.none()
    # The few complaints referred here, read first, keep the condition index-friendly: the queue's
    # count and first page use the (department, status, due date) index instead of a per-row check.
    referred_here = referred_to(user, department_id)
    if not referred_here:
        return complaints.filter(department_id=department_id)
    return complaints.filter(Q(department_id=department_id) | Q(pk__in=referred_here))


def referred_to(user, department_id) -> list[int]:
    """The complaints of other departments referred to the user's, read once per request."""
    if not hasattr(user, "_portal_referred_here"):
        user._portal_referred_here = list(
            Referral.objects.filter(department_id=department_id).exclude(complaint__department_id=department_id)
            .values_list("complaint_id", flat=True))
    return user._portal_referred_here


def can_see(user, complaint: Complaint) -> bool:
    return visible_complaints(user, Complaint.objects.filter(pk=complaint.pk)).exists()


# --- Data protection: who answers citizens' requests about their personal data. The export and
# the erasure reach every complaint of one CPR, whatever its department, so they are a permission
# of their own (the data protection officer's), not a widening of visible_complaints.
def may_export_personal_data(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("complaints.export_personal_data"))


def may_erase_personal_data(user) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm("complaints.erase_personal_data"))
