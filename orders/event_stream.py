"""``GET /api/v1/events/``: the Server-Sent Events stream, on django-eventstream.

Who may listen is settled here, before the stream starts: a bearer token (table or manager)
or the manager pages' session, never a token in the URL. A missing or bad credential is the
contract's 401, not django-eventstream's own 200 with a ``stream-error``. The channels come
from who the caller is; the channel manager checks them again for every read.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django_eventstream.channelmanager import DefaultChannelManager
from django_eventstream.views import events as eventstream_view
from rest_framework import exceptions as drf

from core.api_errors import error_body
from orders.event_storage import release_connection
from orders.live_events import store_channel, table_channel
from stores.authentication import TableCaller, caller_for_token, decode_bearer
from stores.models import User

# Query parameters django-eventstream would otherwise honour: a signed channel/user grant
# ("es-meta") and a channel list. Channels are ours to choose, from the caller.
_REFUSED_PARAMETERS = ("es-meta", "channel", "channels", "token", "access_token")


def channels_for(caller: TableCaller | User) -> set[str]:
    if isinstance(caller, TableCaller):
        return {table_channel(caller.table.id)}
    return {store_channel(caller.store_id)}


class CallerChannelManager(DefaultChannelManager):
    """Channels from the caller; a caller reads only its own."""

    def get_channels_for_request(self, request, view_kwargs):
        return channels_for(request.user)

    def can_read_channel(self, user, channel) -> bool:
        return user is not None and channel in channels_for(user)


def _stream_caller(request: HttpRequest) -> TableCaller | User:
    """The table or manager behind the request's bearer token, else its manager session."""
    token = decode_bearer(request.headers.get("Authorization", ""))
    if token is not None:
        return caller_for_token(token)
    user = request.user
    if isinstance(user, User) and user.is_manager:
        return user
    raise drf.NotAuthenticated()


def _refusal(error: drf.APIException) -> JsonResponse:
    code = error.default_code if error.default_code.isupper() else "NOT_AUTHENTICATED"
    response = JsonResponse(error_body(str(error.detail), code), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


async def events(request: HttpRequest) -> HttpResponseBase:
    if request.method != "GET":
        response = JsonResponse(error_body("Method not allowed.", "METHOD_NOT_ALLOWED"), status=405)
        response["Allow"] = "GET"
        return response
    if any(name in request.GET for name in _REFUSED_PARAMETERS):
        return JsonResponse(
            error_body(
                "Credentials and channels never go in the URL.",
                "VALIDATION_ERROR",
                fields={"query": ["Not allowed here."]},
            ),
            status=400,
        )
    try:
        request.user = await sync_to_async(_stream_caller)(request)
    except (drf.NotAuthenticated, drf.AuthenticationFailed) as error:
        return _refusal(error)
    finally:
        await sync_to_async(release_connection)()
    return await sync_to_async(eventstream_view)(request)
