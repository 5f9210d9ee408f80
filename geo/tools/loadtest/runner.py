"""The whole test: the reference recorded, the clients run at once while memory is sampled, the report."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from geo.tools.loadtest.audit import audit
from geo.tools.loadtest.client import Client, Tally
from geo.tools.loadtest.editor import EditorLog
from geo.tools.loadtest.editors import Editors, count_problems, editors_places
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.memory import MemorySamples, server_pid
from geo.tools.loadtest.reference import Reference, build_reference
from geo.tools.loadtest.report import Report
from geo.tools.loadtest.session import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """How a load test runs, beyond its size: the plan's size, time limits and tolerances."""

    filters: int = 6  # filter settings in the plan, the first being none
    places: int = 4  # places to open under each, the first being none
    # Seconds before the memory baseline, which also waits for every client's first rerun;
    # default a quarter of the run, at most 15.
    warmup: float | None = None
    timeout: float = 30.0  # the longest a run may take before it counts as an error
    max_reruns: int = 100_000  # per client, so a very fast app still ends
    rss_tolerance: float = 0.10  # growth over the after-warm-up RSS still called flat
    editor_places: int = 12  # the folder's places, first by id, that editors' articles name


async def run_load_async(
    url: str,
    clients: int = 25,
    seconds: float = 60.0,
    seed: int = 0,
    pid: int | None = None,
    settings: Settings = Settings(),
    editors: int = 0,
    data: Path | None = None,
) -> Report:
    """Record the plan's views alone, then run the clients (and editors, writing in data) for `seconds`; sample RSS."""
    if editors and data is None:
        raise LoadTestError("editors write in the folder the server serves: name it")
    folder = data if editors else None  # the folder the editors write in, if there are any
    places = editors_places(folder, settings.editor_places) if folder is not None else ()
    pid = pid if pid is not None else server_pid(url)
    memory = MemorySamples(pid)
    memory.take()
    plan, reference = await build_reference(
        url, random.Random(seed), settings.filters, settings.places, settings.timeout
    )
    if folder is not None:
        reference = replace(reference, added_places=frozenset(places))
    tally = Tally()
    team = [
        Client(i, url, plan, reference, tally, random.Random(f"{seed}-{i}"), settings.timeout) for i in range(clients)
    ]
    writers = Editors(folder, editors, places, seconds, seed) if folder is not None else None
    logs: list[EditorLog] = []
    sampler = None
    try:
        if writers is not None:
            await writers.start()
        sampler = asyncio.create_task(memory.every(1.0))
        started = time.monotonic()
        until = started + seconds
        # A bound on the whole: each client's last run may start just before the deadline.
        bound = seconds + 2 * settings.timeout + 30
        async with asyncio.timeout(bound):
            reading = asyncio.gather(*(client.drive(until, settings.max_reruns) for client in team))
            if writers is not None:
                logs = await writers.logs(bound)
            await reading
    finally:
        memory.take()
        if sampler is not None:
            sampler.cancel()
        if writers is not None:
            writers.stop()
    ended = time.monotonic()
    problems = await _after_editors(url, folder, logs, reference, settings.timeout) if folder is not None else []
    warm_at = warmed_up(started, seconds, settings.warmup, tally.first_rerun_at, clients)
    return Report(
        url=url,
        clients=clients,
        seconds=ended - started,
        views=len(plan.views()),
        reruns_per_client=[tally.reruns.get(i, 0) for i in range(clients)],
        errors=tally.errors,
        leaks=tally.leaks,
        rerun_seconds=tally.rerun_seconds,
        load_seconds=tally.load_seconds,
        reference_seconds=reference.seconds,
        pid=pid,
        rss_start=memory.samples[0][1] if memory.samples else None,
        warm_after=warm_at - started,
        rss_warm=memory.at(warm_at) if warm_at < until else None,
        rss_end=memory.last(until),
        rss_peak=max((rss for _, rss in memory.samples), default=None),
        rss_tolerance=settings.rss_tolerance,
        plan=plan,
        reference=reference,
        drafts_shown=tally.drafts_shown,
        editors=logs,
        audit=problems,
    )


async def _after_editors(
    url: str, data: Path, logs: list[EditorLog], reference: Reference, timeout: float
) -> list[str]:
    """Lost writes and folder faults, and whether a reader's page now counts every excerpt accepted."""
    problems = await asyncio.to_thread(audit, data, logs)
    session = Session(url, timeout=timeout)
    await session.open()
    try:
        after = await session.load()
    finally:
        await session.close()
    problems += [f"a reader's page after the run received {m}" for m in after.markers]
    if after.problems:
        return problems + [f"a reader's page after the run fails: {'; '.join(after.problems)}"]
    return problems + count_problems(reference.load, after.fingerprint, logs)


def warmed_up(
    started: float, seconds: float, warmup: float | None, first_rerun_at: dict[int, float], clients: int
) -> float:
    """When the memory baseline is taken: after the warm-up time and every client's first rerun."""
    at = started + (warmup if warmup is not None else min(15.0, seconds / 4))
    # Under heavy load the page loads alone can take longer than the warm-up time.
    if len(first_rerun_at) == clients:
        at = max(at, *first_rerun_at.values())
    return at


def run_load(url: str, **options: Any) -> Report:
    """Run the load test against an app's address and return its report (options as run_load_async takes them)."""
    return run_async(lambda: run_load_async(url, **options))


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end on a loop of its own thread."""
    # asyncio.run refuses to start where a loop is already running in the calling thread, as
    # Playwright's sync API leaves one for the rest of a test session, or a notebook does.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loadtest") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()
