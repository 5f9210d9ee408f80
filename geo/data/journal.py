"""Files written whole, and the journal that makes a save of several files all or nothing.

A save stages each new file beside its target, then writes the journal naming every rename and
deletion: once the journal is on disk the save is made, whatever happens next. It then does what
the journal says and removes it. A journal left by a crash is done again (each step may be done
twice); staged files with no journal are thrown away.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.data.layout import BOUNDARIES_FILE, HISTORY_DIR, SOURCES_DIR, STAGED_NAME
from geo.data.stamp import mark_saved

JOURNAL_FILE = Path(HISTORY_DIR) / "journal.json"
_STAGED = STAGED_NAME
# Where a save stages files; a load looks only in those the map reads, a save in all of them.
_DATA_FOLDERS = (Path("."), Path(SOURCES_DIR), BOUNDARIES_FILE.parent)
_HISTORY_FOLDERS = (Path(HISTORY_DIR), Path(HISTORY_DIR) / "entries", Path(HISTORY_DIR) / "files")
# The folders whose files a journal may rename or delete: the data's, and the history's entries.
_JOURNALLED_FOLDERS = frozenset(
    PurePosixPath(folder.as_posix()) for folder in (*_DATA_FOLDERS, Path(HISTORY_DIR) / "entries")
)


@dataclass(frozen=True)
class Move:
    """One step of a save: a staged file renamed over path, or, with no staged file, path deleted."""

    path: str  # relative to the data folder, posix style
    staged: str | None  # the staged file's name, beside path


def stage(path: Path, data: bytes) -> Path:
    """A new file beside path holding data, written out to the disk, with the mode of the file it replaces."""
    name = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _keep_mode(name, path)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        name.unlink(missing_ok=True)
        raise
    return name


def _keep_mode(name: Path, replacing: Path) -> None:
    """The staged file given the mode of the file it replaces, if there is one.

    A new file gets 0666 less the umask, as any editor's file would; mkstemp's 0600 would leave
    places.geojson readable by its writer alone once renamed over the old one.
    """
    try:
        os.chmod(name, stat.S_IMODE(replacing.stat().st_mode))
    except FileNotFoundError:
        pass


def write_whole(path: Path, data: bytes) -> None:
    """Write one file whole: staged, then renamed over path."""
    staged = stage(path, data)
    try:
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Write a folder's entries out to the disk, so a rename in it survives a power cut, where the OS allows."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows opens no folders; its renames are written through
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_journal(data_dir: Path, moves: Sequence[Move]) -> None:
    """Record a save's steps: from here on the save is made."""
    record = [{"path": m.path, "staged": m.staged} for m in moves]
    write_whole(data_dir / JOURNAL_FILE, json.dumps({"moves": record}, indent=1).encode("utf-8"))


def play(data_dir: Path, moves: Iterable[Move]) -> None:
    """Do a save's steps, any of which may have been done already, then remove its journal."""
    folders = set()
    for move in moves:
        target = data_dir / move.path
        if move.staged is None:
            target.unlink(missing_ok=True)
        elif (target.parent / move.staged).exists():
            os.replace(target.parent / move.staged, target)
        folders.add(target.parent)
    for folder in folders:
        sync_folder(folder)
    (data_dir / JOURNAL_FILE).unlink(missing_ok=True)


def recover(data_dir: Path) -> None:
    """Finish a save a crash cut short, or undo one that was not made; the caller holds the folder alone."""
    moves = _journal(data_dir)
    if moves is not None:
        play(data_dir, moves)
        # The save is made only now: every process is told, as by a save that was not cut short.
        mark_saved(data_dir)
    else:
        (data_dir / JOURNAL_FILE).unlink(missing_ok=True)
    for path in staged_files(data_dir, deep=True):
        path.unlink(missing_ok=True)


def _journal(data_dir: Path) -> list[Move] | None:
    """The steps a journal names; None when there is none, it was cut short, or it names anything a save cannot."""
    try:
        record = json.loads((data_dir / JOURNAL_FILE).read_bytes())
        moves = [Move(str(m["path"]), None if m["staged"] is None else str(m["staged"])) for m in record["moves"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # A journal is data on disk, which anyone who can write the folder can write: one naming a file
    # outside the folder's own, or a staged file that is not one, is no save of ours and is not played.
    return moves if all(_playable(move) for move in moves) else None


def _playable(move: Move) -> bool:
    """Whether a step names a file a save writes, and a staged file beside it as stage() names one."""
    path = PurePosixPath(move.path)
    folder = path.parent
    if path.is_absolute() or path.as_posix() != move.path or "\\" in move.path or ".." in path.parts:
        return False
    if folder not in _JOURNALLED_FOLDERS or path.name.startswith("."):
        return False
    if move.staged is None:
        return True
    staged = _STAGED.fullmatch(move.staged)
    return staged is not None and "/" not in move.staged and move.staged.startswith(f".{path.name}.")


def leftovers(data_dir: Path) -> list[Path]:
    """A journal and staged files that a save cut short left where the map reads."""
    journal = data_dir / JOURNAL_FILE
    return ([journal] if journal.exists() else []) + staged_files(data_dir, deep=False)


def staged_files(data_dir: Path, *, deep: bool) -> list[Path]:
    """Staged files in the folders the map reads, and with deep in the history's too."""
    found = []
    for folder in _DATA_FOLDERS + (_HISTORY_FOLDERS if deep else ()):
        try:
            with os.scandir(data_dir / folder) as entries:
                found += [Path(e.path) for e in entries if _STAGED.fullmatch(e.name) and e.is_file()]
        except (FileNotFoundError, NotADirectoryError):
            continue
    return sorted(found)
