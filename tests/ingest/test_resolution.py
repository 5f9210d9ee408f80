"""Choosing each mention's place in its own context, and leaving far or loose matches to place by hand."""

from __future__ import annotations

import pytest

from geo.core.records import PlaceKind
from geo.ingest.gazetteer import Entry, Gazetteer
from geo.ingest.reading import read_places


def entry(key: str, name: str, lat: float, lon: float, kind: PlaceKind = PlaceKind.VILLAGE, **fields: object) -> Entry:
    """A gazetteer entry for a test: a GeoNames village unless told otherwise."""
    admin1 = str(fields.pop("admin1", "Idlib"))
    names = tuple(fields.pop("names", (name,)))  # type: ignore[call-overload]
    number = int(key.split(":")[1]) if key.startswith("geonames:") else None
    return Entry(
        key, name, None, lat, lon, kind, admin1, str(fields.pop("country", "SY")), number, names=names, **fields
    )  # type: ignore[arg-type]


# Towns of the north-west, within a few km of one another, and namesakes far from them.
SARAQIB = entry("geonames:1", "Saraqib", 35.86, 36.80, PlaceKind.TOWN, population=30_000)
SARMIN = entry("geonames:2", "Sarmin", 35.90, 36.72)
ARIHA = entry("geonames:3", "Ariha", 35.81, 36.61, PlaceKind.TOWN, population=40_000)
KOBANI = entry("geonames:4", "Kobani", 36.89, 38.35, PlaceKind.TOWN, population=50_000, admin1="Aleppo")
BABILA_DAMASCUS = entry("geonames:5", "Babila", 33.47, 36.33, PlaceKind.TOWN, population=50_000, admin1="Rif Dimashq")
SURAN_HAMA = entry("geonames:6", "Suran", 35.29, 36.74, PlaceKind.TOWN, population=12_000, admin1="Hama")
SURAN_ALEPPO = entry("geonames:7", "Suran", 36.47, 37.27, admin1="Aleppo")
HAWASH_HOMS = entry("geonames:8", "Al Hawash", 34.77, 36.33, admin1="Homs", names=("Al Hawash", "al-Hawash"))
HAMA_CITY = entry("geonames:9", "Hama", 35.13, 36.76, PlaceKind.CITY, population=460_000, admin1="Hama")
HAMA_PROVINCE = entry(
    "adm1:hama",
    "Hama governorate",
    35.2,
    37.2,
    PlaceKind.REGION,
    admin1="Hama",
    feature="ADM1",
    precision_m=109_000,
    names=("Hama governorate", "Hama province", "Hama countryside"),
)
IDLIB_CITY = entry("geonames:10", "Idlib", 35.93, 36.63, PlaceKind.CITY, population=128_000)
IDLIB_PROVINCE = entry(
    "idlib-province", "Idlib province", 35.83, 36.58, PlaceKind.REGION, names=("Idlib", "Idlib province")
)
TURKEY = entry("country:tr", "Turkey", 39.0, 35.0, PlaceKind.COUNTRY, admin1="Turkey", country="TR", feature="PCLI")
TURKEY_VILLAGE = entry("geonames:11", "Turkiye", 35.95, 36.70, names=("Turkiye", "Turkey"))
SINJAR_IRAQ = entry(
    "geonames:12", "Sinjar", 36.32, 41.88, PlaceKind.TOWN, population=30_000, admin1="Iraq", country="IQ"
)
SINJAR_IDLIB = entry("geonames:13", "Sinjar", 35.59, 37.00)
IRAQ = entry("country:iq", "Iraq", 33.0, 44.0, PlaceKind.COUNTRY, admin1="Iraq", country="IQ", feature="PCLI")
DAMASCUS = entry("geonames:14", "Damascus", 33.51, 36.29, PlaceKind.CITY, population=1_500_000, admin1="Damascus")
ALEPPO = entry("geonames:15", "Aleppo", 36.20, 37.16, PlaceKind.CITY, population=2_000_000, admin1="Aleppo")
AZAZ = entry("geonames:17", "Azaz", 36.59, 37.05, PlaceKind.TOWN, population=30_000, admin1="Aleppo")
JABAL_AL_ZAWIYA = entry(
    "region:jabal-al-zawiya", "Jabal al-Zawiya", 35.68, 36.55, PlaceKind.MOUNTAINS, feature="MTS", precision_m=20_000
)
GAZETTEER = Gazetteer(
    [
        SARAQIB,
        SARMIN,
        ARIHA,
        KOBANI,
        BABILA_DAMASCUS,
        SURAN_HAMA,
        SURAN_ALEPPO,
        HAWASH_HOMS,
        HAMA_CITY,
        HAMA_PROVINCE,
        IDLIB_CITY,
        IDLIB_PROVINCE,
        TURKEY,
        TURKEY_VILLAGE,
        SINJAR_IRAQ,
        SINJAR_IDLIB,
        JABAL_AL_ZAWIYA,
        IRAQ,
        DAMASCUS,
        ALEPPO,
        AZAZ,
    ]
)


def tied(text: str) -> dict[str, str]:
    """Each mention's surface and the key of the place it was tied to."""
    return {m.surface: r.entry.key for m, r in read_places(text, GAZETTEER).placed}


def listed(text: str) -> list[str]:
    """The names left to place by hand."""
    return [n.name for n in read_places(text, GAZETTEER).to_place]


@pytest.mark.parametrize(
    ("text", "places", "names"),
    [
        # A loose spelling of a town 150 km and more from the others is not taken for it.
        ("Shelling hit Kabani hill, Saraqib and Ariha.", {"Saraqib": "geonames:1", "Ariha": "geonames:3"}, ["Kabani"]),
        # A town spelt exactly, alone far from a report's area, may be a namesake the gazetteer lacks ...
        ("Fighting near Kobani, Saraqib and Ariha.", {"Saraqib": "geonames:1", "Ariha": "geonames:3"}, ["Kobani"]),
        # ... a city is not.
        (
            "From Saraqib and Ariha to Damascus.",
            {"Saraqib": "geonames:1", "Ariha": "geonames:3", "Damascus": "geonames:14"},
            [],
        ),
        # The only Babila the gazetteer holds is near Damascus: an Idlib report's Babila is another.
        ("Strikes hit Babila, Saraqib and Sarmin.", {"Saraqib": "geonames:1", "Sarmin": "geonames:2"}, ["Babila"]),
        # An overview of distant towns is not a report on one area: each is what it says.
        ("Fighting spread from Babila to Kobani.", {"Babila": "geonames:5", "Kobani": "geonames:4"}, []),
        # Of two namesakes, the one near the others.
        (
            "Shelling hit Suran, Saraqib and Ariha.",
            {"Suran": "geonames:6", "Saraqib": "geonames:1", "Ariha": "geonames:3"},
            [],
        ),
        ("Shelling hit Suran and Azaz.", {"Suran": "geonames:7", "Azaz": "geonames:17"}, []),
        # A loose match whose last vowel differs is another name: al-Sarman is not Sarmin.
        ("Shelling hit al-Sarman near Saraqib.", {"Saraqib": "geonames:1"}, ["al-Sarman"]),
        # ... but a final silent e or one vowel more is a spelling of the same name.
        ("Shelling hit Sarmine near Saraqib.", {"Sarmine": "geonames:2", "Saraqib": "geonames:1"}, []),
        # A small area's point places the others; a governorate's does not.
        ("Families fled Kabana for Jabal al-Zawiya.", {"Jabal al-Zawiya": "region:jabal-al-zawiya"}, ["Kabana"]),
    ],
)
def test_far_and_loose_matches(text: str, places: dict[str, str], names: list[str]) -> None:
    assert tied(text) == places
    assert listed(text) == names


def test_a_far_namesake_is_listed_with_its_candidates_and_distance() -> None:
    (name,) = read_places("Shelling hit Kabani hill, Saraqib and Ariha.", GAZETTEER).to_place
    assert name.reason == "the only place of that name, Kobani (GeoNames 4), is 180 km from the others the report names"
    assert name.sentence == "Shelling hit Kabani hill, Saraqib and Ariha."
    assert name.candidates == (
        "Kobani (town, Aleppo; GeoNames 4; 36.8900, 38.3500; 180 km from the text's other places)",
    )


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # The words after a name say whether the area or the settlement is meant.
        ("Strikes on Hama province and Hama city.", {"Hama province": "adm1:hama", "Hama": "geonames:9"}),
        ("Idlib city and the rest of Idlib province.", {"Idlib": "geonames:10", "Idlib province": "idlib-province"}),
        ("Strikes hit Idlib district.", {"Idlib": "idlib-province"}),
        ("Shops in the city of Idlib.", {"Idlib": "geonames:10"}),
        ("Ten km west of Idlib.", {"Idlib": "geonames:10"}),
        ("Strikes hit Idlib.", {"Idlib": "idlib-province"}),  # a bare name: our place first
        # The governorate after a name chooses among its namesakes.
        ("Suran in Hama Governorate was shelled.", {"Suran": "geonames:6", "Hama Governorate": "adm1:hama"}),
        ("Suran, Aleppo, was shelled.", {"Suran": "geonames:7", "Aleppo": "geonames:15"}),
        ("Troops reached Sinjar in Idlib.", {"Sinjar": "geonames:13", "Idlib": "idlib-province"}),
        # A country holds a place as a governorate does.
        ("Refugees from Sinjar in Iraq.", {"Sinjar": "geonames:12", "Iraq": "country:iq"}),
        # A country's own name is the country, not a village spelt like it.
        ("Turkey said it would send troops to Saraqib.", {"Turkey": "country:tr", "Saraqib": "geonames:1"}),
    ],
)
def test_each_mention_is_read_in_its_own_context(text: str, places: dict[str, str]) -> None:
    assert tied(text) == places


def test_a_name_the_governorate_after_it_rules_out_is_listed() -> None:
    reading = read_places("A shell fell on al-Hawash in Hama Governorate.", GAZETTEER)
    assert [m.surface for m, _ in reading.placed] == ["Hama Governorate"]
    (name,) = reading.to_place
    assert (name.name, name.reason) == (
        "al-Hawash",
        "no place of that name in Hama governorate, where the text puts it",
    )
    assert name.candidates and "Homs" in name.candidates[0]


def test_one_spelling_is_two_places_in_one_text() -> None:
    reading = read_places("Idlib city was quiet. Shelling hit Idlib province and Idlib.", GAZETTEER)
    assert [r.entry.key for _, r in reading.placed] == ["geonames:10", "idlib-province", "idlib-province"]
    assert reading.placed[0][1].reason == "the text calls it a settlement"


# An area of ours named like a city the gazetteer lacks, and a region with no settlement of its name.
HOMS_COUNTRYSIDE = entry(
    "homs-countryside", "Homs countryside", 34.72, 36.72, PlaceKind.REGION, admin1="Homs", names=("Homs",)
)
GHOUTA = entry("eastern-ghouta", "Eastern Ghouta", 33.57, 36.40, PlaceKind.REGION, admin1="Rif Dimashq")
WITH_AREAS = Gazetteer([*GAZETTEER.own, HOMS_COUNTRYSIDE, GHOUTA])


@pytest.mark.parametrize(
    ("text", "places", "names"),
    [
        # Called a city, a name that only an area bears is left to place: no city is filed as its countryside.
        ("Shelling hit Homs city on Monday.", {}, ["Homs"]),
        ("Shelling hit the city of Homs.", {}, ["Homs"]),
        ("Families returned to Homs town and Idlib city.", {"Idlib": "geonames:10"}, ["Homs"]),
        # "the main town of X": X is the area around the town, not called a town.
        ("Kafr Ain, the main town of Jabal al-Zawiya.", {"Jabal al-Zawiya": "region:jabal-al-zawiya"}, ["Kafr Ain"]),
        # A bare name, or one called an area, is the area still.
        ("A checkpoint outside Homs.", {"Homs": "homs-countryside"}, []),
        ("Rockets fell on rural Homs.", {"Homs": "homs-countryside"}, []),
        # Where a settlement of the name is known, it is chosen.
        ("Strikes on Hama city.", {"Hama": "geonames:9"}, []),
        ("Residents of Idlib city fled.", {"Idlib": "geonames:10"}, []),
        ("Shelling hit the city of Aleppo.", {"Aleppo": "geonames:15"}, []),
        # "the Idlib town of Saraqib": the name before "town of" is the area that holds the town.
        ("Shelling hit the Idlib town of Saraqib.", {"Idlib": "idlib-province", "Saraqib": "geonames:1"}, []),
        (
            "Jets struck the Eastern Ghouta town of Saraqib.",
            {"Eastern Ghouta": "eastern-ghouta", "Saraqib": "geonames:1"},
            [],
        ),
    ],
)
def test_a_name_called_a_settlement_is_never_tied_to_an_area(
    text: str, places: dict[str, str], names: list[str]
) -> None:
    reading = read_places(text, WITH_AREAS)
    assert {m.surface: r.entry.key for m, r in reading.placed} == places
    assert [n.name for n in reading.to_place] == names


def test_a_city_only_an_area_bears_is_listed_with_the_reason() -> None:
    (name,) = read_places("Shelling hit Homs city on Monday.", WITH_AREAS).to_place
    assert name.reason == "the text calls it a city, town or village, and no settlement of that name is known"
    assert name.candidates and name.candidates[0].startswith("Homs countryside (region, Homs; ours")
