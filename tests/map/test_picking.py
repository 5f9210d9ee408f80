"""The small map a name is placed on by hand: local files, outlines, the article's places named, the point marked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import folium
import pytest

from geo.core.atlas import Atlas
from geo.map.assets import ASSET_FOLDERS, local_assets
from geo.map.picking import CHOSEN_COLOUR, IDLIB, OPENING_ZOOM, chosen_layer, picking_map

ASSETS = local_assets({name: f"/served/{name}" for name in ASSET_FOLDERS})


def walk(element: Any) -> Iterator[Any]:
    """An element and every element under it."""
    yield element
    for child in element._children.values():
        yield from walk(child)


@pytest.fixture(scope="module")
def around(bundled_atlas: Atlas) -> list:
    return [bundled_atlas.places["maarat-al-numan"], bundled_atlas.places["khan-sheikhoun"]]


def test_the_map_loads_leaflet_from_the_app_and_draws_the_outlines(bundled_atlas: Atlas, around: list) -> None:
    fmap = picking_map(bundled_atlas, ASSETS, around, 300)
    links = [url for element in walk(fmap) for a in ("default_js", "default_css") for _, url in getattr(element, a, [])]
    assert links and all(url.startswith("/served/") for url in links)
    html = fmap.get_root().render()
    assert "cdn" not in html.lower()
    assert any(isinstance(e, folium.GeoJson) for e in walk(fmap)), "the outlines keep it readable without tiles"


def test_the_articles_places_are_named_and_let_clicks_through(bundled_atlas: Atlas, around: list) -> None:
    markers = [e for e in walk(picking_map(bundled_atlas, ASSETS, around, 300)) if isinstance(e, folium.Marker)]
    assert [m.location for m in markers] == [[p.lat, p.lon] for p in around]
    assert all(m.options.get("interactive") is False for m in markers)
    assert all(p.name in m.icon.options["html"] for m, p in zip(markers, around, strict=True))


@pytest.mark.parametrize("count", [0, 1, 2])
def test_the_map_opens_on_the_articles_places_or_on_idlib(bundled_atlas: Atlas, around: list, count: int) -> None:
    fmap = picking_map(bundled_atlas, ASSETS, around[:count], 300)
    if count == 0:
        assert (tuple(fmap.location), fmap.options["zoom"]) == (IDLIB, OPENING_ZOOM)
    else:
        lat, lon = fmap.location
        assert 35.3 < lat < 35.8 and 36.5 < lon < 36.8


def test_the_same_article_makes_the_same_map(bundled_atlas: Atlas, around: list) -> None:
    # The map is never rebuilt in the browser on a click: its script must not change from run to run.
    first, second = (picking_map(bundled_atlas, ASSETS, around, 300) for _ in range(2))
    assert (first.location, first.options) == (second.location, second.options)


@pytest.mark.parametrize("precision", [500, 1_000, 25_000])
def test_the_chosen_point_is_marked_in_a_circle_of_its_precision(precision: int) -> None:
    assert not chosen_layer(None, precision)._children
    circles = [e for e in walk(chosen_layer((35.65, 36.55), precision)) if isinstance(e, folium.Circle)]
    [circle] = circles
    assert circle.options["radius"] == precision and circle.location == [35.65, 36.55]
    dots = [e for e in walk(chosen_layer((35.65, 36.55), precision)) if isinstance(e, folium.CircleMarker)]
    assert [d.options["fillColor"] for d in dots if not isinstance(d, folium.Circle)] == [CHOSEN_COLOUR]
    assert all(e.options.get("interactive") is False for e in circles + dots), "a second click lands on the map"
