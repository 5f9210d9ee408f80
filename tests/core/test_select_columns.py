"""select() reads the filters off the atlas's columns and keeps exactly what narrowing one excerpt at a time keeps.

The reference is the rule it replaced, kept here: every row's own narrowing applied in turn to
the excerpts, and the places drawn those of the kept excerpts that the filters let through.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from geo.core.atlas import Atlas, reviewed_only
from geo.core.dates import span
from geo.core.filters import FILTERS, keeps_place
from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.core.viewstate import ViewState, date_bounds, selection
from geo.data.load import load_atlas
from geo.tools.synth.year import write_year
from tests.support.countries import write_countries_folder
from tests.support.datafolder import ARTICLE, source, write_folder


def one_by_one(atlas: Atlas, state: ViewState) -> tuple[list[int], list[str]]:
    """The excerpts (by identity) and places (by id) the rows' own narrowing keeps, each row in turn."""
    excerpts = list(atlas.excerpts)
    for row in FILTERS:
        excerpts = row.narrow(atlas, excerpts, state.value(row))
    in_view = {place_id for e in excerpts for place_id in e.places}
    places = [p.id for p in atlas.places.values() if p.id in in_view and keeps_place(p, state.value)]
    return [id(e) for e in excerpts], places


def selected(atlas: Atlas, state: ViewState) -> tuple[list[int], list[str]]:
    """The excerpts (by identity) and places (by id) select() keeps."""
    chosen = selection(atlas, state)
    return [id(e) for e in chosen.excerpts], [p.id for p in chosen.places]


def _middle(atlas: Atlas) -> tuple[date, date]:
    """A quarter of the atlas's dates either side of their middle."""
    bounds = date_bounds(atlas)
    assert bounds is not None
    first, last = bounds
    quarter = (last - first) // 4
    return first + quarter, last - quarter


def _first_sources(atlas: Atlas) -> tuple[str, ...]:
    return tuple(list(atlas.sources)[:2])


# Each a view of an atlas: a filter of each kind alone, and some together.
STATES: dict[str, Callable[[Atlas], ViewState]] = {
    "none": lambda atlas: ViewState(),
    "a voice": lambda atlas: ViewState(voices=(Voice.CIVILIAN,)),
    "three voices": lambda atlas: ViewState(voices=(Voice.GOVERNMENT, Voice.OPPOSITION_ARMED, Voice.NGO)),
    "a kind": lambda atlas: ViewState(kinds=(ExcerptKind.TESTIMONY,)),
    "a place kind": lambda atlas: ViewState(place_kinds=(PlaceKind.TOWN,)),
    "two place kinds": lambda atlas: ViewState(place_kinds=(PlaceKind.CITY, PlaceKind.VILLAGE)),
    "sources": lambda atlas: ViewState(sources=_first_sources(atlas)),
    "from": lambda atlas: ViewState(start=_middle(atlas)[0]),
    "to": lambda atlas: ViewState(end=_middle(atlas)[1]),
    "a range": lambda atlas: ViewState(start=_middle(atlas)[0], end=_middle(atlas)[1]),
    "a day": lambda atlas: ViewState(start=_middle(atlas)[0], end=_middle(atlas)[0]),
    "an empty range": lambda atlas: ViewState(start=_middle(atlas)[0], end=_middle(atlas)[0] - timedelta(days=1)),
    "a search": lambda atlas: ViewState(text="families"),
    "a place's name": lambda atlas: ViewState(text=next(iter(atlas.places.values())).name),
    "a search finding nothing": lambda atlas: ViewState(text="zzzzqx"),
    "drafts": lambda atlas: ViewState(drafts=True),
    "countries": lambda atlas: ViewState(countries=True),
    "countries of a kind": lambda atlas: ViewState(place_kinds=(PlaceKind.COUNTRY,), countries=True),
    "together": lambda atlas: ViewState(
        voices=(Voice.CIVILIAN, Voice.JOURNALIST), start=_middle(atlas)[0], text="the", drafts=True
    ),
    "every filter": lambda atlas: ViewState(
        sources=_first_sources(atlas),
        voices=tuple(Voice),
        kinds=tuple(ExcerptKind),
        place_kinds=tuple(PlaceKind),
        start=_middle(atlas)[0],
        end=_middle(atlas)[1],
        text="the",
    ),
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """A small year-shaped corpus."""
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    write_year(folder, places=150, sources=20, excerpts=1500, seed=5)
    return load_atlas(folder)


@pytest.fixture(scope="module")
def editors(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """An atlas with a draft beside a reviewed source."""
    folder = tmp_path_factory.mktemp("drafts")
    sources = {"test-source": (source(), ARTICLE), "draft-source": (source("draft-source", status="draft"), ARTICLE)}
    return load_atlas(write_folder(folder, sources=sources))


@pytest.fixture(scope="module")
def countries(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(write_countries_folder(tmp_path_factory.mktemp("countries")))


@pytest.fixture(params=["bundled", "synthetic", "editors", "readers", "countries"])
def atlas(request: pytest.FixtureRequest) -> Atlas:
    """Each atlas the views are compared on: a reader's shares its editor's word index."""
    if request.param == "readers":
        return reviewed_only(request.getfixturevalue("editors"))
    return request.getfixturevalue(f"{request.param}_atlas" if request.param == "bundled" else request.param)


@pytest.mark.parametrize("state", STATES.values(), ids=STATES.keys())
def test_select_keeps_what_narrowing_one_by_one_keeps(atlas: Atlas, state: Callable[[Atlas], ViewState]) -> None:
    view = state(atlas)
    assert selected(atlas, view) == one_by_one(atlas, view)


def test_the_table_s_views_select_some_and_leave_some(synthetic: Atlas) -> None:
    # So that the comparison above is of views that narrow, not of empty or whole ones.
    every = len(synthetic.excerpts)
    narrowing = [name for name, state in STATES.items() if 0 < len(selected(synthetic, state(synthetic))[0]) < every]
    assert {"a voice", "a kind", "a place kind", "sources", "a range", "a search"} <= set(narrowing)


def test_a_draft_is_left_out_unless_asked_for(editors: Atlas) -> None:
    shown = {e.source for e in selection(editors, ViewState(drafts=True)).excerpts}
    hidden = {e.source for e in selection(editors, ViewState()).excerpts}
    assert shown == {"test-source", "draft-source"}
    assert hidden == {"test-source"}


def test_the_date_bounds_are_the_spans_first_and_last_days(atlas: Atlas) -> None:
    spans = [span(e.event_date) for e in atlas.excerpts if e.event_date]
    expected = (min(s.start for s in spans), max(s.end for s in spans)) if spans else None
    assert date_bounds(atlas) == expected


def test_an_atlas_with_no_date_has_no_bounds(editors: Atlas) -> None:
    undated = dataclasses.replace(
        editors, excerpts=tuple(e.model_copy(update={"event_date": None}) for e in editors.excerpts)
    )
    assert date_bounds(undated) is None
