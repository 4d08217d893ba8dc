"""Load and faults: nothing lost, nothing twice, nothing leaked, while servers and the
database go down under the tablets' feet.

    .venv/bin/python bench/soak.py [--minutes 3] [--tablets 30] [--dashboards 10]
    make soak

Everything runs on loopback, on servers of its own: a PostgreSQL cluster in a temporary
folder (Debian's binaries), Redis, and two uvicorn processes relaying live events through
Redis; the second loses one publish in ``DROP_EVERY`` on purpose (``testsupport.faults``), as
a process killed between its commit and its publish would. Then, for ``--minutes``:

- ``--tablets`` tablets order every 1 to 3 s, each order with its own ``Idempotency-Key``,
  retried with that key on any failure (refused connection, timeout, 5xx) and on the other
  server when one does not answer, as a load balancer would; between orders they read their
  visit and the menu (with its ETag);
- a kitchen moves orders to ``preparing`` and now and then completes a table;
- ``--dashboards`` manager streams, half on each server, reconnecting with
  ``Last-Event-ID`` whenever their stream breaks;
- at 20 % of the run one server is killed with SIGKILL and started again;
- at 35 % Redis stops for 10 s and starts again; a probe records what ``/healthz`` says;
- at 65 % PostgreSQL stops (fast shutdown: connections cut) for 10 s and starts again; the
  servers are not restarted, and a probe records what ``/healthz`` says meanwhile.

At the end it checks, against the database: every order a tablet got a 201 for is there once,
under its key; no key has two orders; order numbers are unique; every dashboard received a
``new_order`` for every committed order (live or replayed), and a stream that was open from
before an order was placed until ``LIVE_BOUND_SECONDS`` after it was acknowledged received it
live within that bound, without reconnecting; no response carries a stack trace, no error
response leaves the contract's shape, no 500; both servers answered 503 while the database was
down, and 200 (``degraded``) while only Redis was, and 201s came back after. Prints the
figures as JSON; exits 1 if a check failed. docs/reliability.md keeps a run's figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import http_client
from bench.world import World, build_store, setup_django
from testsupport.live_server import allow_many_connections
from testsupport.local_services import PostgresCluster, RedisServer

DATABASE_OUTAGE_SECONDS = 10
REDIS_OUTAGE_SECONDS = 10
DROP_EVERY = 25  # the second server loses one publish in this many
REPAIR_SECONDS = 5  # each server's LIVE_EVENTS_REPAIR_SECONDS
# A stream open through an order gets its event live within this: two repair intervals (a
# publish lost is handed over by the next repair), and a second for the load. Time while
# storage cannot be read (PostgreSQL down, and the pool's 5 s to connect again) does not
# count: a lost publish is repaired from storage.
LIVE_BOUND_SECONDS = 2 * REPAIR_SECONDS + 1
POOL_TIMEOUT_SECONDS = 5
STACK_TRACE_MARKERS = (b"Traceback (most recent call last)", b'File "/')


@dataclass
class Placed:
    order_id: int
    number: int
    attempts: int
    first_sent_at: float  # time.monotonic(): the order committed after this...
    acknowledged_at: float  # ...and before this


@dataclass
class Stream:
    """One connection of a dashboard, from its first chunk to its end."""

    opened_at: float
    closed_at: float = float("inf")
    received_live: dict[int, float] = field(default_factory=dict)  # order id → when


@dataclass
class Figures:
    """What the clients saw; checked against the database at the end."""

    statuses: Counter = field(default_factory=Counter)
    transport_failures: Counter = field(default_factory=Counter)
    stack_traces: list[str] = field(default_factory=list)
    off_contract_errors: list[str] = field(default_factory=list)
    placed: dict[str, Placed] = field(default_factory=dict)  # by Idempotency-Key
    unanswered_keys: list[str] = field(default_factory=list)
    retried_orders: int = 0
    refused_orders: list[str] = field(default_factory=list)
    seen_by_dashboard: dict[int, dict[int, bool]] = field(
        default_factory=lambda: defaultdict(dict)
    )  # dashboard → order id → replayed?
    streams: list[Stream] = field(default_factory=list)
    live_events_at_the_end: list[dict] = field(default_factory=list)  # each server's /healthz
    dashboard_reconnects: int = 0
    stream_resets: int = 0
    faults: list[dict] = field(default_factory=list)
    started_at: float = 0.0
    storage_unreadable: tuple[float, float] | None = None
    health_while_database_down: Counter = field(default_factory=Counter)
    health_while_redis_down: Counter = field(default_factory=Counter)
    slowest_health_answer_while_down: float = 0.0
    seconds_to_first_201_after_database: float | None = None
    requests: int = 0


class Soak:
    def __init__(self, args, world: World, servers, postgres: PostgresCluster, redis) -> None:
        self.args = args
        self.world = world
        self.servers = servers
        self.postgres = postgres
        self.redis = redis
        self.figures = Figures()
        self.database_back_at: float | None = None
        self.placing = True
        self.streaming = True

    # --- the run ------------------------------------------------------------------------

    async def run(self) -> Figures:
        seconds = self.args.minutes * 60
        self.ends_at = time.monotonic() + seconds
        self.figures.started_at = time.monotonic()
        dashboards = [
            asyncio.create_task(self.dashboard(index)) for index in range(self.args.dashboards)
        ]
        await asyncio.sleep(1)  # every dashboard connected before the first order
        tablets = [
            asyncio.create_task(self.tablet(index, token))
            for index, token in enumerate(self.world.table_tokens[: self.args.tablets])
        ]
        kitchen = asyncio.create_task(self.kitchen())
        await asyncio.sleep(seconds * 0.2)
        await self.kill_and_restart_a_server()
        await asyncio.sleep(max(0.0, self.ends_at - seconds * 0.65 - time.monotonic()))
        await self.restart_redis()
        await asyncio.sleep(max(0.0, self.ends_at - seconds * 0.35 - time.monotonic()))
        await self.restart_the_database()
        await asyncio.sleep(max(0.0, self.ends_at - time.monotonic()))

        self.placing = False
        await asyncio.gather(*tablets)  # each finishes the order it is placing (or gives up)
        kitchen.cancel()
        await asyncio.sleep(LIVE_BOUND_SECONDS)  # the last events on their way
        self.figures.live_events_at_the_end = [
            await self.live_events_of(server) for server in self.servers
        ]
        self.streaming = False
        for task in dashboards:
            task.cancel()
        await asyncio.gather(*dashboards, kitchen, return_exceptions=True)
        return self.figures

    async def kill_and_restart_a_server(self) -> None:
        # The one that drops publishes: its dashboards move to the other, which then has every
        # stream, and must repair what this one drops once it is back.
        server = self.servers[1]
        started = time.monotonic()
        await asyncio.to_thread(server.kill)
        await asyncio.sleep(1)
        await asyncio.to_thread(server.start)
        self.figures.faults.append(
            {
                "fault": "SIGKILL one of the two servers, then start it again",
                "at_s": self.seconds_since_start(started),
                "seconds_until_healthy_again": round(time.monotonic() - started, 1),
            }
        )

    async def restart_redis(self) -> None:
        probe = asyncio.create_task(self.probe_health(self.figures.health_while_redis_down))
        stopped_at = time.monotonic()
        await asyncio.to_thread(self.redis.stop)
        await asyncio.sleep(REDIS_OUTAGE_SECONDS)
        probe.cancel()
        await asyncio.to_thread(self.redis.start)
        self.figures.faults.append(
            {
                "fault": f"Redis stopped for {REDIS_OUTAGE_SECONDS} s",
                "at_s": self.seconds_since_start(stopped_at),
            }
        )

    def seconds_since_start(self, moment: float) -> float:
        return round(moment - self.figures.started_at, 1)

    async def live_events_of(self, server) -> dict:
        answer = await self.call(server.port, "GET", "/healthz")
        return answer.json()["live_events"] if answer is not None else {}

    async def restart_the_database(self) -> None:
        pids = [server.process.pid for server in self.servers]
        probe = asyncio.create_task(self.probe_health(self.figures.health_while_database_down))
        stopped_at = time.monotonic()
        await asyncio.to_thread(self.postgres.stop)
        await asyncio.sleep(DATABASE_OUTAGE_SECONDS)
        probe.cancel()
        await asyncio.to_thread(self.postgres.start)
        self.database_back_at = time.monotonic()
        self.figures.storage_unreadable = (
            stopped_at,
            self.database_back_at + POOL_TIMEOUT_SECONDS,
        )
        self.figures.faults.append(
            {
                "fault": f"PostgreSQL stopped (fast shutdown) for {DATABASE_OUTAGE_SECONDS} s",
                "at_s": self.seconds_since_start(stopped_at),
                "servers_restarted": [s.process.pid for s in self.servers] != pids,
            }
        )

    async def probe_health(self, answers: Counter) -> None:
        while True:
            for server in self.servers:
                asked = time.monotonic()
                answer = await self.call(server.port, "GET", "/healthz")
                if answer is not None:
                    answers[f"{answer.status} {answer.json()['status']}"] += 1
                    took = time.monotonic() - asked
                    self.figures.slowest_health_answer_while_down = max(
                        took, self.figures.slowest_health_answer_while_down
                    )
            await asyncio.sleep(0.2)

    # --- the clients --------------------------------------------------------------------

    async def tablet(self, index: int, token: str) -> None:
        home = index % 2
        etag = None
        while self.placing:
            await asyncio.sleep(random.uniform(1, 3))  # noqa: S311 (a load pattern)
            if not self.placing:
                return
            await self.place_order(token, home)
            await self.call(self.servers[home].port, "GET", "/api/v1/orders/", token)
            if random.random() < 0.2:  # noqa: S311
                headers = {"If-None-Match": etag} if etag else {}
                menu = await self.call(
                    self.servers[home].port, "GET", "/api/v1/menu/", token, headers=headers
                )
                if menu is not None and menu.status == 200:
                    etag = menu.headers.get("etag")

    async def place_order(self, token: str, home: int) -> None:
        key = uuid.uuid4().hex
        lines = random.sample(self.world.menu_ids, k=random.randint(1, 4))  # noqa: S311
        body = {"items": [{"menu_id": i, "quantity": random.randint(1, 3)} for i in lines]}  # noqa: S311
        server = home
        give_up_at = self.ends_at + 60
        first_sent_at = time.monotonic()
        for attempt in range(1, 1000):
            if time.monotonic() > give_up_at:
                break
            answer = await self.call(
                self.servers[server].port,
                "POST",
                "/api/v1/orders/",
                token,
                body=body,
                headers={"Idempotency-Key": key},
            )
            if answer is None:  # no answer: try the other server
                server = 1 - server
            elif answer.status == 201:
                order = answer.json()
                self.figures.placed[key] = Placed(
                    order["id"], order["number"], attempt, first_sent_at, time.monotonic()
                )
                self.figures.retried_orders += attempt > 1
                return
            elif answer.status < 500 and answer.status != 429:
                self.figures.refused_orders.append(f"{answer.status} {answer.body[:200]!r}")
                return
            await asyncio.sleep(min(2.0, 0.2 * attempt))
        self.figures.unanswered_keys.append(key)

    async def kitchen(self) -> None:
        manager = self.world.manager_token
        tick = 0
        while True:
            await asyncio.sleep(0.5)
            tick += 1
            placed = list(self.figures.placed.values())
            if placed:
                order = random.choice(placed)  # noqa: S311
                body = {"status": "preparing"}
                path = f"/api/v1/admin/orders/{order.order_id}/"
                await self.call(self.any_port(), "PATCH", path, manager, body=body)
            if tick % 40 == 0:
                table_id = random.choice(self.world.table_ids)  # noqa: S311
                path = f"/api/v1/admin/tables/{table_id}/complete/"
                await self.call(self.any_port(), "POST", path, manager)

    def any_port(self) -> int:
        return random.choice(self.servers).port  # noqa: S311

    async def dashboard(self, index: int) -> None:
        server, last_event_id = index % 2, None
        seen = self.figures.seen_by_dashboard[index]
        while self.streaming:
            connection = None
            try:
                stream = http_client.events(
                    self.servers[server].port, self.world.manager_token, last_event_id=last_event_id
                )
                async for event in stream:
                    if isinstance(event, http_client.Response):
                        self.check(event)
                        break
                    if connection is None:
                        connection = Stream(opened_at=time.monotonic())
                        self.figures.streams.append(connection)
                    if event.id:
                        last_event_id = event.id
                    if event.type == "new_order":
                        order_id = json.loads(event.data)["id"]
                        seen.setdefault(order_id, event.first_chunk)
                        if not event.first_chunk:
                            connection.received_live.setdefault(order_id, time.monotonic())
                    elif event.type == "stream-reset":
                        self.figures.stream_resets += 1
            except (OSError, TimeoutError, asyncio.IncompleteReadError):
                server = 1 - server  # this one does not answer: the other
            finally:
                if connection is not None:
                    connection.closed_at = time.monotonic()
            if self.streaming:
                self.figures.dashboard_reconnects += 1
                await asyncio.sleep(0.5)

    async def call(self, port, method, path, token=None, **options):
        """One request; its response, checked, or None when it got none."""
        self.figures.requests += 1
        try:
            answer = await http_client.request(port, method, path, token=token, **options)
        except (OSError, TimeoutError, asyncio.IncompleteReadError) as failure:
            self.figures.transport_failures[type(failure).__name__] += 1
            return None
        self.check(answer, f"{method} {path}")
        if (
            answer.status == 201
            and self.database_back_at is not None
            and self.figures.seconds_to_first_201_after_database is None
        ):
            back = time.monotonic() - self.database_back_at
            self.figures.seconds_to_first_201_after_database = round(back, 2)
        return answer

    def check(self, answer: http_client.Response, what: str = "GET /api/v1/events/") -> None:
        self.figures.statuses[answer.status] += 1
        if any(marker in answer.body for marker in STACK_TRACE_MARKERS):
            self.figures.stack_traces.append(f"{what} {answer.status}")
        if answer.status >= 400 and what != "GET /healthz" and not _contract_error(answer):
            self.figures.off_contract_errors.append(f"{what} {answer.status}")


def _contract_error(answer: http_client.Response) -> bool:
    """The contract's error body: a JSON object with an ``error_code``."""
    try:
        body = answer.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("error_code"), str)


def verify(figures: Figures, world: World, servers) -> tuple[dict, list[str]]:
    """The database against what the clients saw: (figures, failed checks)."""
    from django.db import connections

    from orders.models import IdempotencyKey, Order

    connections.close_all()  # opened before PostgreSQL restarted
    orders = dict(Order.objects.filter(store_id=world.store_id).values_list("id", "number"))
    keys = list(
        IdempotencyKey.objects.filter(table__store_id=world.store_id).values_list("key", "order_id")
    )
    orders_by_key = defaultdict(list)
    for key, order_id in keys:
        orders_by_key[key].append(order_id)

    failed = []
    acknowledged_missing = [
        key
        for key, placed in figures.placed.items()
        if orders_by_key.get(key) != [placed.order_id] or placed.order_id not in orders
    ]
    if acknowledged_missing:
        failed.append(f"{len(acknowledged_missing)} acknowledged orders not in the database once")
    if len(keys) != len(orders):
        failed.append(f"{len(orders)} orders for {len(keys)} idempotency keys")
    if any(len(ids) > 1 for ids in orders_by_key.values()):
        failed.append("a key with two orders")
    if len(set(orders.values())) != len(orders):
        failed.append("order numbers repeat")
    missed = {
        index: len(set(orders) - set(seen)) for index, seen in figures.seen_by_dashboard.items()
    }
    if any(missed.values()):
        failed.append(f"dashboards missed new_order events: {missed}")
    checked, late, slowest = live_within_bound(figures)
    if late:
        failed.append(f"{len(late)} new_order events not live within the bound: {late[:5]}")
    if not figures.health_while_redis_down or any(
        not answer.startswith("200") for answer in figures.health_while_redis_down
    ):
        failed.append(f"/healthz while Redis was down: {dict(figures.health_while_redis_down)}")
    repaired = sum(live.get("events_repaired", 0) for live in figures.live_events_at_the_end)
    if not repaired:
        failed.append("no event needed a repair: the faults did not bite")
    if figures.stack_traces:
        failed.append(f"stack traces in responses: {figures.stack_traces[:5]}")
    if figures.off_contract_errors:
        failed.append(f"errors outside the contract: {figures.off_contract_errors[:5]}")
    if figures.statuses[500]:
        failed.append(f"{figures.statuses[500]} responses were 500")
    if figures.refused_orders:
        failed.append(f"orders refused: {figures.refused_orders[:5]}")
    if not any(answer.startswith("503") for answer in figures.health_while_database_down):
        failed.append("no 503 from /healthz while the database was down")
    if figures.seconds_to_first_201_after_database is None:
        failed.append("no order placed after the database came back")

    replayed = sum(sum(seen.values()) for seen in figures.seen_by_dashboard.values())
    delivered = sum(len(seen) for seen in figures.seen_by_dashboard.values())
    server_logs = [server.log_text() for server in servers]
    result = {
        "requests": figures.requests,
        "responses_by_status": dict(sorted(figures.statuses.items())),
        "requests_without_an_answer": dict(figures.transport_failures),
        "faults": figures.faults,
        "healthz_while_database_down": dict(figures.health_while_database_down),
        "slowest_healthz_answer_while_down_s": round(figures.slowest_health_answer_while_down, 2),
        "seconds_to_first_201_after_database_back": figures.seconds_to_first_201_after_database,
        "orders_acknowledged": len(figures.placed),
        "orders_acknowledged_after_a_retry": figures.retried_orders,
        "orders_never_answered": len(figures.unanswered_keys),
        "orders_in_database": len(orders),
        "new_order_events_expected": len(orders) * len(figures.seen_by_dashboard),
        "new_order_events_received": delivered,
        "of_which_replayed_on_reconnect": replayed,
        "new_order_events_checked_live_within_bound": checked,
        "live_bound_s": LIVE_BOUND_SECONDS,
        "slowest_live_new_order_s": round(slowest, 2),
        "new_order_events_late_on_an_open_stream": len(late),
        "live_events_by_server_at_the_end": figures.live_events_at_the_end,
        "events_repaired_from_storage": repaired,
        "publishes_dropped_since_the_restart": sum(
            live.get("publishes_dropped", 0) for live in figures.live_events_at_the_end
        ),
        "healthz_while_redis_down": dict(figures.health_while_redis_down),
        "dashboard_reconnects": figures.dashboard_reconnects,
        "stream_resets": figures.stream_resets,
        "responses_with_a_stack_trace": len(figures.stack_traces),
        "error_responses_outside_the_contract": len(figures.off_contract_errors),
        "server_log_lines_with_a_traceback": sum(log.count("Traceback") for log in server_logs),
        "server_errors_logged": logged_errors(server_logs),
        "checks_failed": failed,
    }
    return result, failed


def live_within_bound(figures: Figures) -> tuple[int, list[str], float]:
    """For every stream open from before an order's first attempt until the bound after its
    acknowledgement: whether it received the order live within the bound. (pairs checked,
    the late ones, the slowest delivery after the acknowledgement)"""
    checked, late, slowest = 0, [], 0.0
    for stream in figures.streams:
        for placed in figures.placed.values():
            due = placed.acknowledged_at + LIVE_BOUND_SECONDS
            if figures.storage_unreadable:
                down, back = figures.storage_unreadable
                if down <= due and back >= placed.acknowledged_at:
                    due += back - max(down, placed.acknowledged_at)
            if not stream.opened_at <= placed.first_sent_at or stream.closed_at < due:
                continue
            checked += 1
            received = stream.received_live.get(placed.order_id)
            if received is None or received > due:
                acknowledged = placed.acknowledged_at - figures.started_at
                late.append(
                    f"order {placed.order_id} acknowledged at {acknowledged:.1f} s: "
                    + (f"{received - due:+.1f} s late" if received else "never")
                )
            else:
                slowest = max(slowest, received - placed.acknowledged_at)
    return checked, late, slowest


def logged_errors(logs: list[str]) -> dict[str, int]:
    """The servers' ERROR lines (JSON), counted by message, with uvicorn's own lines."""
    counts = Counter()
    for line in "\n".join(logs).splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            if line.startswith(("ERROR", "CRITICAL")):
                counts[line[:120]] += 1
            continue
        if isinstance(record, dict) and record.get("level") in ("ERROR", "CRITICAL"):
            counts[f"{record.get('logger')}: {record.get('message')}"[:120]] += 1
    return dict(counts.most_common(10))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--tablets", type=int, default=30)
    parser.add_argument("--dashboards", type=int, default=10)
    args = parser.parse_args()
    allow_many_connections()

    postgres, redis, servers = PostgresCluster(), RedisServer(), []
    try:
        setup_django(postgres.url)
        world = build_store(tables=args.tablets, categories=3, items_per_category=5)
        from testsupport.live_server import AsgiServer

        relayed = {"EVENTS_REDIS_URL": redis.url, "LIVE_EVENTS_REPAIR_SECONDS": str(REPAIR_SECONDS)}
        dropping = {
            "DJANGO_SETTINGS_MODULE": "testsupport.fault_settings",
            "LIVE_EVENTS_DROP_EVERY": str(DROP_EVERY),
        }
        servers = [AsgiServer(**relayed), AsgiServer(**relayed, **dropping)]
        started = time.monotonic()
        figures = asyncio.run(Soak(args, world, servers, postgres, redis).run())
        result, failed = verify(figures, world, servers)
        result = {
            "minutes": round((time.monotonic() - started) / 60, 1),
            "tablets": args.tablets,
            "dashboards": args.dashboards,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            **result,
        }
        print(json.dumps(result, indent=2))
        return 1 if failed else 0
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        postgres.destroy()


if __name__ == "__main__":
    sys.exit(main())
