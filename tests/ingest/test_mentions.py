"""Finding the places a text names: names in any spelling, and nothing that only looks like one."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.core.names import fold
from geo.core.records import PlaceKind
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.mentions import Resolved, find_mentions
from geo.ingest.reading import read_places

SARAQIB = "geonames:164816"
ARIHA = "geonames:172994"
JISR_AL_SHUGHUR = "geonames:169023"
HAMA = "geonames:170017"
IDLIB_CITY = "geonames:169389"
HAREM_TOWN = "geonames:169866"
REYHANLI = "geonames:302355"
KAFR_NUBL = "geonames:168661"
DAMASCUS = "geonames:170654"
SEDNAYA = "geonames:164717"


def places(text: str, gazetteer: Gazetteer) -> set[str]:
    """The entry keys the text is read as naming."""
    return {r.entry.key for _, r in read_places(text, gazetteer).placed}


def resolved(text: str, gazetteer: Gazetteer, name: str) -> Resolved:
    """The choice made for one name in a text."""
    return next(r for _, r in read_places(text, gazetteer).placed if fold(r.name) == fold(name))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Capitalised names, in the spellings the press uses.
        ("Shelling hit Maarat al-Numan and Saraqib on Monday.", {"maarat-al-numan", SARAQIB}),
        ("Residents of Ma'arrat al-Nu'man loaded their trucks.", {"maarat-al-numan"}),
        ("The road north from Maarrat an Numan to Saraqeb was jammed.", {"maarat-al-numan", SARAQIB}),
        ("Latamneh and al-Lataminah were shelled again.", {"latamnah"}),
        (
            "The crossings at Abu al-Duhur, al-Habit and al-Hadr were opened.",
            {"abu-al-duhur-crossing", "al-habit-crossing", "al-hadr-al-eis-crossing"},
        ),
        ("Ariha and Jisr al-Shughur were hit.", {ARIHA, JISR_AL_SHUGHUR}),
        ("Rebels recaptured Kafr Nabouda after 19 hours.", {"kafr-nabudah"}),
        ("Thousands fled to Reyhanli across the border.", {REYHANLI}),
        ("The people of Hama and Homs.", {HAMA, "homs-countryside"}),
        (
            "Civilians fled the fighting in Khan Sheikhoun, Idlib's largest southern town.",
            {"khan-sheikhoun", "idlib-province"},
        ),  # a possessive 's is not part of the name
        # Lower-case names must be known exactly as written.
        ("The strikes hit western Aleppo overnight.", {"western-aleppo"}),
        (
            "Fighting spread across the countryside of western Aleppo and southern Idlib.",
            {"western-aleppo", "idlib-province"},
        ),
        ("Smugglers cross the Harem mountains at night.", {"harem-mountains"}),
        # A capital that only opens a sentence proves nothing: "They" sounds like Zey (Turkey),
        # "There" like Deraa, "Death" like Deir ez-Zor.
        ("They said the road was closed.", set()),
        ("There was no bread.", set()),
        ("Death came at night.", set()),
        ("Regime forces advanced on Saraqib.", {SARAQIB}),
        ("National Army fighters withdrew.", set()),
        ("In Saraqib, the market was empty.", {SARAQIB}),
        ("“They came at dawn,” he said.", set()),
        # A place name inside the name of a group is not a place.
        ("Hayat Tahrir al-Sham controls most of the province.", set()),
        ("Fighters of Hayat Tahrir al-Sham entered Saraqib.", {SARAQIB}),
        ("Hayat Tahrir Al Sham, the dominant force in Idlib, withdrew.", {"idlib-province"}),
        ("Abu Hamza al-Halabi was killed near Saraqib.", {SARAQIB}),
        # People named after a title, though their names sound like towns (Saleh, Omar, Ali).
        ("Mr Saleh said the road was closed.", set()),
        ("The road was closed, Mr Saleh said.", set()),
        ("Capt. Omar told Al-Monitor the crossings were empty.", set()),
        ("Lt. Col. Omar spoke in Saraqib.", {SARAQIB}),
        ("Ms Ali fled from Saraqib.", {SARAQIB}),
        ("Dr Yasser Hamza said the hospital was full.", set()),
        ("Mr Hama said nothing.", set()),
        ("Umm Ahmad fled with her children.", set()),
        # Arabic, with "and" (و) or "in" (ب) written onto the name.
        ("قصفت الطائرات سراقب ومعرة النعمان", {SARAQIB, "maarat-al-numan"}),
        ("قصفت الطائرات سراقب وأريحا وكفرنبودة", {SARAQIB, ARIHA, "kafr-nabudah"}),
        ("قصف الطيران مدينة سراقب وبلدة كفرنبل", {SARAQIB, KAFR_NUBL}),
        ("دخلت القوات بسراقب", {SARAQIB}),
        ("نزح الأهالي من اللطامنة إلى جبال حارم", {"latamnah", "harem-mountains"}),
        # One name, two places: the words around it choose.
        ("Shelling hit Idlib province on Monday.", {"idlib-province"}),
        ("Shops in the city of Idlib stayed open.", {IDLIB_CITY}),
        ("Shelling hit Idlib city on Monday.", {IDLIB_CITY}),
        ("The town of Harem was shelled.", {HAREM_TOWN}),
        ("Harem town was shelled.", {HAREM_TOWN}),
        ("Families camp in the Harem mountains.", {"harem-mountains"}),
        # A place's name that starts a longer capitalised name is not that place alone ...
        ("The army took Tall as Sayyad and Tal Mardikh.", set()),
        ("Samir Haddad left Latamnah in 2012.", {"latamnah"}),
        # ... unless what follows makes a facility of it.
        ("Flights resumed at Damascus International Airport.", {DAMASCUS}),
        ("Detainees were moved from Sednaya Prison.", {SEDNAYA}),
        # Nothing to find.
        ("", set()),
        ("The talks in Geneva ended on Monday.", set()),
    ],
)
def test_places_named(gazetteer: Gazetteer, text: str, expected: set[str]) -> None:
    assert places(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    ["The claim came from Syrian state media.", "Rebels pushed into Syrian government territory."],
)
def test_the_adjective_syrian_is_not_a_place(gazetteer: Gazetteer, text: str) -> None:
    assert places(text, gazetteer) == set()


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("Shelling hit Maarat al-Numan on Monday.", "Maarat al-Numan", 13),
        ("Strikes on al-Habit crossing.", "al-Habit crossing", 11),  # the longest name, not al-Habit
        ("قصفت الطائرات سراقب ومعرة النعمان", "معرة النعمان", 21),  # the و is not part of the name
    ],
)
def test_a_mention_is_where_the_name_is_written(gazetteer: Gazetteer, text: str, surface: str, start: int) -> None:
    mention = find_mentions(text, gazetteer)[-1]
    assert (mention.surface, mention.start, mention.end) == (surface, start, start + len(surface))
    assert text[mention.start : mention.end] == surface


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("Shelling hit Idlib province.", None),  # "province" is part of the name here
        ("Shelling hit Idlib governorate.", None),
        ("Shops in the city of Idlib stayed open.", PlaceKind.TOWN),
        ("Shelling hit Idlib city.", PlaceKind.TOWN),
        ("Shelling hit Saraqib district.", PlaceKind.REGION),
        ("Shelling hit Idlib.", None),
    ],
)
def test_the_words_around_a_name_hint_at_its_kind(gazetteer: Gazetteer, text: str, hint: PlaceKind | None) -> None:
    (mention,) = find_mentions(text, gazetteer)
    assert mention.hint is hint


def test_spans_to_skip_are_not_read(gazetteer: Gazetteer) -> None:
    text = "Saraqib and Ariha were shelled."
    assert places(text, gazetteer) == {SARAQIB, ARIHA}
    # A speaker's name ("Hassan Saraqib") is passed as a span to skip.
    assert {r.entry.key for _, r in read_places(text, gazetteer, skip=[(0, 7)]).placed} == {ARIHA}


@pytest.mark.parametrize(
    ("text", "name", "chose", "candidates", "reason"),
    [
        (
            "The strikes hit Idlib on Monday.",
            "Idlib",
            "idlib-province",
            {"idlib-province", IDLIB_CITY},
            "already one of our places",
        ),
        (
            "Shops in the city of Idlib stayed open.",
            "Idlib",
            IDLIB_CITY,
            {"idlib-province", IDLIB_CITY},
            "the text calls it a settlement",
        ),
        (
            "Residents fled Idlib district.",
            "Idlib",
            "idlib-province",
            {"idlib-province", IDLIB_CITY},
            "the text calls it a region",
        ),
        (
            "The town of Harem was shelled.",
            "Harem",
            HAREM_TOWN,
            {"harem-mountains", HAREM_TOWN},
            "the text calls it a settlement",
        ),
        # Two Syrian villages called Suran: the one near the other places the text names.
        (
            "Shelling hit Suran and Latamnah.",
            "Suran",
            "geonames:163915",
            {"geonames:163915", "geonames:163913"},
            "nearest to the other places the text names (12 km)",
        ),
        (
            "Fighting spread from Azaz and Marea to Suran.",
            "Suran",
            "geonames:163913",
            {"geonames:163915", "geonames:163913"},
            "nearest to the other places the text names (9 km)",
        ),
        ("Suran was quiet.", "Suran", "geonames:163915", {"geonames:163915", "geonames:163913"}, "the most populous"),
        ("Shelling hit Saraqib.", "Saraqib", SARAQIB, {SARAQIB}, "the only place of that name"),
    ],
)
def test_resolve_records_the_choice_and_why(
    gazetteer: Gazetteer, text: str, name: str, chose: str, candidates: set[str], reason: str
) -> None:
    choice = resolved(text, gazetteer, name)
    assert choice.entry.key == chose
    assert choice.candidates[0] == choice.entry, "the chosen place is the first candidate"
    assert {c.key for c in choice.candidates} == candidates
    assert choice.reason == reason


@pytest.mark.parametrize(
    "name", ["al-monitor-2020-01-idlib-crossings.txt", "the-national-2019-05-idlib-residents.txt", "mixed"]
)
def test_the_scan_finds_the_same_with_or_without_its_shortcut(
    gazetteer: Gazetteer, bundled_data: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Runs whose words begin no known name are not looked up: the scan must find what looking every run up finds.
    text = (bundled_data / "sources" / name).read_text(encoding="utf-8") if name != "mixed" else MIXED
    shortened = find_mentions(text, gazetteer)
    assert shortened, "the text names places"
    monkeypatch.setattr(Gazetteer, "beginnings", property(lambda self: None))
    assert find_mentions(text, gazetteer) == shortened


# Names in every case, script and spelling, and words around them that begin no name.
MIXED = """Shelling hit Maarat al-Numan, al-Habit crossing and Kafr Nabouda. THE ARMY TOOK SARAQIB.
Residents of Jisr al-Shughur fled to the Harem mountains; others reached western Aleppo, Idlib city
and Tall as Sayyad. قصف الطيران مدينة سراقب وبلدة كفرنبل. Mr Saleh said Umm Ahmad left Latamneh.
"""


@pytest.mark.parametrize(
    ("text", "placed", "to_place"),
    [
        # A generic first word that is a town's name alone ("Tall" is At Tall) starts a longer
        # name however the name goes on: past a line break, or with a capitalised article ...
        ("Shelling hit Tell\nDahruj on Monday.", set(), {"Tell Dahruj"}),
        ("Shelling hit Tell Al Dahruj on Monday.", set(), {"Tell Al Dahruj"}),
        ("Shelling hit Tell Dahruj on Monday.", set(), {"Tell Dahruj"}),
        ("Shepherds left Jabal\nQurnaytah for Saraqib.", {"Saraqib"}, {"Jabal Qurnaytah"}),
        ("The school in Deir\nAl Mahrouq was hit.", set(), {"Deir Al Mahrouq"}),
        # ... and is itself where nothing follows, or where a sentence does.
        ("At Tall was quiet.", {"At Tall"}, set()),
        ("They reached al-Bab\nResidents said the road was open.", {"al-Bab"}, set()),
    ],
)
def test_a_generic_first_word_is_not_a_place_before_a_name(
    gazetteer: Gazetteer, text: str, placed: set[str], to_place: set[str]
) -> None:
    reading = read_places(text, gazetteer)
    assert {m.surface for m, _ in reading.placed} == placed
    assert {n.name for n in reading.to_place} == to_place
