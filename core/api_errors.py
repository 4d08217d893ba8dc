"""The contract's error body for everything under /api/, from one place.

``api_exception_handler`` serves DRF views; ``ApiErrorMiddleware`` covers what never reaches
DRF (unknown paths, crashes, Django's own 4xx pages) so that no /api/ response is HTML or
carries a stack trace, whatever DEBUG says.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from psycopg_pool import PoolTimeout
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core.errors import DomainError

logger = logging.getLogger("table_order.errors")

API_PREFIX = "/api/"

# DRF's exceptions, and the contract's codes for them.
DRF_ERROR_CODES: list[tuple[type[Exception], str]] = [
    (drf.ValidationError, "VALIDATION_ERROR"),
    (drf.ParseError, "VALIDATION_ERROR"),
    (drf.NotAuthenticated, "NOT_AUTHENTICATED"),
    (drf.AuthenticationFailed, "TOKEN_INVALID"),
    (drf.PermissionDenied, "PERMISSION_DENIED"),
    (drf.NotFound, "NOT_FOUND"),
    (drf.MethodNotAllowed, "METHOD_NOT_ALLOWED"),
    (drf.NotAcceptable, "NOT_ACCEPTABLE"),
    (drf.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
    (drf.Throttled, "THROTTLED"),
]

# For responses Django made itself (no exception reached us): status -> (code, message).
STATUS_ERRORS = {
    400: ("VALIDATION_ERROR", "Bad request."),
    403: ("PERMISSION_DENIED", "You do not have permission to perform this action."),
    404: ("NOT_FOUND", "Not found."),
    405: ("METHOD_NOT_ALLOWED", "Method not allowed."),
    413: ("FILE_TOO_LARGE", "The file or request body is too large."),
    500: ("INTERNAL_ERROR", "Internal server error."),
}


def error_body(detail: str, error_code: str, **extra: Any) -> dict[str, Any]:
    timestamp = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {"detail": detail, "error_code": error_code, "timestamp": timestamp, **extra}


def flatten_validation_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """``{"items": [{}, {"quantity": ["…"]}]}`` -> ``{"items.1.quantity": ["…"]}``."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            # A list's own errors ("too many items") belong to the list's field itself.
            own = key == api_settings.NON_FIELD_ERRORS_KEY and prefix
            field = prefix if own else f"{prefix}.{key}" if prefix else key
            flat.update(flatten_validation_errors(value, field))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(flatten_validation_errors(value, f"{prefix}.{index}" if prefix else index))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return (
        {prefix or "non_field_errors": [str(message) for message in messages]} if messages else {}
    )


def _validation_response(
    exc: drf.ValidationError | drf.ParseError | DjangoValidationError,
) -> Response:
    if isinstance(exc, drf.ParseError):
        fields = {"non_field_errors": [str(exc.detail)]}
    elif isinstance(exc, DjangoValidationError):  # raised by services and model validation
        fields = flatten_validation_errors(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    else:
        fields = flatten_validation_errors(exc.detail)
    field, messages = next(iter(fields.items()), ("non_field_errors", [_("Invalid input.")]))
    detail = messages[0] if field == "non_field_errors" else f"{field}: {messages[0]}"
    return Response(error_body(detail, "VALIDATION_ERROR", fields=fields), status=400)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER. Unknown exceptions return None: DRF re-raises them and
    ``ApiErrorMiddleware`` answers 500 with the request id, after logging the traceback."""
    if isinstance(exc, DomainError):
        body = error_body(exc.detail, exc.error_code, **exc.body())
        return Response(body, status=exc.status_code, headers=exc.headers())
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body(_("The request body is too large."), "FILE_TOO_LARGE"), 413)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        # ObjectDoesNotExist: a row that vanished between a view's lookup and its service.
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if isinstance(exc, drf.ValidationError | drf.ParseError | DjangoValidationError):
        return _validation_response(exc)
    for exception_class, default_code in DRF_ERROR_CODES:
        if isinstance(exc, exception_class):
            # Our authentication raises AuthenticationFailed with the contract's code
            # (TOKEN_EXPIRED, TOKEN_INVALID) as its code.
            code = exc.default_code if exc.default_code.isupper() else default_code
            headers = {}
            if getattr(exc, "auth_header", None):
                headers["WWW-Authenticate"] = exc.auth_header
            if getattr(exc, "wait", None) is not None:
                headers["Retry-After"] = str(int(exc.wait))
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.default_detail)
            return Response(error_body(str(detail), code), exc.status_code, headers=headers)
    return None


# Connection failures, not query errors: an IntegrityError or a bad query stays a 500.
DatabaseUnavailable = (OperationalError, InterfaceError, PoolTimeout)
DATABASE_RETRY_AFTER_SECONDS = 5
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


def api_error_codes() -> list[str]:
    """Every ``error_code`` the API answers with, read from what carries them: each app's
    domain errors, DRF's exceptions as mapped here, API exceptions with a contract code of
    their own (``TOKEN_EXPIRED``), and the answers this module makes itself."""
    codes = {code for _, code in DRF_ERROR_CODES}
    codes.update(code for code, _ in STATUS_ERRORS.values())
    codes.add(SERVICE_UNAVAILABLE)
    codes.update(error.error_code for error in _subclasses(DomainError))
    codes.update(
        exception.default_code
        for exception in _subclasses(drf.APIException)
        if exception.default_code.isupper()
    )
    return sorted(codes)


def _subclasses(cls: type) -> list[type]:
    found = []
    for subclass in cls.__subclasses__():
        found += [subclass, *_subclasses(subclass)]
    return found


class ApiErrorMiddleware(MiddlewareMixin):
    """Under /api/: crashes become the contract's 500, Django's HTML error pages become the
    contract's body. Other paths (pages, admin) keep Django's own handling."""

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            return JsonResponse(error_body(_("Not found."), "NOT_FOUND"), status=404)
        if isinstance(exception, DatabaseUnavailable):
            # The database is restarting or out of reach: the request did not happen; the
            # client may retry (tablets do, with the same Idempotency-Key).
            logger.warning(
                "Database unavailable on %s %s: %s", request.method, request.path, exception
            )
            response = JsonResponse(
                error_body(
                    _("The service is briefly unavailable. Try again."), SERVICE_UNAVAILABLE
                ),
                status=503,
            )
            response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
            return response
        # Anything else goes on to Django, which logs it with its traceback and answers 500;
        # process_response below turns that answer into the contract's.
        return None

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        if (
            not request.path.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        if response.status_code >= 500:
            request_id = getattr(request, "id", None)
            body = error_body(_("Internal server error."), "INTERNAL_ERROR", request_id=request_id)
        else:
            code, detail = STATUS_ERRORS.get(response.status_code, ("VALIDATION_ERROR", "Error."))
            body = error_body(_(detail), code)
        if response.streaming:
            return JsonResponse(body, status=response.status_code)
        # The same response with the contract's body: its headers (Allow) stay, and Django,
        # which has logged a 500 with its traceback already, does not log it again.
        response.content = json.dumps(body, cls=DjangoJSONEncoder)
        response["Content-Type"] = "application/json"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
