"""What a server process costs, read from /proc (Linux): memory, threads, CPU time."""

from __future__ import annotations

import os
from pathlib import Path


def rss_and_threads(pid: int) -> tuple[float, int]:
    """Resident memory in MB and the thread count of process ``pid``."""
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` and of its live descendants (gunicorn's
    workers, say), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(utime + stime for utime, stime in _times(_with_descendants(pid))) / ticks


def _stat(pid: int) -> list[str]:
    # After the ")" that ends the command name: state, ppid, ... (proc(5), fields 3 on).
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _with_descendants(pid: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (FileNotFoundError, ProcessLookupError):
                continue  # ended meanwhile
    family = [pid]
    for process in family:
        family += [child for child, parent in parents.items() if parent == process]
    return family


def _times(pids: list[int]) -> list[tuple[int, int]]:
    times = []
    for process in pids:
        try:
            fields = _stat(process)
        except (FileNotFoundError, ProcessLookupError):
            continue
        times.append((int(fields[11]), int(fields[12])))  # utime, stime (fields 14, 15)
    return times
