"""Reading a data folder into a validated Atlas, every fault named by its file (reader.py does the reading)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from geo.core.atlas import Atlas
from geo.data.journal import JOURNAL_FILE, leftovers, recover
from geo.data.lock import LOCK_FILE, FolderBusy, exclusive, shared
from geo.data.problems import DataError, Problem
from geo.data.reader import Reader
from geo.data.snapshot import read_snapshot, source_keys, unchanged, write_snapshot

T = TypeVar("T")


def load_atlas(data_dir: Path, *, sources_optional: bool = False) -> Atlas:
    """Read and validate a data folder; raise DataError naming every fault found.

    A folder with no sources is a fault for the map, but not for ingest, which writes the first.
    """

    def read() -> tuple[Atlas | None, list[Problem]]:
        reader = Reader(data_dir, sources_optional=sources_optional, known=read_snapshot(data_dir))
        atlas = reader.read()
        if reader.twice:
            reader = Reader(data_dir, sources_optional=sources_optional)
            atlas = reader.read()
        if atlas is not None and not reader.problems:
            _keep_snapshot(data_dir, reader, atlas)
            atlas.words.keys = source_keys(reader.digested)
        return atlas, reader.problems

    with _collector_paused():
        atlas, problems = read_settled(data_dir, read)
    if problems:
        raise DataError(problems)
    assert atlas is not None
    return atlas


def _keep_snapshot(data_dir: Path, reader: Reader, atlas: Atlas) -> None:
    """Write what a faultless load read into the folder's snapshot, unless the snapshot holds it already."""
    # A folder with a fault has none written: its records are not what the files say.
    places = reader.places_digest
    if places is None or unchanged(reader.known, places, reader.reused, len(reader.digested)):
        return
    write_snapshot(data_dir, places, reader.digested, atlas.table, reader.began)


def load_resident_atlas(data_dir: Path) -> Atlas:
    """Load an atlas to keep for the life of the process, kept out of the garbage collector's walks."""
    # What an earlier freeze kept from the collector (an atlas since replaced, and whatever
    # was alive beside it) is handed back to it first, once per load of the folder.
    gc.unfreeze()
    gc.collect()
    with _collector_paused():
        atlas = load_atlas(data_dir)
        # Frozen before the collector is back on: its first pass would otherwise walk every
        # object the load made (half a second at a hundred thousand places), and the passes
        # after it walk them again. The atlas holds no cycles, so nothing is lost by it.
        gc.freeze()
    return atlas


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off for a while, if it was on."""
    # A load makes millions of objects and no cycles of garbage, and the collector walked
    # all of them again each time their number grew: some 40% of a large load's time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_settled(data_dir: Path, read: Callable[[], T]) -> T:
    """What read() makes of the folder, with no save half made: one a crash cut short is finished first."""
    if data_dir.is_dir() and leftovers(data_dir):
        _recover(data_dir)
    with shared(data_dir) as held:
        made = read()
    if held or not (data_dir / LOCK_FILE).exists():
        return made
    # The folder's first save began as it was read: read it again once that save is made.
    with shared(data_dir):
        return read()


def _recover(data_dir: Path) -> None:
    """Finish or undo a save a crash cut short, with the folder held alone; nothing where it cannot be written."""
    try:
        with exclusive(data_dir):
            recover(data_dir)
    except (OSError, FolderBusy):  # a read-only folder is read as it is, and validate names what was left
        pass


def check_data(data_dir: Path) -> list[Problem]:
    """Every fault in a data folder; an empty list when it loads cleanly."""
    try:
        load_atlas(data_dir)
    except DataError as error:
        return error.problems + _unfinished(data_dir)
    return _unfinished(data_dir)


def _unfinished(data_dir: Path) -> list[Problem]:
    """What a save cut short left and could not be cleared, the folder being read-only."""
    if not data_dir.is_dir():
        return []
    return [
        Problem(
            str(path),
            "",
            "a save that did not finish left its journal: the folder may hold part of it; "
            "the next save, or a load where the folder can be written, finishes it"
            if path == data_dir / JOURNAL_FILE
            else "a file a save staged and did not finish; delete it, or let a load where the folder "
            "can be written clear it",
        )
        for path in leftovers(data_dir)
    ]
