"""Which pooled connections to test before lending them out.

psycopg's own ``ConnectionPool.check_connection`` sends an empty query every time the pool
lends a connection: a round trip per request, which cost the cached menu request about a
tenth of its throughput on PostgreSQL (docs/performance.md, item 10). A connection sitting
idle in the pool has nothing to read unless its server has spoken since: a restart, a crash
or ``pg_terminate_backend`` sends a termination notice and closes the socket, both of which
make it readable. So the pool asks the socket first (one ``poll``, no round trip) and sends
the test query only to a connection whose server has said something.
"""

from __future__ import annotations

import select

from psycopg import Connection
from psycopg_pool import ConnectionPool


def lend_check(connection: Connection) -> None:
    """Return quietly if ``connection`` can be lent; raise if it cannot (the pool drops it)."""
    poller = select.poll()  # poll, not select: socket numbers may pass 1024 (idle streams)
    poller.register(connection.fileno(), select.POLLIN)
    if poller.poll(0):
        ConnectionPool.check_connection(connection)
