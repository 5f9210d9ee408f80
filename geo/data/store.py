"""Writing to a data folder: whole files or nothing, and never over a source or place unasked."""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path

from geo.core.records import Place
from geo.data.geojson import place_feature
from geo.data.layout import PLACES_FILE, SOURCES_DIR


class StoreError(ValueError):
    """A write was refused, and nothing was written."""


def source_paths(data_dir: Path, source_id: str) -> tuple[Path, Path]:
    """Where a source's article and metadata are kept."""
    folder = data_dir / SOURCES_DIR
    return folder / f"{source_id}.txt", folder / f"{source_id}.yaml"


def write_source(data_dir: Path, source_id: str, article: str, document: str, *, replace: bool = False) -> list[Path]:
    """Write a source's article and metadata; refuse, writing nothing, if either exists and replace is False."""
    folder = data_dir / SOURCES_DIR
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder of sources; is {data_dir} a data folder?")
    article_path, meta_path = source_paths(data_dir, source_id)
    existing = [p for p in (article_path, meta_path) if p.exists()]
    if existing and not replace:
        names = " and ".join(str(p) for p in existing)
        raise StoreError(f"{names} already exist(s); choose another --id, or pass --replace to overwrite")
    write_files([(article_path, article), (meta_path, document)])
    return [article_path, meta_path]


def add_places(data_dir: Path, places: Sequence[Place]) -> Path:
    """Append new places to places.geojson; refuse, writing nothing, if any id is already there."""
    path = data_dir / PLACES_FILE
    collection = json.loads(path.read_text(encoding="utf-8"))
    have = {f.get("properties", {}).get("id") for f in collection.get("features", [])}
    clashes = sorted(p.id for p in places if p.id in have)
    if clashes:
        raise StoreError(f"{path} already has place(s) {', '.join(clashes)}; nothing was written")
    collection["features"] += [place_feature(p) for p in places]
    write_files([(path, json.dumps(collection, ensure_ascii=False, indent=2) + "\n")])
    return path


def write_files(files: Sequence[tuple[Path, str]]) -> None:
    """Write each file whole: to a temporary file beside it first, then renamed over it.

    A crash while writing leaves every old file as it was; the renames come only once every
    new file is on disk, and a rename is atomic on POSIX and Windows alike.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            name = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            staged.append((name, path))  # before creating it, so a failure below still removes it
            handle = _create(name, path)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
        for staged_path, path in staged:
            os.replace(staged_path, path)
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)


def _create(name: Path, replacing: Path) -> int:
    """A new file to stage a write in, with the mode of the file it replaces.

    A new file gets 0666 less the umask, as any editor's file would; mkstemp's 0600 would leave
    places.geojson readable by its writer alone once renamed over the old one.
    """
    handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        os.chmod(name, stat.S_IMODE(replacing.stat().st_mode))
    except FileNotFoundError:
        pass
    return handle
