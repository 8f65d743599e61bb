"""`manage.py seed_demo` fills a realistic ministry and can run again without harm."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from complaints import demo_data
from complaints.models import CannedResponse, Category, Complaint, Department, LegalClause
from complaints.roles import ROLES

pytestmark = pytest.mark.django_db


def test_seed_demo_twice_creates_everything_once(capsys):
    call_command("seed_demo", password="a-demo-password")
    first = Complaint.objects.count()
    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    assert 180 <= first <= 220
    assert Complaint.objects.count() == first
    assert "Complaints created in this run: 0" in output
    assert set(Complaint.objects.values_list("channel", flat=True)) == set(Complaint.Channel.values)
    assert set(Complaint.objects.values_list("status", flat=True)) == set(Complaint.Status.values)
    assert {Department.COMPLAINTS_UNIT, Department.MINISTERS_OFFICE, "housing-committee", "legal-affairs",
            "studies", "allocations"} <= set(Department.objects.values_list("code", flat=True))
    assert Category.objects.filter(default_department__isnull=False).count() >= 8
    assert LegalClause.objects.count() >= 5
    assert CannedResponse.objects.count() == len(demo_data.CANNED_RESPONSES)
    languages = set(Complaint.objects.values_list("language", flat=True))
    assert languages == {"ar", "en"}


def test_seed_demo_makes_one_staff_user_per_role_and_prints_the_password(capsys):
    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    for role in ROLES:
        user = get_user_model().objects.get(username=role.code)
        assert user.is_staff and user.check_password("a-demo-password")
        assert user.groups.filter(name=role.name_en).exists()
    assert "a-demo-password" in output
