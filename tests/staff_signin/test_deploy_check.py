"""`check --deploy` warns when production would let staff in with a password alone."""

import pytest
from django.core.checks import run_checks



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

