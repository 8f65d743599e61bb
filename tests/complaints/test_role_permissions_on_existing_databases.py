"""A database made before a role gained a permission gets it at the next migrate: the role groups
are refreshed after every migrate (complaints.apps.create_role_groups)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from complaints.security.roles import ROLES_BY_CODE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "permission"), [("ministers-office", "add_boxletter"),
                                                  ("ministers-office", "view_boxletter"),
                                                  ("complaints-unit-agent", "add_boxletter"),
                                                  ("system-administrator", "change_routingrule")])
def test_a_role_group_made_before_its_new_permission_gets_it_at_the_next_migrate(role, permission):
    group = Group.objects.get(name=ROLES_BY_CODE[role].name_en)
    group.permissions.remove(Permission.objects.get(codename=permission))
    assert not group.permissions.filter(codename=permission).exists()

    call_command("migrate", verbosity=0)

    assert group.permissions.filter(codename=permission).exists()
