"""Server-Sent Events as the test clients and the load scripts read them."""

from __future__ import annotations

from collections.abc import Iterable


def parse_event(lines: Iterable[str]) -> tuple[str, str | None, str] | None:
    """One event's lines, without the blank line that ends it: ``(type, id, data)``, or None
    when they hold no ``event:`` field (comments, padding)."""
    fields: dict[str, str] = {}
    data: list[str] = []
    for line in lines:
        if not line or line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        else:
            fields[name] = value
    if "event" not in fields:
        return None
    return fields["event"], fields.get("id"), "\n".join(data)
