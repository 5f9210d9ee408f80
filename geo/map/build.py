"""Building the folium map: a base that stays put, and layers of the places and journeys in view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from branca.element import Element, Figure

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.settings import MAP_HEIGHT
from geo.map.assets import MapAssets, inline_script_links
from geo.map.dense import dense_layer, dots, is_dense
from geo.map.framing import opening_view
from geo.map.journeys import movements_layer
from geo.map.legend import LEGEND_FOLD_BELOW_PX, legend_html
from geo.map.markers import places_layer
from geo.map.scripts import ScriptCall
from geo.map.styles import map_css
from geo.render.popup import POPUP_CSS

OUTLINE_STYLE = {"color": "#6e7781", "weight": 1.2, "fill": True, "fillColor": "#f6f8fa", "fillOpacity": 0.35}

# The page's sidebar, timeline and table wait for the map to be drawn, but never longer than this.
REPORT_AFTER_MS = 10_000


def from_the_app(
    fmap: folium.Map, atlas: Atlas, assets: MapAssets, style: str, *, scripts: Sequence[tuple[str, str]] = ()
) -> None:
    """Leaflet from the app, the map's style in its page, and the governorate outlines under all."""
    # folium would otherwise point the browser at public CDNs.
    fmap.default_js = [*assets.js, *scripts]
    fmap.default_css = list(assets.css)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(f"<style>{style}</style>"))
    if atlas.boundaries is not None:
        outlines(outline_features(atlas)).add_to(fmap)


def base_map(atlas: Atlas, assets: MapAssets, centre: tuple[float, float], zoom: int) -> folium.Map:
    """The map frame at its opening view, with governorate outlines and a legend."""
    # Nothing here may depend on the selection: a change to this map's script remounts it
    # in the browser, losing the reader's view on every filter change.
    fmap = folium.Map(
        location=centre,
        zoom_start=zoom,
        tiles="OpenStreetMap",
        control_scale=True,
        prefer_canvas=False,
        # A pop-up fades out over 200 ms; when a rerun redraws the open place, the old pop-up
        # would still be fading under the new one, two on the map at once.
        fade_animation=False,
    )
    # A map built without the scripts' URLs (the server's warm-up, whose map is never sent,
    # or a page saved to stand alone) carries each script file in its link instead, as a
    # data: URL, so that its page still runs.
    linked = {name for name, _ in assets.js}
    inline = [link for link in inline_script_links() if link[0] not in linked]
    from_the_app(fmap, atlas, assets, POPUP_CSS + map_css(), scripts=inline)
    # The key, a pop-up the page opens brought into view until the reader moves the map, and
    # streamlit-folium's first report held until the map is drawn: once painted for markers,
    # or once a large map's dots say so (js/legend.js, reader_moves.js, quiet_start.js).
    ScriptCall("addLegend", legend_html(), LEGEND_FOLD_BELOW_PX).add_to(fmap)
    ScriptCall("watchReader").add_to(fmap)
    ScriptCall("holdFirstReport", not is_dense(atlas), REPORT_AFTER_MS).add_to(fmap)
    return fmap


@per_atlas
def outline_features(atlas: Atlas) -> dict[str, Any]:
    """The governorate outlines as GeoJSON, converted once per atlas rather than on every rerun."""
    assert atlas.boundaries is not None
    features: dict[str, Any] = atlas.boundaries[["name", "geometry"]].__geo_interface__
    return features


def outlines(features: dict[str, Any]) -> folium.GeoJson:
    """Governorate outlines, so the map stays readable when tiles cannot load."""
    return folium.GeoJson(
        features,
        name="Governorates",
        style_function=lambda _feature: OUTLINE_STYLE,
        smooth_factor=1.5,
        control=False,
    )


def build_map(
    selection: Selection,
    assets: MapAssets,
    *,
    selected: str | None = None,
    movements: bool = True,
    query: str = "",
    height_px: int = MAP_HEIGHT,
) -> tuple[folium.Map, list[folium.FeatureGroup]]:
    """The base map, opening on its places in a frame of this height, and apart the layers that follow the selection."""
    # The layers go to st_folium as its feature groups, which it swaps on a rerun without
    # remounting the map. The query is the selection's filters as a link gives them: a large
    # map fetches its pop-ups under it.
    atlas = selection.atlas
    centre, zoom = opening_view(atlas, height_px)
    fmap = base_map(atlas, assets, centre, zoom)
    if is_dense(atlas):
        dots(atlas, assets).add_to(fmap)
        layers = [dense_layer(selection, selected, query, popups=assets.popups)]
        # Thousands of arrows would hide the dots and cost more than the dots themselves:
        # a dense map draws only the journeys told about the open place.
        if movements and selected is not None:
            layers.append(movements_layer(selection.at_place(selected), selected))
    else:
        layers = [places_layer(selection, zoom, selected, popups=assets.popups, query=query)]
        if movements:
            layers.append(movements_layer(selection, selected))
    return fmap, layers
