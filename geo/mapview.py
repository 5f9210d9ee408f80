"""Building the folium map: a base that stays put, and a layer of the places in view."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import folium
import geopandas as gpd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.assets import MapAssets
from geo.atlas import Atlas, Selection
from geo.labels import label_sides
from geo.model import Place, PlaceKind
from geo.popup import KIND_LABELS, POPUP_CSS, label_html, popup_html, tooltip_html
from geo.projection import latitude, mercator_y


@dataclass(frozen=True)
class MarkerStyle:
    """How one kind of place is drawn: an SVG shape, a colour and a size in pixels."""

    shape: str
    colour: str
    size: int


# Okabe-Ito colours, told apart by colour-blind readers; shape carries the kind as well,
# so nothing depends on colour alone.
MARKER_STYLES: dict[PlaceKind, MarkerStyle] = {
    PlaceKind.CROSSING: MarkerStyle("diamond", "#D55E00", 24),
    PlaceKind.CITY: MarkerStyle("circle", "#0072B2", 18),
    PlaceKind.TOWN: MarkerStyle("circle", "#0072B2", 14),
    PlaceKind.VILLAGE: MarkerStyle("circle", "#56B4E9", 12),
    PlaceKind.REGION: MarkerStyle("ring", "#009E73", 26),
    PlaceKind.MOUNTAINS: MarkerStyle("triangle", "#8C6D31", 20),
    PlaceKind.MILITARY_BASE: MarkerStyle("square", "#CC79A7", 16),
}

_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="9" fill="{c}" stroke="#fff" stroke-width="2.5"/>',
    "diamond": '<path d="M12 1.5 22.5 12 12 22.5 1.5 12Z" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "ring": (
        '<circle cx="12" cy="12" r="9.5" fill="{c}" fill-opacity="0.15" stroke="{c}" '
        'stroke-width="2.5" stroke-dasharray="4 2.5"/>'
    ),
    "triangle": '<path d="M12 2 22.5 21H1.5Z" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "square": '<rect x="3" y="3" width="18" height="18" fill="{c}" stroke="#fff" stroke-width="2.5"/>',
}

OUTLINE_STYLE = {"color": "#6e7781", "weight": 1.2, "fill": True, "fillColor": "#f6f8fa", "fillOpacity": 0.35}


def marker_svg(kind: PlaceKind) -> str:
    """The SVG symbol for a kind of place, with a drop shadow so it reads on any background."""
    style = MARKER_STYLES[kind]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="{style.size}" '
        f'height="{style.size}" style="filter: drop-shadow(0 1px 1.5px rgba(0,0,0,.55))" '
        f'aria-hidden="true">{_SHAPES[style.shape].format(c=style.colour)}</svg>'
    )


def _marker(place: Place, selection: Selection, label_side: str) -> folium.Marker:
    """A marker drawn for its kind, named beside it, with tooltip and pop-up."""
    size = MARKER_STYLES[place.kind].size
    icon = folium.DivIcon(
        html=marker_svg(place.kind) + label_html(place),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=f"geo-marker geo-kind-{place.kind.value} geo-place-{place.id} geo-label-{label_side}",
    )
    popup = folium.Popup(
        popup_html(place, selection.excerpts_at(place.id), selection.atlas.sources),
        max_width=440,
        min_width=300,
    )
    return folium.Marker(
        location=(place.lat, place.lon),
        icon=icon,
        popup=popup,
        tooltip=folium.Tooltip(tooltip_html(place), sticky=False),
    )


def places_layer(selection: Selection, zoom: int) -> folium.FeatureGroup:
    """The markers of the places in view, their labels placed for the given zoom."""
    layer = folium.FeatureGroup(name="Places")
    # Sides are worked out over the whole atlas, so that a label does not jump when a
    # filter hides its neighbours.
    sides = label_sides(selection.atlas.places.values(), zoom, lambda p: MARKER_STYLES[p.kind].size)
    for place in selection.places:
        _marker(place, selection, sides[place.id]).add_to(layer)
    return layer


class Legend(MacroElement):
    """A fixed key to the marker shapes, drawn in a corner of the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "geo-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "Legend"
        rows = "".join(
            f"<div>{marker_svg(kind)} {KIND_LABELS[kind]}</div>" for kind in MARKER_STYLES
        )
        self.html = f"<strong>Places</strong>{rows}"


LEGEND_CSS = """
.geo-legend { background: rgba(255,255,255,.92); padding: 6px 9px; border-radius: 6px;
  font: 12px/1.5 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.geo-legend div { display: flex; align-items: center; gap: 6px; }
.geo-legend svg { width: 14px; height: 14px; }
.leaflet-container { background: #dfe6ea; }
.geo-label { position: absolute; white-space: nowrap; font: 600 11px/1 system-ui, sans-serif; color: #1f2328; pointer-events: none;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.geo-label-right .geo-label { left: calc(100% + 3px); top: 50%; transform: translateY(-50%); }
.geo-label-left .geo-label { right: calc(100% + 3px); top: 50%; transform: translateY(-50%); }
.geo-label-below .geo-label { top: calc(100% + 3px); left: 50%; transform: translateX(-50%); }
.geo-label-above .geo-label { bottom: calc(100% + 3px); left: 50%; transform: translateX(-50%); }
"""


def initial_view(
    places: Iterable[Place], width_px: int = 760, height_px: int = 520
) -> tuple[tuple[float, float], int]:
    """The centre and the largest zoom at which every place fits a frame of the given size."""
    # Worked out here rather than by Leaflet's fitBounds, which runs while Streamlit is
    # still sizing the map's frame and so lands on the wrong view.
    points = [(p.lat, p.lon) for p in places]
    if not points:
        return (0.0, 0.0), 2
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    top, bottom = mercator_y(max(lats)), mercator_y(min(lats))
    centre = (latitude((top + bottom) / 2), (min(lons) + max(lons)) / 2)
    # At zoom z the world is 256 * 2**z pixels wide: 360 degrees, or 2*pi in Mercator y.
    fits = [18.0]
    if max(lons) > min(lons):
        fits.append(math.log2(width_px * 360 / ((max(lons) - min(lons)) * 256)))
    if top > bottom:
        fits.append(math.log2(height_px * 2 * math.pi / ((top - bottom) * 256)))
    return centre, max(2, min(11, math.floor(min(fits))))


def opening_view(atlas: Atlas) -> tuple[tuple[float, float], int]:
    """The centre and zoom the map opens on: framing the places that are points."""
    # A region's point is only a nominal centre of an area (Deraa lies 350 km south of
    # Idlib), so regions are framed only when there is nothing else.
    points = [p for p in atlas.places.values() if p.kind is not PlaceKind.REGION]
    return initial_view(points or atlas.places.values())


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
    )
    # Serve Leaflet from the app; folium would otherwise point the browser at public CDNs.
    fmap.default_js = list(assets.js)
    fmap.default_css = list(assets.css)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(f"<style>{POPUP_CSS}{LEGEND_CSS}</style>"))
    if atlas.boundaries is not None:
        outlines(atlas.boundaries).add_to(fmap)
    Legend().add_to(fmap)
    return fmap


def outlines(boundaries: gpd.GeoDataFrame) -> folium.GeoJson:
    """Governorate outlines, so the map stays readable when tiles cannot load."""
    return folium.GeoJson(
        boundaries[["name", "geometry"]],
        name="Governorates",
        style_function=lambda _feature: OUTLINE_STYLE,
        smooth_factor=1.5,
        control=False,
    )


def build_map(selection: Selection, assets: MapAssets) -> tuple[folium.Map, folium.FeatureGroup]:
    """The base map and, apart, the layer of places in view (for st_folium's feature group)."""
    centre, zoom = opening_view(selection.atlas)
    return base_map(selection.atlas, assets, centre, zoom), places_layer(selection, zoom)
