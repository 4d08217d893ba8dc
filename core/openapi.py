"""OpenAPI for /api/schema/: our auth schemes and the contract's error body on every operation,
so that generated clients and fuzzers know every response they can get."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from core.api_errors import api_error_codes

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
    503: "The database is briefly out of reach; retry after `Retry-After` seconds.",
}


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    error_code = serializers.ChoiceField(choices=[])  # every code the API has: see __init__
    timestamp = serializers.DateTimeField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
    request_id = serializers.CharField(required=False)
    attempts_left = serializers.IntegerField(
        required=False, min_value=0, help_text="A failed login: failures left before a lockout."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Read when the schema is built, once every app's errors are loaded.
        self.fields["error_code"].choices = api_error_codes()


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    return {
        status: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[status])
        for status in statuses
    }


class ContractAutoSchema(AutoSchema):
    """Adds the error responses every operation can give to what each view declares.

    drf-spectacular has no public way to add responses to every operation that keeps what an
    ``@extend_schema(responses=...)`` declares (tfranzel/drf-spectacular#101, open): this
    extends its ``_get_response_bodies``, as drf-standardized-errors does.
    """

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        statuses = [500, 503]
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


class KitchenSessionScheme(ManagerSessionScheme):
    target_class = "stores.authentication.KitchenSessionAuthentication"
    name = "kitchenSession"
