"""``GET /api/v1/events/``: the Server-Sent Events stream, on django-eventstream's storage.

Who may listen is settled here, before the stream starts: a bearer token (table or manager)
or the manager pages' session, never a token in the URL. A missing or bad credential is the
contract's 401, not django-eventstream's own 200 with a ``stream-error``. The channels come
from who the caller is; the channel manager checks them again as storage is read. At every
keep-alive the caller is checked again, so a stream ends within a keep-alive of its table's
new password, the table's deletion, its manager's deactivation, its token's expiry or its
session's end (signed out or expired); the client's reconnection is then refused.

django-eventstream parses the request (``EventRequest``: the channels, ``Last-Event-ID``) and
reads what a stream missed (``get_events``); the live part is ours (``live.sse``,
``live.delivery``): an event reaches this process's streams in one call and is encoded once,
where the library's stream woke a task, encoded the event and passed it through Django's
response for every stream (docs/performance.md, issue 21 item 1).
"""

from __future__ import annotations

import asyncio
import re
from importlib import import_module
from typing import NamedTuple

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest, HttpResponseBase, JsonResponse, StreamingHttpResponse
from django_eventstream.channelmanager import DefaultChannelManager
from django_eventstream.eventrequest import EventRequest
from django_eventstream.eventstream import EventPermissionError, get_events
from django_eventstream.utils import (
    add_default_headers,
    make_id,
    sse_encode_error,
    sse_encode_event,
    sse_error_response,
)
from rest_framework import exceptions as drf

from core.api_errors import error_body
from live.channels import FLOOR, KITCHEN, channels_for, readable_by
from live.delivery import local_streams
from live.handover import hand_over
from live.sse import OPENING, Subscriber
from live.storage import release_connection
from stores.authentication import TableCaller, caller_for_token, decode_bearer, names_bearer
from stores.models import User

# Query parameters django-eventstream would otherwise honour: a signed channel/user grant
# ("es-meta"), a channel list, a resume position beside the header. Channels are ours to
# choose, from the caller; the position comes in Last-Event-ID.
_REFUSED_PARAMETERS = ("es-meta", "channel", "channels", "lastEventId", "token", "access_token")
# What the stream's ids look like (``store-3:12``, several joined by commas); anything else in
# Last-Event-ID starts the stream afresh, as an id too old to replay does.
_EVENT_ID = re.compile(r"[A-Za-z0-9%._-]{1,100}:\d{1,18}(,[A-Za-z0-9%._-]{1,100}:\d{1,18}){0,9}")


class CallerChannelManager(DefaultChannelManager):
    """Channels from the caller; a caller reads only its own."""

    def get_channels_for_request(self, request, view_kwargs):
        return channels_for(request.user, view_kwargs.get("feed", FLOOR))

    def can_read_channel(self, user, channel) -> bool:
        return user is not None and readable_by(user, channel)


class Credentials(NamedTuple):
    """What a stream keeps of its opening request to check its caller again: the bearer
    token's header, else the session's key. Not the request itself, which an idle stream
    would keep alive for hours, nor its session, whose data once read is never read again:
    a session signed out or expired would go on streaming."""

    authorization: str
    session_key: str | None

    @classmethod
    def of(cls, request: HttpRequest) -> Credentials:
        authorization = request.headers.get("Authorization", "")
        bearer = names_bearer(authorization)  # checked once, by ``_stream_caller``
        return cls(authorization, None if bearer else request.session.session_key)


def _stream_caller(credentials: Credentials) -> TableCaller | User:
    """The table or manager behind the bearer token, else the store's session (a manager's or
    a kitchen account's)."""
    token = decode_bearer(credentials.authorization)
    if token is not None:
        return caller_for_token(token)
    if credentials.session_key is not None:
        request = HttpRequest()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore(
            credentials.session_key
        )
        user = get_user(request)  # read afresh: the session as stored now, if still there
        if isinstance(user, User) and user.is_kitchen_staff:
            return user
    raise drf.NotAuthenticated()


@sync_to_async
def _still_the_caller(credentials: Credentials, caller: TableCaller | User) -> bool:
    try:
        return _stream_caller(credentials).pk == caller.pk
    except (drf.NotAuthenticated, drf.AuthenticationFailed):
        return False
    finally:
        release_connection()


async def _stream(credentials: Credentials, caller, event_request: EventRequest):
    """The stream's chunks: the opening, what storage has past ``Last-Event-ID``, then every
    event as it comes, each once (``live.sse``), until a keep-alive finds the caller no longer
    allowed, or the client falls too far behind."""
    subscriber = Subscriber(asyncio.get_running_loop())
    channels = event_request.channels
    try:  # the subscriber's keep-alive timer goes with it, even if watching fails
        await sync_to_async(local_streams.watch)(subscriber, channels)
        yield OPENING
        try:
            async for chunk in _stored(event_request):
                yield chunk
        except EventPermissionError as error:
            yield sse_encode_error("forbidden", str(error), {"channels": error.channels}).encode()
            return
        subscriber.caught_up(
            {channel: int(last) for channel, last in event_request.channel_last_ids.items()}
        )
        while chunk := await subscriber.next_chunk():
            yield chunk
            if subscriber.keep_alive_due:
                subscriber.keep_alive_due = False
                if not await _still_the_caller(credentials, caller):
                    return
    finally:
        subscriber.close()
        local_streams.unwatch(subscriber, channels)


async def _stored(event_request: EventRequest):
    """What storage holds for the stream past its positions, a page at a time; the request's
    positions move on with each (a position too old to replay, ``stream-reset``, to the
    newest)."""
    while True:
        stored = await sync_to_async(get_events)(event_request)
        positions = dict(stored.channel_last_ids)
        chunk = ""
        if stored.channel_reset:
            chunk += sse_encode_event(
                "stream-reset",
                {"channels": sorted(stored.channel_reset)},
                event_id=make_id(positions),
                json_encode=True,
            )
        for channel, events in stored.channel_items.items():
            for event in events:
                positions[channel] = event.id
                chunk += sse_encode_event(event.type, event.data, event_id=make_id(positions))
        event_request.channel_last_ids = positions
        if chunk:
            yield chunk.encode()
        if not stored.channel_more:
            return


def _refusal(error: drf.APIException) -> JsonResponse:
    code = error.default_code if error.default_code.isupper() else "NOT_AUTHENTICATED"
    response = JsonResponse(error_body(str(error.detail), code), status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


async def events(request: HttpRequest) -> HttpResponseBase:
    """The floor's feed: a manager's store channel, a tablet's table and menu channels."""
    return await _events(request, FLOOR)


async def kitchen_events(request: HttpRequest) -> HttpResponseBase:
    """The kitchen's feed (``/api/v1/events/kitchen/``): the store's kitchen channel, for its
    managers and kitchen accounts."""
    return await _events(request, KITCHEN)


async def _events(request: HttpRequest, feed: str) -> HttpResponseBase:
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
    if not _EVENT_ID.fullmatch(request.headers.get("Last-Event-ID", "0:0")):
        del request.META["HTTP_LAST_EVENT_ID"]
    try:
        credentials = Credentials.of(request)
        request.user = await sync_to_async(_stream_caller)(credentials)
    except (drf.NotAuthenticated, drf.AuthenticationFailed) as error:
        return _refusal(error)
    finally:
        await sync_to_async(release_connection)()
    if not channels_for(request.user, feed):
        return JsonResponse(
            error_body("This stream is not for you.", "PERMISSION_DENIED"), status=403
        )
    try:
        event_request = EventRequest(request, view_kwargs={"feed": feed})
    except EventRequest.Error as error:
        return sse_error_response("bad-request", f"Invalid request: {error}.")
    response = StreamingHttpResponse(
        hand_over(_stream(credentials, request.user, event_request)),
        content_type="text/event-stream",
    )
    add_default_headers(response, request=request)
    return response
