"""``{% unseen_orders %}``: the top bar's count of orders no manager has seen yet, on every
manager page, with what ``static/manager/live.js`` needs to keep it current."""

from __future__ import annotations

from django import template

from live.sse import KEEP_ALIVE_SECONDS
from orders.selectors import store_unseen_orders

register = template.Library()


@register.inclusion_tag("manager/_floor_news.html", takes_context=True)
def unseen_orders(context) -> dict:
    store = context["request"].user.store
    return {
        "unseen_count": store_unseen_orders(store_id=store.id).count(),
        "keep_alive_seconds": KEEP_ALIVE_SECONDS,
    }
