"""Counter rows bumped in one statement: ``UPDATE … SET n = n + 1 … RETURNING n``.

Order numbers and live-event ids come from counter rows. The ORM takes two queries to bump
one and read the new value (an UPDATE with ``F()``, then a SELECT); PostgreSQL and SQLite
(3.35 and newer) both return it from the UPDATE itself. The updated row stays locked until
the transaction ends, so values commit in order and never repeat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Model


def increment(
    model: type[Model], field: str, *, where: dict[str, Any], also: dict[str, Any] | None = None
) -> int | None:
    """Add one to ``field`` of the ``model`` row matching ``where`` (equalities) and return
    the new value, setting the fields of ``also`` on the way; None when no row matches."""
    meta, quote = model._meta, connection.ops.quote_name
    column = quote(meta.get_field(field).column)
    assignments, params = [f"{column} = {column} + 1"], []
    for name, value in (also or {}).items():
        assignments.append(f"{quote(meta.get_field(name).column)} = %s")
        params.append(meta.get_field(name).get_db_prep_save(value, connection))
    conditions = []
    for name, value in where.items():
        conditions.append(f"{quote(meta.get_field(name).column)} = %s")
        params.append(meta.get_field(name).get_db_prep_value(value, connection))
    # Names from the model's meta, quoted; values as parameters.
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)}"  # noqa: S608
        f" WHERE {' AND '.join(conditions)} RETURNING {column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def increment_or_start(
    model: type[Model],
    field: str,
    *,
    where: dict[str, Any],
    start: Callable[[], object],
    also: dict[str, Any] | None = None,
) -> int:
    """``increment``, first calling ``start`` to create the counter row when there is none.

    ``start`` runs in a savepoint: when two first uses race, the one whose row loses
    (``IntegrityError``) goes on with the winner's row, its transaction intact.
    """
    value = increment(model, field, where=where, also=also)
    if value is None:
        try:
            with transaction.atomic():
                start()
        except IntegrityError:
            pass
        value = increment(model, field, where=where, also=also)
    return value
