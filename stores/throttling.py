"""General rate limits for the API (429 THROTTLED with Retry-After), one budget per caller:
each table, each manager, and each client address for calls without a token (the logins).

Counts live in the default cache: per process with the built-in local-memory cache, shared by
every process once CACHE_URL names a Redis server (see README, "several processes")."""

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from stores.authentication import TableCaller


class CallerRateThrottle(SimpleRateThrottle):
    """``API_RATE_LIMITS[kind]`` requests per period for each table, manager or address."""

    def __init__(self) -> None:  # the rate depends on the caller: chosen per request
        pass

    def allow_request(self, request: Request, view) -> bool:
        self.scope, self.ident = _caller(request, self)
        self.rate = settings.API_RATE_LIMITS[self.scope]
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.ident}


def _caller(request: Request, throttle: SimpleRateThrottle) -> tuple[str, str]:
    user = request.user
    if isinstance(user, TableCaller):
        return "table", str(user.table.pk)
    if user is not None and user.is_authenticated:
        return "manager", str(user.pk)
    return "anonymous", throttle.get_ident(request)
