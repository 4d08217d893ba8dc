"""The ASGI application: ``uvicorn config.asgi:application``.

Django's own ASGI handler serves every request. Event streams (``/api/v1/events/``, and the
kitchen's under it) last for hours: Django opens each, then hands its writing over to
``settings.EVENT_STREAM_SERVER`` (``live.handover``), so that an idle stream keeps none of
Django's request objects. They do little synchronous work (the caller's check when they open
and at each keep-alive, a storage read when they fall behind); asgiref would give each one a
thread of its own for its whole life, so they share one thread instead
(``ThreadSensitiveContext(executor=...)``).

Django's handler reads a request's whole body before it looks at its size. So bodies are
bounded here first (``bounded_body``), and Django's own check (``DATA_UPLOAD_MAX_MEMORY_SIZE``,
the contract's 413) answers without the rest ever being read.

The ASGI lifespan is answered here too: the server prunes old live events on a timer
(``manage.py prune_events``), so that nobody has to schedule it, and runs the apps' tasks for
its whole life (``SERVER_TASKS``: the live events' relay and repair).
"""

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django import db
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402 (after setup)
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.module_loading import import_string  # noqa: E402

# The streams' paths, as their routes give them (live/urls.py).
EVENT_STREAM_PATHS = {reverse("events"), reverse("kitchen-events")}
serve_stream = import_string(settings.EVENT_STREAM_SERVER)
streams_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event-streams")
logger = logging.getLogger("table_order.server")


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return await lifespan(receive, send)
    if scope["type"] == "http":
        scope, receive = await bounded_body(scope, receive)
        if scope["path"] in EVENT_STREAM_PATHS:
            async with ThreadSensitiveContext(executor=streams_executor):
                return await serve_stream(django_application, scope, receive, send)
    return await django_application(scope, receive, send)


async def bounded_body(scope, receive):
    """The request as Django is to see it, its body never read past the limit.

    A declared length over the limit: Django is handed the length and no body, and refuses
    it (413) at once, unread. A body without a length (``Transfer-Encoding: chunked``) is read
    here, up to the limit: within it, Django gets it whole with its length (it reads no body
    without one); past it, Django gets the length so far, and refuses it. Anything else goes
    on as it came.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    headers = dict(scope["headers"])
    declared = headers.get(b"content-length")
    if declared is not None:
        if not declared.isdigit() or int(declared) <= limit:
            return scope, receive
        return _with_length(scope, int(declared)), _refused_body()
    if headers.get(b"transfer-encoding", b"").lower() != b"chunked":
        return scope, receive
    body, more = b"", True
    while more and len(body) <= limit:
        message = await receive()
        if message["type"] != "http.request":
            return scope, _replay(b"", receive, first=message)
        body += message.get("body", b"")
        more = message.get("more_body", False)
    if len(body) > limit:
        return _with_length(scope, len(body)), _refused_body()
    return _with_length(scope, len(body)), _replay(body, receive)


def _with_length(scope, length: int):
    headers = [
        (name, value)
        for name, value in scope["headers"]
        if name not in (b"content-length", b"transfer-encoding")
    ]
    return {**scope, "headers": [*headers, (b"content-length", str(length).encode())]}


def _refused_body():
    """``receive`` for a request refused for its size: no body, and nothing more of what the
    client sends (Django answers 413 at once; the server closes the connection)."""
    pending = [{"type": "http.request", "body": b"", "more_body": False}]

    async def nothing_more():
        if pending:
            return pending.pop()
        await asyncio.Event().wait()  # until Django, done, stops listening

    return nothing_more


def _replay(body: bytes, receive, first=None):
    """``receive`` for Django: the body (or ``first``) once, then the client's own messages
    (its disconnection)."""
    pending = [first or {"type": "http.request", "body": body, "more_body": False}]

    async def replayed():
        return pending.pop() if pending else await receive()

    return replayed


async def lifespan(receive, send) -> None:
    tasks = []
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            tasks = [asyncio.create_task(prune_events_now_and_then())]
            tasks += [asyncio.create_task(import_string(t)()) for t in settings.SERVER_TASKS]
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            for task in tasks:
                task.cancel()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def prune_events_now_and_then() -> None:
    while True:
        try:
            await sync_to_async(prune_events, thread_sensitive=False)()
        except db.Error as error:  # the database may be restarting: the next round tries again
            logger.warning("Pruning old live events failed: %s", error)
        await asyncio.sleep(settings.LIVE_EVENTS_PRUNE_SECONDS)


def prune_events() -> None:
    try:
        call_command("prune_events", verbosity=0)
    finally:
        db.connections.close_all()  # this thread's, back to the pool
