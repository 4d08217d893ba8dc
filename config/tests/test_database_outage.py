"""The PostgreSQL backend refuses new connections for a moment after failing to get one, so
that requests answer 503 at once instead of each waiting out the pool's timeout."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from psycopg_pool import ConnectionPool

from config.postgresql.base import REFUSE_FOR_SECONDS, DatabaseWrapper, Outage
from testsupport.live_server import free_port

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend (CI runs it)"
)


@pytest.fixture(autouse=True)
def no_outage():
    Outage.failed_at = None
    yield
    Outage.failed_at = None


@pytest.fixture
def pool_requests(monkeypatch):
    """How many connections were asked of a pool (the real pools, counted)."""
    asked = []
    getconn = ConnectionPool.getconn

    def counted(pool, *args, **kwargs):
        asked.append(pool)
        return getconn(pool, *args, **kwargs)

    monkeypatch.setattr(ConnectionPool, "getconn", counted)
    return asked


def wrapper(port: int) -> DatabaseWrapper:
    settings = {**connection.settings_dict, "PORT": port}
    pool = {"min_size": 0, "max_size": 1, "timeout": 1}
    settings["OPTIONS"] = {**settings["OPTIONS"], "pool": pool}
    return DatabaseWrapper(settings, alias=f"outage-{port}")


def test_after_a_failure_connections_are_refused_without_waiting(db, pool_requests):
    down = wrapper(free_port())  # nothing listens there
    try:
        with pytest.raises(OperationalError):
            down.ensure_connection()
        assert len(pool_requests) == 1

        with pytest.raises(OperationalError, match="out of reach a moment ago"):
            down.ensure_connection()
        assert len(pool_requests) == 1  # refused before asking the pool

        Outage.failed_at -= REFUSE_FOR_SECONDS
        with pytest.raises(OperationalError, match="Connection refused"):
            down.ensure_connection()  # the moment over, the database is probed again: still down
        assert len(pool_requests) == 1  # and the pool not waited on
    finally:
        down.close_pool()


def test_the_first_connection_that_works_ends_the_outage(db, pool_requests):
    up = wrapper(connection.settings_dict["PORT"] or 5432)
    Outage.failed_at = 0.0  # long ago
    try:
        up.ensure_connection()

        assert Outage.failed_at is None
        assert up.is_usable()
        assert pool_requests == [up.pool]  # probed, then back to the pool
    finally:
        up.close()
        up.close_pool()


def backend_pid(wrapper: DatabaseWrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    wrapper.close()  # back to the pool
    return pid


def test_a_connection_its_server_ended_is_replaced_not_lent(db):
    """After a database restart the pool holds connections their server has ended: the pool
    tests each before lending it (CONN_HEALTH_CHECKS), so a request gets a live one."""
    pooled = wrapper(connection.settings_dict["PORT"] or 5432)
    try:
        ended = backend_pid(pooled)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [ended])

        replacement = backend_pid(pooled)  # no OperationalError: the ended one was dropped

        assert replacement != ended
    finally:
        pooled.close()
        pooled.close_pool()
