"""The server's memory: its process found by the port it listens on, and its RSS sampled over time."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import psutil


def listening_pid(port: int) -> int | None:
    """The process listening on a TCP port of this machine."""
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr and connection.laddr.port == port:
            return connection.pid
    return None


def server_pid(url: str) -> int | None:
    """The process serving a loopback address; none for another machine's."""
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return None
    return listening_pid(parts.port or (443 if parts.scheme == "https" else 80))


def rss_bytes(pid: int) -> int | None:
    """A process's resident memory (None once it is gone, or not ours to look at)."""
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return None


@dataclass
class MemorySamples:
    """RSS samples of the server, each with the time it was taken."""

    pid: int | None
    samples: list[tuple[float, int]] = field(default_factory=list)

    def take(self) -> None:
        """One sample now."""
        if self.pid is not None and (rss := rss_bytes(self.pid)) is not None:
            self.samples.append((time.monotonic(), rss))

    async def every(self, interval: float) -> None:
        """Sample until cancelled."""
        while True:
            self.take()
            await asyncio.sleep(interval)

    def at(self, moment: float) -> int | None:
        """The first sample taken at or after a moment (else the last)."""
        later = [rss for at, rss in self.samples if at >= moment]
        return later[0] if later else self.last(moment)

    def last(self, moment: float = math.inf) -> int | None:
        """The last sample taken at or before a moment."""
        earlier = [rss for at, rss in self.samples if at <= moment]
        return earlier[-1] if earlier else None
