"""A complaint whose routing raises is set aside, with its error, where staff see it; every
other complaint is routed, and staff route it again once it is mended."""

import datetime as dt
import logging

import pytest
from django.db import OperationalError
from django.urls import reverse

from complaints import tasks
from complaints.models import Complaint, ComplaintEvent, RoutingSetAside
from complaints.routing import decisions as routing
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

YEAR_ONE = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def fifty_waiting(ministry, fatima):
    """Fifty complaints waiting to be routed, from the same citizen (so that routing compares them
    for likely duplicates, as it does in production)."""
    return [ComplaintFactory(citizen=fatima, subject=f"شكوى رقم {n}") for n in range(50)]


@pytest.fixture
def dated_year_one(fatima):
    """A complaint stored with a year-1 date, as a channel without the door's date check stored
    them: written straight to the database."""
    complaint = ComplaintFactory(citizen=fatima)
    Complaint.objects.filter(pk=complaint.pk).update(received_at=YEAR_ONE)
    return complaint


def statuses(complaints):
    return set(Complaint.objects.filter(pk__in=[c.pk for c in complaints]).values_list("status", flat=True))


def raising_for(subject, error):
    """A routing decision that fails for the complaint with this subject, and only for it."""
    decide = routing.decide

    def decide_or_raise(facts, *args):
        if facts.text.startswith(subject):
            raise error
        return decide(facts, *args)

    return decide_or_raise


def test_a_complaint_dated_year_one_is_set_aside_while_the_fifty_others_in_its_batch_are_routed(
        fifty_waiting, dated_year_one, caplog):
    with caplog.at_level(logging.ERROR, logger="complaints.routing.set_aside"):
        assert tasks.reconcile_unrouted() == 50

    assert statuses(fifty_waiting) == {Complaint.Status.ROUTED}
    dated_year_one.refresh_from_db()
    assert dated_year_one.status == Complaint.Status.NEW
    entry = RoutingSetAside.objects.get(complaint=dated_year_one)
    assert (entry.error_type, entry.error_message, entry.attempts) == ("builtins.OverflowError",
                                                                       "date value out of range", 1)
    assert "duplicates.py" in entry.traceback and entry.first_failed_at == entry.last_failed_at
    [logged] = [record for record in caplog.records if record.exc_info]
    assert logged.exc_info[0] is OverflowError and str(dated_year_one.pk) in logged.getMessage()


def test_a_set_aside_complaint_is_no_longer_taken_first_by_every_run(fifty_waiting, dated_year_one, fatima):
    tasks.reconcile_unrouted()
    newcomer = ComplaintFactory(citizen=fatima)

    assert tasks.reconcile_unrouted() == 1

    newcomer.refresh_from_db()
    assert newcomer.status == Complaint.Status.ROUTED
    assert RoutingSetAside.objects.get(complaint=dated_year_one).attempts == 1  # not tried again


def test_a_decision_that_raises_for_one_complaint_sets_only_that_one_aside(fifty_waiting, fatima, monkeypatch):
    poison = ComplaintFactory(citizen=fatima, subject="قاعدة تتعثر")
    monkeypatch.setattr(routing, "decide", raising_for("قاعدة تتعثر", KeyError("department")))

    assert tasks.reconcile_unrouted() == 50

    assert statuses(fifty_waiting) == {Complaint.Status.ROUTED}
    assert list(RoutingSetAside.objects.values_list("complaint_id", "error_type")) == [(poison.pk, "builtins.KeyError")]


def test_a_transient_database_error_sets_nothing_aside_and_a_later_run_routes_the_complaint(
        fifty_waiting, fatima, monkeypatch):
    unlucky = ComplaintFactory(citizen=fatima, subject="انقطع الاتصال")
    with monkeypatch.context() as patch:
        patch.setattr(routing, "decide", raising_for("انقطع الاتصال", OperationalError("connection lost")))
        with pytest.raises(OperationalError):
            tasks.reconcile_unrouted()
    assert not RoutingSetAside.objects.exists()

    assert tasks.reconcile_unrouted() == 51

    assert statuses([*fifty_waiting, unlucky]) == {Complaint.Status.ROUTED}


def test_the_prompted_task_tries_again_after_a_transient_error(ministry, fatima, monkeypatch):
    complaint = ComplaintFactory(citizen=fatima, subject="مرة واحدة")
    decide, calls = routing.decide, []

    def fails_once(facts, *args):
        calls.append(facts)
        if len(calls) == 1:
            raise OperationalError("could not serialize access")
        return decide(facts, *args)

    monkeypatch.setattr(routing, "decide", fails_once)

    result = tasks.route_waiting.apply()

    assert result.successful() and result.result == 1
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ROUTED and not RoutingSetAside.objects.exists()


def test_when_routing_fails_for_every_complaint_none_is_set_aside(ministry, fatima, monkeypatch):
    complaints = [ComplaintFactory(citizen=fatima) for _ in range(3)]
    monkeypatch.setattr(routing, "decide", lambda facts, *args: (_ for _ in ()).throw(LookupError("no rules")))

    with pytest.raises(LookupError):
        tasks.reconcile_unrouted()

    assert not RoutingSetAside.objects.exists()
    assert statuses(complaints) == {Complaint.Status.NEW}


@pytest.fixture
def set_aside(fifty_waiting, dated_year_one):
    tasks.reconcile_unrouted()
    return RoutingSetAside.objects.get(complaint=dated_year_one)


def test_a_supervisor_sees_the_set_aside_complaint_with_its_error(client, supervisor, set_aside):
    client.force_login(supervisor)

    response = client.get(reverse("admin:complaints_routingsetaside_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert set_aside.complaint.display_reference in html and "date value out of range" in html
    assert client.get(reverse("admin:complaints_routingsetaside_change", args=[set_aside.pk])).status_code == 200
    assert client.get(reverse("admin:index")).content.decode().count(
        reverse("admin:complaints_routingsetaside_changelist")) >= 1


def test_a_department_officer_does_not_see_the_list(client, maintenance_officer, set_aside):
    client.force_login(maintenance_officer)
    assert client.get(reverse("admin:complaints_routingsetaside_changelist")).status_code == 403


def test_route_again_after_mending_routes_the_complaint_and_clears_it(client, supervisor, set_aside):
    complaint = set_aside.complaint
    Complaint.objects.filter(pk=complaint.pk).update(received_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    client.force_login(supervisor)

    response = client.post(reverse("admin:complaints_routingsetaside_changelist"),
                           {"action": "route_again", "_selected_action": [set_aside.pk]}, follow=True)

    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ROUTED
    assert complaint.events.get(kind=ComplaintEvent.Kind.ROUTED).actor == supervisor
    assert not RoutingSetAside.objects.exists()


def test_route_again_that_fails_again_keeps_it_aside_and_counts_the_try(client, supervisor, set_aside):
    client.force_login(supervisor)

    response = client.post(reverse("admin:complaints_routingsetaside_changelist"),
                           {"action": "route_again", "_selected_action": [set_aside.pk]}, follow=True)

    assert response.status_code == 200
    set_aside.refresh_from_db()
    assert set_aside.attempts == 2 and set_aside.complaint.status == Complaint.Status.NEW


def test_healthz_counts_the_complaints_set_aside(client, set_aside):
    assert client.get("/healthz").json()["routing_set_aside"] == 1
    Complaint.objects.filter(pk=set_aside.complaint_id).update(status=Complaint.Status.MERGED)
    assert client.get("/healthz").json()["routing_set_aside"] == 0
