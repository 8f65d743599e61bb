"""The minister's office and the bodies it refers cases to."""

from decimal import Decimal

import pytest

from complaints.models import Complaint
from minister_office.urgency import Circumstances
from tests.factories import ComplaintFactory, DepartmentFactory


@pytest.fixture
def office_member(staff_member, ministers_office):
    """Someone who works in the minister's office."""
    return staff_member("office.maryam", "ministers-office", ministers_office, first_name="Maryam")


@pytest.fixture
def bodies(db):
    return {code: DepartmentFactory(code=code, name_ar=name_ar, name_en=name_en) for code, name_ar, name_en in (
        ("housing-committee", "لجنة الإسكان", "Housing Committee"),
        ("legal-affairs", "إدارة الشؤون القانونية", "Legal Affairs Directorate"),
        ("studies", "إدارة الدراسات والبحوث", "Studies and Research Directorate"),
        ("allocations", "إدارة التخصيص والتوزيع", "Allocation and Distribution Directorate"),
    )}


@pytest.fixture
def letter(ministers_office, fatima):
    """A Taht Amrak letter, routed to the minister's office."""
    return ComplaintFactory(channel=Complaint.Channel.TAHT_AMRAK, status=Complaint.Status.ROUTED,
                            department=ministers_office, citizen=fatima, subject="طلب وحدة سكنية عاجلة")


def family(**overrides):
    values = dict(household_size=6, monthly_income=Decimal("500"), dependants=4, members_with_disability=1,
                  elderly_members=1, members_with_chronic_illness=0, housing="overcrowded", eviction_notice=True,
                  years_on_waiting_list=8)
    return Circumstances(**{**values, **overrides})


@pytest.fixture
def needy_family():
    """105 points with the default weights: urgent and exceptional."""
    return family()


@pytest.fixture
def comfortable_family():
    """4 points: not urgent."""
    return family(household_size=2, monthly_income=Decimal("1200"), dependants=0, members_with_disability=0,
                  elderly_members=0, housing="owned", eviction_notice=False, years_on_waiting_list=0)
