"""Who did something, for the order record: a table, a store's manager or kitchen account, or
platform staff."""

from __future__ import annotations

from typing import TypeAlias

from stores.authentication import TableCaller
from stores.models import Table, User

Actor: TypeAlias = TableCaller | Table | User


def actor_label(actor: Actor) -> str:
    if isinstance(actor, TableCaller):
        actor = actor.table
    if isinstance(actor, Table):
        return f"table:{actor.id}"
    if actor.store_id is not None:
        return f"{actor.role}:{actor.id}:{actor.username}"
    return f"staff:{actor.id}:{actor.username}"
