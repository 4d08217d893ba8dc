"""Amounts of money as a restaurant shows them: integer won, "₩12,000" or "12,000원" in the
language of the page. The one formatter for pages, messages and Django admin."""

from __future__ import annotations

from django.utils.translation import get_language


def won(amount: int | None) -> str:
    if amount is None:
        return ""
    if (get_language() or "").startswith("ko"):
        return f"{amount:,}원"
    return f"₩{amount:,}"
