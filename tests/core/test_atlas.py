"""Selecting by source: which excerpts and places stay in view."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geo.core.atlas import Atlas, place_at
from geo.core.filters import UnknownSourceError, select
from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.data.load import load_atlas
from geo.web.table import excerpt_frame
from tests.support.datafolder import ARTICLE, source, write_folder


@pytest.fixture
def atlas(tmp_path: Path):
    other = source(
        "other-source",
        excerpts=[
            {
                "id": "other-1",
                "places": ["beta-crossing"],
                "kind": "report",
                "voice": "journalist",
                "text": "Officials said the Beta crossing was open.",
            },
        ],
    )
    return load_atlas(
        write_folder(tmp_path, sources={"test-source": (source(), ARTICLE), "other-source": (other, ARTICLE)})
    )


@pytest.mark.parametrize(
    ("sources", "places", "excerpts"),
    [
        (
            None,
            ["alpha", "beta-crossing"],
            ["other-1", "test-source-shelling", "test-source-dana", "test-source-officials"],
        ),
        (["other-source"], ["beta-crossing"], ["other-1"]),
        (
            ["test-source"],
            ["alpha", "beta-crossing"],
            ["test-source-shelling", "test-source-dana", "test-source-officials"],
        ),
        ([], [], []),
    ],
)
def test_select_by_source(atlas, sources, places, excerpts) -> None:
    selection = select(atlas, sources)
    assert [p.id for p in selection.places] == places
    assert [e.id for e in selection.excerpts] == excerpts


def test_unknown_source_is_refused_with_the_known_ones(atlas) -> None:
    with pytest.raises(UnknownSourceError, match="nope.*known: other-source, test-source"):
        select(atlas, ["nope"])


def test_excerpts_at_a_place(atlas) -> None:
    selection = select(atlas, ["test-source"])
    assert [e.id for e in selection.excerpts_at("alpha")] == ["test-source-shelling", "test-source-dana"]
    assert select(atlas, ["other-source"]).excerpts_at("alpha") == ()


def test_excerpt_frame_has_a_row_per_excerpt(atlas) -> None:
    frame = excerpt_frame(select(atlas, ["test-source"]))
    assert len(frame) == 3
    assert frame.loc[1, "speaker"] == "Dana Q"
    assert frame.loc[0, "places"] == "Alpha"
    assert frame.loc[0, "source"] == "Test Outlet"


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"voices": [Voice.RUSSIA]}, {"amc-burenkov-crossings"}),
        ({"voices": [Voice.STATE_MEDIA]}, {"amc-sana-terrorists-prevent", "tn-state-media-retook-village"}),
        (
            {"kinds": [ExcerptKind.TESTIMONY], "sources": ["al-monitor-2020-01-idlib-crossings"]},
            {
                "amc-dandoush-allegations-incorrect",
                "amc-hussein-no-transit",
                "amc-jwaid-commercial-crossing",
                "amc-rasheed-abu-dafna",
            },
        ),
        (
            {"start": date(2020, 1, 18), "end": date(2020, 1, 19)},
            {"amc-abu-dafna-attack", "amc-rasheed-abu-dafna", "amc-sana-terrorists-prevent"},
        ),
        ({"start": date(2019, 4, 30), "end": date(2019, 4, 30)}, {"tn-killed-displaced-since-assault"}),
        ({"end": date(2018, 12, 31)}, {"tn-ceasefire-broken"}),
        ({"text": "Ma'arrat al-Nu'man", "voices": [Voice.JOURNALIST]}, {"amc-caption-maarat-trucks"}),
        ({"text": "barrel bomb"}, {"tn-ghlo-fled-latamnah"}),
        ({"text": "BURENKOV"}, {"amc-burenkov-crossings"}),
        ({"text": "reconciliation center Khmeimim"}, {"amc-burenkov-crossings"}),
    ],
)
def test_each_criterion_narrows_the_excerpts(bundled_atlas: Atlas, criteria, expected) -> None:
    assert {e.id for e in select(bundled_atlas, **criteria).excerpts} == expected


@pytest.mark.parametrize(
    "query", ["maarat numan", "Ma'arrat al-Nu'man", "معرة النعمان", "MAARAT AL-NUMAN", "Maarrat an Numan"]
)
def test_any_spelling_finds_the_same_place(bundled_atlas: Atlas, query: str) -> None:
    found = select(bundled_atlas, text=query)
    assert found.excerpts and all("maarat-al-numan" in e.places or "Maarat" in e.text for e in found.excerpts)
    assert {e.id for e in found.excerpts} == {e.id for e in select(bundled_atlas, text="Maarat al-Numan").excerpts}


def test_a_search_that_matches_nothing_shows_nothing(bundled_atlas: Atlas) -> None:
    assert select(bundled_atlas, text="zzzz-no-such-word").places == ()


def test_a_date_range_leaves_out_undated_excerpts(bundled_atlas: Atlas) -> None:
    dated = select(bundled_atlas, start=date(2000, 1, 1))
    assert dated.excerpts and all(e.event_date for e in dated.excerpts)
    assert len(dated.excerpts) < len(bundled_atlas.excerpts)


def test_a_place_kind_keeps_only_places_of_that_kind_and_their_excerpts(bundled_atlas: Atlas) -> None:
    crossings = select(bundled_atlas, place_kinds=[PlaceKind.CROSSING])
    assert {p.kind for p in crossings.places} == {PlaceKind.CROSSING}
    places = bundled_atlas.places
    assert all(any(places[p].kind is PlaceKind.CROSSING for p in e.places) for e in crossings.excerpts)
    # Burenkov names Khmeimim as well as the crossings, but only the crossings are in view.
    assert "khmeimim-air-base" not in {p.id for p in crossings.places}


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (35.6507, 37.0535, None),
        (35.44, 36.54, "al-habit-crossing"),
        (35.4400000001, 36.54, "al-habit-crossing"),
        (35.45, 36.54, None),
    ],
)
def test_a_click_maps_to_the_place_exactly_there(bundled_atlas: Atlas, lat, lon, expected) -> None:
    assert place_at(bundled_atlas, lat, lon) == expected


@pytest.mark.parametrize(("one", "other"), [("Idleb", "Idlib"), ("Daraa", "Deraa"), ("Edlib", "idlib")])
def test_a_place_name_in_a_query_stands_for_all_its_spellings(bundled_atlas: Atlas, one: str, other: str) -> None:
    found = {e.id for e in select(bundled_atlas, text=one).excerpts}
    assert found and found == {e.id for e in select(bundled_atlas, text=other).excerpts}


def test_short_query_words_match_whole_words_and_longer_ones_word_starts(bundled_atlas: Atlas) -> None:
    ees = {e.id for e in select(bundled_atlas, text="Ees").excerpts}
    assert ees == {e.id for e in bundled_atlas.excerpts if "al-hadr-al-eis-crossing" in e.places}

    def found(text: str) -> set[str]:
        return {e.id for e in select(bundled_atlas, text=text).excerpts}

    assert "amc-aswad-hoax" not in found("on"), "'on' is not inside 'opening'"
    assert found("marat numan") == found("Maarat al-Numan")
    assert found("crossi"), "a word's start is enough"
    assert not found("rossing"), "but not its middle"


@pytest.mark.parametrize(
    "filters",
    [{}, {"voices": {Voice.CIVILIAN, Voice.GOVERNMENT}}, {"kinds": {ExcerptKind.TESTIMONY}}, {"text": "crossing"}],
)
def test_a_place_s_excerpts_read_from_the_index_are_the_selected_ones(
    bundled_atlas: Atlas, filters: dict[str, object]
) -> None:
    view = select(bundled_atlas, **filters)  # type: ignore[arg-type]
    for place_id in bundled_atlas.places:
        expected = tuple(e for e in view.excerpts if place_id in e.places)
        assert view.excerpts_at(place_id) == expected
        assert view.by_place.get(place_id, ()) == expected


def test_a_selection_marks_its_own_excerpts_and_no_other(bundled_atlas: Atlas) -> None:
    view = select(bundled_atlas, voices={Voice.CIVILIAN})
    assert 0 < len(view.excerpts) < len(bundled_atlas.excerpts)
    picked = view.picked()
    assert picked is not None and not picked.whole
    assert picked.marks.tolist() == [e.voice == Voice.CIVILIAN for e in bundled_atlas.excerpts]


def test_a_view_of_records_of_its_own_is_not_read_from_the_atlas_s_table(bundled_atlas: Atlas) -> None:
    view = select(bundled_atlas, voices={Voice.CIVILIAN})
    few = replace(view, excerpts=tuple(view.excerpts)[:2])
    assert few.picked() is None and few.positions_at(few.excerpts[0].places[0]) is None
    assert few.excerpts_at(few.excerpts[0].places[0])[0] == few.excerpts[0]
