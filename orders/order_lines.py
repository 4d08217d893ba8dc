"""What a guest asks for on one line of an order, before the menu prices it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrderLine:
    menu_id: int
    quantity: int
    option_ids: tuple[int, ...] = ()  # the chosen choices of the item's option groups
    note: str = ""

    def canonical(self) -> list:
        """The line as the ``Idempotency-Key`` fingerprint sees it: a line without options
        or note as it always was, so a retry across an upgrade is still the same request."""
        if not self.option_ids and not self.note:
            return [self.menu_id, self.quantity]
        return [self.menu_id, self.quantity, sorted(self.option_ids), self.note]
