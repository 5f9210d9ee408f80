"""The on-disk GeoNames index: SQLite tables of entries and of (tier, key) -> entry, opened read-only.

Opening reads a few rows of metadata, not the entries: a lookup reads the rows its keys name.
geonames_build.py writes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from geo.core.records import PlaceKind
from geo.data.layout import GAZETTEER_DIR
from geo.ingest.gazetteer import Entry, Tier, name_keys

INDEX_FILE = Path(GAZETTEER_DIR) / "geonames.sqlite"
# What the tables hold and how names are chosen and keyed; a change to either makes old indexes stale.
SCHEMA = "geo GeoNames index 1"
IMPORT_COMMAND = "python -m geo gazetteer import"

# Names whose keys stand for how names are folded and sounded: an index built while they
# keyed otherwise would miss spellings, so it is not used until it is built again.
KEY_SAMPLES = (
    "Maarat al-Numan",
    "Ma'arrat an-Nu'man",
    "معرة النعمان",
    "Jisr ash-Shughur",
    "Deir ez-Zor",
    "Khan Shaykhun",
    "Kafr Nubl",
    "Qal'at al-Madiq",
    "Ras al-Ayn",
    "Tell Abyad",
    "اللطامنة",
    "Reyhanlı",
    "Çobanbey",
    "Sahl al-Ghab",
    "Ouroum al-Kubra",
    "Hayyan",
    "Dhahr al-Jabal",
    "Sheikh Maqsoud",
    "Zor Mahruqa",
    "Tal'ada",
)

_ENTRY_COLUMNS = (
    "pos, geonameid, name, name_ar, lat, lon, kind, admin1, country, population, feature, precision_m, file"
)
# Names are stored joined by the unit separator, which no name holds.
NAME_SEPARATOR = "\x1f"


class IndexProblem(Exception):
    """An index file that is not one this version can read: spoiled, foreign, or of another schema."""


def keys_digest() -> str:
    """A digest of how names are keyed today: the keys of a fixed list of names."""
    keyed = [[name, [[int(tier), key] for tier, key in name_keys(name)]] for name in KEY_SAMPLES]
    return hashlib.sha256(json.dumps(keyed, ensure_ascii=False).encode()).hexdigest()[:16]


def index_file(data_dir: Path) -> Path:
    """Where a data folder keeps its GeoNames index."""
    return data_dir / INDEX_FILE


def index_stamp(path: Path) -> tuple[int, int, int] | None:
    """The index file's size, modification time and inode, to key a cache on; None if there is none."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


@dataclass(frozen=True)
class IndexedFile:
    """A dump file an index was built from."""

    name: str
    path: str
    kind: str
    date: str
    sha256: str
    size: int
    rows: int
    kept: int


class GeonamesIndex:
    """A read-only GeoNames index, safe to share between threads."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self._db = sqlite3.connect(
                f"file:{pathname2url(str(path.resolve()))}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise IndexProblem(f"{path}: cannot be opened: {error}") from None
        # One connection serves every thread; its calls are made one at a time.
        self._lock = threading.Lock()
        try:
            meta = dict(self._query("SELECT name, value FROM meta"))
            if meta.get("schema") != SCHEMA:
                raise IndexProblem(f"{path}: not a GeoNames index of this version ({meta.get('schema')!r})")
            self.count = int(self._query("SELECT count(*) FROM entries")[0][0])
            self._query(f"SELECT {_ENTRY_COLUMNS}, names FROM entries LIMIT 1")
            self._query("SELECT tier, key, pos FROM keys LIMIT 1")
            self.files = tuple(
                IndexedFile(*row)
                for row in self._query("SELECT name, path, kind, date, sha256, size, rows, kept FROM files ORDER BY id")
            )
            self._labels = {row[0]: f"{row[1]} of {row[2]}" for row in self._query("SELECT id, name, date FROM files")}
        except (sqlite3.Error, ValueError, TypeError) as error:
            self._db.close()
            raise IndexProblem(f"{path}: not a GeoNames index ({error})") from None
        except IndexProblem:
            self._db.close()
            raise
        self.longest = int(meta.get("longest", "1"))
        self.built = meta.get("built", "")
        self.stale = meta.get("keys") != keys_digest()
        self.find = lru_cache(maxsize=1 << 16)(self._find)

    def _query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def _find(self, tier: Tier, key: str) -> tuple[Entry, ...]:
        """The entries one key names, surest rank first."""
        rows = self._query(
            f"SELECT {_ENTRY_COLUMNS.replace('pos', 'e.pos')}, names FROM keys k JOIN entries e ON e.pos = k.pos "
            "WHERE k.tier = ? AND k.key = ? ORDER BY e.pos",
            (int(tier), key),
        )
        return tuple(self._entry(row) for row in rows)

    def entry_at(self, pos: int) -> Entry:
        """The entry in one position, 0 first."""
        rows = self._query(f"SELECT {_ENTRY_COLUMNS}, names FROM entries WHERE pos = ?", (pos,))
        if not rows:
            raise IndexError(pos)
        return self._entry(rows[0])

    def entries_at(self, start: int, stop: int) -> list[Entry]:
        """The entries of positions start to stop (not included)."""
        rows = self._query(
            f"SELECT {_ENTRY_COLUMNS}, names FROM entries WHERE pos >= ? AND pos < ? ORDER BY pos", (start, stop)
        )
        return [self._entry(row) for row in rows]

    def positions(self, geonameids: Iterable[int], areas: Iterable[tuple[str, str, str]]) -> list[int]:
        """The positions of the entries of these GeoNames ids, and of these (feature, country, admin1)."""
        found: set[int] = set()
        for geonameid in geonameids:
            found.update(
                int(row[0]) for row in self._query("SELECT pos FROM entries WHERE geonameid = ?", (geonameid,))
            )
        for feature, country, admin1 in areas:
            found.update(
                int(row[0])
                for row in self._query(
                    "SELECT pos FROM entries WHERE feature = ? AND country = ? AND admin1 = ?",
                    (feature, country, admin1),
                )
            )
        return sorted(found)

    def counts(self, column: str) -> list[tuple[str, int]]:
        """How many entries have each value of a column (country, fclass, kind), most first."""
        if column not in ("country", "fclass", "kind", "feature"):
            raise ValueError(column)
        rows = self._query(f"SELECT {column}, count(*) FROM entries GROUP BY {column} ORDER BY count(*) DESC, {column}")
        return [(str(value), int(n)) for value, n in rows]

    def name_counts(self) -> tuple[int, int, int]:
        """How many names the entries have, how many entries have an Arabic name, and how many keys there are."""
        names = self._query(
            "SELECT coalesce(sum(length(names) - length(replace(names, ?, '')) + 1), 0) FROM entries", (NAME_SEPARATOR,)
        )[0][0]
        arabic = self._query("SELECT count(*) FROM entries WHERE name_ar IS NOT NULL")[0][0]
        keys = self._query("SELECT count(*) FROM keys")[0][0]
        return int(names), int(arabic), int(keys)

    def close(self) -> None:
        """Let go of the file."""
        with self._lock:
            self._db.close()

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        """An entry from its row."""
        pos, geonameid, name, name_ar, lat, lon, kind, admin1, country, population, feature, precision, file, names = (
            row
        )
        return Entry(
            key=f"geonames:{geonameid}",
            name=str(name),
            name_ar=None if name_ar is None else str(name_ar),
            lat=float(lat),
            lon=float(lon),
            kind=PlaceKind(kind),
            admin1=str(admin1),
            country=str(country),
            geonames_id=int(geonameid),
            population=int(population),
            names=tuple(str(names).split(NAME_SEPARATOR)),
            feature=str(feature),
            precision_m=int(precision),
            source=f"GeoNames {geonameid} ({name}), from the GeoNames dump {self._labels.get(file, 'file')}",
        )


def rebuild_hint(index: GeonamesIndex, data_dir: Path) -> str:
    """The command that builds an index again from the files it was built from."""
    files = " ".join(f.path for f in index.files) or "FILE..."
    return f"{IMPORT_COMMAND} {files} --data {data_dir}"
