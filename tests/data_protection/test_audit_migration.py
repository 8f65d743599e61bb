"""Migration 0022 clears the personal data that access records written before it carried (a
downloaded file's name, the masked CPR), then puts the triggers on; reversing it takes them off."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from complaints.models import AccessRecord
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = ("complaints", "0023_data_protection")


def migrate(*targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))


def latest() -> list:
    """Every app's last migration: where the other tests expect the database to be."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_old_access_records_lose_file_names_and_cpr_digits_then_are_locked():
    user, complaint = UserFactory(), ComplaintFactory()
    migrate(BEFORE)
    try:
        with connection.cursor() as cursor:  # no trigger at 0021: rows written the old way
            for what, detail in (("downloaded_file", "attachment 3: عقد فاطمة.pdf"), ("unmasked_cpr", "•••••2345"),
                                 ("opened_case", "API")):
                cursor.execute("INSERT INTO complaints_accessrecord (user_id, at, complaint_id, what, detail) "
                               "VALUES (%s, %s, %s, %s, %s)", [user.pk, timezone.now(), complaint.pk, what, detail])
    finally:
        migrate(*latest())

    details = dict(AccessRecord.objects.values_list("what", "detail"))
    assert details == {"downloaded_file": "attachment 3", "unmasked_cpr": "", "opened_case": "API"}
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE complaints_accessrecord SET detail = 'x'")
