"""Audit rows the application cannot change: the timeline, the access records, the retention runs
and the decisions on citizens' data requests.

PostgreSQL: a BEFORE UPDATE OR DELETE trigger on each table refuses the statement with SQLSTATE
23001 (restrict_violation, an IntegrityError in Django) and a message naming the table — for ORM
saves, queryset updates and deletes and raw SQL alike. One change passes, on the timeline only:
setting `note` to the redaction mark "[…]" and removing keys from `data` (the new value contained
in the old), with every other column unchanged, which is how retention removes a citizen's words
from a timeline without touching who did what and when.
TRUNCATE is not a row operation and is left to database privileges (see docs/data-protection.md).

SQLite (development and the second CI run): BEFORE UPDATE triggers do the same for updates. Deletes
are refused by the models only there, because the test runner empties SQLite tables with DELETE.

Before the triggers, access records of downloads lose the file name they carried (a citizen's file
name may itself be personal data): "attachment 12: my lease.pdf" becomes "attachment 12"; those of
a CPR shown in full lose the masked CPR (its last four digits) they carried.
"""

from django.db import migrations

from complaints.append_only import REDACTED

AUDIT_TABLES = {
    # table: (the column that may be blanked to the redaction mark, the JSON column keys may leave), or None
    "complaints_complaintevent": ("note", "data"),
    "complaints_accessrecord": None,
    "complaints_retentionrun": None,
    "complaints_datasubjectdecision": None,
}
# SQLite compares column by column: the columns of each table as of this migration.
SQLITE_COLUMNS = {
    "complaints_complaintevent": ["id", "complaint_id", "kind", "actor_id", "created_at", "from_status",
                                  "to_status", "from_department_id", "to_department_id", "is_public"],
}

PG_FUNCTION = r"""
CREATE OR REPLACE FUNCTION housing_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The one change allowed: a free text blanked to the redaction mark (TG_ARGV[0], TG_ARGV[1]) and
    -- keys removed from a JSON column (TG_ARGV[2]), every other column as it was.
    IF TG_OP = 'UPDATE' AND TG_NARGS = 3
       AND (to_jsonb(NEW) - TG_ARGV[0] - TG_ARGV[2]) = (to_jsonb(OLD) - TG_ARGV[0] - TG_ARGV[2])
       AND ((to_jsonb(NEW) -> TG_ARGV[0]) = (to_jsonb(OLD) -> TG_ARGV[0])
            OR (to_jsonb(NEW) ->> TG_ARGV[0]) = TG_ARGV[1])
       AND jsonb_typeof(to_jsonb(NEW) -> TG_ARGV[2]) = 'object'
       AND (to_jsonb(OLD) -> TG_ARGV[2]) @> (to_jsonb(NEW) -> TG_ARGV[2]) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% rows are audit records: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Audit records are written once and never changed or deleted (docs/data-protection.md).';
END
$$;
"""


def _strip_file_names(apps, schema_editor):
    AccessRecord = apps.get_model("complaints", "AccessRecord")
    for record in AccessRecord.objects.filter(what="downloaded_file", detail__contains=": "):
        AccessRecord.objects.filter(pk=record.pk).update(detail=record.detail.split(": ", 1)[0])
    # A full CPR shown: the complaint says whose; the last four digits it carried go.
    AccessRecord.objects.filter(what="unmasked_cpr").exclude(detail="").update(detail="")


def _create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)  # no placeholders: the % are PL/pgSQL's
        for table, columns in AUDIT_TABLES.items():
            arguments = f"'{columns[0]}', '{REDACTED}', '{columns[1]}'" if columns else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_audit ON {table}")
            schema_editor.execute(f"CREATE TRIGGER {table}_audit BEFORE UPDATE OR DELETE ON {table} "
                                  f"FOR EACH ROW EXECUTE FUNCTION housing_refuse_audit_change({arguments})")
    elif vendor == "sqlite":
        for table, columns in AUDIT_TABLES.items():
            allowed = "0"
            if columns:
                text, json = columns
                same = " AND ".join(f'NEW."{name}" IS OLD."{name}"' for name in SQLITE_COLUMNS[table])
                # Every key of the new JSON object is in the old one with the same value.
                subset = (f"json_type(NEW.\"{json}\") = 'object' AND NOT EXISTS ("
                          f"SELECT 1 FROM json_each(NEW.\"{json}\") AS n WHERE NOT EXISTS ("
                          f"SELECT 1 FROM json_each(OLD.\"{json}\") AS o WHERE o.key = n.key AND o.type = n.type AND o.value IS n.value))")
                allowed = (f"{same} AND (NEW.\"{text}\" IS OLD.\"{text}\" OR NEW.\"{text}\" = '{REDACTED}') "
                           f"AND (NEW.\"{json}\" IS OLD.\"{json}\" OR ({subset}))")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_audit")
            schema_editor.execute(
                f"CREATE TRIGGER {table}_audit BEFORE UPDATE ON {table} WHEN NOT ({allowed}) BEGIN "
                f"SELECT RAISE(ABORT, '{table} rows are audit records: UPDATE refused'); END")


def _drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in AUDIT_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_audit ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_audit")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS housing_refuse_audit_change()")


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0023_data_protection"),
    ]

    operations = [
        migrations.RunPython(_strip_file_names, migrations.RunPython.noop),
        migrations.RunPython(_create_triggers, _drop_triggers),
    ]
