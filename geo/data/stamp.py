"""A data folder's stamp: a short digest of its files, walked seldom, and the marker every save rewrites."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.data.layout import SAVED_MARKER, stamped_files

# How stale a stamp may be after an edit made by hand, outside any save. A save is seen at once:
# it rewrites the marker, which is looked at on every call.
RESTAMP_SECONDS = 2.0
# A folder whose walk takes long is walked for edits by hand this many times its walk's length
# apart, at the least: at 40,000 files a walk every 2 s kept a fifth of a core busy.
WALK_SPACING = 20
# A walk that took longer than this is made again on a thread of its own, for edits by hand.
SLOW_WALK_SECONDS = 0.1

Marker = bytes | None


def marker(data_dir: Path) -> Marker:
    """The token the last save wrote in the marker, drawn afresh by every save; None before the first save."""
    # Read, not stat'ed: where the clock ticks coarsely, a save's marker has the times of the one
    # before, and the inode the save before that freed (ext4 hands two inodes back in turn).
    try:
        return (data_dir / SAVED_MARKER).read_bytes()
    except OSError:  # none yet, or a folder that cannot be read, which its load will say
        return None


def mark_saved(data_dir: Path) -> None:
    """Rewrite the save marker, so that every reader of the folder, in any process, stamps it again."""
    path = data_dir / SAVED_MARKER
    # Named as a save stages its files, so that one left by a crash is cleared as theirs are.
    staged = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # Not written out to the disk: after a power cut a marker lost or stale only costs a walk.
    staged.write_text(secrets.token_hex(8), encoding="ascii")
    os.replace(staged, path)


def digest(data_dir: Path, saved: Marker) -> str:
    """A short hex digest of the save marker and of every file the map reads: its name, size and modification time."""
    hasher = hashlib.blake2b(repr(saved).encode("ascii"), digest_size=16)
    # No name holds a NUL, so the names and the numbers after them cannot run into one another.
    hasher.update(
        "".join(f"{name}\0{size} {mtime}\0" for name, size, mtime in sorted(stamped_files(data_dir))).encode()
    )
    return hasher.hexdigest()


@dataclass(frozen=True)
class _Stamped:
    """A folder's digest, the marker it was walked under, when the walk ended and how long it took."""

    saved: Marker
    at: float
    digest: str
    took: float


def _on_a_thread(work: Callable[[], None]) -> None:
    """Run some work on a daemon thread, which a stopping process does not wait for."""
    threading.Thread(target=work, name="stamp", daemon=True).start()


class Stamps:
    """Data folders' stamps in one process: walked again once a save's marker changes, or every few seconds.

    A walk for a save is made at once, by the call that sees the marker changed. A walk only for
    edits by hand, once the interval has passed, is made at once too where the folder's last
    walk was quick; where it was slow (a second at 40,000 files on a busy machine), it is made
    on a thread of its own (`start`), and the calls meanwhile are answered with the last stamp,
    rather than the next request after the interval waiting for it.
    """

    def __init__(
        self,
        every: float = RESTAMP_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        start: Callable[[Callable[[], None]], None] = _on_a_thread,
    ) -> None:
        self.every = every
        self.clock = clock
        self.start = start
        self._stamped: dict[Path, _Stamped] = {}
        self._aside: set[Path] = set()  # the folders being walked on a thread of their own
        # One walk at a time: threads that ask meanwhile wait for it rather than walk as well.
        self._lock = threading.Lock()

    def of(self, data_dir: Path) -> str:
        """The folder's digest: its files as of the last save, and of the last few seconds for edits by hand."""
        with self._lock:
            # The marker is read before the walk: a save made during the walk changes it again,
            # so the next call walks once more rather than keep what this walk half saw.
            saved = marker(data_dir)
            known = self._stamped.get(data_dir)
            if known is not None and known.saved == saved and self.clock() - known.at < self._interval(known):
                return known.digest
            if known is None or known.saved != saved or known.took < SLOW_WALK_SECONDS:
                return self._walk(data_dir, saved).digest
            if data_dir in self._aside:
                return known.digest
            self._aside.add(data_dir)
        self.start(lambda: self._walk_aside(data_dir, saved))
        return known.digest

    def _interval(self, known: _Stamped) -> float:
        """How long a folder's stamp stands for edits by hand: a few seconds, longer for a folder slow to walk."""
        return max(self.every, WALK_SPACING * known.took)

    def _walk(self, data_dir: Path, saved: Marker) -> _Stamped:
        """Walk the folder and keep its stamp (the lock held)."""
        began = self.clock()
        made = digest(data_dir, saved)
        # Timed from the walk's end: on a machine so busy that a walk outlasts the interval,
        # timed from its start every call would walk again.
        ended = self.clock()
        known = self._stamped[data_dir] = _Stamped(saved, ended, made, ended - began)
        return known

    def _walk_aside(self, data_dir: Path, saved: Marker) -> None:
        """Walk the folder on this thread, the lock free meanwhile, and keep its stamp unless a save came first."""
        try:
            began = self.clock()
            made = digest(data_dir, saved)
            ended = self.clock()
            with self._lock:
                # A save seen meanwhile was stamped at once by a walk of its own, newer than this one.
                if self._stamped[data_dir].saved == saved:
                    self._stamped[data_dir] = _Stamped(saved, ended, made, ended - began)
        finally:
            with self._lock:
                self._aside.discard(data_dir)
