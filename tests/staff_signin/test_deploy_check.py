"""`check --deploy` warns when production would let staff in with a password alone."""

import pytest
from django.core.checks import run_checks

from complaints import roles


def deploy_warnings():
    return [message.id for message in run_checks(include_deployment_checks=True)
            if message.id == "staff_signin.W001"]


@pytest.mark.parametrize(("debug", "required", "warned"), [
    (False, False, True),
    (False, True, False),
    (True, False, False),
])
def test_the_deploy_check_warns_only_when_production_runs_without_the_code_step(settings, debug, required, warned):
    settings.DEBUG = debug
    settings.STAFF_TWO_FACTOR_REQUIRED = required
    assert deploy_warnings() == (["staff_signin.W001"] if warned else [])


def test_system_administrators_can_lift_a_lockout_and_reset_a_lost_phone(db):
    granted = set(roles.ensure_role_groups()["system-administrator"].permissions
                  .values_list("content_type__app_label", "codename"))
    assert {("axes", "delete_accessattempt"), ("otp_totp", "delete_totpdevice"),
            ("otp_static", "delete_staticdevice")} <= granted
