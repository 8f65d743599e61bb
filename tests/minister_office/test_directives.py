from datetime import date

import pytest

from complaints.models import Complaint, ComplaintEvent, Referral
from minister_office import services
from minister_office.models import Directive

pytestmark = pytest.mark.django_db


def test_the_directive_is_on_the_cases_timeline(letter, office_member):
    directive = services.give_directive(complaint=letter, text="يُدرس وضع الأسرة ويُرفع للجنة الإسكان.",
                                        by=office_member, follow_up_on=date(2026, 12, 15))

    event = letter.events.get(kind=ComplaintEvent.Kind.DIRECTIVE_GIVEN)
    assert (event.actor, event.note, event.is_public) == (office_member, directive.text, False)
    assert event.data == {"directive": directive.pk, "follow_up_on": "2026-12-15"}
    assert not Referral.objects.exists()


def test_the_case_is_referred_to_several_bodies_with_one_lead(letter, office_member, bodies, staff_member):
    services.give_directive(complaint=letter, text="Refer to the committee and legal affairs.", by=office_member,
                            departments=[bodies["housing-committee"], bodies["legal-affairs"], bodies["studies"]],
                            lead=bodies["housing-committee"], follow_up_on=date(2026, 12, 15))

    referrals = {r.department.code: r for r in Referral.objects.filter(complaint=letter).select_related("department")}
    assert set(referrals) == {"housing-committee", "legal-affairs", "studies"}
    assert [code for code, r in referrals.items() if r.is_lead] == ["housing-committee"]
    assert {r.follow_up_on for r in referrals.values()} == {date(2026, 12, 15)}
    letter.refresh_from_db()
    assert letter.department == bodies["housing-committee"]
    assert letter.events.filter(kind=ComplaintEvent.Kind.REFERRED).count() == 1
    legal_officer = staff_member("officer.legal", "department-officer", bodies["legal-affairs"])
    assert Complaint.objects.visible_to(legal_officer).filter(pk=letter.pk).exists()


@pytest.mark.parametrize("lead_code", [None, "allocations"])
def test_the_lead_must_be_one_of_the_bodies(letter, office_member, bodies, lead_code):
    with pytest.raises(services.DomainError):
        services.give_directive(complaint=letter, text="Refer.", by=office_member,
                                departments=[bodies["studies"]], lead=bodies.get(lead_code))

    assert not Directive.objects.exists()
    assert not Referral.objects.exists()


def test_a_directive_needs_its_text(letter, office_member):
    with pytest.raises(services.DomainError):
        services.give_directive(complaint=letter, text="  ", by=office_member)
