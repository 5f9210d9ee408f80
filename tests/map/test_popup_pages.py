"""A place's pop-up on the map: its first page embedded, the others fetched from the app's route."""

from __future__ import annotations

import folium
import pytest

from geo.core.atlas import Selection
from geo.core.filters import select
from geo.data.load import load_atlas
from geo.map.dense import dense_layer
from geo.map.markers import places_layer
from geo.map.scripts import ScriptCall, js_value
from geo.render.popup import POPUP_PAGE
from tests.support.datafolder import source, write_folder

ROUTE = "/api/popup"
QUERY = "voice=journalist&drafts=on&key=k"
BUSY = POPUP_PAGE + 7


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Selection:
    """A folder whose Alpha has more excerpts than a pop-up's page holds."""
    lines = [f"Shelling number {i} hit Alpha town." for i in range(BUSY)]
    excerpts = [
        {"id": f"shelling-{i}", "places": ["alpha"], "kind": "report", "voice": "journalist", "text": line}
        for i, line in enumerate(lines)
    ]
    article = "Town under fire\n\n" + "\n\n".join(lines) + "\n"
    root = tmp_path_factory.mktemp("busy")
    return select(load_atlas(write_folder(root, sources={"test-source": (source(excerpts=excerpts), article)})))


def popup_of(layer: folium.FeatureGroup, place_id: str) -> str:
    """The pop-up HTML of a place's marker in the layer."""
    found = [
        "".join(html.data for html in popup.html._children.values())
        for marker in layer._children.values()
        if type(marker) is folium.Marker
        for popup in marker._children.values()
        if isinstance(popup, folium.Popup)
        and any(
            f"geo-place-{place_id}" in icon.options["class_name"]
            for icon in marker._children.values()
            if isinstance(icon, folium.DivIcon)
        )
    ]
    (html,) = found
    return html


def page_calls(layer: folium.FeatureGroup) -> list[str]:
    return [c.script() for c in layer._children.values() if isinstance(c, ScriptCall) and c.function == "pagePopups"]


@pytest.mark.parametrize(
    ("route", "buttons", "told"),
    [(ROUTE, True, "Excerpts 1–25 of 32"), (None, False, "the panel beside the map pages through them all")],
    ids=["with-route", "standing-alone"],
)
def test_a_marker_s_pop_up_embeds_the_first_page_and_pages_by_the_route(
    busy: Selection, route: str | None, buttons: bool, told: str
) -> None:
    layer = places_layer(busy, zoom=9, popups=route, query=QUERY)
    html = popup_of(layer, "alpha")
    assert html.count('class="geo-excerpt"') == POPUP_PAGE
    assert ('data-go="next" data-page="2"' in html) is buttons
    assert told in html and f"{BUSY}" in html
    # Each run tells the script where pages come from and under which filters, the editor's key with them.
    assert page_calls(layer) == [f"geoMap.pagePopups({js_value(route)}, {js_value(QUERY)});\n"]


@pytest.mark.parametrize(("route", "marker_popup"), [(ROUTE, False), (None, True)], ids=["fetched", "embedded"])
def test_the_dense_map_s_open_place_pages_by_the_route_or_embeds_its_first_page(
    busy: Selection, route: str | None, marker_popup: bool
) -> None:
    layer = dense_layer(busy, "alpha", QUERY, popups=route)
    assert page_calls(layer) == [f"geoMap.pagePopups({js_value(route)}, {js_value(QUERY)});\n"]
    popups = [p for m in layer._children.values() for p in m._children.values() if isinstance(p, folium.Popup)]
    assert bool(popups) is marker_popup
    if marker_popup:
        (popup,) = popups
        html = "".join(h.data for h in popup.html._children.values())
        assert html.count('class="geo-excerpt"') == POPUP_PAGE and "<button" not in html
