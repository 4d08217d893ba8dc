"""One JSON object a line on stderr, with the fields api.md's Operations section promises."""

from __future__ import annotations

import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter

# Anything shaped like a JWT, wherever it hides in a message or a field.
_JWT = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]*")
_SECRET_KEYS = re.compile(r"pass(word)?|token|secret|authorization|cookie|access", re.I)
REDACTED = "[redacted]"


def redact(value: Any) -> Any:
    if isinstance(value, str):
        return _JWT.sub(REDACTED, value)
    if isinstance(value, dict):
        return {
            key: REDACTED if _SECRET_KEYS.search(str(key)) else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value


class JsonLogFormatter(JsonFormatter):
    """`timestamp`, `level`, `message`, `logger`, `module`, `request_id`, then any extras.

    Passwords and tokens are never logged on purpose; as a second line of defence, fields
    named like a secret and JWT-shaped strings are redacted before a line is written.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", ["levelname", "message", "name", "module", "request_id"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        log_data.pop("color_message", None)  # uvicorn's ANSI-coloured copy of the message
        return super().process_log_record(redact(log_data))
