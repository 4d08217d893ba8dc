"""The ASGI application: ``uvicorn config.asgi:application``."""

import os
from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402 (after setup)

EVENT_STREAM_PATH = "/api/v1/events/"


def _one_thread(name: str) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)


class WarmThreadsHandler(ASGIHandler):
    """Django's ASGI handler, with each request's synchronous work done in one go, on a
    thread that outlives the request.

    Our views and middleware are synchronous (DRF's). Django's handler would run the
    middleware in async mode and hop between the event loop and a worker thread around each
    middleware and the view; here the whole chain, view included, runs as Django runs it
    under WSGI, in one call to a worker thread (the ceiling view: 1,060 -> 1,400 requests/s,
    docs/performance.md). Async views (the event stream) still run on the event loop,
    adapted by Django.

    Django also gives every request a new thread, and asgiref a second one to join it when
    the response ends: two thread starts per request, and a new database connection each
    time, since connections belong to their thread. Here each request borrows one of
    ``ASGI_THREADS`` threads, kept warm with their connections, for its whole life, and gives
    it back at the end; a request that finds none free gets a thread of its own, as in
    Django. A borrowed thread runs one call at a time: if a client leaves while its view
    runs, the next borrower's calls wait for that view to finish.

    Event streams last hours and do little synchronous work (authentication at the start, a
    storage read when they fall behind), so they all share one more thread instead of each
    holding one.
    """

    streams_executor = _one_thread("event-streams")

    def __init__(self) -> None:
        super().__init__()
        self.idle_executors = [_one_thread(f"request-{n}") for n in range(settings.ASGI_THREADS)]

    def load_middleware(self, is_async: bool = False) -> None:
        super().load_middleware(is_async=False)  # the synchronous chain, as under WSGI

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response)(request)  # one hop, to the request's thread

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] == EVENT_STREAM_PATH:
            # Django's own ThreadSensitiveContext, entered inside this one, reuses it.
            async with ThreadSensitiveContext(executor=self.streams_executor):
                return await super().__call__(scope, receive, send)
        if not self.idle_executors:
            return await super().__call__(scope, receive, send)
        executor = self.idle_executors.pop()
        try:
            async with ThreadSensitiveContext(executor=executor):
                return await super().__call__(scope, receive, send)
        finally:
            self.idle_executors.append(executor)


application = WarmThreadsHandler()
