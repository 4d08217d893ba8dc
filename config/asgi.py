"""The ASGI application: ``uvicorn config.asgi:application``.

Django's own ASGI handler serves every request. Event streams (``/api/v1/events/``) last for
hours and do little synchronous work (the caller's check when they open, a storage read when
they fall behind); Django would give each one a thread of its own for its whole life, so
they share one thread instead (asgiref's ``ThreadSensitiveContext(executor=...)``).

The ASGI lifespan is answered here too: the server prunes old live events on a timer
(``manage.py prune_events``), so that nobody has to schedule it.
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

EVENT_STREAM_PATH = "/api/v1/events/"
streams_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event-streams")
logger = logging.getLogger("table_order.server")


async def application(scope, receive, send):
    if scope["type"] == "lifespan":
        return await lifespan(receive, send)
    if scope["type"] == "http" and scope["path"] == EVENT_STREAM_PATH:
        async with ThreadSensitiveContext(executor=streams_executor):
            return await django_application(scope, receive, send)
    return await django_application(scope, receive, send)


async def lifespan(receive, send) -> None:
    pruning = None
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            pruning = asyncio.create_task(prune_events_now_and_then())
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if pruning is not None:
                pruning.cancel()
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
