"""Who is told when a notice's usual addresses are missing: the department's heads, and if none of
them has an address either, the complaints unit's supervisors. An empty answer is an error for the
caller to record (the notice stays unsent), never an e-mail to nobody marked as sent."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from complaints.models import StaffProfile
from complaints.security.roles import ROLES_BY_CODE

SUPERVISOR_ROLE = "supervisor"


def fallback_for(department_id: int | None) -> list[str]:
    return heads_of(department_id) or supervisors()


def heads_of(department_id: int | None) -> list[str]:
    if department_id is None:
        return []
    return _addresses(get_user_model().objects.filter(staff_profile__department_id=department_id,
                                                      staff_profile__is_head=True))


def supervisors() -> list[str]:
    return _addresses(get_user_model().objects.filter(groups__name=ROLES_BY_CODE[SUPERVISOR_ROLE].name_en))


def _addresses(users) -> list[str]:
    return list(dict.fromkeys(users.filter(is_active=True).exclude(email="").order_by("pk")
                              .values_list("email", flat=True)))


def head_with_an_address(department_field: str = "pk") -> Exists:
    """For filtering or annotating rows that name a department: has it a head who can be written to?"""
    return Exists(StaffProfile.objects.filter(department=OuterRef(department_field), is_head=True,
                                              user__is_active=True)
                  .exclude(user__email=""))

