"""Who hears what: the channels of live events, and which of them each caller reads.

Two feeds. The floor's: a store's managers listen on the store's channel; a tablet on its
table's channel and on its store's menu channel. The kitchen's: the store's kitchen displays
(a manager's or a kitchen account's) on the store's kitchen channel, which carries the orders
without their prices. Nobody reads another store's or table's channel, and a kitchen account
nothing but its kitchen's.
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


def kitchen_channel(store_id: int) -> str:
    """What the store's kitchen displays hear: its orders as the kitchen works them."""
    return f"kitchen-{store_id}"


FLOOR, KITCHEN = "floor", "kitchen"


def channels_for(caller: TableCaller | User, feed: str = FLOOR) -> set[str]:
    """The channels of ``feed`` that ``caller`` reads: none if the feed is not for them."""
    if isinstance(caller, TableCaller):
        if feed != FLOOR:
            return set()
        return {table_channel(caller.table.id), menu_channel(caller.table.store_id)}
    if feed == KITCHEN and caller.is_kitchen_staff:
        return {kitchen_channel(caller.store_id)}
    if feed == FLOOR and caller.is_manager:
        return {store_channel(caller.store_id)}
    return set()


def readable_by(caller: TableCaller | User, channel: str) -> bool:
    return channel in channels_for(caller, FLOOR) | channels_for(caller, KITCHEN)
