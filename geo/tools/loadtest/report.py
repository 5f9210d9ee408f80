"""The report of a load test: its figures, its verdict, and the text it prints."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.tools.loadtest.editor import EditorLog
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
    drafts_shown: list[str] = field(default_factory=list)  # markers readers received, where and what
    editors: list[EditorLog] = field(default_factory=list)
    audit: list[str] = field(default_factory=list)  # lost writes and folder faults found after the editors

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
    def writes(self) -> int:
        """Commits over all editors."""
        return sum(len(log.writes) for log in self.editors)

    @property
    def editor_errors(self) -> list[str]:
        """What went wrong for the editors, in their order."""
        return [error for log in self.editors for error in log.errors]

    @property
    def ok(self) -> bool:
        """No errors, leaks or drafts shown, every client reran and every editor wrote, nothing lost, memory flat."""
        ran = bool(self.reruns_per_client) and min(self.reruns_per_client) > 0
        wrote = all(log.writes for log in self.editors)
        edited = wrote and not self.editor_errors and not self.audit and not self.drafts_shown
        return not self.errors and not self.leaks and ran and edited and self.rss_flat is not False

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
            *(self.editor_lines() if self.editors else []),
            f"drafts shown to readers (a rejected passage's marker in what they received): {len(self.drafts_shown)}",
            *[f"  {d}" for d in self.drafts_shown[:10]],
            self.memory_line(),
            "OK" if self.ok else "FAILED",
        ]
        return "\n".join(lines)

    def editor_lines(self) -> list[str]:
        """The editors' writes and their times, how readers were checked, what went wrong, and the folder after."""
        times = [w.seconds for log in self.editors for w in log.writes]
        drafts = sum(1 for log in self.editors for w in log.writes if w.action == "ingest")
        accepted = sum(len(log.accepted) for log in self.editors)
        kept = sum(len(k) for log in self.editors for k in log.accepted.values())
        rejected = sum(len(log.rejected) for log in self.editors)
        return [
            f"editors: {len(self.editors)}, {self.writes} writes ({self.writes / max(self.seconds, 1e-9):.1f}/s): "
            f"{drafts} drafts saved, {kept} excerpts accepted and {rejected} rejected, {accepted} sources accepted",
            f"write time: p50 {ms(percentile(times, 50))}, p95 {ms(percentile(times, 95))}, "
            f"max {ms(max(times, default=math.nan))}",
            "readers checked in what accepted sources cannot change: the link; counts only grow, maps only gain "
            "the editors' places",
            f"editor errors: {len(self.editor_errors)}",
            *[f"  {e}" for e in self.editor_errors[:10]],
            f"lost writes and folder faults after the run: {len(self.audit)}",
            *[f"  {a}" for a in self.audit[:10]],
        ]

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
