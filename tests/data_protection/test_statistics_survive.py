"""The figures the ministry reports and publishes are the same before and after retention removes
the personal data of the complaints they count."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from channels_intake.models import Call
from complaints.data_protection import retention
from complaints.models import Complaint, Rating
from complaints.reports import exports, figures, public, tables
from tests.factories import CategoryFactory, CitizenFactory, ComplaintFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_year_of_complaints(settings, ministry):
    """120 complaints over the last eleven months on every channel, most closed long enough ago for
    retention (30 days here), some merged, some still open; ratings and calls."""
    settings.RETENTION_CLOSED_DAYS = 30
    pick = random.Random(9)
    now = timezone.now()
    departments = [ministry["maintenance"], ministry["complaints_unit"], DepartmentFactory(code="allocations")]
    categories = [CategoryFactory(code=f"c{n}", default_department=departments[n]) for n in range(3)] + [None]
    citizens = [CitizenFactory() for _ in range(15)]
    made = []
    for n in range(120):
        received = now - timedelta(days=pick.randint(45, 330), hours=pick.randint(0, 23))
        status = pick.choice([Complaint.Status.CLOSED] * 6 + [Complaint.Status.IN_PROGRESS, Complaint.Status.MERGED])
        answered = received + timedelta(days=pick.randint(1, 50)) if status != Complaint.Status.IN_PROGRESS else None
        complaint = ComplaintFactory(
            citizen=pick.choice(citizens), channel=pick.choice(Complaint.Channel.values), kind=pick.choice(
                Complaint.Kind.values), department=pick.choice(departments), category=pick.choice(categories),
            status=status, received_at=received, responded_at=answered, master=made[0] if made and
            status == Complaint.Status.MERGED else None, contact_mobile="+97336661234")
        if answered and pick.random() < 0.6:
            Rating.objects.create(complaint=complaint, responded_at=answered, score=pick.randint(1, 5),
                                  comment="كلام المواطن", created_at=answered + timedelta(days=1))
        Complaint.objects.filter(pk=complaint.pk).update(updated_at=(answered or received) + timedelta(days=2))
        made.append(complaint)
    for n in range(80):
        Call.objects.create(call_id=f"c{n}", caller_number="+97336661234", notes="سأل عن طلبه",
                            started_at=now - timedelta(days=pick.randint(40, 330)),
                            status=pick.choice(["answered", "answered", "abandoned"]),
                            wait_seconds=pick.randint(0, 300))
    return now


def staff_figures(now) -> dict:
    filters = figures.Filters(start=(now - timedelta(days=365)).date(), end=now.date())
    with translation.override("en"):
        return {table.slug: exports.as_csv(table) for table in tables.report_tables(
            Complaint.objects.all(), filters, now=now)}


def test_staff_reports_and_public_statistics_are_identical_before_and_after(a_year_of_complaints):
    now = a_year_of_complaints
    staff_before, public_before = staff_figures(now), public.statistics(now=now)

    run = retention.apply_retention(now=now)

    assert run.complaints > 80 and run.counts["ratings"] > 0 and run.counts["calls"] > 0
    assert staff_figures(now) == staff_before
    assert public.statistics(now=now) == public_before
    # The figures are not empty: the comparison compared something.
    assert any(month.total.value for month in public_before)
    assert "answers" in staff_before and "satisfaction" in staff_before and "hotline" in staff_before


def test_each_figure_function_gives_the_same_values(a_year_of_complaints):
    now = a_year_of_complaints
    filters = figures.Filters(start=date(now.year - 1, now.month, 1), end=now.date())
    complaints = Complaint.objects.all()

    def compute():
        return ([figures.volumes(complaints, filters, dimension).series
                 for dimension in ("channel", "kind", "category", "department")],
                figures.answer_figures(complaints, filters, now=now), figures.backlog(complaints, filters, now=now),
                figures.satisfaction(complaints, filters), figures.hotline(filters))

    before = compute()
    retention.apply_retention(now=now)
    assert compute() == before
