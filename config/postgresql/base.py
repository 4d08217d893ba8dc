"""Django's PostgreSQL backend (psycopg 3, with its pool), failing fast while the database is
down.

Opening a connection from the pool waits up to the pool's timeout for one. While PostgreSQL
is down none comes: every request would wait the full timeout, and with the process's
request threads all waiting, a queue grew by the second (docs/reliability.md).
After a failed attempt, this backend refuses new connections at once for
``REFUSE_FOR_SECONDS`` (the API answers 503 SERVICE_UNAVAILABLE straight away); then the next
request probes the database with a connection of its own, outside the pool (refused at once
while the server is down), and only once that works goes back to the pool. The first
connection from the pool ends the outage.
"""

from __future__ import annotations

import logging
import time

import psycopg
from django.db.backends.postgresql import base

logger = logging.getLogger("table_order.database")

REFUSE_FOR_SECONDS = 1.0
PROBE_TIMEOUT_SECONDS = 2  # libpq's least


class RefusedDuringOutage(psycopg.OperationalError):
    """Not tried: the database was out of reach a moment ago."""


class Outage:
    """When this process last failed to get a connection (per process, shared by threads)."""

    failed_at: float | None = None

    @classmethod
    def refuse_if_recent(cls) -> None:
        failed_at = cls.failed_at
        if failed_at is not None and time.monotonic() - failed_at < REFUSE_FOR_SECONDS:
            raise RefusedDuringOutage("The database was out of reach a moment ago.")

    @classmethod
    def record_failure(cls, error: Exception) -> None:
        if cls.failed_at is None:
            logger.error("Database out of reach: %s", error)
        cls.failed_at = time.monotonic()

    @classmethod
    def record_success(cls) -> None:
        if cls.failed_at is not None:
            logger.warning("Database reachable again")
            cls.failed_at = None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        probing = Outage.failed_at is not None
        if probing:
            Outage.refuse_if_recent()
        try:
            if probing:
                self.Database.connect(**conn_params, connect_timeout=PROBE_TIMEOUT_SECONDS).close()
            connection = super().get_new_connection(conn_params)
        except psycopg.OperationalError as error:  # the pool's timeout included
            Outage.record_failure(error)
            raise
        Outage.record_success()
        return connection
