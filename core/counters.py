"""Counters kept in a row: bumped and read in one statement."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Model


def counter_bump(
    model: type[Model], field: str, *, where: dict[str, Any], also: dict[str, Any] | None = None
) -> int | None:
    """Add one to ``field`` of the row of ``model`` matching ``where`` (field names and values)
    and return its new value, or None if no row matches; ``also`` sets other fields in the
    same statement. The row stays locked until the transaction ends.

    One UPDATE … RETURNING, where Django's ``update()`` (which returns no values) and a read
    after it are two statements. SQLite has RETURNING since 3.35."""
    meta = model._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    def prepared(name: str, value: Any) -> Any:
        return meta.get_field(name).get_db_prep_value(value, connection)

    also = also or {}
    counted = column(field)
    assignments = [f"{counted} = {counted} + 1", *(f"{column(name)} = %s" for name in also)]
    conditions = [f"{column(name)} = %s" for name in where]
    params = [prepared(name, value) for name, value in [*also.items(), *where.items()]]
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(assignments)} "  # noqa: S608 (model names)
        f"WHERE {' AND '.join(conditions)} RETURNING {counted}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None
