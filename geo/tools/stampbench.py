"""The data folder's stamp at a year's size: python -m geo.tools.stampbench [--files 40000] [--repeat 5].

Writes a scratch folder of that many small files (an article and a source file per article, as a
year-shaped corpus has them) and prints, in milliseconds, the median of each step a call of
current_atlas() and of a cached function pays to know the folder: as it was, every file listed and
the list hashed, and as it is, the save marker read between walks and a short digest to hash.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from streamlit.runtime.caching.cache_type import CacheType
from streamlit.runtime.caching.hashing import update_hash

from geo.data.layout import BOUNDARIES_FILE, HISTORY_DIR, PLACES_FILE, SOURCES_DIR, fingerprint
from geo.data.stamp import Stamps, digest, mark_saved, marker
from geo.web.cache import Folder


@dataclass(frozen=True)
class ListedFolder:
    """The caches' key as it was: the folder and every file's name, size and modification time."""

    path: str
    stamp: tuple[tuple[str, int, int], ...]
    drafts: bool = False


def listed_walk(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """The folder's files as they were stamped before: os.walk, and a Path made and stat'ed for each."""
    stamps = []
    for folder, subfolders, names in os.walk(data_dir):
        if Path(folder) == data_dir:
            subfolders[:] = [name for name in subfolders if name != "history"]
        for name in names:
            path = Path(folder) / name
            stat = path.stat()
            stamps.append((str(path.relative_to(data_dir)), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(stamps))


def write_folder(root: Path, files: int) -> Path:
    """A folder of about `files` small files: places, outlines, and an article and a source file per article."""
    (root / SOURCES_DIR).mkdir(parents=True)
    (root / BOUNDARIES_FILE).parent.mkdir()
    (root / PLACES_FILE).write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    (root / BOUNDARIES_FILE).write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    # Saved to once, as a folder in use has been: each call reads the marker that save wrote.
    (root / HISTORY_DIR).mkdir()
    mark_saved(root)
    for n in range(files // 2):
        (root / SOURCES_DIR / f"source-{n:06}.txt").write_text(f"Article {n}.\n", encoding="utf-8")
        (root / SOURCES_DIR / f"source-{n:06}.json").write_text(f'{{"id": "source-{n:06}"}}\n', encoding="utf-8")
    return root


def median_ms(work: Callable[[], object], repeat: int) -> float:
    """The median time of a piece of work, in milliseconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def key_hash(key: object) -> None:
    """Hash a cache key as st.cache_resource hashes each argument, on every call."""
    update_hash(key, hashlib.new("md5"), CacheType.RESOURCE)


def run(files: int, repeat: int) -> None:
    """Print the figures for a scratch folder of this many files."""
    with tempfile.TemporaryDirectory() as scratch:
        root = write_folder(Path(scratch) / "data", files)
        listed = ListedFolder(str(root), listed_walk(root))
        stamps = Stamps(every=float("inf"))  # between walks, however long this machine takes
        short = Folder(str(root), stamps.of(root))
        print(f"A folder of {len(listed.stamp):,} files; median of {repeat} runs, in ms.")
        rows = [
            ("before: os.walk and Path.stat of every file (each call)", lambda: listed_walk(root)),
            ("before: hashing the key listing every file (each cached function)", lambda: key_hash(listed)),
            ("now: the save marker read, between walks (each call)", lambda: stamps.of(root)),
            ("now: os.scandir of every file into the list", lambda: fingerprint(root)),
            ("now: that walk reduced to a digest (after a save, or every few s)", lambda: digest(root, marker(root))),
            ("now: hashing the key with its digest (each cached function)", lambda: key_hash(short)),
        ]
        for label, work in rows:
            print(f"  {label:<70} {median_ms(work, repeat):10.3f}")


def main() -> None:
    """Read the arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=40_000, help="files in the scratch folder")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each step; the median is given")
    args = parser.parse_args()
    run(args.files, args.repeat)


if __name__ == "__main__":
    main()
