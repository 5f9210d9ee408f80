"""A name no gazetteer holds, placed by hand: checked, filed in places.geojson as one recorded change, then found."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.records import PlaceKind
from geo.data.history import entries, kept
from geo.data.layout import PLACES_FILE
from geo.data.load import check_data, load_atlas
from geo.data.store import ConflictError, add_places
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import Entry, Gazetteer, build_gazetteer, geonames_records
from geo.ingest.placing import (
    BY_CLICK,
    BY_TYPING,
    HandPlacing,
    Method,
    PlacingError,
    candidates,
    check_point,
    coord_source,
    excerpts_naming,
    file_place,
    from_candidate,
    governorate_at,
    hand_place,
    parse_point,
    place_id,
    places_digest,
    reread,
)
from tests.support.datafolder import data_folder, snapshot

VILLAGE = "Kafr Batikh"
ARTICLE = (
    "Skip to main content\n\n"
    f"Shelling hit the village of {VILLAGE}, west of Maarat al-Numan, on Monday, residents said.\n\n"
    "The army said its units had secured the road near Khan Sheikhoun.\n"
)
META = Metadata(
    id="wire-2026-12-kafr-batikh", title="Shelling west of Maarat al-Numan", outlet="Wire", published="2026-12"
)
TODAY = date(2026, 12, 3)
EDITOR = "editor@example.org"


def placing(**changes: object) -> HandPlacing:
    """The village placed by a click, as an editor fills the form; changed as a test needs."""
    fields: dict[str, object] = {
        "written": VILLAGE,
        "lat": 35.6512,
        "lon": 36.5508,
        "precision_m": 1_000,
        "kind": PlaceKind.VILLAGE,
        "name_ar": "كفر بطيخ",
        "method": BY_CLICK,
    }
    return HandPlacing(**(fields | changes))  # type: ignore[arg-type]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled places and outlines, with one reviewed source."""
    return data_folder(tmp_path / "data")


@pytest.fixture
def read(bundled_atlas: Atlas, gazetteer: Gazetteer) -> Draft:
    """The article as ingest first reads it: the village named but not placed."""
    return draft(ARTICLE, META, gazetteer, bundled_atlas.places)


# --- Typed points ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "point"),
    [
        ("35.65, 36.55", (35.65, 36.55)),
        ("35.65 36.55", (35.65, 36.55)),
        ("  35.6512,36.5508 ", (35.6512, 36.5508)),
        ("35.65°N, 36.55°E", (35.65, 36.55)),
        ("35.65 N 36.55 E", (35.65, 36.55)),
        ("-33.9, 151.2", (-33.9, 151.2)),
        ("33.9 S, 18.4 W", (-33.9, -18.4)),
    ],
)
def test_a_typed_point_is_read_latitude_first(typed: str, point: tuple[float, float]) -> None:
    assert parse_point(typed) == point


@pytest.mark.parametrize(
    ("typed", "fault"),
    [
        ("", "is not a latitude and a longitude"),
        ("35.65", "is not a latitude and a longitude"),
        ("Maarat al-Numan", "is not a latitude and a longitude"),
        ("35,65, 36,55", "is not a latitude and a longitude"),
        ("35.65, 36.55, 12", "is not a latitude and a longitude"),
        ("36.55 E, 35.65 N", "latitude (N) first"),
    ],
)
def test_a_typed_point_that_cannot_be_read_is_refused_with_the_form_to_use(typed: str, fault: str) -> None:
    with pytest.raises(PlacingError, match=fault.replace("(", r"\(").replace(")", r"\)")):
        parse_point(typed)


@pytest.mark.parametrize(
    ("lat", "lon", "fault"),
    [
        (95.0, 36.5, "no point on Earth"),
        (35.6, 181.0, "no point on Earth"),
        (-91.0, 0.0, "no point on Earth"),
        (48.85, 2.35, "far from Syria"),  # Paris
        (0.0, 0.0, "far from Syria"),
        (36.5, 35.6, None),  # the Turkish coast by Antakya: a borderland, not a swap
        (42.0, 36.6, "swapped"),  # 36.6 N, 42.0 E is in Syria
        (35.93, 36.63, None),  # Idlib
        (33.51, 36.29, None),  # Damascus
        (37.07, 37.38, None),  # Gaziantep, across the border
    ],
)
def test_a_point_must_be_real_and_in_or_near_syria(lat: float, lon: float, fault: str | None) -> None:
    if fault is None:
        check_point(lat, lon)
    else:
        with pytest.raises(PlacingError, match=fault):
            check_point(lat, lon)


# --- The place made ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "fault"),
    [
        ({"name_ar": ""}, "give the Arabic name"),
        ({"name_ar": "   "}, "give the Arabic name"),
        ({"name_ar": "Kafr Batikh"}, "not written in Arabic script"),
        ({"lat": 48.85, "lon": 2.35}, "far from Syria"),
        ({"lat": 120.0}, "no point on Earth"),
        ({"precision_m": 750}, "precision 750 m is not one of"),
        ({"kind": PlaceKind.COUNTRY}, "country is not placed by hand"),
        ({"lat": 33.89, "lon": 35.50}, "outside Syria's governorates"),  # Beirut, no province given
        ({"name_ar": "كفر\u202ebطيخ"}, "hidden character"),
    ],
)
def test_a_place_by_hand_is_refused_with_what_to_correct(bundled_atlas: Atlas, changes: dict, fault: str) -> None:
    with pytest.raises(PlacingError, match=fault):
        hand_place(placing(**changes), by=EDITOR, on=TODAY, taken=set(), boundaries=bundled_atlas.boundaries)


def test_a_point_outside_the_governorates_is_placed_once_its_country_is_given(bundled_atlas: Atlas) -> None:
    beirut = placing(lat=33.89, lon=35.50, admin1="Lebanon")
    made = hand_place(beirut, by=EDITOR, on=TODAY, taken=set(), boundaries=bundled_atlas.boundaries)
    assert made.admin1 == "Lebanon"


@pytest.mark.parametrize(
    ("lat", "lon", "governorate"),
    [(35.6512, 36.5508, "Idlib"), (35.13, 36.75, "Hama"), (36.2, 37.16, "Aleppo"), (33.89, 35.50, None)],
)
def test_the_governorate_is_the_one_the_point_lies_in(
    bundled_atlas: Atlas, lat: float, lon: float, governorate: str | None
) -> None:
    assert governorate_at(bundled_atlas.boundaries, lat, lon) == governorate


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Kafr Batikh", set(), "kafr-batikh"),
        ("Kafr Batikh", {"kafr-batikh"}, "kafr-batikh-2"),
        ("Kafr Batikh", {"kafr-batikh", "kafr-batikh-2"}, "kafr-batikh-3"),
        ("Kafr Batikh", {"kafr-batikh-2"}, "kafr-batikh"),
        ("Ma'arrat Ḥarmah", set(), "ma-arrat-harmah"),
        ("كفر بطيخ", set(), "place"),
        ("كفر بطيخ", {"place"}, "place-2"),
    ],
)
def test_the_id_is_a_slug_of_the_name_that_no_place_has(name: str, taken: set[str], expected: str) -> None:
    assert place_id(name, taken) == expected


def test_an_id_taken_in_the_places_file_gets_a_number(folder: Path, bundled_atlas: Atlas) -> None:
    first = file_place(folder, placing(), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries)
    second = file_place(folder, placing(lat=35.70), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries)
    assert (first.id, second.id) == ("kafr-batikh", "kafr-batikh-2")
    assert {"kafr-batikh", "kafr-batikh-2"} <= set(load_atlas(folder).places)


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (BY_CLICK, f"placed by hand by {EDITOR} on 2026-12-03 by a click on the map; not from a gazetteer"),
        (BY_TYPING, f"placed by hand by {EDITOR} on 2026-12-03 by coordinates typed in; not from a gazetteer"),
        (
            Method("from candidate GeoNames 170063 (Kafr Nabl)", 170063),
            f"placed by hand by {EDITOR} on 2026-12-03 from candidate GeoNames 170063 (Kafr Nabl)",
        ),
    ],
)
def test_coord_source_says_who_placed_it_when_and_how(method: Method, expected: str) -> None:
    assert coord_source(EDITOR, TODAY, method) == expected


def test_a_candidate_gives_its_geonames_id_and_says_so(bundled_atlas: Atlas) -> None:
    entry = Entry("geonames:170063", "Kafr Nabl", "كفر نبل", 35.61, 36.56, PlaceKind.TOWN, "Idlib", "SY", 170063)
    assert from_candidate(entry) == Method("from candidate GeoNames 170063 (Kafr Nabl)", 170063)
    made = hand_place(
        placing(method=from_candidate(entry)), by=EDITOR, on=TODAY, taken=set(), boundaries=bundled_atlas.boundaries
    )
    assert made.geonames_id == 170063
    assert made.coord_source.endswith("from candidate GeoNames 170063 (Kafr Nabl)")


def test_the_place_keeps_the_articles_spelling_and_the_editors(bundled_atlas: Atlas) -> None:
    made = hand_place(
        placing(name="Kafr Battikh", aliases=("Kafr Bateekh", "Kafr Battikh", " ", VILLAGE)),
        by=EDITOR,
        on=TODAY,
        taken=set(),
        boundaries=bundled_atlas.boundaries,
    )
    assert (made.id, made.name) == ("kafr-battikh", "Kafr Battikh")
    assert made.aliases == (VILLAGE, "Kafr Bateekh")
    assert (made.admin1, made.geonames_id, made.precision_m) == ("Idlib", None, 1_000)


# --- Filed in places.geojson ---------------------------------------------------------------------


def test_the_place_is_written_in_one_recorded_change(folder: Path, bundled_atlas: Atlas) -> None:
    before = (folder / PLACES_FILE).read_text(encoding="utf-8")
    made = file_place(folder, placing(), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries)
    after = (folder / PLACES_FILE).read_text(encoding="utf-8")
    # Added as a line at the end, in the file's own layout: its diff is the one place.
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert new_lines[:-3] == old_lines[:-2] and new_lines[-1] == old_lines[-1]
    assert new_lines[-3] == old_lines[-2] + ","
    assert json.loads(new_lines[-2])["properties"]["id"] == made.id
    [entry] = entries(folder, made.id)
    assert (entry.action, entry.by, entry.subject) == ("place", EDITOR, "kafr-batikh")
    assert "placed 'Kafr Batikh' by hand at 35.6512, 36.5508" in entry.note
    [change] = entry.files
    assert change.path == PLACES_FILE and kept(folder, change.before or "") == before
    assert not check_data(folder), "the folder still validates"
    assert load_atlas(folder).places[made.id] == made
    assert not [p.name for p in folder.rglob("*.tmp")] and not (folder / "history" / "journal.json").exists()


def test_a_refused_place_writes_nothing(folder: Path, bundled_atlas: Atlas) -> None:
    before = snapshot(folder)
    with pytest.raises(PlacingError, match="Arabic"):
        file_place(folder, placing(name_ar=""), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries)
    assert snapshot(folder) == before


def test_a_place_filed_meanwhile_is_a_conflict_and_nothing_is_written(folder: Path, bundled_atlas: Atlas) -> None:
    read_at = places_digest(folder)
    other = hand_place(
        placing(written="Kafr Sajna", lat=35.62),
        by="someone-else",
        on=TODAY,
        taken=set(),
        boundaries=bundled_atlas.boundaries,
    )
    add_places(folder, [other], by="someone-else")
    changed = snapshot(folder)
    with pytest.raises(ConflictError, match="reload"):
        file_place(folder, placing(), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries, expect=read_at)
    assert snapshot(folder) == changed
    # Read again, the same save goes through.
    made = file_place(
        folder, placing(), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries, expect=places_digest(folder)
    )
    assert made.id in load_atlas(folder).places


# --- Found by the next reading -------------------------------------------------------------------


def gazetteer_of(folder: Path) -> tuple[Atlas, Gazetteer]:
    """A folder's atlas and a gazetteer built from it, as the app builds one once places.geojson changes."""
    atlas = load_atlas(folder)
    return atlas, build_gazetteer(atlas.places, geonames_records(), atlas.boundaries)


def test_the_next_reading_ties_the_name_to_the_place(folder: Path, bundled_atlas: Atlas, read: Draft) -> None:
    assert VILLAGE in [n.name for n in read.source.names_not_found]
    assert not excerpts_naming(read, "kafr-batikh")
    made = file_place(
        folder, placing(aliases=("Kafr Bateekh",)), by=EDITOR, on=TODAY, boundaries=bundled_atlas.boundaries
    )
    atlas, gazetteer = gazetteer_of(folder)
    again = reread(read, gazetteer, atlas.places)
    assert VILLAGE not in [n.name for n in again.source.names_not_found]
    [excerpt] = [e for e in again.excerpts if made.id in e.places]
    assert VILLAGE in excerpt.text and "maarat-al-numan" in excerpt.places
    assert again.source.removed_lines == read.source.removed_lines == ("Skip to main content",)
    assert again.document["removed_lines"] == ["Skip to main content"]
    # A new article that spells it as the editor listed it finds it too.
    other = draft(ARTICLE.replace(VILLAGE, "Kafr Bateekh"), META, gazetteer, atlas.places)
    assert excerpts_naming(other, made.id)


def test_candidates_are_geonames_places_of_a_like_name_nearest_first(gazetteer: Gazetteer) -> None:
    idlib = (35.93, 36.63)
    found = candidates("Hish", gazetteer, [idlib])
    assert found, "Ḩīsh is in GeoNames"
    entry, km = found[0]
    assert entry.geonames_id is not None and not entry.ours and km is not None and km < 60
    assert [k for _, k in found] == sorted(k for _, k in found if k is not None)
    assert candidates("Kafr Batikh", gazetteer, [idlib]) == []
    assert all(k is None for _, k in candidates("Hish", gazetteer, []))
