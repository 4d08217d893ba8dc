"""Throwaway servers on loopback for tests and the soak run: Redis, and a PostgreSQL cluster of
its own that can be stopped and started without touching the machine's."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from testsupport.live_server import free_port


class RedisServer:
    """``redis-server`` on a free port, nothing saved to disk."""

    def __init__(self) -> None:
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        """Start it (again, on the same port, after ``stop()``)."""
        self.process = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],  # noqa: S607
            stdout=subprocess.DEVNULL,
        )
        _wait_for_port(self.port)

    def stop(self) -> None:
        """Stop it; its clients' connections are cut, as in a restart or a failover."""
        self.process.terminate()
        self.process.wait(timeout=10)


class PostgresCluster:
    """A new PostgreSQL cluster in a temporary folder, on a free loopback port, trusting
    local connections; Debian's server binaries. Run as root, it runs as ``postgres``."""

    def __init__(self, database: str = "tableorder") -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_version)
        if not versions:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = versions[-1].parent
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="soak-postgres-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgresql.log"
        self._owner = "postgres" if os.geteuid() == 0 else None
        if self._owner:
            account = pwd.getpwnam(self._owner)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", database)
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "start")

    def stop(self) -> None:
        """A fast shutdown: open connections are cut, as in a crash or a failover."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *arguments) -> None:
        command = [str(self.bin / program), *map(str, arguments)]
        if self._owner:
            command = ["runuser", "-u", self._owner, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=self.folder)  # noqa: S603


def _version(pg_ctl: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in pg_ctl.parents[1].name.split(".") if part.isdigit())


def _wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")
