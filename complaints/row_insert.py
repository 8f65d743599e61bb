"""Inserting one new row with an INSERT statement compiled once per process.

`Model.save()` compiles its INSERT anew every time. For the complaint's 25 columns that costs
more than everything else Django and psycopg2 do to store it (0.5 of 0.85 ms of CPU a row,
measured), and the public intake stores one complaint a request. `insert` compiles the statement
once per model and database with Django's own compiler, then for each row only prepares the
values as `save()` does (each field's `pre_save`, then `get_db_prep_save`) and sends the
signals `save()` sends. Only for plain inserts: no parents (multi-table inheritance), no database
defaults or expressions as values.
"""

from functools import cache

from django.db import connections
from django.db.models import signals
from django.db.models.sql import InsertQuery


def insert(instance, *, using: str = "default") -> None:
    """INSERTs `instance`, a new row of a concrete model, and sets its primary key."""
    model, connection = type(instance), connections[using]
    statement, fields, returns_pk = _statement(model, using)
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(statement, values)
        instance.pk = (cursor.fetchone()[0] if returns_pk
                       else connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column))
    instance._state.adding, instance._state.db = False, using
    signals.post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False,
                           using=using)


@cache
def _statement(model, using: str) -> tuple[str, tuple, bool]:
    """The INSERT's SQL, the fields whose values it takes in order, and whether it returns the
    new primary key (else the database's last insert id gives it)."""
    meta, connection = model._meta, connections[using]
    if meta.parents:
        raise TypeError(f"{model.__name__} has parent models: use save()")
    fields = tuple(field for field in meta.local_concrete_fields if field is not meta.auto_field)
    if any(field.has_db_default() for field in fields):
        raise TypeError(f"{model.__name__} has database defaults: use save()")
    query = InsertQuery(model)
    query.insert_values(fields, [model()])
    compiler = query.get_compiler(using=using)
    returns_pk = bool(connection.features.can_return_columns_from_insert and meta.auto_field)
    if returns_pk:
        compiler.returning_fields = [meta.pk]
    [(statement, values)] = compiler.as_sql()
    if len(values) != len(fields) or statement.count("%s") != len(fields):
        raise TypeError(f"{model.__name__}'s INSERT does not take one plain value a field: use save()")
    return statement, fields, returns_pk
