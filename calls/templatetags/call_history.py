"""The resolved calls' table on the calls page: ``{{ call.created_at|took:call.resolved_at }}``
("3 min 20 s": how long the table waited) and ``{{ call.resolved_by|actor_name }}`` (who
answered, from the label ``stores.actors.actor_label`` kept)."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def took(start: datetime, end: datetime | None) -> str:
    """The time from ``start`` to ``end``, to the second under an hour: a minute is long at a
    table waiting for the bill."""
    if end is None:
        return ""
    seconds = max(0, int((end - start).total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if minutes:
        return _("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": seconds}
    return _("%(seconds)d s") % {"seconds": seconds}


@register.filter
def actor_name(label: str) -> str:
    """A manager's or staff member's username ("manager:3:alice" is alice); any other label
    as it is."""
    parts = label.split(":", 2)
    if len(parts) == 3 and parts[0] in ("manager", "staff"):
        return parts[2]
    return label
