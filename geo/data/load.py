"""Reading a data folder into a validated Atlas, every fault named by its file (reader.py does the reading)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.core.atlas import Atlas
from geo.data.problems import DataError, Problem
from geo.data.reader import Reader


def load_atlas(data_dir: Path, *, sources_optional: bool = False) -> Atlas:
    """Read and validate a data folder; raise DataError naming every fault found.

    A folder with no sources is a fault for the map, but not for ingest, which writes the first.
    """
    reader = Reader(data_dir, sources_optional=sources_optional)
    with _collector_paused():
        atlas = reader.read()
    if reader.problems:
        raise DataError(reader.problems)
    assert atlas is not None
    return atlas


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


def check_data(data_dir: Path) -> list[Problem]:
    """Every fault in a data folder; an empty list when it loads cleanly."""
    try:
        load_atlas(data_dir)
    except DataError as error:
        return error.problems
    return []
