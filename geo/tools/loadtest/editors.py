"""The editors of a load test: the folder they write in, the places they name, their processes, the count after."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Sequence
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from queue import Empty
from typing import TypeVar

from geo.core.settings import BUNDLED_DATA
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.ingest.gazetteer import gazetteer_for
from geo.tools.loadtest.article import place_pool
from geo.tools.loadtest.editor import EditorJob, EditorLog, edit
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.view import Fingerprint

COUNT_LABEL = "Excerpts"  # the sidebar's count of the excerpts in view
READY_SECONDS = 120.0  # for an editor's process to start, import and read the folder
STOP_SECONDS = 10.0

T = TypeVar("T")


def editors_places(data: Path, size: int) -> tuple[str, ...]:
    """The places editors' articles name: the folder's that each passage drafts as naming them alone."""
    if data.resolve() == BUNDLED_DATA.resolve():
        raise LoadTestError(f"editors would add their articles to the bundled {data}: serve a copy of it")
    try:
        atlas = load_atlas(data, sources_optional=True)
    except DataError as error:
        raise LoadTestError(f"{data} does not load, so editors cannot write in it:\n{error}") from None
    places = place_pool(atlas.places, gazetteer_for(atlas), size)
    if len(places) < 2:
        raise LoadTestError(f"{data} has fewer than two places an article can name unmistakably")
    return places


class Editors:
    """Editor processes, each reading the folder, then let go together with the readers."""

    def __init__(self, data: Path, count: int, places: tuple[str, ...], seconds: float, seed: int) -> None:
        # Processes, not threads: drafting an article is Python work, which on a thread would hold
        # the interpreter lock the readers' event loop needs, and slow the very figures measured.
        # Spawned, for the event loop's threads make forking this process unsafe.
        context = multiprocessing.get_context("spawn")
        self._ready: Queue[int] = context.Queue()
        self._go = context.Event()
        self._logs: Queue[EditorLog] = context.Queue()
        self._processes = [
            context.Process(
                target=_editor_main,
                args=(EditorJob(i, data, places, seconds, seed), self._ready, self._go, self._logs),
                name=f"loadtest-editor-{i}",
            )
            for i in range(count)
        ]

    async def start(self) -> None:
        """Start every editor, wait until each has read the folder, and let them all write."""
        for process in self._processes:
            process.start()
        await self._collect(self._ready, READY_SECONDS, "read the folder")
        self._go.set()

    async def logs(self, timeout: float) -> list[EditorLog]:
        """Every editor's log, by number, once each has stopped."""
        logs = await self._collect(self._logs, timeout, "finished")
        return sorted(logs, key=lambda log: log.index)

    async def _collect(self, queue: Queue[T], timeout: float, done: str) -> list[T]:
        """One item from each editor, polled so that a process that ended without sending its item is noticed."""
        items: list[T] = []
        deadline = time.monotonic() + timeout
        while len(items) < len(self._processes):
            ended = [p for p in self._processes if p.exitcode is not None]
            # An item sent just before its process ended may still be on its way: wait a little longer for it.
            wait = 5.0 if len(ended) > len(items) else 1.0
            try:
                items.append(await asyncio.to_thread(queue.get, True, wait))
                continue
            except Empty:
                pass
            if len(ended) > len(items):
                codes = ", ".join(f"{p.name} with exit code {p.exitcode}" for p in ended)
                raise LoadTestError(f"an editor's process ended before it {done}: {codes}")
            if time.monotonic() >= deadline:
                raise LoadTestError(f"the editors had not all {done} within {timeout:.0f} s")
        return items

    def stop(self) -> None:
        """Wait for the editors' processes to end; end any that will not, or that were never let go."""
        # One never let go has written nothing: it may be ended at once.
        patience = STOP_SECONDS if self._go.is_set() else 0.0
        for process in self._processes:
            if process.pid is None:
                continue
            process.join(patience)
            if process.is_alive():
                process.terminate()
                process.join()


def _editor_main(job: EditorJob, ready: Queue[int], go: Event, logs: Queue[EditorLog]) -> None:
    """An editor's process: say when it has read the folder, wait to be let go, then edit and send its log."""

    def wait_for_go() -> None:
        ready.put(job.index)
        if not go.wait(READY_SECONDS):
            raise LoadTestError("the load test never let this editor begin")

    logs.put(edit(job, wait_for_go))


def excerpt_count(seen: Fingerprint) -> int | None:
    """The count of excerpts in view a run showed, if it showed one."""
    for label, value in seen.metrics:
        if label == COUNT_LABEL:
            try:
                return int(value.replace(",", ""))
            except ValueError:
                return None
    return None


def count_problems(before: Fingerprint, after: Fingerprint, logs: Sequence[EditorLog]) -> list[str]:
    """Unless a reader's first page after the run counts the excerpts before it and every one accepted."""
    accepted = sum(len(kept) for log in logs for kept in log.accepted.values())
    counted, counted_before = excerpt_count(after), excerpt_count(before)
    if counted is None or counted_before is None:
        return [f"a reader's page shows no count of {COUNT_LABEL}"]
    if counted != counted_before + accepted:
        return [
            f"a reader's page after the run counts {counted} excerpts, not the {counted_before} before and "
            f"{accepted} accepted: is the folder the editors wrote in the one the server serves?"
        ]
    return []
