"""OpenAPI for /api/schema/: our auth schemes and the contract's error body on every operation,
so that generated clients and fuzzers know every response they can get."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

ERROR_CODES = [
    "VALIDATION_ERROR",
    "NOT_AUTHENTICATED",
    "TOKEN_INVALID",
    "TOKEN_EXPIRED",
    "INVALID_CREDENTIALS",
    "PERMISSION_DENIED",
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "NOT_ACCEPTABLE",
    "MENU_UNAVAILABLE",
    "TABLE_NUMBER_TAKEN",
    "INVALID_TRANSITION",
    "SESSION_CLOSED",
    "NO_ACTIVE_SESSION",
    "TABLE_IN_USE",
    "CATEGORY_NOT_EMPTY",
    "IDEMPOTENCY_KEY_REUSED",
    "FILE_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "TOO_MANY_ATTEMPTS",
    "THROTTLED",
    "INTERNAL_ERROR",
]

_DESCRIPTIONS = {
    400: "Malformed JSON, wrong types or out-of-range values (`fields` says which).",
    401: "No token, a bad or expired token, or failed login.",
    403: "Authenticated, but this endpoint is for the other kind of caller.",
    404: "No such resource in the caller's store.",
    405: "Method not allowed.",
    409: "The change conflicts with the current state.",
    413: "File or request body too large.",
    415: "Unsupported media type.",
    429: "Too many attempts; see `Retry-After`.",
    500: "Internal error; `request_id` matches the logs and `X-Request-ID`.",
}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    error_code = serializers.ChoiceField(choices=ERROR_CODES)
    timestamp = serializers.DateTimeField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
    request_id = serializers.CharField(required=False)


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    return {
        status: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[status])
        for status in statuses
    }


class ContractAutoSchema(AutoSchema):
    """Adds the error responses every operation can give to what each view declares, and
    the length limits of nested lists (``many=True, min_length=1``), which drf-spectacular
    leaves out: without them the schema calls an empty order valid."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.ListSerializer) and schema.get("type") == "array":
            if field.min_length is not None:
                schema["minItems"] = field.min_length
            if field.max_length is not None:
                schema["maxItems"] = field.max_length
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        statuses = [500]
        if self.get_auth() and {} not in self.get_auth():
            statuses += [401, 403]
        if self.method in ("POST", "PUT", "PATCH"):
            statuses += [400, 413]
        if "{" in self.path:
            statuses.append(404)
        elif direction == "response" and self._get_paginator():
            statuses += [400, 404]  # a bad filter; a page past the last ("Invalid page.")
        for status, response in error_responses(*statuses).items():
            if str(status) not in responses:
                responses[str(status)] = self._get_response_for_code(response, str(status))
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "stores.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (a scheme name, not a password)
            bearer_format="JWT",
        )


class ManagerSessionScheme(OpenApiAuthenticationExtension):
    target_class = "stores.authentication.ManagerSessionAuthentication"
    name = "managerSession"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
