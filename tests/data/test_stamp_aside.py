"""A slow folder is walked again aside, its last stamp served meanwhile; a save is still seen at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import geo.data.stamp
from geo.data.stamp import SLOW_WALK_SECONDS, WALK_SPACING, Stamps
from geo.data.store import Change, commit
from tests.support.clock import Clock
from tests.support.datafolder import write_folder

EVERY = 2.0
# How long a stamp stands once a walk took as long as the `walks` fixture's do.
STANDS = max(EVERY, WALK_SPACING * 2 * SLOW_WALK_SECONDS) + 0.01


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small data folder never saved to."""
    return write_folder(tmp_path / "data")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> list[Path]:
    """The folders walked, in order; each walk takes the clock past a slow walk's time, as a large folder's does."""
    walked: list[Path] = []
    real = geo.data.stamp.stamped_files

    def slow(data_dir: Path):  # type: ignore[no-untyped-def]
        walked.append(data_dir)
        clock.now += 2 * SLOW_WALK_SECONDS
        return real(data_dir)

    monkeypatch.setattr(geo.data.stamp, "stamped_files", slow)
    return walked


def edit_by_hand(root: Path) -> None:
    """Change a file the stamp covers, as an editor outside the app would."""
    (root / "places.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")


def test_an_edit_by_hand_is_walked_aside_and_the_last_stamp_served_meanwhile(
    root: Path, clock: Clock, walks: list[Path]
) -> None:
    started: list[Callable[[], None]] = []
    stamps = Stamps(every=EVERY, clock=clock, start=started.append)
    before = stamps.of(root)
    edit_by_hand(root)
    clock.now += STANDS
    assert [stamps.of(root), stamps.of(root)] == [before, before]
    assert len(started) == 1 and walks == [root], "one walk aside at a time, not yet made"
    started[0]()
    assert stamps.of(root) != before
    assert walks == [root, root]


def test_a_save_is_seen_at_once_while_a_walk_aside_is_under_way(root: Path, clock: Clock, walks: list[Path]) -> None:
    started: list[Callable[[], None]] = []
    stamps = Stamps(every=EVERY, clock=clock, start=started.append)
    before = stamps.of(root)
    clock.now += STANDS
    assert stamps.of(root) == before and len(started) == 1
    commit(root, [Change("places.geojson", "{}")], action="edit", by="me", subject="places")
    saved = stamps.of(root)
    assert saved != before, "the save's walk is made at once, not aside"
    started[0]()  # the walk begun before the save ends after it, and must not replace its stamp
    assert stamps.of(root) == saved


def test_a_quick_folder_is_walked_again_at_once(root: Path, clock: Clock) -> None:
    started: list[Callable[[], None]] = []
    stamps = Stamps(every=EVERY, clock=clock, start=started.append)
    before = stamps.of(root)
    edit_by_hand(root)
    clock.now += STANDS
    assert stamps.of(root) != before
    assert started == []


def test_the_walk_aside_runs_on_a_thread_of_its_own(root: Path, clock: Clock, walks: list[Path]) -> None:
    stamps = Stamps(every=EVERY, clock=clock)
    before = stamps.of(root)
    edit_by_hand(root)
    clock.now += STANDS
    assert stamps.of(root) == before
    for thread in threading.enumerate():
        if thread.name == "stamp":
            thread.join(timeout=30)
    assert stamps.of(root) != before
