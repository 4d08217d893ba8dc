"""A request id for every request: on the response, in every log line, in 500 bodies.

An incoming ``X-Request-ID`` is kept when it looks sane (so a proxy's id follows the request
through our logs), otherwise a new one is made. The id lives in a context variable, which
asgiref copies into the thread that runs a synchronous view, so log lines written anywhere
during the request carry it.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar, Token

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)

access_logger = logging.getLogger("table_order.access")


def request_id_from(request: HttpRequest) -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if _SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Tags the request, its log lines and its response with one id; logs one access line.

    The access line carries the path without its query string: whatever a client puts there
    (a token, by mistake) never reaches the logs.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest):
        if self.is_async:
            return self._acall(request)
        started, context = self._start(request)
        try:
            response = self.get_response(request)
            return self._finish(request, response, started)
        finally:
            current_request_id.reset(context)

    async def _acall(self, request: HttpRequest):
        started, context = self._start(request)
        try:
            response = await self.get_response(request)
            return self._finish(request, response, started)
        finally:
            current_request_id.reset(context)

    @staticmethod
    def _start(request: HttpRequest) -> tuple[float, Token]:
        request.id = request_id_from(request)
        return time.perf_counter(), current_request_id.set(request.id)

    @staticmethod
    def _finish(request: HttpRequest, response: HttpResponseBase, started: float):
        response[REQUEST_ID_HEADER] = request.id
        access_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            },
        )
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every record (``None`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
