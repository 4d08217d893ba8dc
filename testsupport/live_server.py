"""Test support: the app under uvicorn in a real process on the test database, and an SSE
client reading ``/api/v1/events/`` over a real socket."""

from __future__ import annotations

import http.client
import json
import os
import queue
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from testsupport.sse import parse_event

PROJECT = Path(__file__).resolve().parents[1]
# The browser tests' switch-off of Django's async-safety check stays in the test process.
NOT_INHERITED = {"DJANGO_ALLOW_ASYNC_UNSAFE"}


def allow_many_connections() -> None:
    """Raise this process's open-files limit to the hard limit (servers it starts inherit it):
    thousands of streams are thousands of sockets."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def eventually(condition, timeout: float = 15) -> None:
    """Wait until ``condition()`` is true; fail the test if it is not within ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the condition did not come true in time")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def current_database_url() -> str:
    """The test database this process uses, as a DATABASE_URL for another process."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    user = quote(settings["USER"], safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{settings['NAME']}"


class AsgiServer:
    """``uvicorn config.asgi:application`` on a free port, serving the test database."""

    def __init__(self, **env: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        environment = {
            **{name: value for name, value in os.environ.items() if name not in NOT_INHERITED},
            "DATABASE_URL": current_database_url(),
            "SECRET_KEY": os.environ["SECRET_KEY"],
            # Production settings, but over plain HTTP on loopback: no TLS redirect, cookies
            # without the Secure flag (a browser would drop them on http://), static files
            # served from the source (no collectstatic).
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "STATIC_FROM_SOURCE": "true",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "LOG_LEVEL": "WARNING",
            **env,
        }
        self._environment = environment
        # stderr to a file, not a pipe nobody reads: a full pipe would block the server.
        self.log_path = Path(tempfile.mkstemp(prefix="uvicorn-", suffix=".log")[1])
        self.start()

    def start(self) -> None:
        """Start the server process (again, on the same port, after ``stop()``)."""
        with self.log_path.open("ab") as log:
            self.process = self._spawn(log)
        self._wait_until_healthy()

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--no-access-log",
            # As README's commands run it: on a stop, open event streams end after 3 s.
            "--timeout-graceful-shutdown",
            "3",
        ]

    def _spawn(self, log) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 (our own server)
            self.command(),
            cwd=PROJECT,
            env=self._environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )

    def log_text(self) -> str:
        """What the server wrote to stderr, over all its starts."""
        return self.log_path.read_text(errors="replace")

    def _wait_until_healthy(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_text()[-4000:]}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("server did not become healthy")

    def request(self, method: str, path: str, body=None, token: str | None = None):
        """(status, parsed JSON or None) of one request."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            response = conn.getresponse()
            content = response.read()
            return response.status, json.loads(content) if content else None
        finally:
            conn.close()

    def kill(self) -> None:
        """``kill -9``: no shutdown, requests in flight cut off."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        """Stop the process and delete its log (``start()`` begins a new one)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_path.unlink(missing_ok=True)


class WsgiServer(AsgiServer):
    """``gunicorn config.wsgi:application`` (one process, threads), the same way: the layout
    for everything but the event stream."""

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "config.wsgi:application",
        ]


@dataclass
class SseEvent:
    type: str
    id: str | None
    data: str

    def json(self):
        return json.loads(self.data)


class SseClient:
    """Reads a stream in a background thread; ``next()`` hands its events over in order.
    Made once the stream says ``stream-open`` (or is refused): the server listens to its
    channels from then on, where the answer's headers come before it does."""

    def __init__(
        self,
        server: AsgiServer,
        headers: dict[str, str] | None = None,
        path: str = "/api/v1/events/",
    ) -> None:
        self.path = path
        self.events: queue.Queue[SseEvent] = queue.Queue()
        self.status: int | None = None
        self.headers: http.client.HTTPMessage | None = None  # the answer's, any case
        self.body = b""
        self._opened = threading.Event()
        self._conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self._thread = threading.Thread(target=self._read, args=(headers or {},), daemon=True)
        self._thread.start()
        if not self._opened.wait(10):
            raise TimeoutError("the stream did not answer")

    def _read(self, headers: dict[str, str]) -> None:
        try:
            self._conn.request("GET", self.path, headers=headers)
            response = self._conn.getresponse()
            self.status, self.headers = response.status, response.headers
            if response.status != 200:
                self.body = response.read()
                return
            block: list[str] = []
            while line := response.fp.readline():
                line = line.decode().rstrip("\r\n")
                if line:
                    block.append(line)
                    continue
                if parsed := parse_event(block):
                    self.events.put(SseEvent(*parsed))
                    if parsed[0] == "stream-open":
                        self._opened.set()
                block = []
        except OSError:
            pass
        finally:
            self._opened.set()

    def next(self, timeout: float = 5, *, skip=("stream-open", "keep-alive")) -> SseEvent | None:
        """The next event not of a skipped type, or None if none comes within ``timeout``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self.events.get(timeout=left)
            except queue.Empty:
                return None
            if event.type not in skip:
                return event
        return None

    def ended(self, timeout: float) -> bool:
        """Whether the server ended the stream within ``timeout`` seconds."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def close(self) -> None:
        try:
            if self._conn.sock is not None:
                self._conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._conn.close()
        self._thread.join(timeout=5)
