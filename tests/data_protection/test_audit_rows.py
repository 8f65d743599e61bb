"""Audit rows (timeline events, access records, retention runs, decisions on data requests) cannot
be changed from the application: the models refuse, and so does the database — PostgreSQL for
updates and deletes, SQLite for updates (its test runner empties tables with DELETE)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from complaints.append_only import REDACTED
from complaints.models import (AccessRecord, ComplaintEvent, DataSubjectDecision, DataSubjectRequest, RetentionRun)
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="PostgreSQL only: deletes are refused by the models alone on SQLite")


@pytest.fixture
def rows(db):
    user = UserFactory()
    now = timezone.now()
    complaint = ComplaintFactory()
    request = DataSubjectRequest.objects.create(kind="export", cpr="900000001", received_at=now, channel="email",
                                                due_on=now.date(), recorded_by=user)
    return {
        "event": ComplaintEvent.objects.create(complaint=complaint, kind="submitted", created_at=now,
                                               note="the citizen's words", data={"score": 2, "follow_up": "x"}),
        "access record": AccessRecord.objects.create(user=user, at=now, complaint=complaint, what="opened_case"),
        "retention run": RetentionRun.objects.create(started_at=now, finished_at=now, cutoff=now),
        "decision": DataSubjectDecision.objects.create(request=request, action="closed", by=user, at=now),
    }


AUDIT = ["event", "access record", "retention run", "decision"]


def _refused_by_the_database(statement, *args):
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement, args)
    assert "audit records" in str(refusal.value)


@pytest.mark.parametrize("name", AUDIT)
def test_the_models_refuse_save_update_and_delete(rows, name):
    row = rows[name]
    model = type(row)
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        model.objects.filter(pk=row.pk).update(pk=row.pk)
    with pytest.raises(TypeError):
        model.objects.filter(pk=row.pk).delete()
    assert model.objects.filter(pk=row.pk).exists()


CHANGE = {"event": ("kind", "routed"), "access record": ("what", "unmasked_cpr"),
          "retention run": ("complaints", 7), "decision": ("action", "erased")}


@pytest.mark.parametrize("name", AUDIT)
def test_the_database_refuses_an_update_in_raw_sql(rows, name):
    row = rows[name]
    column, value = CHANGE[name]
    _refused_by_the_database(f"UPDATE {row._meta.db_table} SET {column} = %s WHERE id = %s", value, row.pk)


@pytest.mark.parametrize("name", AUDIT)
def test_the_database_refuses_an_update_that_bypasses_the_model(rows, name):
    row = rows[name]
    column, value = CHANGE[name]
    with pytest.raises(IntegrityError), transaction.atomic():
        # A plain QuerySet, as code that went around the append-only manager would use.
        from django.db.models import QuerySet

        QuerySet(type(row)).filter(pk=row.pk).update(**{column: value})


@on_postgresql
@pytest.mark.parametrize("name", AUDIT)
def test_postgresql_refuses_a_delete_in_raw_sql_and_through_a_plain_queryset(rows, name):
    row = rows[name]
    _refused_by_the_database(f"DELETE FROM {row._meta.db_table} WHERE id = %s", row.pk)
    from django.db.models import QuerySet

    with pytest.raises(IntegrityError), transaction.atomic():
        QuerySet(type(row)).filter(pk=row.pk).delete()
    assert type(row).objects.filter(pk=row.pk).exists()


@on_postgresql
def test_postgresql_refuses_deleting_a_complaint_with_its_timeline(db):
    complaint = ComplaintFactory()
    ComplaintEvent.objects.create(complaint=complaint, kind="submitted", created_at=timezone.now())
    with pytest.raises(IntegrityError), transaction.atomic():
        complaint.delete()  # the collector deletes the events first, with SQL of its own
    assert ComplaintEvent.objects.filter(complaint=complaint).exists()


def test_the_one_change_allowed_is_blanking_a_note_and_removing_keys(rows):
    event = rows["event"]
    assert ComplaintEvent.objects.filter(pk=event.pk).redact("note") == 1
    assert ComplaintEvent.objects.filter(pk=event.pk).prune("data", ["follow_up"]) == 1
    event.refresh_from_db()
    assert (event.note, event.data, event.kind) == (REDACTED, {"score": 2}, "submitted")


def test_the_database_refuses_writing_anything_else_into_a_note_or_the_details(rows):
    event = rows["event"]
    table = event._meta.db_table
    _refused_by_the_database(f"UPDATE {table} SET note = %s WHERE id = %s", "a new story", event.pk)
    _refused_by_the_database(f"UPDATE {table} SET note = %s, kind = 'routed' WHERE id = %s", REDACTED, event.pk)
    _refused_by_the_database(f"UPDATE {table} SET data = %s WHERE id = %s", '{"score": 5}', event.pk)
    _refused_by_the_database(f"UPDATE {table} SET data = %s WHERE id = %s",
                             '{"score": 2, "follow_up": "x", "new": 1}', event.pk)
    event.refresh_from_db()
    assert event.note == "the citizen's words"


def test_only_declared_fields_can_be_redacted(rows):
    with pytest.raises(TypeError):
        ComplaintEvent.objects.all().redact("kind")
    with pytest.raises(TypeError):
        AccessRecord.objects.all().redact("detail")
    with pytest.raises(TypeError):
        AccessRecord.objects.all().prune("detail", ["x"])


def test_the_triggers_are_in_place_after_every_migration():
    """A later migration that rebuilt one of these tables on SQLite would drop its trigger."""
    tables = ["complaints_complaintevent", "complaints_accessrecord", "complaints_retentionrun",
              "complaints_datasubjectdecision"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE %s",
                           ["%_audit"])
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", ["%_audit"])
        found = {row[0] for row in cursor.fetchall()}
    assert found == set(tables)
