"""The history of a data folder: who changed which files, when and why, and every version of them kept."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo.data.journal import write_whole
from geo.data.layout import HISTORY_DIR

ENTRIES_DIR = Path(HISTORY_DIR) / "entries"
FILES_DIR = Path(HISTORY_DIR) / "files"
ACTIONS = frozenset({"ingest", "replace", "edit", "accept", "reject", "place"})
_DIGEST_LENGTH = 64


class HistoryError(ValueError):
    """A history entry or kept file that is not there or cannot be read."""


@dataclass(frozen=True)
class FileChange:
    """One file a change touched: its digest before (None: it was made) and after (None: it was deleted)."""

    path: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One change to the folder: when (ISO UTC), by whom, what was done to which source or place, and its files."""

    at: str
    by: str
    action: str
    subject: str
    note: str
    files: tuple[FileChange, ...]
    id: str = ""  # the entry's file name without .json; oldest first in name order


def new_entry(by: str, action: str, subject: str, note: str, files: tuple[FileChange, ...]) -> HistoryEntry:
    """An entry made now, with an id that sorts after every earlier one."""
    now = datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    return HistoryEntry(
        now.isoformat(timespec="microseconds"), by, action, subject, note, files, f"{stamp}-{secrets.token_hex(4)}"
    )


def entry_path(entry: HistoryEntry) -> str:
    """Where an entry is kept, relative to the data folder, posix style."""
    return f"{ENTRIES_DIR.as_posix()}/{entry.id}.json"


def entry_json(entry: HistoryEntry) -> str:
    """An entry as the JSON text of its file."""
    record = asdict(entry)
    del record["id"]  # the file's name
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


def entries(data_dir: Path, subject: str | None = None) -> list[HistoryEntry]:
    """The folder's history, oldest first; only the entries about subject if it is given."""
    folder = data_dir / ENTRIES_DIR
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        entry = _read_entry(path)
        if subject is None or entry.subject == subject:
            found.append(entry)
    return found


def _read_entry(path: Path) -> HistoryEntry:
    """One entry file's entry."""
    try:
        record: dict[str, Any] = json.loads(path.read_bytes())
        files = tuple(FileChange(**f) for f in record.pop("files"))
        return HistoryEntry(**record, files=files, id=path.stem)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise HistoryError(f"{path}: not a history entry ({error})") from None


def keep(data_dir: Path, data: bytes) -> str:
    """Keep a version of a file, once however often it is kept; its digest."""
    digest = hashlib.sha256(data).hexdigest()
    path = data_dir / FILES_DIR / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, data)
    return digest


def kept(data_dir: Path, digest: str) -> str:
    """The text of a kept version of a file, by its digest."""
    if len(digest) != _DIGEST_LENGTH or not all(c in "0123456789abcdef" for c in digest):
        raise HistoryError(f"{digest!r} is not a sha256 digest")
    try:
        return (data_dir / FILES_DIR / digest).read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        raise HistoryError(f"no version of a file with digest {digest} is kept") from None
