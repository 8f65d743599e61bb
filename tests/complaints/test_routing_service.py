"""Routing a stored complaint: once, to the right department, with an event naming why."""

import pytest

from complaints.routing import engine
from complaints import intake, tasks
from complaints.intake import IntakeRequest
from complaints.models import Complaint, ComplaintEvent

pytestmark = pytest.mark.django_db


def submit(**values):
    return intake.receive(IntakeRequest(subject="تسرب مياه", body="تفاصيل الشكوى", **values)).complaint


def test_a_complaint_goes_to_its_categorys_department(ministry, maintenance_category):
    complaint = submit(channel=Complaint.Channel.WEB, category=maintenance_category)

    event = engine.route_complaint(complaint.pk)

    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ROUTED
    assert complaint.department == ministry["maintenance"]
    assert (event.kind, event.to_department, event.from_status) == (ComplaintEvent.Kind.ROUTED,
                                                                    ministry["maintenance"], "new")
    assert "maintenance-defects" in event.note


def test_a_letter_from_the_box_goes_to_the_ministers_office(ministry, maintenance_category):
    complaint = submit(channel=Complaint.Channel.TAHT_AMRAK, category=maintenance_category)
    engine.route_complaint(complaint.pk)
    complaint.refresh_from_db()
    assert complaint.department == ministry["ministers_office"]


def test_without_a_category_the_complaints_unit_triages_it(ministry):
    complaint = submit(channel=Complaint.Channel.CALL_CENTRE)
    engine.route_complaint(complaint.pk)
    complaint.refresh_from_db()
    assert complaint.department == ministry["complaints_unit"]


def test_routing_twice_routes_once(ministry, maintenance_category):
    complaint = submit(channel=Complaint.Channel.WEB, category=maintenance_category)

    assert engine.route_complaint(complaint.pk) is not None
    assert engine.route_complaint(complaint.pk) is None
    tasks.route_complaint(complaint.pk)

    assert complaint.events.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 1


def test_reconcile_routes_everything_left_new(ministry, maintenance_category):
    left_behind = [submit(channel=Complaint.Channel.WEB, category=maintenance_category) for _ in range(3)]
    already = submit(channel=Complaint.Channel.WEB)
    engine.route_complaint(already.pk)

    assert tasks.reconcile_unrouted() == 3

    assert set(Complaint.objects.filter(pk__in=[c.pk for c in left_behind]).values_list("status", flat=True)) \
        == {Complaint.Status.ROUTED}
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 4
    assert tasks.reconcile_unrouted() == 0


def test_staff_rules_in_the_database_route_by_keyword_and_name_the_rule(ministry, maintenance_category):
    from complaints.models import RoutingRule
    from tests.factories import DepartmentFactory

    legal = DepartmentFactory(code="legal-affairs")
    rule = RoutingRule.objects.create(name="نزاعات الوحدات", position=10, department=legal,
                                      keywords="نزاع\nإخلاء\neviction")
    RoutingRule.objects.create(name="inactive", position=1, department=ministry["complaints_unit"],
                               keywords="إخلاء", is_active=False)
    complaint = submit(channel=Complaint.Channel.WEB, category=maintenance_category)
    Complaint.objects.filter(pk=complaint.pk).update(body="وصلني إنذار بالاخلاء من الوحدة")

    event = engine.route_complaint(complaint.pk)

    complaint.refresh_from_db()
    assert complaint.department == legal
    assert event.data["rule_id"] == rule.pk
    assert "نزاعات الوحدات" in event.note


def test_a_rule_for_another_channel_does_not_apply(ministry, maintenance_category):
    from complaints.models import RoutingRule

    RoutingRule.objects.create(name="tawasul only", position=1, department=ministry["complaints_unit"],
                               channels=[Complaint.Channel.TAWASUL])
    complaint = submit(channel=Complaint.Channel.WEB, category=maintenance_category)
    engine.route_complaint(complaint.pk)
    complaint.refresh_from_db()
    assert complaint.department == ministry["maintenance"]


def test_one_task_routes_the_complaints_waiting_beside_its_own(ministry, maintenance_category):
    waiting = [submit(channel=Complaint.Channel.WEB, category=maintenance_category) for _ in range(4)]

    tasks.route_complaint(waiting[-1].pk)

    assert set(Complaint.objects.values_list("status", flat=True)) == {Complaint.Status.ROUTED}
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.ROUTED).count() == 4


def test_a_batch_writes_each_complaint_its_own_department_and_reason(ministry, maintenance_category):
    letter = submit(channel=Complaint.Channel.TAHT_AMRAK)
    defect = submit(channel=Complaint.Channel.WEB, category=maintenance_category)
    unknown = submit(channel=Complaint.Channel.CALL_CENTRE)

    events = engine.route_complaints([letter.pk, defect.pk, unknown.pk])

    assert {pk: event.to_department for pk, event in events.items()} == {
        letter.pk: ministry["ministers_office"], defect.pk: ministry["maintenance"],
        unknown.pk: ministry["complaints_unit"]}
    assert len({event.note for event in events.values()}) == 3
