"""Where a data folder keeps what: its files' names, and how its governorate outlines spell their names."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

PLACES_FILE = "places.geojson"
SOURCES_DIR = "sources"
BOUNDARIES_FILE = Path("boundaries") / "syria-governorates.geojson"
# Past versions of every file, who changed them and why, the lock and the journal of a save in progress.
HISTORY_DIR = "history"
# Rewritten by every save: one stat of it tells a reader, in any process, that the folder has changed.
SAVED_MARKER = Path(HISTORY_DIR) / "saved"
# The gazetteer's GeoNames index, built from GeoNames' dumps (python -m geo gazetteer import).
GAZETTEER_DIR = "gazetteer"
# What loading and searching the folder made, kept so that a restart opens it rather than
# making it again: rebuilt from the files whenever they differ, so it can always be deleted.
INDEX_DIR = "index"

# The governorate outlines are named as their source spells them; our places use these.
GOVERNORATE_NAMES = {
    "Lattakia": "Latakia",
    "Ar Raqqah": "Raqqa",
    "Hamah": "Hama",
    "Homs (Hims)": "Homs",
    "Hasaka (Al Haksa)": "Hasakah",
    "Dayr Az Zawr": "Deir ez-Zor",
    "As Suwayda'": "Suwayda",
    "Dar`a": "Daraa",
}


# ".<name>.<8 hex digits>.tmp": how a save names a file it stages beside its target.
STAGED_NAME = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file the map reads from the folder, in order of name."""
    return tuple(sorted(stamped_files(data_dir)))


def stamped_files(data_dir: Path) -> Iterator[tuple[str, int, int]]:
    """Name, size and modification time of each file the map reads from the folder, in no set order."""
    if data_dir.is_dir():
        yield from _stamped(str(data_dir), "", top=True)


def _stamped(folder: str, prefix: str, *, top: bool) -> Iterator[tuple[str, int, int]]:
    """The stamps of the files in a folder and the folders in it, named from the data folder."""
    # os.scandir rather than os.walk and Path.stat: at 40,000 files, making a Path for each and
    # naming it relative to the folder took longer than the stats themselves.
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # a folder removed while the folder was walked, or one that cannot be read
        return
    for entry in entries:
        if entry.is_dir():
            # The history is left out: it grows with every save, so stamping it would cost more each
            # time, and a save that adds to it changes the files it records too. The gazetteer's
            # index is not read by the map, and ingest keys its own cache on it; the folder's own
            # index is made from the files stamped here. A link to a
            # folder is not followed, as os.walk follows none.
            if not entry.is_symlink() and not (top and entry.name in (HISTORY_DIR, GAZETTEER_DIR, INDEX_DIR)):
                yield from _stamped(entry.path, f"{prefix}{entry.name}{os.sep}", top=False)
            continue
        # A save's staged files come and go within it: stamped, every page asked for during a
        # save would load the folder again, and again once the save is done.
        if STAGED_NAME.fullmatch(entry.name):
            continue
        try:
            stat = entry.stat()
        except FileNotFoundError:  # a save's staged file, renamed while the folder was walked
            continue
        yield f"{prefix}{entry.name}", stat.st_size, stat.st_mtime_ns
