"""A table that refuses new rows, as a full disk or a broken constraint would: a trigger that
raises, on PostgreSQL and SQLite alike. The failure happens inside the database, after a
channel has accepted an item, so nothing in the code under test is replaced."""

from contextlib import contextmanager

from django.db import connection

MESSAGE = "the table refuses new rows"


@contextmanager
def refusing_new_rows(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS "
                           f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$")
            cursor.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                           f"FOR EACH ROW EXECUTE FUNCTION refuse_{table}()")
        else:
            cursor.execute(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER refuse_{table}" + (f" ON {table}" if connection.vendor == "postgresql"
                                                               else ""))
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP FUNCTION refuse_{table}()")
