"""Amounts of money as a restaurant shows them: integer won, "₩12,000" or "12,000원"."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def won(amount: int | None) -> str:
    if amount is None:
        return ""
    if (get_language() or "").startswith("ko"):
        return f"{amount:,}원"
    return f"₩{amount:,}"
