"""`manage.py seed_demo` shows the minister's office at work, through its own services, once."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent, Notification, Referral
from minister_office.council_models import AgendaItem, CouncilSession, FollowUp
from minister_office.models import Directive, UrgencyAssessment

pytestmark = pytest.mark.django_db


def office_rows() -> dict:
    return {model.__name__: model.objects.count()
            for model in (UrgencyAssessment, Directive, Referral, CouncilSession, AgendaItem, FollowUp, Notification)}


@pytest.fixture
def seeded(capsys):
    call_command("seed_demo", password="a-demo-password")
    return capsys.readouterr().out


def test_the_office_studies_six_taht_amrak_letters_some_urgent_one_against_the_score(seeded):
    studies = UrgencyAssessment.objects.select_related("complaint")

    assert studies.count() == 6
    assert {study.complaint.channel for study in studies} == {Complaint.Channel.TAHT_AMRAK}
    assert studies.filter(urgent=True).count() == 5
    [overridden] = studies.exclude(override="")
    assert overridden.urgent and not overridden.scored_urgent and overridden.override_reason
    [line] = [line for line in seeded.splitlines() if "Urgency studies of Taht Amrak letters" in line]
    assert line.split()[-3:] == ["6", "(6", "new)"]


def test_a_directive_refers_a_case_to_two_bodies_one_of_which_has_answered(seeded):
    directive = Directive.objects.get()
    referrals = Referral.objects.filter(complaint=directive.complaint)

    assert referrals.count() == 2 and referrals.filter(is_lead=True).count() == 1
    [answered] = referrals.exclude(answered_at=None)
    assert answered.answer and answered.department.code == "legal-affairs"
    assert directive.complaint.events.filter(kind=ComplaintEvent.Kind.REFERRAL_ANSWERED).exclude(actor=None).exists()


def test_a_session_next_week_with_three_urgent_cases_invited_and_one_held_with_an_open_follow_up(seeded):
    now = timezone.now()
    upcoming = CouncilSession.objects.get(held_at__gt=now)
    past = CouncilSession.objects.get(held_at__lt=now)

    assert timedelta(days=5) < upcoming.held_at - now < timedelta(days=9)
    items = upcoming.items.select_related("complaint")
    assert items.count() == 3 and all(item.complaint.is_urgent and item.invited_at for item in items)
    assert Notification.objects.filter(kind=Notification.Kind.COUNCIL_INVITATION,
                                       complaint__council_items__session=upcoming).exists()
    [decided] = past.items.all()
    assert decided.decision and decided.attendance == AgendaItem.Attendance.ATTENDED
    assert FollowUp.objects.filter(item=decided, closed_at=None).exists()
    assert Notification.objects.filter(kind=Notification.Kind.COUNCIL_OUTCOME, complaint=decided.complaint).exists()


def test_a_second_run_adds_nothing_to_the_office(seeded, capsys):
    first = office_rows()

    call_command("seed_demo", password="a-demo-password")
    output = capsys.readouterr().out

    assert office_rows() == first
    assert "Ministry Council sessions" in output and "Council follow-ups open" in output
    assert all(line.endswith("(0 new)") for line in output.splitlines() if "new)" in line)
