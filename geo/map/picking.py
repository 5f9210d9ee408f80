"""A small map to place a name by hand on: the outlines, the article's other places, and the point chosen."""

from __future__ import annotations

from collections.abc import Sequence

import folium

from geo.core.atlas import Atlas
from geo.core.records import Place
from geo.map.assets import MapAssets
from geo.map.build import from_the_app
from geo.map.framing import initial_view
from geo.map.styles import map_css
from geo.map.symbols import MARKER_STYLES, marker_svg
from geo.render.popup import label_html

# Where a map with nothing to frame opens: Idlib, at a zoom that shows its countryside.
IDLIB = (35.93, 36.63)
OPENING_ZOOM = 9
# The point chosen stands out from the places drawn for orientation.
CHOSEN_COLOUR = "#cf222e"
# A click marks a point: the cursor says so, as the hand Leaflet shows says "drag". On a phone
# the tiles' credit, on two lines, would cover the scale an editor judges distances by.
_PICKING_CSS = (
    ".leaflet-container.leaflet-grab { cursor: crosshair; }"
    "@media (max-width: 420px) { .leaflet-control-attribution { font-size: 9px; } }"
)


def picking_map(atlas: Atlas, assets: MapAssets, around: Sequence[Place], height_px: int) -> folium.Map:
    """A map that opens on the article's other places, named, over the governorate outlines, to click on."""
    # Built from the article alone, never from the point chosen, which comes in its own layer: a
    # change to this map would remount it in the browser and lose the editor's view.
    centre, zoom = IDLIB, OPENING_ZOOM
    if around:
        centre, framed = initial_view(around, width_px=340, height_px=height_px - 60)
        # A step out from the frame of the places named: the name to place is often just beyond them.
        zoom = framed - 1
    fmap = folium.Map(location=centre, zoom_start=zoom, tiles="OpenStreetMap", control_scale=True)
    # The tiles need the internet: the outlines and the places named keep the map readable without them.
    from_the_app(fmap, atlas, assets, map_css() + _PICKING_CSS)
    for place in around:
        _named_point(place).add_to(fmap)
    return fmap


def _named_point(place: Place) -> folium.Marker:
    """A place drawn for orientation, named beside it; clicks fall through it to the map."""
    size = MARKER_STYLES[place.kind].size
    icon = folium.DivIcon(
        html=marker_svg(place.kind) + label_html(place),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=f"geo-marker geo-kind-{place.kind.value} geo-label-right",
    )
    return folium.Marker(location=(place.lat, place.lon), icon=icon, interactive=False)


def chosen_layer(point: tuple[float, float] | None, precision_m: int) -> folium.FeatureGroup:
    """The point chosen so far, in a circle as wide as it may be off; empty before any is chosen."""
    layer = folium.FeatureGroup(name="Chosen point")
    if point is None:
        return layer
    circle = folium.Circle(
        location=point,
        radius=precision_m,
        color=CHOSEN_COLOUR,
        weight=1.5,
        dash_array="5 4",
        fill_color=CHOSEN_COLOUR,
        fill_opacity=0.08,
    )
    circle.options["interactive"] = False  # folium's Circle drops this Leaflet option
    circle.add_to(layer)
    dot = folium.CircleMarker(
        location=point, radius=6, color="#ffffff", weight=2, fill_color=CHOSEN_COLOUR, fill_opacity=1
    )
    dot.options["interactive"] = False
    dot.add_to(layer)
    return layer
