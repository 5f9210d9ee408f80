"""A busy place's pop-up and panel read a page of its excerpts and the view's kept counts, never all of them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import geo.core.tallies
from geo.core.atlas import Atlas, Selection
from geo.core.records import Voice
from geo.core.viewstate import ViewState, selection, to_query
from geo.data.load import load_atlas
from geo.render.popup import POPUP_PAGE, popup_html
from geo.tools.synth import write_year
from geo.web.panel import panel_of
from geo.web.routes import popup_for

STATES = [ViewState(), ViewState(voices=(Voice.CIVILIAN, Voice.GOVERNMENT))]


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """A small year-shaped corpus, whose heaviest place has some hundreds of excerpts."""
    folder = tmp_path_factory.mktemp("busy") / "data"
    write_year(folder, 30, 12, 4_000, seed=2)
    return load_atlas(folder)


@pytest.fixture
def heaviest(atlas: Atlas) -> str:
    return max(atlas.by_place, key=lambda place_id: len(atlas.by_place[place_id]))


def views_of(atlas: Atlas) -> Callable[[ViewState], Selection]:
    """The app's views, one per set of filters, made once each."""
    made: dict[ViewState, Selection] = {}
    return lambda state: made.setdefault(state, selection(atlas, state))


@pytest.mark.parametrize("state", STATES)
def test_a_pop_up_and_its_panel_gather_none_of_the_place_s_excerpts(
    atlas: Atlas, heaviest: str, state: ViewState, monkeypatch: pytest.MonkeyPatch
) -> None:
    view_of = views_of(atlas)
    view = view_of(state)
    every = view.excerpts_at(heaviest)
    pages = -(-len(every) // POPUP_PAGE)
    assert pages > 3
    expected = {page: popup_html(atlas.places[heaviest], every, atlas.sources, page) for page in (1, 2, pages)}

    def refused(*args: object) -> None:
        raise AssertionError("a place's excerpts were all gathered")

    monkeypatch.setattr(Selection, "excerpts_at", refused)
    for page, html in expected.items():
        query = {"place": [heaviest], "page": [str(page)], **to_query(state)}
        assert popup_for(atlas, query, view_of) == (heaviest, html)
    assert every[0].text in panel_of(atlas, view, heaviest).html()


@pytest.mark.parametrize("state", STATES)
def test_a_view_s_counts_are_made_once_and_the_atlas_s_columns_once_a_load(
    atlas: Atlas, heaviest: str, state: ViewState, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = views_of(atlas)(state)
    first = panel_of(atlas, view, heaviest).html()

    def refused(*args: object) -> None:
        raise AssertionError("counted again")

    monkeypatch.setattr(geo.core.tallies, "_made_columns", refused)
    with monkeypatch.context() as again:
        again.setattr(geo.core.tallies, "_counted", refused)
        assert panel_of(atlas, view, heaviest).html() == first
    # Another view of the same filters counts its own, from the atlas's columns made before.
    assert panel_of(atlas, views_of(atlas)(state), heaviest).html() == first
