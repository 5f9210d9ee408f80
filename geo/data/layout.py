"""Where a data folder keeps what: its files' names, and how its governorate outlines spell their names."""

from __future__ import annotations

from pathlib import Path

PLACES_FILE = "places.geojson"
SOURCES_DIR = "sources"
BOUNDARIES_FILE = Path("boundaries") / "syria-governorates.geojson"

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


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file in the folder, to key a cache on."""
    if not data_dir.is_dir():
        return ()
    stamps = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            stamps.append((str(path.relative_to(data_dir)), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)
