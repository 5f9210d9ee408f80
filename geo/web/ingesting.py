"""Reading an article into a draft in a worker process, so that the server goes on serving readers meanwhile.

Ingest is pure Python and holds the interpreter's lock while it works: run on a page's script
thread, a long article held every other session's reruns and the pop-up route up with it. One
worker process reads one article at a time; it loads the data folder and builds the gazetteer
once per version of the folder, rather than being sent them with each article. Its progress
comes back over a queue, which a thread of this process reads into each job's latest step.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.queues
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.ingest.draft import Draft, IngestError, Metadata
from geo.ingest.geonames_index import index_file, index_stamp
from geo.web.cache import Folder

# How often a page asks how its job is going.
POLL_SECONDS = 0.2
# What a job waits on while the worker loads a folder, whether for it or for an editor's warming.
LOADING = "Loading the places and building the gazetteer…"


class IngestFailed(RuntimeError):
    """The worker failed for a reason not in the article: a crash, or a fault in ingest itself."""


@dataclass
class Job:
    """An article being read: its future draft and the last step the worker reported."""

    id: int
    future: Future[Draft]
    latest: tuple[float, str] = (0.0, "Waiting for the reader…")
    on_crash: Callable[[], None] = lambda: None  # what to do when the worker has died
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def progress(self) -> tuple[float, str]:
        """How far the reading has gone (0 to 1), and what it is doing."""
        with self._lock:
            return self.latest

    def report(self, fraction: float, step: str) -> None:
        """Keep a step the worker reported, never going back."""
        with self._lock:
            if fraction >= self.latest[0]:
                self.latest = (fraction, step)

    def done(self) -> bool:
        """Whether the draft is ready, or the reading has failed."""
        return self.future.done()

    def result(self) -> Draft:
        """The draft; IngestError for a fault in the article, IngestFailed for any other failure."""
        try:
            return self.future.result()
        except IngestError:
            raise
        except BrokenProcessPool:
            self.on_crash()
            raise IngestFailed("the reader stopped before it finished (out of memory?); try again") from None
        except Exception as error:  # a fault in ingest: said in a line, never shown as a traceback
            raise IngestFailed(f"ingest failed: {type(error).__name__}: {error}") from None


def follow(job: Job, show: Callable[[float, str], object], *, every: float = POLL_SECONDS) -> Draft:
    """Wait for a job, showing its progress as it changes, and return its draft."""
    shown = None
    while True:
        now = job.progress()
        if now != shown:
            show(*now)
            shown = now
        if job.done():
            made = job.result()
            if now[0] < 1.0:  # the worker's last steps may still be on their way
                show(1.0, f"Read: {len(made.excerpts):,} excerpts")
            return made
        time.sleep(every)


def start(data_dir: str, version: Any, text: str, meta: Metadata) -> Job:
    """Start reading an article against a data folder, as of a version (its files' stamp)."""
    pool = _Pool.shared()
    try:
        return pool.submit(data_dir, version, text, meta)
    except BrokenProcessPool:  # its worker died since its last job, warming perhaps: start another
        pool.broken()
        return _Pool.shared().submit(data_dir, version, text, meta)


def start_reading(folder: Folder, text: str, meta: Metadata) -> Job:
    """Start reading an article against the page's data folder, as its caches know it."""
    return start(folder.path, _version(folder), text, meta)


def warm_up(data_dir: str, version: Any) -> Future[None]:
    """Have the worker load a data folder, as of a version, and build its gazetteer; asked twice, done once."""
    return _Pool.shared().warm(data_dir, version)


def warm(folder: Folder) -> None:
    """Ready the worker for the page's data folder, as its caches know it, unless it has begun to."""
    # For an editor opening the Add article page: the gazetteer takes 10-25 s to build at
    # scale, which the first article pasted after a server start would otherwise wait for.
    warm_up(folder.path, _version(folder))


def _version(folder: Folder) -> Any:
    """The version of a folder the worker loads once: its files' stamp and its GeoNames index's."""
    # The folder's stamp leaves out its GeoNames index, whose own stamp keys the gazetteer too.
    return (folder.stamp, index_stamp(index_file(Path(folder.path))))


class _Pool:
    """The worker process, the queue its progress comes back on, and the jobs under way."""

    _made: _Pool | None = None
    _making = threading.Lock()

    def __init__(self) -> None:
        # Spawned, not forked: a fork of a server running threads may copy a lock while held.
        context = multiprocessing.get_context("spawn")
        self.updates: multiprocessing.queues.Queue[Any] = context.Queue()
        self.executor = ProcessPoolExecutor(1, mp_context=context, initializer=_begin, initargs=(self.updates,))
        with _no_main_module():
            self.executor.submit(_ready)  # the worker starts now, without the page's script
        self.jobs: dict[int, Job] = {}
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()
        self.warmed: tuple[str, Any] | None = None  # the folder last warmed, and its loading
        self.warming: Future[None] | None = None
        threading.Thread(target=self._listen, name="ingest-progress", daemon=True).start()

    @classmethod
    def shared(cls) -> _Pool:
        """The one pool of the process, made on first use."""
        with cls._making:
            if cls._made is None:
                cls._made = cls()
            return cls._made

    def broken(self) -> None:
        """Forget a pool whose worker died, so that the next article starts a new one."""
        with _Pool._making:
            if _Pool._made is self:
                _Pool._made = None
        self.executor.shutdown(wait=False, cancel_futures=True)

    def submit(self, data_dir: str, version: Any, text: str, meta: Metadata) -> Job:
        """A job reading one article in the worker."""
        with self.lock:
            number = next(self.numbers)
            future = self.executor.submit(_read, number, data_dir, version, text, meta)
            job = self.jobs[number] = Job(number, future, on_crash=self.broken)
            if self.warming is not None and not self.warming.done() and self.warmed == (data_dir, version):
                job.latest = (0.0, LOADING)  # queued behind the warming, which is this very loading
        future.add_done_callback(lambda _: self._forget(number))
        return job

    def warm(self, data_dir: str, version: Any) -> Future[None]:
        """The worker loading a version of a folder, begun once: the next article read against it waits for nothing."""
        with self.lock:
            if self.warming is not None and self.warmed == (data_dir, version) and not _crashed(self.warming):
                return self.warming
            try:
                self.warming = self.executor.submit(_warm, data_dir, version)
            except BrokenProcessPool:
                self.warming = None
            else:
                self.warmed = (data_dir, version)
                return self.warming
        self.broken()
        return _Pool.shared().warm(data_dir, version)  # in a worker started afresh

    def _forget(self, number: int) -> None:
        with self.lock:
            self.jobs.pop(number, None)

    def _listen(self) -> None:
        """Hand each step the worker reports to its job, for as long as the process runs."""
        while True:
            try:
                number, fraction, step = self.updates.get()
            except (EOFError, OSError, ValueError):
                return
            with self.lock:
                job = self.jobs.get(number)
            if job is not None:
                job.report(fraction, step)


def _crashed(future: Future[Any]) -> bool:
    """Whether a job ended with its worker dying, or was cancelled as its pool was given up."""
    return future.cancelled() or (future.done() and isinstance(future.exception(), BrokenProcessPool))


@contextmanager
def _no_main_module() -> Iterator[None]:
    """No main module for a worker started meanwhile to run again.

    A spawned worker first runs the parent's main module, which on a Streamlit server is the
    page's script: it would draw the whole app in the worker. Swapped for a moment, while the
    worker's process is launched; the scripts running meanwhile hold their own globals.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _ready() -> None:
    """Nothing: a first job, to start the worker."""


# In the worker process: the queue to report on, and the folder last loaded with its gazetteer.
_updates: multiprocessing.queues.Queue[Any] | None = None
_loaded: dict[tuple[str, Any], tuple[Any, Any]] = {}


def _begin(updates: multiprocessing.queues.Queue[Any]) -> None:
    """Start a worker: keep the queue its jobs report on."""
    global _updates
    _updates = updates


def _warm(data_dir: str, version: Any) -> None:
    """Load a folder and build its gazetteer, reporting to nobody; a fault waits for the first article."""
    with suppress(Exception):  # the article read next meets the fault again, and says it in words
        _folder(data_dir, version, lambda fraction, step: None)


def _read(number: int, data_dir: str, version: Any, text: str, meta: Metadata) -> Draft:
    """Read an article in the worker, reporting each step on the queue."""
    from geo.ingest.draft import draft

    def report(fraction: float, step: str) -> None:
        if _updates is not None:
            _updates.put((number, fraction, step))

    atlas, gazetteer = _folder(data_dir, version, report)
    return draft(text, meta, gazetteer, atlas.places, progress=report)


def _folder(data_dir: str, version: Any, report: Callable[[float, str], None]) -> tuple[Any, Any]:
    """The data folder's atlas and gazetteer, loaded once per version of the folder."""
    from geo.data.load import load_atlas
    from geo.ingest.gazetteer import gazetteer_for

    key = (data_dir, version)
    if key not in _loaded:
        report(0.0, LOADING)
        atlas = load_atlas(Path(data_dir), sources_optional=True)
        _loaded.clear()  # one folder at a time is all a worker needs
        _loaded[key] = (atlas, gazetteer_for(atlas, Path(data_dir)))
    return _loaded[key]
