"""The ASGI application: ``uvicorn config.asgi:application``."""

import os
from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import ThreadSensitiveContext
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

EVENT_STREAM_PATH = "/api/v1/events/"


class SharedThreadForEventStreams(ASGIHandler):
    """Django's ASGI handler, except that event streams share one worker thread.

    Django gives every request its own thread for synchronous work, and keeps it until the
    response ends. An event stream's response lasts hours, so each open stream would hold an
    idle thread. Streams do little synchronous work (authentication at the start, a storage
    read when they fall behind), so they share one thread instead; every other request is
    handled exactly as Django does.
    """

    streams_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="event-streams")

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] == EVENT_STREAM_PATH:
            # Django's own ThreadSensitiveContext, entered inside this one, reuses it.
            async with ThreadSensitiveContext(executor=self.streams_executor):
                return await super().__call__(scope, receive, send)
        return await super().__call__(scope, receive, send)


application = SharedThreadForEventStreams()
