"""row_insert.insert stores a new row exactly as Model.save() would, with its statement compiled once."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import signals
from django.test.utils import CaptureQueriesContext

from complaints import row_insert
from complaints.models import Complaint, Language
from tests.factories import CategoryFactory

RECEIVED = datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Asia/Bahrain"))


def a_complaint(reference, **overrides):
    return Complaint(**{
        "kind": Complaint.Kind.INQUIRY, "channel": Complaint.Channel.WEB, "subject": "موعد تسليم الوحدة",
        "body": "متى تسلم وحدات مشروع شرق سترة؟", "language": Language.ARABIC, "reference": reference,
        "contact_mobile": "+97339123456", "received_at": RECEIVED, "due_at": RECEIVED,
        "external_reference": f"open311:app:{reference}", "intake_pending": {"citizen": None, "at": "2026-11-28"},
        **overrides})


def stored(complaint):
    row = Complaint.objects.get(pk=complaint.pk)
    return {field.attname: getattr(row, field.attname) for field in Complaint._meta.concrete_fields
            if field.name not in ("id", "reference", "external_reference")}


@pytest.mark.django_db
def test_the_row_is_the_one_save_would_have_stored():
    category = CategoryFactory()
    saved, inserted = a_complaint("26000000010", category=category), a_complaint("26000000028", category=category)
    saved.save(force_insert=True)
    row_insert.insert(inserted)

    assert inserted.pk and inserted.pk != saved.pk and not inserted._state.adding
    assert inserted.updated_at  # auto_now filled in, as by save()
    saved_row, inserted_row = stored(saved), stored(inserted)
    for row in (saved_row, inserted_row):
        row.pop("updated_at")
    assert inserted_row == saved_row
    assert inserted_row["intake_pending"] == {"citizen": None, "at": "2026-11-28"}


@pytest.mark.django_db
def test_it_sends_the_signals_save_sends():
    sent = []

    def record(signal, **kwargs):
        sent.append((signal, kwargs.get("created")))

    signals.pre_save.connect(record, sender=Complaint)
    signals.post_save.connect(record, sender=Complaint)
    try:
        row_insert.insert(a_complaint("26000000036"))
    finally:
        signals.pre_save.disconnect(record, sender=Complaint)
        signals.post_save.disconnect(record, sender=Complaint)
    assert sent == [(signals.pre_save, None), (signals.post_save, True)]


@pytest.mark.django_db
def test_a_row_breaking_a_constraint_is_refused_as_by_save():
    row_insert.insert(a_complaint("26000000044"))
    with pytest.raises(IntegrityError), transaction.atomic():
        row_insert.insert(a_complaint("26000000044"))
    assert Complaint.objects.filter(reference="26000000044").count() == 1


@pytest.mark.django_db
def test_each_row_costs_one_statement():
    row_insert.insert(a_complaint("26000000051"))
    with CaptureQueriesContext(connection) as queries:
        row_insert.insert(a_complaint("26000000069"))
    assert len(queries) == 1 and queries[0]["sql"].startswith("INSERT INTO")


def test_a_model_it_cannot_insert_plainly_is_refused():
    from django.contrib.auth.models import User

    class Staff(User):
        class Meta:
            app_label = "complaints"

    with pytest.raises(TypeError, match="parent models"):
        row_insert._statement(Staff, "default")
