from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse

from live.delivery import local_streams
from live.relay import relay

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (a load balancer's readiness probe).

    The live events' relay is reported beside, and never fails the probe: without Redis,
    events still reach this process's streams, and the others repair theirs from storage."""
    live = {"events_repaired": local_streams.events_repaired}
    live.update(relay().state() if relay() is not None else {"relay": "in process"})
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # No traceback: a load balancer asks every few seconds through a whole outage.
        logger.warning("Health check: database unavailable: %s", error)
        return JsonResponse({"status": "unavailable", "live_events": live}, status=503)
    status = "degraded" if live.get("redis") == "down" else "ok"
    return JsonResponse({"status": status, "live_events": live})
