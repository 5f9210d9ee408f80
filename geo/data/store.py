"""Writing to a data folder: every save one commit, all or nothing, recorded in its history."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.core.records import Place
from geo.data.geojson import place_feature
from geo.data.history import ACTIONS, FileChange, HistoryEntry, entry_json, entry_path, keep, new_entry
from geo.data.journal import JOURNAL_FILE, Move, play, recover, stage, write_journal
from geo.data.layout import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.data.lock import FolderBusy, exclusive
from geo.data.stamp import mark_saved

ANY = object()  # an expect that checks nothing: the writer did not read the file, or does not mind
# A source's id is its files' name: short enough for every file system, and no device name of Windows.
MAX_ID_LENGTH = 100
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", "history"} | {f"com{n}" for n in range(1, 10)} | {f"lpt{n}" for n in range(1, 10)}
)
# The folders a change may write in: those a crashed save's staged files are looked for in.
_WRITABLE_FOLDERS = frozenset({"", SOURCES_DIR, BOUNDARIES_FILE.parent.as_posix()})


class StoreError(ValueError):
    """A write was refused, and nothing was written."""


class ConflictError(StoreError):
    """A file changed since the writer read it, and nothing was written."""


@dataclass(frozen=True)
class Change:
    """A file's new text (None deletes it), and the digest of the text its writer read (None: it was absent)."""

    path: str  # relative to the data folder, posix style: "sources/x.yaml", "places.geojson"
    text: str | None
    expect: str | None | object = ANY


def digest(text: str) -> str:
    """The sha256 of a text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_current(data_dir: Path, path: str) -> tuple[str | None, str | None]:
    """A file's text and digest, to change it with; (None, None) if it is absent."""
    data = _read(data_dir / _checked_path(path))
    if data is None:
        return None, None
    return data.decode("utf-8", errors="replace"), hashlib.sha256(data).hexdigest()


def _read(path: Path) -> bytes | None:
    """A file's bytes, or None if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def commit(
    data_dir: Path, changes: Sequence[Change], *, action: str, by: str, subject: str, note: str = ""
) -> HistoryEntry:
    """Make the changes all or none, once each file is as its writer read it, and record them in the history.

    Raises ConflictError naming the file if any changed since it was read, and StoreError if the
    folder cannot be written; either way nothing is written.
    """
    if action not in ACTIONS:
        raise StoreError(f"action {action!r} is not one of {', '.join(sorted(ACTIONS))}")
    paths = [_checked_path(c.path) for c in changes]
    if len(set(paths)) != len(paths):
        raise StoreError("a file is changed twice in one commit")
    with ExitStack() as held:
        try:
            held.enter_context(exclusive(data_dir))
        except FolderBusy as error:
            raise StoreError(f"{data_dir}: {error}; nothing was written") from None
        except OSError as error:
            raise StoreError(f"{data_dir} cannot be written ({error.strerror}); nothing was written") from None
        recover(data_dir)
        return _commit(data_dir, changes, new_entry(by, action, subject, note, ()))
    raise AssertionError("unreachable")  # ExitStack may swallow exceptions, as far as type checkers know


def _commit(data_dir: Path, changes: Sequence[Change], entry: HistoryEntry) -> HistoryEntry:
    """The commit, with the folder held alone and left as the last save left it."""
    olds = [_read(data_dir / change.path) for change in changes]
    befores = [None if old is None else hashlib.sha256(old).hexdigest() for old in olds]
    for change, before in zip(changes, befores, strict=True):
        if change.expect is not ANY and change.expect != before:
            raise ConflictError(f"{change.path} changed since you read it; reload and try again")
    files = []
    for change, old, before in zip(changes, olds, befores, strict=True):
        if old is not None:
            keep(data_dir, old)
        after = None if change.text is None else keep(data_dir, change.text.encode("utf-8"))
        files.append(FileChange(change.path, before, after))
    entry = HistoryEntry(entry.at, entry.by, entry.action, entry.subject, entry.note, tuple(files), entry.id)
    record = entry_path(entry)
    (data_dir / record).parent.mkdir(parents=True, exist_ok=True)
    writes = [(c.path, c.text) for c in changes] + [(record, entry_json(entry))]
    moves: list[Move] = []
    try:
        for path, text in writes:
            staged = None if text is None else stage(data_dir / path, text.encode("utf-8")).name
            moves.append(Move(path, staged))
        write_journal(data_dir, moves)
    except FileNotFoundError as error:
        raise StoreError(f"{error.filename}: no such folder; nothing was written") from None
    finally:
        # Until the journal is whole the commit is not made, and its staged files are thrown away.
        if not (data_dir / JOURNAL_FILE).exists():
            for move in moves:
                if move.staged is not None:
                    (data_dir / move.path).with_name(move.staged).unlink(missing_ok=True)
    try:
        play(data_dir, moves)
    finally:
        # After the files are in place, for a reader who sees the marker change must find them.
        mark_saved(data_dir)
    return entry


def _checked_path(path: str) -> str:
    """A path a change may name: relative, within the folder's data, and no staged file's name."""
    pure = PurePosixPath(path)
    folder = pure.parent.as_posix().removeprefix(".")
    if (
        "\\" in path
        or pure.is_absolute()
        or pure.as_posix() != path
        or folder not in _WRITABLE_FOLDERS
        or pure.name.startswith(".")
    ):
        raise StoreError(f"{path!r} is not a file of the data folder a change may write")
    return path


def check_id(source_id: str) -> None:
    """Raise StoreError unless a source id can name its files on every system."""
    if len(source_id) > MAX_ID_LENGTH:
        raise StoreError(f"id is {len(source_id)} characters long; the limit is {MAX_ID_LENGTH}")
    if source_id.lower() in RESERVED_NAMES:
        raise StoreError(f"id {source_id!r} is a reserved name; choose another")


def source_paths(data_dir: Path, source_id: str) -> tuple[Path, Path]:
    """Where a source's article and metadata are kept."""
    folder = data_dir / SOURCES_DIR
    return folder / f"{source_id}.txt", folder / f"{source_id}.yaml"


def source_changes(source_id: str, article: str, document: str, *, replace: bool) -> list[Change]:
    """The changes that write a source, refused if either file exists unless replace is True."""
    check_id(source_id)
    expect = ANY if replace else None
    return [
        Change(f"{SOURCES_DIR}/{source_id}.txt", article, expect),
        Change(f"{SOURCES_DIR}/{source_id}.yaml", document, expect),
    ]


def write_source(
    data_dir: Path,
    source_id: str,
    article: str,
    document: str,
    *,
    by: str,
    replace: bool = False,
    extra: Sequence[Change] = (),
) -> list[Path]:
    """Write a source's article and metadata (and any extra changes) as one commit.

    Refuses, writing nothing, if either file exists and replace is False.
    """
    folder = data_dir / SOURCES_DIR
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such folder of sources; is {data_dir} a data folder?")
    article_path, meta_path = source_paths(data_dir, source_id)
    existing = [p for p in (article_path, meta_path) if p.exists()]
    if existing and not replace:
        names = " and ".join(str(p) for p in existing)
        raise StoreError(f"{names} already exist(s); choose another --id, or pass --replace to overwrite")
    changes = source_changes(source_id, article, document, replace=replace) + list(extra)
    try:
        commit(data_dir, changes, action="replace" if existing else "ingest", by=by, subject=source_id)
    except ConflictError:
        raise StoreError(
            f"{article_path} or {meta_path} was written meanwhile; choose another --id, or pass --replace to overwrite"
        ) from None
    return [article_path, meta_path]


def add_places(data_dir: Path, places: Sequence[Place], *, by: str, note: str = "") -> Path:
    """Append new places to places.geojson; refuse, writing nothing, if any id is already there."""
    path = data_dir / PLACES_FILE
    text, read = read_current(data_dir, PLACES_FILE)
    if text is None:
        raise StoreError(f"{path}: no such file; is {data_dir} a data folder?")
    collection = json.loads(text)
    have = {f.get("properties", {}).get("id") for f in collection.get("features", [])}
    clashes = sorted(p.id for p in places if p.id in have)
    if clashes:
        raise StoreError(f"{path} already has place(s) {', '.join(clashes)}; nothing was written")
    collection["features"] += [place_feature(p) for p in places]
    new = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
    subject = ", ".join(p.id for p in places)
    commit(data_dir, [Change(PLACES_FILE, new, read)], action="place", by=by, subject=subject, note=note)
    return path


def write_files(files: Sequence[tuple[Path, str]]) -> None:
    """Write each file whole, outside any history: for building a new folder, not for changing one.

    A crash while writing leaves every old file as it was; the renames come only once every
    new file is on disk, and a rename is atomic on POSIX and Windows alike.
    """
    staged: list[Path] = []
    try:
        for path, text in files:
            staged.append(stage(path, text.encode("utf-8")))
        for staged_path, (path, _) in zip(staged, files, strict=True):
            os.replace(staged_path, path)
    finally:
        for staged_path in staged:
            staged_path.unlink(missing_ok=True)
