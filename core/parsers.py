"""The API's parsers: DRF's, refusing what would otherwise surface as a 500 later, or pass for
an empty body."""

from __future__ import annotations

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, MultiPartParser


class StrictJSONParser(JSONParser):
    """JSON that nests deeper than Python recurses (``[[[[…`` by the hundred thousand) and
    text with lone surrogates (``"\\ud800"``, which no UTF-8 database column can hold) are
    malformed requests: 400 VALIDATION_ERROR, not a RecursionError or a database error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except UnicodeEncodeError:
            raise ParseError("JSON parse error - text is not valid Unicode.") from None
        return data


class StrictMultiPartParser(MultiPartParser):
    """A ``multipart/form-data`` body in which no part could be read (``[]``, or a boundary
    that never comes) is malformed: 400, not an empty form that a PATCH would take as
    "change nothing"."""

    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        request = (parser_context or {}).get("request")
        sent = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        if sent and not parsed.data and not parsed.files:
            raise ParseError("Multipart form parse error - no field in the body.")
        return parsed
