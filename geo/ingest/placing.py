"""Placing by hand a name no gazetteer holds: the place an editor makes of it, checked, and filed in places.geojson."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
from pydantic import ValidationError
from shapely.geometry import Point

from geo.core.names import slug
from geo.core.records import ARABIC_LETTER, Place, PlaceKind, describe_faults
from geo.data.layout import GOVERNORATE_NAMES, PLACES_FILE
from geo.data.store import Change, ConflictError, commit, read_current
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import Entry, Gazetteer, Tier, distance_km
from geo.ingest.review.errors import ReviewError
from geo.ingest.review.places import places_text, read_places

# How sure an editor can honestly be of a point placed by hand: from a house seen on a map to a district.
PRECISIONS_M = (500, 1_000, 2_000, 5_000, 10_000, 25_000)
# The kinds of place a name in a report is placed as; a country is never placed by hand.
KINDS = (
    PlaceKind.VILLAGE,
    PlaceKind.TOWN,
    PlaceKind.CITY,
    PlaceKind.REGION,
    PlaceKind.MOUNTAINS,
    PlaceKind.CROSSING,
    PlaceKind.MILITARY_BASE,
)
# Syria and the borderlands of its neighbours that its reports name (south to Aqaba, north to Malatya,
# west to the Lebanese coast, east to Mosul): a point outside is almost always a slip of the hand.
REGION_BOX = (29.0, 39.5, 33.5, 44.5)  # south, north, west, east

# Two numbers, each with an optional degree sign and hemisphere, separated by a comma or spaces.
_NUMBER = r"([+-]?\d{1,3}(?:\.\d+)?)\s*°?\s*([NSEW])?"
_POINT = re.compile(rf"\s*{_NUMBER}\s*(?:,|\s)\s*{_NUMBER}\s*", re.IGNORECASE)


class PlacingError(ValueError):
    """A place by hand that cannot be made as asked, with what to correct; nothing was written."""


@dataclass(frozen=True)
class Method:
    """How an editor put the point where it is, as coord_source tells it."""

    words: str  # "by a click on the map", "from candidate GeoNames 170063 (Kafr Nabl)"
    geonames_id: int | None = None


BY_CLICK = Method("by a click on the map")
BY_TYPING = Method("by coordinates typed in")


def from_candidate(entry: Entry) -> Method:
    """The method of a point taken from a gazetteer's candidate."""
    if entry.geonames_id is None:
        return Method(f"from the gazetteer's {entry.name}")
    return Method(f"from candidate GeoNames {entry.geonames_id} ({entry.name})", entry.geonames_id)


@dataclass(frozen=True)
class HandPlacing:
    """What an editor says of a name to place: where, how sure, what it is, and its names."""

    written: str  # the name as the article writes it
    lat: float
    lon: float
    precision_m: int
    kind: PlaceKind
    name_ar: str
    method: Method
    name: str = ""  # the place's name, if not the article's spelling
    aliases: tuple[str, ...] = ()
    admin1: str = ""  # the governorate or country, if not the governorate the point lies in


def parse_point(text: str) -> tuple[float, float]:
    """A point typed as "lat, lon" (35.62, 36.67; 35.62°N 36.67°E); PlacingError saying what is wrong."""
    match = _POINT.fullmatch(text)
    if match is None:
        raise PlacingError(f"{text.strip()!r} is not a latitude and a longitude: type them as 35.62, 36.67")
    values = []
    for number, hemisphere in (match.group(1, 2), match.group(3, 4)):
        value = float(number)
        values.append(-value if hemisphere and hemisphere.upper() in "SW" else value)
    first, second = match.group(2), match.group(4)
    if (first and first.upper() in "EW") or (second and second.upper() in "NS"):
        raise PlacingError("give the latitude (N) first, then the longitude (E)")
    return values[0], values[1]


def check_point(lat: float, lon: float) -> None:
    """Raise PlacingError unless the point is a real one in or near Syria."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PlacingError(f"{lat}, {lon} is no point on Earth: latitude is -90 to 90, longitude -180 to 180")
    south, north, west, east = REGION_BOX
    if south <= lat <= north and west <= lon <= east:
        return
    if south <= lon <= north and west <= lat <= east:
        raise PlacingError(f"{lat}, {lon} is far from Syria; swapped, it would be near: give the latitude first")
    raise PlacingError(
        f"{lat}, {lon} is far from Syria and its borderlands "
        f"(latitude {south}-{north} N, longitude {west}-{east} E): check the point"
    )


def governorate_at(boundaries: gpd.GeoDataFrame | None, lat: float, lon: float) -> str | None:
    """The Syrian governorate a point lies in, as our places name it; None outside them all."""
    if boundaries is None:
        return None
    point = Point(lon, lat)
    for name, shape in zip(boundaries["name"], boundaries.geometry, strict=True):
        if shape is not None and shape.covers(point):
            return GOVERNORATE_NAMES.get(str(name), str(name))
    return None


def place_id(name: str, taken: Collection[str]) -> str:
    """A slug of the name that no place has yet: the plain slug, or it with the first free number."""
    base = slug(name)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def coord_source(by: str, on: date, method: Method) -> str:
    """Where a hand-placed point comes from, in words: who, when, how, and that no gazetteer gave it."""
    tail = "" if method.geonames_id is not None else "; not from a gazetteer"
    return f"placed by hand by {by} on {on.isoformat()} {method.words}{tail}"


def hand_place(
    placing: HandPlacing, *, by: str, on: date, taken: Collection[str], boundaries: gpd.GeoDataFrame | None
) -> Place:
    """The place an editor made of a name; PlacingError naming what to correct."""
    check_point(placing.lat, placing.lon)
    if placing.precision_m not in PRECISIONS_M:
        raise PlacingError(f"precision {placing.precision_m} m is not one of {', '.join(map(str, PRECISIONS_M))}")
    if placing.kind not in KINDS:
        raise PlacingError(f"a {placing.kind.value} is not placed by hand")
    if not placing.name_ar.strip():
        raise PlacingError("give the Arabic name: every place has one, so that Arabic reports find it")
    if not ARABIC_LETTER.search(placing.name_ar):
        raise PlacingError(f"{placing.name_ar.strip()!r} is not written in Arabic script: give the Arabic name")
    if not by.strip():
        raise PlacingError("say who is placing it: by is empty")
    name = (placing.name or placing.written).strip()
    admin1 = placing.admin1.strip() or governorate_at(boundaries, placing.lat, placing.lon)
    if not admin1:
        raise PlacingError("the point lies outside Syria's governorates: say which province or country it is in")
    try:
        return Place(
            id=place_id(name, taken),
            name=name,
            name_ar=placing.name_ar,
            aliases=_aliases(name, (placing.written, *placing.aliases)),
            kind=placing.kind,
            lat=round(placing.lat, 5),
            lon=round(placing.lon, 5),
            precision_m=placing.precision_m,
            admin1=admin1,
            geonames_id=placing.method.geonames_id,
            coord_source=coord_source(by.strip(), on, placing.method),
        )
    except ValidationError as error:
        raise PlacingError(describe_faults(error)) from None


def _aliases(name: str, spellings: Iterable[str]) -> tuple[str, ...]:
    """The other spellings, each once, the article's among them: every one finds the place."""
    return tuple(dict.fromkeys(s.strip() for s in spellings if s.strip() and s.strip() != name))


def places_digest(data_dir: Path) -> str | None:
    """The digest of places.geojson as it stands: what a placing checks it against when it is saved."""
    return read_current(data_dir, PLACES_FILE)[1]


def file_place(
    data_dir: Path,
    placing: HandPlacing,
    *,
    by: str,
    on: date,
    boundaries: gpd.GeoDataFrame | None,
    expect: str | None = None,
) -> Place:
    """Make the place and add it to places.geojson in one commit of the history; the place made.

    expect is the digest of places.geojson as the editor read it: ConflictError if it has
    changed since. PlacingError if the place cannot be made; nothing is written either way.
    """
    text, digest = read_current(data_dir, PLACES_FILE)
    if expect is not None and expect != digest:
        raise ConflictError(f"{PLACES_FILE} changed since you read it; reload and try again")
    try:
        gazette = read_places(text)
    except ReviewError as error:
        raise PlacingError(str(error)) from None
    assert text is not None  # read_places refuses a missing file
    place = hand_place(placing, by=by, on=on, taken=gazette.ids, boundaries=boundaries)
    change = Change(PLACES_FILE, places_text(gazette, text, [place]), digest)
    commit(data_dir, [change], action="place", by=by.strip(), subject=place.id, note=_note(placing, place))
    return place


def _note(placing: HandPlacing, place: Place) -> str:
    """What the history says of a place filed by hand."""
    return f"placed {placing.written!r} by hand at {place.lat}, {place.lon} (±{place.precision_m} m)"


def candidates(
    name: str, gazetteer: Gazetteer, around: Sequence[tuple[float, float]], limit: int = 8
) -> list[tuple[Entry, float | None]]:
    """GeoNames places of a like name, nearest the article's other places first, each with its distance in km."""
    found = gazetteer.lookup(name, loosest=Tier.SKELETON)
    if found is None:
        return []
    # Ours would be a second copy of a place already filed; an area or a country is no point to place.
    entries = [e for e in found.entries if not e.ours and e.geonames_id is not None and e.kind in KINDS]
    near = [(e, min((distance_km((e.lat, e.lon), p) for p in around), default=None)) for e in entries]
    return sorted(near, key=lambda pair: (pair[1] is None, pair[1] or 0.0))[:limit]


def reread(made: Draft, gazetteer: Gazetteer, places: Mapping[str, Place]) -> Draft:
    """The draft read again from its article, so that the places filed since are found in it."""
    return cleaned_as_before(made, draft(made.article, metadata_of(made), gazetteer, places))


def metadata_of(made: Draft) -> Metadata:
    """The details a draft's article was read with: what reading it again is given."""
    source = made.source
    return Metadata(
        id=source.id,
        title=source.title,
        outlet=source.outlet,
        published=source.published,
        author=source.author,
        url=source.url,
        language=source.language,
    )


def cleaned_as_before(made: Draft, again: Draft) -> Draft:
    """A draft read again from a draft's cleaned article, keeping the lines the first reading removed."""
    source = made.source
    if not source.removed_lines:
        return again
    # The article was cleaned on the first reading: the lines it lost then are kept.
    document = {k: v for k, v in again.document.items() if k != "excerpts"}
    document |= {"removed_lines": list(source.removed_lines), "excerpts": again.document["excerpts"]}
    kept = again.source.model_copy(update={"removed_lines": source.removed_lines})
    return Draft(again.article, document, kept, again.excerpts, again.skipped)


def excerpts_naming(made: Draft, place_id: str) -> list[str]:
    """The ids of the draft's excerpts that name a place."""
    return [e.id for e in made.excerpts if place_id in e.places]
