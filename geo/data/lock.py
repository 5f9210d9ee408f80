"""The lock on a data folder: one writer at a time, and no reader while a save is half made."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal

import portalocker

from geo.data.layout import HISTORY_DIR

LOCK_FILE = Path(HISTORY_DIR) / "lock"
# A save takes a fraction of a second and a load of the largest folder some seconds; waiting
# longer than this means something holds the lock and will not let go.
WAIT_SECONDS = 120.0


class FolderBusy(TimeoutError):
    """The folder's lock was not had in time."""


@contextmanager
def exclusive(data_dir: Path, timeout: float = WAIT_SECONDS) -> Iterator[None]:
    """The folder held for one writer alone; raises OSError where the lock file cannot be made."""
    path = data_dir / LOCK_FILE
    path.parent.mkdir(exist_ok=True)
    with _held(path, "a", portalocker.LockFlags.EXCLUSIVE, timeout):
        yield


@contextmanager
def shared(data_dir: Path, timeout: float = WAIT_SECONDS) -> Iterator[bool]:
    """The folder held for reading, beside other readers; yields whether a lock is held.

    A folder never saved to has no lock file, and reading one is not a reason to make it: the
    bundled data and a read-only install are read unlocked.
    """
    lock = _lock(data_dir / LOCK_FILE, "r", portalocker.LockFlags.SHARED)
    try:
        _acquire(lock, timeout)
    except (FileNotFoundError, PermissionError):
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


@contextmanager
def _held(path: Path, mode: Literal["a", "r"], flags: portalocker.LockFlags, timeout: float) -> Iterator[None]:
    """A lock of the given kind on the file, waited for up to timeout seconds."""
    lock = _lock(path, mode, flags)
    _acquire(lock, timeout)
    try:
        yield
    finally:
        lock.release()


def _lock(path: Path, mode: Literal["a", "r"], flags: portalocker.LockFlags) -> portalocker.Lock[IO[str]]:
    """A lock of the given kind on a file, not yet taken."""
    # Polled every 10 ms: a save holds the lock for a few milliseconds.
    return portalocker.Lock(path, mode, check_interval=0.01, flags=flags | portalocker.LockFlags.NON_BLOCKING)


def _acquire(lock: portalocker.Lock[IO[str]], timeout: float) -> None:
    """Take the lock, or raise FolderBusy once timeout seconds have passed; OSError if its file cannot be opened."""
    try:
        lock.acquire(timeout=timeout)
    except portalocker.LockException:
        raise FolderBusy(f"another save held the data folder for over {timeout:.0f} s") from None
