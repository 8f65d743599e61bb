from datetime import timedelta

import pytest
from django.utils import timezone

from complaints.models import Complaint, ComplaintEvent
from minister_office import services
from minister_office.models import UrgencyAssessment, UrgencyStanding, UrgencyWeights

pytestmark = pytest.mark.django_db


def test_a_study_above_the_threshold_marks_the_case_urgent_for_the_whole_portal(letter, office_member, needy_family):
    assessment = services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member)

    assert (assessment.score, assessment.scored_urgent, assessment.urgent) == (105, True, True)
    letter.refresh_from_db()
    assert letter.is_urgent
    event = letter.events.get(kind=ComplaintEvent.Kind.URGENCY_CHANGED)
    assert event.actor == office_member and "105" in event.note
    standing = UrgencyStanding.objects.get(complaint=letter)
    assert (standing.score, standing.urgent) == (105, True)


def test_the_study_keeps_its_assessor_inputs_weights_and_breakdown(letter, office_member, needy_family):
    assessment = services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member)

    assessment.refresh_from_db()
    assert assessment.assessed_by == office_member
    assert (assessment.household_size, assessment.housing, assessment.eviction_notice) == (6, "overcrowded", True)
    assert assessment.weights == UrgencyWeights.objects.get()
    assert assessment.weights_used["urgent_threshold"] == 50
    assert {row["code"]: row["points"] for row in assessment.breakdown}["eviction_notice"] == 20


def test_a_new_version_of_the_weights_applies_to_the_next_study(letter, office_member, admin_user, comfortable_family):
    services.weights_in_force()
    UrgencyWeights.objects.create(changed_by=admin_user, changed_at=timezone.now() + timedelta(seconds=1),
                                  per_household_member=30, urgent_threshold=50, note="Large families first")

    assessment = services.assess_urgency(complaint=letter, circumstances=comfortable_family, by=office_member)

    assert (assessment.score, assessment.urgent) == (60, True)
    assert assessment.weights.changed_by == admin_user
    assert UrgencyWeights.objects.count() == 2


def test_overriding_the_score_needs_a_written_reason(letter, office_member, needy_family):
    with pytest.raises(services.DomainError):
        services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member,
                                override=UrgencyAssessment.Override.NOT_URGENT, override_reason="  ")

    assert not UrgencyAssessment.objects.exists()
    letter.refresh_from_db()
    assert not letter.is_urgent


def test_the_office_can_decide_against_the_score_with_a_reason(letter, office_member, comfortable_family):
    assessment = services.assess_urgency(
        complaint=letter, circumstances=comfortable_family, by=office_member,
        override=UrgencyAssessment.Override.URGENT, override_reason="The house was damaged by fire last night.")

    assert (assessment.scored_urgent, assessment.urgent) == (False, True)
    letter.refresh_from_db()
    assert letter.is_urgent


def test_a_later_study_that_is_not_urgent_takes_the_mark_away_and_keeps_the_first(
        letter, office_member, needy_family, comfortable_family):
    services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member)
    services.assess_urgency(complaint=letter, circumstances=comfortable_family, by=office_member)

    letter.refresh_from_db()
    assert not letter.is_urgent
    assert list(letter.urgency_assessments.values_list("score", flat=True)) == [4, 105]
    assert UrgencyStanding.objects.get(complaint=letter).score == 4


def test_studies_are_append_only(letter, office_member, needy_family):
    assessment = services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member)

    with pytest.raises(TypeError):
        assessment.save()
    with pytest.raises(TypeError):
        UrgencyAssessment.objects.update(score=0)
    with pytest.raises(TypeError):
        assessment.delete()


def test_a_closed_case_cannot_be_studied(letter, office_member, needy_family):
    Complaint.objects.filter(pk=letter.pk).update(status=Complaint.Status.CLOSED)

    with pytest.raises(services.DomainError):
        services.assess_urgency(complaint=letter, circumstances=needy_family, by=office_member)
