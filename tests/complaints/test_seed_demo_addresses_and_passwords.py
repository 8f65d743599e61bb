"""`seed_demo` gives departments and demo staff addresses at example.org, so the demo's notices
arrive; and with DEBUG off it refuses to give the superuser the published password."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from complaints.models import Department, SlaNotice
from complaints.notifications import to_staff
from complaints.security.roles import ROLES
from complaints.sla import clock, sweep
from housing_portal.demo.management.commands import seed_demo

pytestmark = pytest.mark.django_db


def test_with_debug_off_the_published_password_is_refused_for_the_superuser(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_SUPERUSER_PASSWORD", raising=False)

    with pytest.raises(CommandError) as refused:
        call_command("seed_demo")

    assert "--superuser-password" in str(refused.value) and "DEBUG" in str(refused.value)
    assert not get_user_model().objects.filter(username=seed_demo.SUPERUSER_NAME).exists()
    assert not Department.objects.exists()


def test_with_debug_off_a_published_password_given_explicitly_is_refused_too(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", superuser_password=seed_demo.DEFAULT_PASSWORD)


def test_a_given_superuser_password_is_accepted_and_everyone_gets_an_address(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo", password="staff-demo-password", superuser_password="s3cret-of-our-own")
    output = capsys.readouterr().out

    admin = get_user_model().objects.get(username=seed_demo.SUPERUSER_NAME)
    assert admin.is_superuser and admin.check_password("s3cret-of-our-own")
    assert admin.email == "admin@example.org"
    for role in ROLES:
        user = get_user_model().objects.get(username=role.code)
        assert user.email == f"{role.code}@example.org" and user.check_password("staff-demo-password")
    assert set(Department.objects.values_list("email", flat=True)) == {
        f"{code}@example.org" for code in Department.objects.values_list("code", flat=True)}
    assert "s3cret-of-our-own" in output and seed_demo.DEFAULT_PASSWORD not in output

    # A notice of the demo arrives: a week on, the sweep reminds and tells the breaches.
    now = timezone.now() + timedelta(days=7)
    sweep.sweep(now=now, plan=clock.plan(), chunk_size=10_000)
    notices = list(SlaNotice.objects.values_list("pk", flat=True))
    assert notices
    assert to_staff.send_sla_notices(notices, now=now) == len(notices)
    assert all(address.endswith("@example.org") for message in mail.outbox for address in message.to)


def test_an_address_staff_gave_a_department_is_kept_on_a_second_run(settings):
    settings.DEBUG = True
    call_command("seed_demo", password="a-demo-password")
    Department.objects.filter(code="studies").update(email="studies@housing.gov.bh")

    call_command("seed_demo", password="a-demo-password")

    assert Department.objects.get(code="studies").email == "studies@housing.gov.bh"
