"""Who hears what: the channels of live events, and which of them each caller reads.

A store's managers listen on the store's channel; a tablet on its table's channel and on its
store's menu channel. Nobody reads another store's or table's channel.
"""

from __future__ import annotations

from stores.authentication import TableCaller
from stores.models import User


def store_channel(store_id: int) -> str:
    return f"store-{store_id}"


def table_channel(table_id: int) -> str:
    return f"table-{table_id}"


def menu_channel(store_id: int) -> str:
    """What every tablet of the store hears about its menu."""
    return f"menu-{store_id}"


def channels_for(caller: TableCaller | User) -> set[str]:
    if isinstance(caller, TableCaller):
        return {table_channel(caller.table.id), menu_channel(caller.table.store_id)}
    return {store_channel(caller.store_id)}
