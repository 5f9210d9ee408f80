"""A clock for the folder's stamps that moves only when a test moves it."""

from __future__ import annotations


class Clock:
    """A monotonic clock that moves only when a test (or a walk it stands in for) moves it."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now
