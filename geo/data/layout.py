"""Where a data folder keeps what: its files' names, and how its governorate outlines spell their names."""

from __future__ import annotations

import os
import re
from pathlib import Path

PLACES_FILE = "places.geojson"
SOURCES_DIR = "sources"
BOUNDARIES_FILE = Path("boundaries") / "syria-governorates.geojson"
# Past versions of every file, who changed them and why, the lock and the journal of a save in progress.
HISTORY_DIR = "history"
# The gazetteer's GeoNames index, built from GeoNames' dumps (python -m geo gazetteer import).
GAZETTEER_DIR = "gazetteer"

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
    """Name, size and modification time of every file the map reads from the folder, to key a cache on."""
    if not data_dir.is_dir():
        return ()
    stamps = []
    for folder, subfolders, names in os.walk(data_dir):
        # The history is left out: it grows with every save, so stamping it would cost more each
        # time, and a save that adds to it changes the files it records too.
        if Path(folder) == data_dir:
            # The gazetteer's index is not read by the map, and ingest keys its own cache on it.
            subfolders[:] = [name for name in subfolders if name not in (HISTORY_DIR, GAZETTEER_DIR)]
        for name in names:
            # A save's staged files come and go within it: stamped, every page asked for during a
            # save would load the folder again, and again once the save is done.
            if STAGED_NAME.fullmatch(name):
                continue
            path = Path(folder) / name
            try:
                stat = path.stat()
            except FileNotFoundError:  # a save's staged file, renamed while the folder was walked
                continue
            stamps.append((str(path.relative_to(data_dir)), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(stamps))
