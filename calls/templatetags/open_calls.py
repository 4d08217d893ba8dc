"""``{% open_calls %}``: the top bar's count of open staff calls, on every manager page, kept
current by ``static/manager/live.js``."""

from __future__ import annotations

from django import template

from calls.selectors import store_open_calls

register = template.Library()


@register.inclusion_tag("manager/_calls_news.html", takes_context=True)
def open_calls(context) -> dict:
    return {"open_calls_count": store_open_calls(store=context["request"].user.store).count()}
