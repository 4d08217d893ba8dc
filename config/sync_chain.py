"""The last middleware: it makes Django run the middleware chain synchronously.

Under ASGI, Django runs the chain in async mode when every middleware supports it. Django's
own middlewares then call each ``process_request`` and ``process_response`` through
``sync_to_async``: two hops between the event loop and a worker thread per middleware, about
20 per request with ours, which cost more than everything else a request does (the bare-view
ceiling went from 164 to 339 requests/s with this, see docs/performance.md). One synchronous
middleware at the bottom makes Django adapt once, there, and run the whole chain in one
thread; our views are synchronous (DRF's) anyway. The event stream's async view still runs
on the event loop: Django hands it over at this point, and its response streams from there.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase


class SyncMiddlewareChain:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)
