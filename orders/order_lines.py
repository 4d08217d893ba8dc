"""What a guest asks for on one line of an order, before the menu prices it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrderLine:
    menu_id: int
    quantity: int
