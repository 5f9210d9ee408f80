"""Building the GeoNames index from dump files: the features reports name, their names, keys and places.

Syria's features are all kept; a neighbour's only within BORDER_KM of Syria's outline. The index
is written to a staged file beside its target and renamed over it once whole, so a failed import
leaves the index that was there.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.core.names import fold
from geo.core.records import ARABIC_LETTER
from geo.data.layout import GOVERNORATE_NAMES
from geo.ingest.gazetteer import BORDER_KM, COUNTRY_NAMES, METRIC_CRS, Tier, name_keys, usable_names
from geo.ingest.geonames_dump import (
    DumpError,
    DumpFile,
    DumpKind,
    Feature,
    describe,
    read_admin1,
    read_alternate_names,
    read_features,
)
from geo.ingest.geonames_features import SETTLEMENTS, kind_and_precision, rank_of
from geo.ingest.geonames_index import NAME_SEPARATOR, SCHEMA, keys_digest

_BATCH = 5_000

_TABLES = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL,
    date TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, rows INTEGER NOT NULL, kept INTEGER NOT NULL);
CREATE TABLE entries (pos INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, name_ar TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, kind TEXT NOT NULL, admin1 TEXT NOT NULL, country TEXT NOT NULL,
    population INTEGER NOT NULL, fclass TEXT NOT NULL, feature TEXT NOT NULL, precision_m INTEGER NOT NULL,
    file INTEGER NOT NULL, names TEXT NOT NULL);
CREATE TABLE keys (tier INTEGER NOT NULL, key TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (tier, key, pos))
    WITHOUT ROWID;
CREATE INDEX entries_area ON entries (feature, country, admin1);
CREATE TEMP TABLE staged (geonameid INTEGER PRIMARY KEY, rank INTEGER, abroad INTEGER, name TEXT, names TEXT,
    lat REAL, lon REAL, kind TEXT, admin1 TEXT, country TEXT, population INTEGER, fclass TEXT, feature TEXT,
    precision_m INTEGER, file INTEGER);
CREATE TEMP TABLE alternate (geonameid INTEGER, language TEXT, name TEXT, preferred INTEGER, historic INTEGER);
"""


@dataclass
class ImportReport:
    """What an import read and kept."""

    files: list[DumpFile]
    rows: dict[Path, int] = field(default_factory=dict)
    kept: dict[Path, int] = field(default_factory=dict)
    entries: int = 0


class Placer:
    """Where features lie: the Syrian governorate of each, and whether a neighbour's is near enough."""

    def __init__(self, boundaries: gpd.GeoDataFrame | None, admin1: dict[str, str]):
        self._codes = admin1
        self._governorates: list[tuple[str, object]] = []
        self._zone = None
        if boundaries is not None:
            outlines = boundaries[["name", "geometry"]].to_crs("EPSG:4326")
            for name, outline in zip(outlines["name"], outlines.geometry, strict=True):
                shapely.prepare(outline)
                self._governorates.append((GOVERNORATE_NAMES.get(name, name), outline))
            zone = outlines.to_crs(METRIC_CRS).union_all().buffer(BORDER_KM * 1000)
            shapely.prepare(zone)
            self._zone = zone
        self._metric = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
        self._by_fold = {_sound(name): name for name, _ in self._governorates}

    def place(self, features: Sequence[Feature]) -> list[str | None]:
        """Each feature's admin1 (a governorate, or a neighbour's name), or None to leave it out."""
        lon = np.array([f.lon for f in features])
        lat = np.array([f.lat for f in features])
        found: list[str | None] = [None] * len(features)
        for name, outline in self._governorates:
            inside = shapely.contains_xy(outline, lon, lat)
            for inner in np.flatnonzero(inside).tolist():
                found[inner] = found[inner] or name
        near = np.zeros(len(features), dtype=bool)
        if self._zone is not None:
            x, y = self._metric.transform(lon, lat)
            near = shapely.contains_xy(self._zone, x, y)
        placed: list[str | None] = []
        for i, feature in enumerate(features):
            if feature.country == "SY":
                placed.append(found[i] or self._by_code(feature) or COUNTRY_NAMES["SY"])
            else:
                placed.append(COUNTRY_NAMES.get(feature.country, feature.country) if near[i] else None)
        return placed

    def _by_code(self, feature: Feature) -> str | None:
        """The governorate a feature's admin1 code names, spelt as the outlines' names are."""
        name = self._codes.get(f"{feature.country}.{feature.admin1_code}")
        return None if name is None else self._by_fold.get(_sound(name), name)


def _sound(name: str) -> str:
    """A governorate's name keyed loosely enough that GeoNames' and the outlines' spellings meet."""
    sounds = [key for tier, key in name_keys(name) if tier is Tier.SOUND]
    return min(sounds) if sounds else fold(name)


def import_dumps(paths: Sequence[Path], target: Path, boundaries: gpd.GeoDataFrame | None) -> ImportReport:
    """Build the index at target from dump files; DumpError, with the old index untouched, on a bad file."""
    files = [describe(path) for path in paths]
    if not any(f.kind is DumpKind.FEATURES for f in files):
        raise DumpError(paths[0], None, "no country's file (SY.zip, TR.zip ...) among the files given")
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    report = ImportReport(files)
    try:
        db = sqlite3.connect(staged)
        try:
            _build(db, files, boundaries, report)
            db.commit()
        finally:
            db.close()
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    return report


def _build(
    db: sqlite3.Connection, files: list[DumpFile], boundaries: gpd.GeoDataFrame | None, report: ImportReport
) -> None:
    """Fill a new index's tables from the files."""
    db.executescript(_TABLES)
    admin1: dict[str, str] = {}
    for dump in files:
        if dump.kind is DumpKind.ADMIN1:
            admin1.update(read_admin1(dump.path))
            report.rows[dump.path] = report.kept[dump.path] = len(admin1)
    placer = Placer(boundaries, admin1)
    for number, dump in enumerate(files):
        if dump.kind is DumpKind.FEATURES:
            _stage_features(db, number, dump, placer, report)
    wanted = {int(row[0]) for row in db.execute("SELECT geonameid FROM staged")}
    for dump in files:
        if dump.kind is DumpKind.ALTERNATE_NAMES:
            rows = (
                (a.geonameid, a.language, a.name, a.preferred, a.historic)
                for a in read_alternate_names(dump.path, wanted)
            )
            before = db.total_changes
            db.executemany("INSERT INTO alternate VALUES (?, ?, ?, ?, ?)", rows)
            report.kept[dump.path] = db.total_changes - before
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                n,
                f.path.name,
                str(f.path.resolve()),
                f.kind.value,
                f.date,
                f.sha256,
                f.size,
                report.rows.get(f.path, report.kept.get(f.path, 0)),
                report.kept.get(f.path, 0),
            )
            for n, f in enumerate(files)
        ],
    )
    longest = _write_entries(db)
    _leave_settlements_their_names(db)
    report.entries = int(db.execute("SELECT count(*) FROM entries").fetchone()[0])
    meta = {
        "schema": SCHEMA,
        "keys": keys_digest(),
        "longest": str(longest),
        "built": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _stage_features(db: sqlite3.Connection, number: int, dump: DumpFile, placer: Placer, report: ImportReport) -> None:
    """Stage the features of one country's file that reports name and that lie where they are wanted."""
    rows = kept = 0
    features = read_features(dump.path)
    while batch := list(islice(features, _BATCH)):
        rows += len(batch)
        chosen = [(f, made) for f in batch if (made := kind_and_precision(f.feature_code, f.population))]
        placed = placer.place([f for f, _ in chosen])
        staged = [
            (
                f.geonameid,
                rank_of(f.feature_code),
                f.country != "SY",
                f.name,
                NAME_SEPARATOR.join([f.name, f.asciiname, *f.alternatenames]),
                f.lat,
                f.lon,
                kind.value,
                admin1,
                f.country,
                f.population,
                f.feature_class,
                f.feature_code,
                precision,
                number,
            )
            for (f, (kind, precision)), admin1 in zip(chosen, placed, strict=True)
            if admin1 is not None
        ]
        before = db.total_changes
        # A feature in two files given (SY.zip and cities500.zip) is kept as the first gives it.
        db.executemany("INSERT OR IGNORE INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", staged)
        kept += db.total_changes - before
    report.rows[dump.path], report.kept[dump.path] = rows, kept


def _write_entries(db: sqlite3.Connection) -> int:
    """Write each staged feature's entry with its names and keys, surest rank first; the longest name in words."""
    alternates: dict[int, list[tuple[str, str, int, int]]] = {}
    for geonameid, language, name, preferred, historic in db.execute(
        "SELECT geonameid, language, name, preferred, historic FROM alternate ORDER BY rowid"
    ):
        alternates.setdefault(geonameid, []).append((language, name, preferred, historic))
    longest = 1
    rows = db.execute(
        "SELECT geonameid, name, names, lat, lon, kind, admin1, country, population, fclass, feature, precision_m, "
        "file FROM staged ORDER BY rank, abroad, population DESC, geonameid"
    )
    entries, keys = [], []
    for pos, row in enumerate(rows):
        geonameid, name, written, *rest = row
        country = rest[4]
        more = alternates.get(geonameid, [])
        names = usable_names([*written.split(NAME_SEPARATOR), *(n for _, n, _, _ in more)]) or (name,)
        longest = max(longest, *(len(fold(n).split()) for n in names))
        entries.append((pos, geonameid, name, _arabic_name(written, more), *rest, NAME_SEPARATOR.join(names)))
        keys += [(int(tier), key, pos) for tier, key in _entry_keys(names, country)]
        if len(entries) >= _BATCH:
            _flush(db, entries, keys)
    _flush(db, entries, keys)
    return longest


def _flush(db: sqlite3.Connection, entries: list[tuple[object, ...]], keys: list[tuple[int, str, int]]) -> None:
    """Write the entries and keys gathered so far, and empty the lists."""
    db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries)
    db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)", keys)
    entries.clear()
    keys.clear()


def _entry_keys(names: Iterable[str], country: str) -> set[tuple[Tier, str]]:
    """Every key of an entry's names; consonant skeletons only for Syria's, as the gazetteer in memory keys them."""
    return {
        (tier, key) for name in names for tier, key in name_keys(name) if tier is not Tier.SKELETON or country == "SY"
    }


def _arabic_name(written: str, alternates: list[tuple[str, str, int, int]]) -> str | None:
    """The Arabic name: GeoNames' "ar" names, the preferred and current first; else an Arabic-script name of the row."""
    arabic = sorted(
        ((not preferred, bool(historic)), n)
        for language, n, preferred, historic in alternates
        if language == "ar" and ARABIC_LETTER.search(n)
    )
    if arabic:
        return arabic[0][1]
    return next((n for n in written.split(NAME_SEPARATOR) if ARABIC_LETTER.search(n)), None)


def _leave_settlements_their_names(db: sqlite3.Connection) -> None:
    """Take from an administrative area the keys a settlement of its country shares.

    GeoNames gives a district or a governorate its seat's bare name ("Idlib", "Ariha") too; a report
    that names one alone means the town, and says "Idlib province" or "Ariha district" for the area.
    """
    settlement_kinds = ",".join(f"'{kind.value}'" for kind in SETTLEMENTS)
    db.execute(
        f"""DELETE FROM keys WHERE pos IN (SELECT pos FROM entries WHERE fclass = 'A')
        AND EXISTS (SELECT 1 FROM keys other JOIN entries town ON town.pos = other.pos
                    WHERE other.tier = keys.tier AND other.key = keys.key AND town.kind IN ({settlement_kinds})
                    AND town.country = (SELECT country FROM entries WHERE pos = keys.pos))"""
    )
