"""The pool lends an idle connection without a test query, and replaces one whose server
ended it (a restart, a crash, ``pg_terminate_backend``) instead of lending it."""

from __future__ import annotations

import select
import time

import pytest
from django.db import connection
from psycopg_pool import ConnectionPool

from config.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend (CI runs it)"
)


@pytest.fixture
def test_queries(monkeypatch):
    """The connections psycopg's own check sent its test query on."""
    tested = []
    check = ConnectionPool.check_connection

    def counted(conn):
        tested.append(conn)
        check(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    return tested


@pytest.fixture
def pooled(db):
    """A wrapper of our backend on the test database, with a pool of one connection."""
    settings = {**connection.settings_dict}
    settings["OPTIONS"] = {**settings["OPTIONS"], "pool": {"min_size": 0, "max_size": 1}}
    wrapper = DatabaseWrapper(settings, alias="pool-check")
    yield wrapper
    wrapper.close()
    wrapper.close_pool()


def backend_pid(wrapper: DatabaseWrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    wrapper.close()  # back to the pool
    return pid


def wait_readable(wrapper: DatabaseWrapper, pid: int) -> None:
    (idle,) = [conn for conn in wrapper.pool._pool if conn.info.backend_pid == pid]
    poller = select.poll()
    poller.register(idle.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50):
        assert time.monotonic() < deadline, "the server never closed the connection"


def test_an_idle_connection_is_lent_without_a_test_query(pooled, test_queries):
    first = backend_pid(pooled)

    assert [backend_pid(pooled) for _ in range(5)] == [first] * 5
    assert test_queries == []


def test_a_connection_its_server_ended_is_replaced_not_lent(pooled, test_queries):
    ended = backend_pid(pooled)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended])
    wait_readable(pooled, ended)

    replacement = backend_pid(pooled)  # no OperationalError: the ended one was dropped

    assert replacement != ended
    assert len(test_queries) == 1
