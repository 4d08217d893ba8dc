from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (a load balancer's readiness probe).

    The apps' reports (``HEALTH_REPORTS``) are added beside, and never fail the probe: a part
    that is degraded (say, live events without Redis) makes the status ``degraded``."""
    reports, degraded = {}, False
    for name, path in settings.HEALTH_REPORTS.items():
        reports[name], part_degraded = import_string(path)()
        degraded = degraded or part_degraded
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # No traceback: a load balancer asks every few seconds through a whole outage.
        logger.warning("Health check: database unavailable: %s", error)
        return JsonResponse({"status": "unavailable", **reports}, status=503)
    return JsonResponse({"status": "degraded" if degraded else "ok", **reports})
