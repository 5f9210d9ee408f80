"""A data folder's stamp: a short digest, walked for once in a while, and a save seen at once by any process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

import geo.data.stamp
import geo.data.store
from geo.data.layout import SAVED_MARKER
from geo.data.load import check_data
from geo.data.stamp import WALK_SPACING, Stamps, digest, mark_saved, marker
from geo.data.store import Change, commit
from tests.support.clock import Clock
from tests.support.datafolder import write_folder

REPO = Path(__file__).resolve().parents[2]
# A save made by another process, as the command line makes one.
SAVE = """
import sys
from pathlib import Path
from geo.data.store import Change, commit
commit(Path(sys.argv[1]), [Change("sources/added.txt", "x\\n")], action="ingest", by="cli", subject="added")
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small data folder never saved to."""
    return write_folder(tmp_path / "data")


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders walked, in order, from here on."""
    walked: list[Path] = []
    real = geo.data.stamp.stamped_files

    def counted(data_dir: Path):  # type: ignore[no-untyped-def]
        walked.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(geo.data.stamp, "stamped_files", counted)
    return walked


def test_the_stamp_is_a_short_hex_digest(root: Path) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", Stamps().of(root))


def test_between_walks_the_folder_is_not_walked_again(root: Path, walks: list[Path]) -> None:
    clock = Clock()
    stamps = Stamps(every=2.0, clock=clock)
    first = stamps.of(root)
    clock.now += 1.9
    assert {stamps.of(root) for _ in range(5)} == {first}
    assert walks == [root]


def test_a_save_by_the_store_is_seen_at_once(root: Path) -> None:
    stamps = Stamps(clock=Clock())  # the clock never moves: only the save can tell
    before = stamps.of(root)
    commit(root, [Change("sources/added.txt", "x\n")], action="ingest", by="me", subject="added")
    assert stamps.of(root) != before


def test_a_save_by_another_process_is_seen_at_once(root: Path) -> None:
    stamps = Stamps(clock=Clock())
    before = stamps.of(root)
    subprocess.run([sys.executable, "-c", SAVE, str(root)], cwd=REPO, check=True, timeout=60)
    assert (root / "sources" / "added.txt").exists()
    assert stamps.of(root) != before


def test_a_save_is_seen_even_where_it_leaves_every_files_stamp_as_it_was(root: Path) -> None:
    # As on a file system whose clock ticks coarsely: the file is rewritten with its size and time kept.
    article = root / "sources" / "test-source.txt"
    text, stat = article.read_text(encoding="utf-8"), article.stat()
    stamps = Stamps(clock=Clock())
    before = stamps.of(root)
    commit(root, [Change("sources/test-source.txt", text.upper())], action="edit", by="me", subject="test-source")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert stamps.of(root) != before


def test_an_edit_by_hand_is_seen_once_the_interval_has_passed(root: Path, walks: list[Path]) -> None:
    clock = Clock()
    stamps = Stamps(every=2.0, clock=clock)
    before = stamps.of(root)
    (root / "places.geojson").write_text("{}", encoding="utf-8")
    clock.now += 2.0
    assert stamps.of(root) != before
    assert walks == [root, root]


def test_a_folder_slow_to_walk_is_walked_for_edits_by_hand_less_often(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    real = geo.data.stamp.stamped_files
    walked: list[float] = []

    def slow(data_dir: Path):  # type: ignore[no-untyped-def]
        walked.append(clock.now)
        clock.now += 0.5  # each walk takes half a second
        return real(data_dir)

    monkeypatch.setattr(geo.data.stamp, "stamped_files", slow)
    stamps = Stamps(every=2.0, clock=clock, start=lambda work: work())
    before = stamps.of(root)
    (root / "places.geojson").write_text("{}", encoding="utf-8")
    clock.now += WALK_SPACING * 0.5 - 0.1
    assert stamps.of(root) == before and len(walked) == 1, "a walk's twenty lengths have not passed"
    clock.now += 0.1
    stamps.of(root)  # walked, on the thread a slow walk is given
    assert stamps.of(root) != before and len(walked) == 2


def test_folders_are_stamped_apart(tmp_path: Path) -> None:
    stamps = Stamps(clock=Clock())
    one, other = write_folder(tmp_path / "one"), write_folder(tmp_path / "other")
    befores = stamps.of(one), stamps.of(other)
    commit(other, [Change("places.geojson", "{}")], action="edit", by="me", subject="places")
    assert stamps.of(one) == befores[0]
    assert stamps.of(other) != befores[1]


def test_callers_at_once_wait_for_one_walk(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[Path] = []
    real = geo.data.stamp.stamped_files

    def slow(data_dir: Path):  # type: ignore[no-untyped-def]
        walked.append(data_dir)
        time.sleep(0.05)  # long enough for every caller to arrive during the walk
        return real(data_dir)

    monkeypatch.setattr(geo.data.stamp, "stamped_files", slow)
    stamps = Stamps(clock=Clock())
    start = threading.Barrier(4)
    seen: list[str] = []

    def call() -> None:
        start.wait()
        seen.append(stamps.of(root))

    callers = [threading.Thread(target=call) for _ in range(4)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(10)
    assert walked == [root] and len(seen) == 4 and len(set(seen)) == 1


def _write(path: str, text: str = "new") -> Callable[[Path], object]:
    """An edit that writes a file of the folder."""

    def edit(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    return edit


def _saved(root: Path) -> None:
    """The marker a save rewrites, in the history a save makes."""
    (root / "history").mkdir(exist_ok=True)
    mark_saved(root)


def _retime(root: Path) -> None:
    """Move a file's modification time, leaving its bytes."""
    path = root / "places.geojson"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))


@pytest.mark.parametrize(
    ("edit", "changes"),
    [
        (_write("places.geojson", "{}"), True),
        (_write("sources/another.yaml"), True),
        (_write("boundaries/syria-governorates.geojson"), True),
        (lambda root: (root / "sources" / "test-source.txt").unlink(), True),
        (lambda root: (root / "sources" / "test-source.txt").rename(root / "sources" / "renamed.txt"), True),
        (_retime, True),
        (_saved, True),
        (_write("sources/.test-source.yaml.0123abcd.tmp"), False),
        (_write(".places.geojson.89abcdef.tmp"), False),
        (_write("history/entries/one.json"), False),
        (_write("gazetteer/geonames.sqlite"), False),
    ],
    ids=[
        "a file rewritten",
        "a file added",
        "a file in a folder of its own",
        "a file removed",
        "a file renamed",
        "a file's time alone",
        "a save's marker",
        "a save's staged file",
        "a staged file at the top",
        "the history",
        "the gazetteer's index",
    ],
)
def test_what_changes_the_digest(root: Path, edit: Callable[[Path], object], changes: bool) -> None:
    before = digest(root, marker(root))
    edit(root)
    assert (digest(root, marker(root)) != before) is changes


def test_every_save_changes_the_marker_however_soon_after_the_last(root: Path) -> None:
    assert marker(root) is None, "a folder never saved to has no marker"
    (root / "history").mkdir()
    seen = set()
    for _ in range(5):
        mark_saved(root)
        seen.add(marker(root))
    assert len(seen) == 5
    assert [p.name for p in (root / SAVED_MARKER).parent.iterdir()] == [SAVED_MARKER.name], "no staged marker is left"


def test_a_folder_made_after_it_was_stamped_is_seen(tmp_path: Path) -> None:
    clock = Clock()
    stamps = Stamps(every=2.0, clock=clock)
    before = stamps.of(tmp_path / "data")
    write_folder(tmp_path / "data")
    clock.now += 2.0
    assert stamps.of(tmp_path / "data") != before


def test_a_save_is_seen_where_the_markers_inode_size_and_times_come_back(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a file system whose clock ticks coarsely and which gives the inode a save frees to the
    # next save's marker (ext4 hands two inodes back in turn): every marker stats alike.
    real = os.stat

    def coarse(path: object, *args: object, **kwargs: object) -> object:
        stat = real(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)).name != SAVED_MARKER.name:
            return stat
        return SimpleNamespace(st_ino=1, st_size=stat.st_size, st_mtime_ns=0, st_ctime_ns=0, st_mode=stat.st_mode)

    monkeypatch.setattr(os, "stat", coarse)
    stamps = Stamps(clock=Clock())  # the clock never moves: only the save can tell
    commit(root, [Change("sources/added.txt", "x\n")], action="ingest", by="me", subject="added")
    before = stamps.of(root)
    commit(root, [Change("sources/added.txt", "y\n")], action="edit", by="me", subject="added")
    assert stamps.of(root) != before


def test_a_save_a_crash_cut_short_and_a_load_finished_is_seen_at_once(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(data_dir: Path, moves: object) -> None:
        raise KeyboardInterrupt  # as a process killed once its journal is written: nothing played, nothing marked

    monkeypatch.setattr(geo.data.store, "play", crash)
    monkeypatch.setattr(geo.data.store, "mark_saved", lambda data_dir: None)
    with pytest.raises(KeyboardInterrupt):
        commit(root, [Change("sources/added.txt", "x\n")], action="ingest", by="me", subject="added")
    stamps = Stamps(clock=Clock())  # the clock never moves: only the marker can tell
    before = stamps.of(root)
    check_data(root)  # a load, which finishes the save the journal names
    assert (root / "sources" / "added.txt").exists()
    assert stamps.of(root) != before
