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
from geo.model import Place, PlaceKind
from geo.popup import KIND_LABELS, POPUP_CSS, label_html, popup_html, tooltip_html


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


# Where a label may stand beside its marker, in order of preference.
LABEL_SIDES = ("right", "left", "below", "above")
_LABEL_CHAR_PX, _LABEL_HEIGHT_PX = 6.4, 13  # an 11 px bold system font, roughly

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at a zoom level."""
    scale = 256 * 2**zoom
    return (lon + 180) / 360 * scale, (math.pi - _mercator_y(lat)) / (2 * math.pi) * scale


def _label_box(x: float, y: float, half: float, width: float, side: str) -> Box:
    gap, height = 3, _LABEL_HEIGHT_PX
    if side == "right":
        return x + half + gap, y - height / 2, x + half + gap + width, y + height / 2
    if side == "left":
        return x - half - gap - width, y - height / 2, x - half - gap, y + height / 2
    if side == "below":
        return x - width / 2, y + half + gap, x + width / 2, y + half + gap + height
    return x - width / 2, y - half - gap - height, x + width / 2, y - half - gap


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_sides(places: Iterable[Place], zoom: int) -> dict[str, str]:
    """A side for each place's label that, at this zoom, covers as little as it can.

    Greedy, larger markers first. Covering a marker costs twice what covering a label does,
    since it hides a place rather than a name; ties go to the earlier of LABEL_SIDES.
    """
    located = [
        (p, *_pixel(p.lat, p.lon, zoom), MARKER_STYLES[p.kind].size / 2)
        for p in sorted(places, key=lambda p: -MARKER_STYLES[p.kind].size)
    ]
    markers: dict[str, Box] = {p.id: (x - h, y - h, x + h, y + h) for p, x, y, h in located}
    labels: list[Box] = []
    sides: dict[str, str] = {}
    for place, x, y, half in located:
        width = len(place.name) * _LABEL_CHAR_PX

        def cost(side: str) -> int:
            box = _label_box(x, y, half, width, side)
            hidden = sum(_overlaps(box, m) for pid, m in markers.items() if pid != place.id)
            return 2 * hidden + sum(_overlaps(box, label) for label in labels)

        side = min(LABEL_SIDES, key=cost)
        sides[place.id] = side
        labels.append(_label_box(x, y, half, width, side))
    return sides


def _marker(place: Place, selection: Selection, label_side: str) -> folium.Marker:
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


def places_layer(selection: Selection) -> folium.FeatureGroup:
    """The markers of the places in view, each with its tooltip and pop-up."""
    layer = folium.FeatureGroup(name="Places")
    # Sides are worked out over the whole atlas at the opening zoom, so that a label does
    # not jump when a filter hides its neighbours.
    sides = label_sides(selection.atlas.places.values(), opening_view(selection.atlas)[1])
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


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def initial_view(
    places: Iterable[Place], width_px: int = 760, height_px: int = 520
) -> tuple[tuple[float, float], int]:
    """The centre and the largest zoom at which every place fits a frame of the given size.

    Computed here rather than by Leaflet's fitBounds, which runs while the map's frame is
    still being sized in Streamlit and so lands on the wrong view.
    """
    points = [(p.lat, p.lon) for p in places]
    if not points:
        return (0.0, 0.0), 2
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    top, bottom = _mercator_y(max(lats)), _mercator_y(min(lats))
    centre_lat = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    centre = (centre_lat, (min(lons) + max(lons)) / 2)
    # At zoom z the world is 256 * 2**z pixels wide: 360 degrees, or 2*pi in Mercator y.
    fits = [18.0]
    if max(lons) > min(lons):
        fits.append(math.log2(width_px * 360 / ((max(lons) - min(lons)) * 256)))
    if top > bottom:
        fits.append(math.log2(height_px * 2 * math.pi / ((top - bottom) * 256)))
    return centre, max(2, min(11, math.floor(min(fits))))


def opening_view(atlas: Atlas) -> tuple[tuple[float, float], int]:
    """The centre and zoom the map opens on.

    A region's point is only a nominal centre of an area (Deraa lies 350 km south of
    Idlib), so the view frames the places that are points, and regions when nothing else.
    """
    points = [p for p in atlas.places.values() if p.kind is not PlaceKind.REGION]
    return initial_view(points or atlas.places.values())


def base_map(atlas: Atlas, assets: MapAssets) -> folium.Map:
    """The map frame: showing every place of the atlas, with outlines and a legend.

    It depends on the atlas only, never on the selection, so that a filter change
    leaves the map mounted in the browser with the reader's view.
    """
    centre, zoom = opening_view(atlas)
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
    """The base map and, separately, the layer of places in view (for st_folium's feature group)."""
    return base_map(selection.atlas, assets), places_layer(selection)


def standalone_map(selection: Selection, assets: MapAssets) -> folium.Map:
    """One map with the places drawn in, for HTML output outside Streamlit and for tests."""
    fmap, layer = build_map(selection, assets)
    layer.add_to(fmap)
    return fmap
