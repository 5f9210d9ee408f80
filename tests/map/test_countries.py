"""Countries are drawn only when a reader asks for them, and never frame the map."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.viewstate import ViewState, parse_query, selection, to_query
from geo.data.load import load_atlas
from geo.map.assets import ASSET_FOLDERS, local_assets
from geo.map.build import build_map
from geo.map.framing import opening_view
from geo.publish.contents import contents
from geo.publish.payload import site_json
from geo.publish.tiles import Tiles
from tests.support.datafolder import ARTICLE, place, source, write_folder

ASSETS = local_assets({name: f"/served/{name}" for name in ASSET_FOLDERS})
ARTICLE_WITH_TURKEY = ARTICLE + "Turkey said the crossing at Alpha would stay shut.\nTurkey and Russia met in Sochi.\n"
TOWNS = [
    place("alpha", "Alpha", 36.6, 35.6),
    place("beta-crossing", "Beta crossing", 36.9, 35.8, kind="crossing", precision_m=5000),
]
COUNTRIES = [
    place("turkey", "Turkey", 32.85427, 39.91987, kind="country", precision_m=997000, admin1="Turkey"),
    place("russia", "Russia", 37.61781, 55.75204, kind="country", precision_m=4666000, admin1="Russia"),
]
EXCERPTS = [
    # About a town and a country: at the town whether or not countries are shown.
    {"id": "turkey-alpha", "places": ["alpha", "turkey"], "kind": "statement", "speaker": "Turkey",
     "voice": "government", "text": "Turkey said the crossing at Alpha would stay shut."},
    # About countries alone: no marker to stand at unless countries are shown.
    {"id": "sochi", "places": ["turkey", "russia"], "kind": "report", "voice": "journalist",
     "text": "Turkey and Russia met in Sochi."},
]  # fmt: skip
# The same ids as towns inside the others' bounds: an atlas with no country that frames like one.
STAND_INS = [
    place("turkey", "Turkey", 36.7, 35.7, admin1="Turkey"),
    place("russia", "Russia", 36.8, 35.7, admin1="Russia"),
]


def _atlas(root: Path, places: list[dict[str, object]]) -> Atlas:
    document = source()
    document["excerpts"] = [*document["excerpts"], *EXCERPTS]
    return load_atlas(write_folder(root, places=places, sources={"test-source": (document, ARTICLE_WITH_TURKEY)}))


@pytest.fixture
def atlas(tmp_path: Path) -> Atlas:
    return _atlas(tmp_path, TOWNS + COUNTRIES)


def _marked(atlas: Atlas, view: ViewState) -> set[str]:
    """The places the map draws a marker for in a view, read from the marker's classes."""
    layer = build_map(selection(atlas, view), ASSETS)[1][0]
    marked = set()
    for child in layer._children.values():
        if type(child) is folium.Marker:
            icon = next(c for c in child._children.values() if isinstance(c, folium.DivIcon))
            marked |= {name.removeprefix("geo-place-") for name in icon.options["class_name"].split()}
    return marked & {"alpha", "beta-crossing", "turkey", "russia"}


@pytest.mark.parametrize(
    ("view", "places", "excerpts"),
    [
        (ViewState(), {"alpha", "beta-crossing"}, {"turkey-alpha"}),
        (ViewState(countries=True), {"alpha", "beta-crossing", "turkey", "russia"}, {"turkey-alpha", "sochi"}),
    ],
)
def test_countries_are_drawn_only_with_the_switch(
    atlas: Atlas, view: ViewState, places: set[str], excerpts: set[str]
) -> None:
    shown = selection(atlas, view)
    assert {p.id for p in shown.places} == places
    assert {e.id for e in shown.excerpts} & {"turkey-alpha", "sochi"} == excerpts
    assert _marked(atlas, view) == places


def test_without_the_switch_an_excerpt_about_a_town_and_a_country_is_counted_at_the_town(atlas: Atlas) -> None:
    shown = select(atlas)
    assert "turkey-alpha" in {e.id for e in shown.excerpts_at("alpha")}
    assert "turkey" not in {p.id for p in shown.places}


def test_a_country_marker_is_of_the_country_kind(atlas: Atlas) -> None:
    layer = build_map(selection(atlas, ViewState(countries=True)), ASSETS)[1][0]
    classes = [
        next(c for c in m._children.values() if isinstance(c, folium.DivIcon)).options["class_name"].split()
        for m in layer._children.values()
        if type(m) is folium.Marker
    ]
    (turkey,) = [c for c in classes if "geo-place-turkey" in c]
    assert "geo-kind-country" in turkey


def test_the_link_round_trips_the_switch(atlas: Atlas) -> None:
    state = ViewState(countries=True, place="alpha")
    query = to_query(state)
    assert query["countries"] == ["on"]
    assert parse_query(query, atlas) == (state, [])
    assert "countries" not in to_query(ViewState())


def test_a_link_asking_for_countries_where_there_are_none_shows_the_rest(tmp_path: Path) -> None:
    towns_only = _atlas(tmp_path, TOWNS + STAND_INS)
    state, notices = parse_query({"countries": ["on"]}, towns_only)
    assert notices == [] and state.countries is False


@pytest.mark.parametrize("shown", [False, True])
def test_countries_never_frame_the_map(tmp_path: Path, atlas: Atlas, shown: bool) -> None:
    towns = _atlas(tmp_path / "towns", TOWNS + STAND_INS)
    assert opening_view(atlas) == opening_view(towns)
    bounds = site_json(contents(atlas, ViewState(countries=shown)), "Test", Tiles())["bounds"]
    assert bounds == [[35.6, 36.6], [35.8, 36.9]]
