"""The row behind a caller's token with its store, read by every authenticated request.

Every request re-reads the table or manager its token speaks for (``stores.authentication``).
Through the ORM each read builds, compiles and converts the same join afresh, the largest
part of a light request such as the menu's 304 (docs/performance.md). ``CallerRows`` sends
that join as one fixed statement and compares its columns, as the database driver gives
them, with the columns this process last read for the key: while they are the same, the
instances are made from the values the ORM converted then (``Model.from_db``). A row this
process has not kept is read through the ORM, which returns in the same statement its values
converted and its columns as they are (an expression with a plain ``Field`` for its type has
no converter); a kept row that changed is read that way after the fixed statement. So any
change to the row or to its store, made by any process, is seen by the next request.
"""

from __future__ import annotations

from django.db import connections, models, router
from django.db.models import ExpressionWrapper, F

# Rows kept a process, past which they are all dropped and read afresh (tables and managers
# of the stores a process serves; a few hundred bytes each).
ROWS_KEPT = 20_000
_every: list[CallerRows] = []


class CallerRows:
    """Rows of ``model`` by primary key, each with its ``related`` row (a foreign key)."""

    def __init__(self, model: type[models.Model], related: str) -> None:
        self.model = model
        self.link = model._meta.get_field(related)
        self.related_model = self.link.related_model
        fields = model._meta.concrete_fields
        related_fields = self.related_model._meta.concrete_fields
        self.field_names = [field.attname for field in fields]
        self.related_field_names = [field.attname for field in related_fields]
        self.related_pk = self.related_field_names.index(self.related_model._meta.pk.attname)
        paths = self.field_names + [f"{related}__{name}" for name in self.related_field_names]
        # The same columns twice: converted, and as the driver gives them.
        as_given = [ExpressionWrapper(F(path), output_field=models.Field()) for path in paths]
        self.queryset = model.objects.values_list(*paths, *as_given)
        quote = connections[router.db_for_read(model)].ops.quote_name
        columns = [f"r.{quote(field.column)}" for field in fields]
        columns += [f"l.{quote(field.column)}" for field in related_fields]
        join = "LEFT OUTER JOIN" if self.link.null else "INNER JOIN"
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {quote(model._meta.db_table)} r "  # noqa: S608 (model names)
            f"{join} {quote(self.related_model._meta.db_table)} l "
            f"ON l.{quote(self.link.target_field.column)} = r.{quote(self.link.column)} "
            f"WHERE r.{quote(model._meta.pk.column)} = %s"
        )
        # pk: (its columns as given, the row's values, its related row's values)
        self.kept: dict[int, tuple[tuple, tuple, tuple]] = {}
        _every.append(self)

    def get(self, pk: int) -> models.Model | None:
        """The row with primary key ``pk`` as it stands, its related row loaded; or None."""
        alias = router.db_for_read(self.model)
        kept = self.kept.get(pk)
        if kept is not None:
            with connections[alias].cursor() as cursor:
                cursor.execute(self.sql, [pk])
                columns = cursor.fetchone()
            if columns is None:
                return None
            if tuple(columns) == kept[0]:
                return self.instance(alias, kept[1], kept[2])
        return self.read(alias, pk)

    def read(self, alias: str, pk: int) -> models.Model | None:
        """The row through the ORM, its values kept under its columns as given."""
        try:
            row = self.queryset.using(alias).get(pk=pk)
        except self.model.DoesNotExist:
            return None
        own, related = len(self.field_names), len(self.related_field_names)
        kept = (row[own + related :], row[:own], row[own : own + related])
        if len(self.kept) >= ROWS_KEPT:
            self.kept.clear()
        self.kept[pk] = kept
        return self.instance(alias, kept[1], kept[2])

    def instance(self, alias: str, values: tuple, related_values: tuple) -> models.Model:
        instance = self.model.from_db(alias, self.field_names, values)
        related = None
        if related_values[self.related_pk] is not None:  # None: the link is empty
            related = self.related_model.from_db(alias, self.related_field_names, related_values)
        setattr(instance, self.link.name, related)
        return instance


def caller_rows_forget() -> None:
    """Keep no row (tests, whose databases start afresh with the same ids: a kept key then
    reads its new row twice, a query more than the tests' counts)."""
    for rows in _every:
        rows.kept.clear()
