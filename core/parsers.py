"""The API's JSON parser: DRF's, refusing what would otherwise surface as a 500 later."""

from __future__ import annotations

import json

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


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
