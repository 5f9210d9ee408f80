"""The report of a load test: its figures, its verdict, and the text it prints."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.tools.loadtest.plan import Plan
from geo.tools.loadtest.reference import Reference


@dataclass
class Report:
    """The figures of one load test."""

    url: str
    clients: int
    seconds: float
    views: int
    reruns_per_client: list[int]
    errors: list[str]
    leaks: list[str]
    rerun_seconds: list[float]
    load_seconds: list[float]
    reference_seconds: list[float]
    pid: int | None
    rss_start: int | None
    warm_after: float  # seconds into the run when the memory baseline was taken
    rss_warm: int | None
    rss_end: int | None
    rss_peak: int | None
    rss_tolerance: float
    # What the clients were checked against, kept so a test can reuse it.
    plan: Plan = field(repr=False)
    reference: Reference = field(repr=False)

    @property
    def reruns(self) -> int:
        """Reruns over all clients (the page loads not counted)."""
        return sum(self.reruns_per_client)

    @property
    def rss_flat(self) -> bool | None:
        """Whether the server's memory at the end stayed within the tolerance of after warm-up."""
        if self.rss_warm is None or self.rss_end is None:
            return None
        return self.rss_end <= self.rss_warm * (1 + self.rss_tolerance)

    @property
    def ok(self) -> bool:
        """No errors, no leaks, every client reran, and memory flat (or not measured)."""
        ran = bool(self.reruns_per_client) and min(self.reruns_per_client) > 0
        return not self.errors and not self.leaks and ran and self.rss_flat is not False

    def text(self) -> str:
        """The report as lines of text."""
        lines = [
            f"load test of {self.url}: {self.clients} clients for {self.seconds:.0f} s over {self.views} views",
            f"reruns: {self.reruns} ({min(self.reruns_per_client, default=0)}-"
            f"{max(self.reruns_per_client, default=0)} per client), {self.reruns / max(self.seconds, 1e-9):.1f}/s",
            f"rerun time: p50 {ms(percentile(self.rerun_seconds, 50))}, p95 {ms(percentile(self.rerun_seconds, 95))}, "
            f"max {ms(max(self.rerun_seconds, default=math.nan))}",
            f"page load: p50 {ms(percentile(self.load_seconds, 50))}, "
            f"max {ms(max(self.load_seconds, default=math.nan))}; "
            f"a lone session's rerun: p50 {ms(percentile(self.reference_seconds, 50))}",
            f"errors: {len(self.errors)}",
            *[f"  {e}" for e in self.errors[:10]],
            f"leaks (a session shown another's view): {len(self.leaks)}",
            *[f"  {leak}" for leak in self.leaks[:10]],
            self.memory_line(),
            "OK" if self.ok else "FAILED",
        ]
        return "\n".join(lines)

    def memory_line(self) -> str:
        """Server memory at start, after warm-up and at the end, and whether it stayed flat."""
        if self.rss_start is None:
            return "server memory: not measured (no pid found; pass --pid)"
        if self.rss_flat is None:
            return f"server memory: no baseline, the clients were still warming up at the end ({mib(self.rss_end)})"
        verdict = "flat" if self.rss_flat else "GREW"
        return (
            f"server RSS (pid {self.pid}): start {mib(self.rss_start)}, after warm-up ({self.warm_after:.0f} s) "
            f"{mib(self.rss_warm)}, end {mib(self.rss_end)}, peak {mib(self.rss_peak)}: {verdict} "
            f"(tolerance {self.rss_tolerance:.0%} over after warm-up)"
        )


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile, by the inclusive method (NaN for no values)."""
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


def mib(size: int | None) -> str:
    """Bytes as MiB."""
    return "n/a" if size is None else f"{size / 2**20:.0f} MiB"
