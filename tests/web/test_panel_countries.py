"""Beside the map and behind it, a place is offered and opened as the map draws it: a country only when shown.

The place box offers the places drawn under the filters; the panel and the pop-up route show a
place the map does not draw (a country while countries are hidden) none of its excerpts; a click
at a point a drawn place shares with a hidden country opens the drawn place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo.web.panel as panel
from geo.core.atlas import Atlas
from geo.core.records import Voice
from geo.core.settings import BUNDLED_DATA
from geo.core.viewstate import ViewState, selection
from geo.data.load import load_atlas
from geo.map.dense import quantised
from geo.render.popup import popup_html
from geo.web.pages.map import open_clicked_place
from geo.web.routes import popup_for
from tests.support.countries import (
    ARTICLE_WITH_COUNTRIES,
    AT_THE_TOWN,
    COUNTRIES,
    COUNTRIES_ALONE,
    EXCERPTS,
    TOWNS,
    write_countries_folder,
)
from tests.support.datafolder import place, source, write_folder

APP = str(BUNDLED_DATA.parent / "app.py")
HIDDEN, SHOWN = ViewState(), ViewState(countries=True)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_countries_folder(tmp_path_factory.mktemp("countries") / "data")


@pytest.fixture(scope="module")
def atlas(data: Path) -> Atlas:
    return load_atlas(data)


def ids(excerpts: Any) -> set[str]:
    """The ids of some excerpts."""
    return {e.id for e in excerpts}


@pytest.mark.parametrize(
    ("view", "open_place", "offered"),
    [
        (HIDDEN, None, ["alpha", "beta-crossing"]),
        (SHOWN, None, ["alpha", "beta-crossing", "turkey", "russia"]),
        # A filter that leaves a place no excerpt leaves it out of the box, as off the map.
        (ViewState(voices=(Voice.JOURNALIST,)), None, ["alpha"]),
        (ViewState(voices=(Voice.JOURNALIST,), countries=True), None, ["alpha", "turkey", "russia"]),
        # The open place stays, first, so that the box still shows it.
        (HIDDEN, "turkey", ["turkey", "alpha", "beta-crossing"]),
        (SHOWN, "turkey", ["alpha", "beta-crossing", "turkey", "russia"]),
    ],
)
def test_the_box_offers_the_places_the_map_draws(
    atlas: Atlas, view: ViewState, open_place: str | None, offered: list[str]
) -> None:
    assert panel.place_options(selection(atlas, view), open_place) == offered


def test_a_large_atlas_offers_the_first_places_drawn(atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(panel, "PLACE_CHOICES", 1)
    assert panel.place_options(selection(atlas, SHOWN), None) == ["alpha"]
    assert panel.place_options(selection(atlas, SHOWN), "russia") == ["russia", "alpha"]


@pytest.mark.parametrize(
    ("view", "place_id", "shown"),
    [
        (HIDDEN, "turkey", set()),
        (SHOWN, "turkey", {AT_THE_TOWN, COUNTRIES_ALONE}),
        (HIDDEN, "alpha", {"test-source-shelling", "test-source-dana", AT_THE_TOWN}),
        (SHOWN, "russia", {COUNTRIES_ALONE}),
    ],
)
def test_the_panel_shows_a_place_s_excerpts_only_where_it_is_drawn(
    atlas: Atlas, view: ViewState, place_id: str, shown: set[str]
) -> None:
    assert ids(panel.excerpts_shown(selection(atlas, view), atlas.places[place_id])) == shown


def view_of(atlas: Atlas):  # type: ignore[no-untyped-def]
    return lambda state: selection(atlas, state)


@pytest.mark.parametrize(("countries", "shown"), [([], set()), (["on"], {AT_THE_TOWN, COUNTRIES_ALONE})])
def test_a_country_s_pop_up_is_empty_while_countries_are_hidden(
    atlas: Atlas, countries: list[str], shown: set[str]
) -> None:
    query = {"place": ["turkey"], **({"countries": countries} if countries else {})}
    found, html = popup_for(atlas, query, view_of(atlas))
    assert found == "turkey"
    kept = [e for e in atlas.excerpts if e.id in shown]
    assert html == popup_html(atlas.places["turkey"], kept, atlas.sources)
    said = {e.id: e.text in html for e in atlas.excerpts if e.id in (AT_THE_TOWN, COUNTRIES_ALONE)}
    assert said == {e: e in shown for e in (AT_THE_TOWN, COUNTRIES_ALONE)}


@pytest.mark.parametrize(("countries", "found"), [([], None), (["on"], "turkey")])
def test_a_click_at_a_hidden_country_s_point_finds_no_place(
    atlas: Atlas, countries: list[str], found: str | None
) -> None:
    lat, lon = quantised(atlas.places["turkey"].lat, atlas.places["turkey"].lon)
    query = {"lat": [str(lat)], "lon": [str(lon)], **({"countries": countries} if countries else {})}
    if found is None:
        with pytest.raises(LookupError, match="no place at that point"):
            popup_for(atlas, query, view_of(atlas))
    else:
        assert popup_for(atlas, query, view_of(atlas))[0] == found


def test_a_click_on_a_capital_opens_the_capital_not_its_hidden_country(tmp_path: Path) -> None:
    # Turkey stands at Ankara's point, and comes first: the click is on Ankara, the marker drawn.
    turkey, russia = COUNTRIES
    lon, lat = turkey["geometry"]["coordinates"]
    ankara = place("ankara", "Ankara", lon, lat, kind="city", admin1="Ankara")
    document = source()
    about_ankara = {"id": "ankara", "places": ["ankara"], "kind": "report", "voice": "journalist",
                    "text": "Turkey said the crossing at Alpha would stay shut."}  # fmt: skip
    document["excerpts"] = [*document["excerpts"], *EXCERPTS, about_ankara]
    atlas = load_atlas(
        write_folder(
            tmp_path,
            places=[turkey, russia, *TOWNS, ankara],
            sources={"test-source": (document, ARTICLE_WITH_COUNTRIES)},
        )
    )
    st.session_state.clear()
    st.session_state["map"] = {"last_object_clicked": {"lat": lat, "lng": lon}}
    open_clicked_place(atlas, selection(atlas, HIDDEN))
    assert st.session_state.place == "ankara"
    st.session_state.clear()


def run(monkeypatch: pytest.MonkeyPatch, data: Path, **params: list[str]) -> AppTest:
    """The page as the run the drawn map asks for leaves it, opened on a link."""
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    at.run()
    return at.run()


def test_a_linked_country_opens_empty_while_countries_are_hidden(monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    at = run(monkeypatch, data, place=["turkey"])
    assert not at.exception
    box = at.selectbox(key="place")
    assert box.value == "turkey" and box.options == ["Turkey", "Alpha", "Beta crossing"]
    assert any("Show countries" in info.value for info in at.info)
    assert not any("stay shut" in h.proto.body for h in at.get("html") if "geo-excerpt" in h.proto.body)


def test_with_countries_shown_the_box_offers_them_and_the_panel_shows_their_excerpts(
    monkeypatch: pytest.MonkeyPatch, data: Path
) -> None:
    at = run(monkeypatch, data, place=["turkey"], countries=["on"])
    assert not at.exception
    assert at.selectbox(key="place").options == ["Alpha", "Beta crossing", "Turkey", "Russia"]
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "stay shut" in bodies and "met in Sochi" in bodies
    assert not any("Show countries" in info.value for info in at.info)
