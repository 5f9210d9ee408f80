"""The labelled evaluation set: the report the command prints, and floors recognition must not fall below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.cli import main
from geo.core.settings import BUNDLED_DATA
from geo.ingest import evaluation
from geo.ingest.evaluation import Score, categories, places_found, same_speaker, score_places, score_speakers
from geo.ingest.gazetteer import Gazetteer

ROOT = BUNDLED_DATA.parent
SET = BUNDLED_DATA.parent / "tests" / "evaluation"
PLACES = [item for items in categories(SET / "places").values() for item in items]
QUOTES = [item for items in categories(SET / "speakers").values() for item in items]


# Quality floors, per category of the labelled set: (precision, recall) of the places tied, and of
# the speakers named. They fail when a change to the names, the gazetteer, the mention finder or
# the quote reader makes recognition worse, not when the machine is slow. A new category of
# passages needs its floor here.
PLACE_FLOORS = {
    "known-towns": (0.95, 0.95),
    "regions": (0.95, 0.9),
    "countries": (0.9, 0.85),
    "spellings": (0.95, 0.92),
    "lists-and-villages": (0.95, 0.95),
    "far-namesakes": (0.95, 0.95),
    "qualifiers": (0.95, 0.95),
    "noise": (0.95, 0.95),
}
SPEAKER_FLOORS = {
    "named-people": (0.95, 0.92),
    "missed-speakers": (0.95, 0.93),
    "organisations": (0.95, 0.93),
    "anonymous-sources": (0.95, 0.95),
    "junk-speakers": (0.95, 0.93),
}
PLACE_SETS = categories(SET / "places")
SPEAKER_SETS = categories(SET / "speakers")


@pytest.fixture
def quick_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command times some 240,000 lookups for its last line; a test needs only that it prints one."""
    monkeypatch.setattr(evaluation, "lookup_times", lambda gazetteer, names, repeat=200: [1e-6 for _ in names])


def test_the_evaluate_command_reports_precision_and_recall(
    gazetteer: Gazetteer, quick_lookups: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", "--set", str(SET), "--data", str(ROOT / "data")]) == 0
    out = capsys.readouterr().out
    line = r"precision \d+\.\d% \(\d+/\d+\), recall \d+\.\d% \(\d+/\d+\)"
    assert re.search(rf"^places in {len(PLACES)} passages: {line}$", out, re.M), out
    assert re.search(rf"^speakers in {len(QUOTES)} passages: {line}$", out, re.M), out
    assert re.search(rf"^gazetteer: {len(gazetteer):,} places$", out, re.M), out
    assert re.search(r"^lookup: median [\d.]+ µs, slowest [\d.]+ µs$", out, re.M), out


def test_verbose_lists_the_misses(quick_lookups: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--set", str(SET), "--data", str(ROOT / "data"), "--verbose"]) == 0
    misses = [line for line in capsys.readouterr().out.splitlines() if line.startswith("    ")]
    assert misses and all("missed" in m or "labelled" in m or "listed" in m for m in misses)


def test_evaluate_names_a_missing_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--set", str(tmp_path), "--data", str(ROOT / "data")]) == 1
    assert capsys.readouterr().err.startswith("error: ")


def test_every_category_has_its_floor() -> None:
    assert set(PLACE_SETS) == set(PLACE_FLOORS)
    assert set(SPEAKER_SETS) == set(SPEAKER_FLOORS)


@pytest.mark.parametrize("category", sorted(PLACE_FLOORS))
def test_place_recognition_meets_its_floor(gazetteer: Gazetteer, category: str) -> None:
    score = score_places(PLACE_SETS[category], gazetteer).tied
    report = "\n".join([score.line(category), *score.misses])
    precision, recall = PLACE_FLOORS[category]
    assert score.precision >= precision, report
    assert score.recall >= recall, report


@pytest.mark.parametrize("category", sorted(SPEAKER_FLOORS))
def test_speaker_attribution_meets_its_floor(category: str) -> None:
    score = score_speakers(SPEAKER_SETS[category])
    report = "\n".join([score.line(category), *score.misses])
    precision, recall = SPEAKER_FLOORS[category]
    assert score.precision >= precision, report
    assert score.recall >= recall, report


def test_the_evaluation_set_is_well_formed(gazetteer: Gazetteer) -> None:
    keys = {e.key for e in gazetteer.entries}
    for item in PLACES:
        assert item["text"].strip()
        for label in item.get("places") or ():
            # A label is one of our ids or a GeoNames record the gazetteer holds.
            assert (label if isinstance(label, str) else f"geonames:{label}") in keys, (label, item["text"][:60])
    for item in QUOTES:
        for quote in item.get("quotes") or ():
            assert " ".join(str(quote["says"]).split()) in " ".join(item["text"].split()), quote


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Air strikes hit a market in Maarat al-Numan on Monday.", {"maarat-al-numan"}),
        ("The road from Maarrat an Numan to Saraqib was jammed.", {"maarat-al-numan", 164816}),
        # A speaker's name is read as a person, not a place: "Hallaj" here, "Abu Yaarob" there.
        ("“We are afraid,” Mohamed al-Hallaj told Al-Monitor in Idlib province.", {"idlib-province"}),
    ],
)
def test_places_found_labels_as_the_set_does(gazetteer: Gazetteer, text: str, labels: set[str | int]) -> None:
    assert places_found(text, gazetteer) == labels


@pytest.mark.parametrize(
    ("found", "labelled", "same"),
    [
        ("Capt. Naji Mustafa", "Naji Mustafa", True),
        ("First Lt. Abu Yaarob", "Abu Yaarob", True),
        ("Mr Al Essa", "Al Essa", True),
        ("Khaled Al Essa", "khaled al-essa", True),  # folded: case and the article's hyphen
        ("The SANA news agency", "SANA", False),
        ("Mr Haddad", "Zakaria Haddad", False),
        (None, None, True),
        (None, "SANA", False),
        ("SANA", None, False),
    ],
)
def test_same_speaker(found: str | None, labelled: str | None, same: bool) -> None:
    assert same_speaker(found, labelled) is same


def test_scores_of_nothing_are_perfect() -> None:
    assert (Score().precision, Score().recall) == (1.0, 1.0)


def test_a_quotation_found_whole_is_right_once() -> None:
    text = "“One paragraph,\n\n“and another,” said Hiba Dabbagh."
    score = score_speakers(
        [
            {
                "text": text,
                "quotes": [
                    {"says": "One paragraph", "speaker": "Hiba Dabbagh"},
                    {"says": "and another", "speaker": "Hiba Dabbagh"},
                ],
            }
        ]
    )
    assert (score.found, score.correct, score.labelled, score.right) == (1, 2, 2, 1)
    assert (score.precision, score.recall) == (1.0, 1.0)
