"""Writing to a data folder: whole files or nothing, and never over a source or place unasked."""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from geo.ingest import Draft, IngestError
from geo.load import PLACES_FILE, SOURCES_DIR
from geo.model import Place


def draft_yaml(draft: Draft) -> str:
    """The draft's YAML document, as a researcher will read and edit it."""
    header = (
        "# A draft written by `python -m geo ingest`. Check each excerpt's places, speaker and voice,\n"
        "# clear its `guessed` list as you do, move proposed_places into places.geojson, then delete\n"
        "# `status: draft`. `python -m geo validate` lists the drafts that remain.\n"
    )
    return header + yaml.safe_dump(draft.document, sort_keys=False, allow_unicode=True, width=100)


def draft_paths(data_dir: Path, source_id: str) -> tuple[Path, Path]:
    """Where a source's article and metadata are kept."""
    folder = data_dir / SOURCES_DIR
    return folder / f"{source_id}.txt", folder / f"{source_id}.yaml"


def save_draft(data_dir: Path, draft: Draft, *, replace: bool = False) -> list[Path]:
    """Write a draft's article and YAML; refuse, writing nothing, if either exists and replace is False."""
    folder = data_dir / SOURCES_DIR
    if not folder.is_dir():
        raise IngestError(f"{folder}: no such folder of sources; is {data_dir} a data folder?")
    article_path, meta_path = draft_paths(data_dir, draft.source.id)
    existing = [p for p in (article_path, meta_path) if p.exists()]
    if existing and not replace:
        names = " and ".join(str(p) for p in existing)
        raise IngestError(f"{names} already exist(s); choose another --id, or pass --replace to overwrite")
    write_files([(article_path, draft.article), (meta_path, draft_yaml(draft))])
    return [article_path, meta_path]


def add_places(data_dir: Path, places: Sequence[Place]) -> Path:
    """Append new places to places.geojson; refuse, writing nothing, if any id is already there."""
    path = data_dir / PLACES_FILE
    collection = json.loads(path.read_text(encoding="utf-8"))
    have = {f.get("properties", {}).get("id") for f in collection.get("features", [])}
    clashes = sorted(p.id for p in places if p.id in have)
    if clashes:
        raise IngestError(f"{path} already has place(s) {', '.join(clashes)}; nothing was written")
    collection["features"] += [place_feature(p) for p in places]
    write_files([(path, json.dumps(collection, ensure_ascii=False, indent=2) + "\n")])
    return path


def place_feature(place: Place) -> dict[str, Any]:
    """A place as a GeoJSON feature in the shape places.geojson keeps."""
    properties = place.model_dump(mode="json", exclude={"lat", "lon"})
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


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
