"""Building the folium map: a base that stays put, and layers of the places and journeys in view."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geo.map.assets import MapAssets
from geo.core.atlas import Atlas, Selection, per_atlas
from geo.map.dense import KIND_CODES, DensePoints, ShowOnly, is_dense, packed_points, points_file, view_mask
from geo.map.labels import LABEL_GAP_PX, LABEL_SIDES, label_sides
from geo.core.settings import MAP_HEIGHT
from geo.core.records import Excerpt, Place, PlaceKind
from geo.render.popup import POPUP_CSS, contested_tooltip_html, label_html, movement_popup_html, movement_tooltip_html, popup_html, side_key_html, tooltip_html
from geo.render.vocabulary import KIND_LABELS
from geo.map.projection import latitude, mercator_y, pixel
from geo.core.sides import is_contested


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

# How far, in pixels, each halo reaches beyond the edge of the marker it rings.
CONTESTED_REACH_PX = 9
SELECTED_REACH_PX = 17

# Journeys are drawn in near-black on a white casing: it reads on tiles and on bare outlines,
# and stays apart from every kind's colour.
JOURNEY_COLOUR = "#1f2328"
ARROW_LENGTH_PX, ARROW_HALF_WIDTH_PX = 13.0, 7.0
DEPARTURE_OFFSET_DEG = 1e-5
DEPARTURE_LENGTH_PX = 10.0  # the arrows out of a place whose travellers' destination is unstated


def marker_svg(kind: PlaceKind) -> str:
    """The SVG symbol for a kind of place, with a drop shadow so it reads on any background."""
    style = MARKER_STYLES[kind]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="{style.size}" '
        f'height="{style.size}" style="filter: drop-shadow(0 1px 1.5px rgba(0,0,0,.55))" '
        f'aria-hidden="true">{_SHAPES[style.shape].format(c=style.colour)}</svg>'
    )


def _halo(size: int, reach: float, circles: str) -> str:
    """An SVG centred on a marker of this size, reaching `reach` pixels beyond its edge."""
    box = size + 2 * reach
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="geo-halo" width="{box:g}" height="{box:g}" '
        f'viewBox="{-box / 2:g} {-box / 2:g} {box:g} {box:g}" aria-hidden="true">{circles}</svg>'
    )


def contested_halo_svg(size: int) -> str:
    """A black-and-white dashed ring round a marker: a cue for contested places that needs no colour."""
    radius = size / 2 + CONTESTED_REACH_PX - 3
    # A whole number of dashes, so the ring has no seam where it closes.
    period = 2 * math.pi * radius / max(6, round(2 * math.pi * radius / 8))
    return _halo(
        size,
        CONTESTED_REACH_PX,
        f'<circle r="{radius:g}" fill="none" stroke="#fff" stroke-width="6"/>'
        f'<circle r="{radius:g}" fill="none" stroke="#000" stroke-width="3.5" '
        f'stroke-dasharray="{period * 0.55:.2f} {period * 0.45:.2f}"/>',
    )


def selected_halo_svg(size: int) -> str:
    """A thick yellow ring edged in black round the selected marker, on a yellow glow."""
    radius = size / 2 + SELECTED_REACH_PX - 3.5
    return _halo(
        size,
        SELECTED_REACH_PX,
        f'<circle r="{radius:g}" fill="#FFD400" fill-opacity="0.45" stroke="#000" stroke-width="7"/>'
        f'<circle r="{radius:g}" fill="none" stroke="#FFD400" stroke-width="3.5"/>',
    )


@per_atlas
def _contested_in_atlas(atlas: Atlas) -> set[str]:
    """The places that are contested when every source is in view, worked out once per atlas."""
    return {pid for pid, excerpts in atlas.by_place.items() if is_contested(excerpts)}


def _marker(
    place: Place, selection: Selection, label_side: str, *, contested: bool, selected: bool, popup: bool = True
) -> folium.Marker:
    """A marker drawn for its kind, named beside it, with tooltip and pop-up, ringed when it stands out.

    Without `popup` the marker is only drawn: its clicks fall through to the map beneath.
    """
    size = MARKER_STYLES[place.kind].size
    classes = f"geo-marker geo-kind-{place.kind.value} geo-place-{place.id} geo-label-{label_side}"
    # The selected ring goes first, so the contested ring is drawn over it.
    halos = (selected_halo_svg(size) if selected else "") + (contested_halo_svg(size) if contested else "")
    icon = folium.DivIcon(
        html=halos + marker_svg(place.kind) + label_html(place),
        icon_size=(size, size),
        icon_anchor=(size // 2, size // 2),
        class_name=classes + (" geo-contested" if contested else "") + (" geo-selected" if selected else ""),
    )
    if not popup:
        return folium.Marker(
            location=(place.lat, place.lon), icon=icon, interactive=False, z_index_offset=1000 if selected else 0
        )
    tooltip = contested_tooltip_html(place) if contested else tooltip_html(place)
    marker = folium.Marker(
        location=(place.lat, place.lon),
        icon=icon,
        popup=folium.Popup(
            popup_html(place, selection.excerpts_at(place.id), selection.atlas.sources),
            # Narrow enough to leave a half-width map some of its view; the panel has the room.
            max_width=380,
            min_width=260,
            # The selected place's pop-up reopens on every rerun; panning to it each time would
            # undo the reader's view on every filter change. A click has panned to it already.
            auto_pan=not selected,
        ),
        tooltip=folium.Tooltip(tooltip, sticky=False),
        # The selected place is drawn over its neighbours.
        z_index_offset=1000 if selected else 0,
    )
    if selected:
        OpenOnAdd().add_to(marker)
    return marker


class OpenOnAdd(MacroElement):
    """Opens its marker's pop-up once the marker is on the map, in view until the reader moves the map."""

    # A click reruns the page, and the layer is redrawn with the place selected; without
    # this the redraw would close the pop-up the click had just opened. The layer is put on
    # the map after its markers are built, so the pop-up waits for the marker's "add".
    # The pop-up does not pan the map itself (see _marker), for that would undo the reader's
    # view on every rerun; but until the reader has dragged or zoomed (ReaderMoves), there is
    # no view of theirs to keep, and a linked place's pop-up is brought into view.
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.once("add", function () {
            this.openPopup();
            this._map.geoBringIntoView(this.getPopup());
        });
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "OpenOnAdd"


def precision_circle(place: Place) -> folium.Circle:
    """A dashed circle as wide as the point may be off, which lets clicks through to the markers."""
    colour = MARKER_STYLES[place.kind].colour
    circle = folium.Circle(
        location=(place.lat, place.lon),
        radius=place.precision_m,
        color=colour,
        weight=1.5,
        opacity=0.8,
        dash_array="5 4",
        fill_color=colour,
        fill_opacity=0.06,
        class_name=f"geo-precision geo-precision-{place.id}",
    )
    circle.options["interactive"] = False  # folium's Circle drops this Leaflet option
    return circle


def places_layer(selection: Selection, zoom: int, selected: str | None = None) -> folium.FeatureGroup:
    """The markers of the places in view, their labels placed for the given zoom, over their precision."""
    layer = folium.FeatureGroup(name="Places")
    atlas = selection.atlas
    # Sides are worked out over the whole atlas, so that a label does not jump when a
    # filter hides its neighbours; a place that may be contested makes room for its halo.
    may_be_contested = _contested_in_atlas(atlas)
    sides = label_sides(
        atlas.places.values(),
        zoom,
        lambda p: MARKER_STYLES[p.kind].size + (2 * CONTESTED_REACH_PX if p.id in may_be_contested else 0),
    )
    # A region's point is only a nominal centre and its precision the size of the whole
    # area, so a circle would claim a shape the region does not have.
    for place in selection.places:
        if place.kind is not PlaceKind.REGION:
            precision_circle(place).add_to(layer)
    for place in selection.places:
        contested = is_contested(selection.excerpts_at(place.id))
        _marker(place, selection, sides[place.id], contested=contested, selected=place.id == selected).add_to(layer)
    EnterClicks().add_to(layer)
    return layer


class EnterClicks(MacroElement):
    """Makes Enter on a focused marker count as a click, so the keyboard can open a place."""

    # Leaflet opens a focused marker's pop-up on Enter but fires no click, and a click is
    # what the page listens for. The pop-up is closed first because a click toggles it.
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.eachLayer(function (layer) {
            if (!(layer instanceof L.Marker)) { return; }
            layer.on("keypress", function (e) {
                if (e.originalEvent.key !== "Enter" || e.originalEvent.repeat) { return; }
                layer.closePopup();
                layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e.originalEvent});
            });
        });
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "EnterClicks"


@dataclass(frozen=True)
class Journey:
    """People going from one place to another (or to somewhere not stated), and each telling of it."""

    origin: Place
    destination: Place | None
    stories: tuple[tuple[str, Excerpt], ...]  # who goes, and the excerpt that says so

    @property
    def who(self) -> list[str]:
        """Each party that makes the journey, once, in the order told."""
        return list(dict.fromkeys(who for who, _ in self.stories))

    @property
    def key(self) -> str:
        """A name for the journey made of its ends' ids, fit for an HTML class."""
        return f"{self.origin.id}--{self.destination.id if self.destination else 'unstated'}"


def journeys(selection: Selection) -> list[Journey]:
    """The selected excerpts' movements, one journey for each origin and destination, in order of mention."""
    places = selection.atlas.places
    grouped: dict[tuple[str, str | None], list[tuple[str, Excerpt]]] = {}
    for excerpt in selection.excerpts:
        for movement in excerpt.movements:
            grouped.setdefault((movement.origin, movement.destination), []).append((movement.who, excerpt))
    # An arrow is drawn only between places on the map: a place-kind filter can hide an end.
    shown = {p.id for p in selection.places}
    return [
        Journey(places[origin], places[destination] if destination else None, tuple(stories))
        for (origin, destination), stories in grouped.items()
        if origin in shown and (destination is None or destination in shown)
    ]


def screen_angle(start: Place, end: Place) -> float:
    """The direction from start to end as drawn, in degrees clockwise from east (screen y runs down)."""
    # Web Mercator keeps angles and scales x and y alike, so this is the same at every zoom.
    (x0, y0), (x1, y1) = pixel(start.lat, start.lon, 0), pixel(end.lat, end.lon, 0)
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def arrowhead_svg(angle: float, gap: float) -> str:
    """A notched arrowhead pointing at the centre from `angle`, its tip `gap` pixels short of it."""
    back = gap + ARROW_LENGTH_PX
    half = math.ceil(back + 3)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * half}" height="{2 * half}" '
        f'viewBox="{-half} {-half} {2 * half} {2 * half}" aria-hidden="true">'
        f'<path transform="rotate({angle:.1f})" d="M{-gap:g} 0L{-back:g} {-ARROW_HALF_WIDTH_PX:g}'
        f'L{-back + 4:g} 0L{-back:g} {ARROW_HALF_WIDTH_PX:g}Z" fill="{JOURNEY_COLOUR}" stroke="#fff" '
        f'stroke-width="1.5" stroke-linejoin="round"/></svg>'
    )


def departure_svg(inner: float, length: float, spokes: int = 8) -> str:
    """Short arrows pointing out all round from `inner` pixels: people leave for somewhere not stated."""
    outer = inner + length
    half = math.ceil(outer + 3)
    head = 0.35 * length
    shaft = f"M{inner:g} 0H{outer - head:g}"
    tip = f"M{outer:g} 0L{outer - 1.4 * head:g} {-head:g}L{outer - 1.4 * head:g} {head:g}Z"
    turns = [f"rotate({k * 360 / spokes:g})" for k in range(spokes)]
    # All the white casings first, so no casing cuts into a neighbouring arrow.
    casing = "".join(
        f'<g transform="{t}"><path d="{shaft}" stroke="#fff" stroke-width="5"/>'
        f'<path d="{tip}" fill="#fff" stroke="#fff" stroke-width="3"/></g>'
        for t in turns
    )
    arrows = "".join(
        f'<g transform="{t}"><path d="{shaft}" stroke="{JOURNEY_COLOUR}" stroke-width="2.2"/>'
        f'<path d="{tip}" fill="{JOURNEY_COLOUR}"/></g>'
        for t in turns
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * half}" height="{2 * half}" '
        f'viewBox="{-half} {-half} {2 * half} {2 * half}" stroke-linecap="round" stroke-linejoin="round" '
        f'aria-hidden="true">{casing}{arrows}</svg>'
    )


def _reach(place: Place, selection: Selection, selected: str | None) -> float:
    """How far from a place's point its marker and any halo reach, in pixels."""
    reach = MARKER_STYLES[place.kind].size / 2
    if place.id == selected:
        return reach + SELECTED_REACH_PX
    if is_contested(selection.excerpts_at(place.id)):
        return reach + CONTESTED_REACH_PX
    return reach


def _departure_inner(place: Place, selection: Selection, selected: str | None) -> float:
    """Where a departure mark's arrows start: clear of the marker and of a contested halo it may gain."""
    size = MARKER_STYLES[place.kind].size
    return max(size / 2 + CONTESTED_REACH_PX, _reach(place, selection, selected)) + 1


def _journey_popup(journey: Journey, selection: Selection) -> folium.Popup:
    """The pop-up listing each excerpt that tells of a journey."""
    html = movement_popup_html(journey.origin, journey.destination, journey.stories, selection.atlas.sources)
    return folium.Popup(html, max_width=440, min_width=300)


def _arrow(
    journey: Journey, destination: Place, selection: Selection, selected: str | None, leaving: set[str]
) -> tuple[folium.PolyLine, folium.PolyLine, folium.Marker]:
    """A cased line from origin to destination and an arrowhead that stops short of the destination."""
    ends = [(journey.origin.lat, journey.origin.lon), (destination.lat, destination.lon)]
    tooltip = movement_tooltip_html(journey.origin, destination, journey.who)
    # The wide white casing takes the pointer, so the line is easy to hover and click.
    casing = folium.PolyLine(  # type: ignore[no-untyped-call]  # folium leaves it untyped
        ends,
        color="#ffffff",
        weight=6.5,
        opacity=0.9,
        tooltip=folium.Tooltip(tooltip, sticky=True, class_name="geo-journey-tooltip"),
        popup=_journey_popup(journey, selection),
        class_name=f"geo-journey-casing geo-journey-{journey.key}",
    )
    line = folium.PolyLine(  # type: ignore[no-untyped-call]
        ends, color=JOURNEY_COLOUR, weight=2.5, opacity=0.95, class_name="geo-journey-line"
    )
    line.options["interactive"] = False  # folium's PolyLine drops this Leaflet option
    gap = _reach(destination, selection, selected) + 2
    if destination.id in leaving:  # stop short of the departure mark's arrows too
        gap = _departure_inner(destination, selection, selected) + DEPARTURE_LENGTH_PX + 2
    svg = arrowhead_svg(screen_angle(journey.origin, destination), gap)
    half = math.ceil(gap + ARROW_LENGTH_PX + 3)
    head = folium.Marker(
        location=ends[1],
        icon=folium.DivIcon(
            html=svg, icon_size=(2 * half, 2 * half), icon_anchor=(half, half),
            class_name=f"geo-arrowhead geo-arrowhead-{journey.key}",
        ),
        # The line already answers the pointer; the head must not hide the destination's marker.
        interactive=False,
        keyboard=False,
    )
    return casing, line, head


def _departure(journey: Journey, selection: Selection, selected: str | None) -> folium.Marker:
    """Arrows out all round the origin, for people leaving it for somewhere the source does not name."""
    inner = _departure_inner(journey.origin, selection, selected)
    half = math.ceil(inner + DEPARTURE_LENGTH_PX + 3)
    return folium.Marker(
        # A clicked marker reports its point, and the page opens the place at that point; a
        # metre off (far below any place's precision), the mark's own pop-up stays open.
        location=(journey.origin.lat + DEPARTURE_OFFSET_DEG, journey.origin.lon),
        icon=folium.DivIcon(
            html=departure_svg(inner, DEPARTURE_LENGTH_PX),
            icon_size=(2 * half, 2 * half),
            icon_anchor=(half, half),
            class_name=f"geo-departure geo-departure-{journey.origin.id}",
        ),
        tooltip=folium.Tooltip(
            movement_tooltip_html(journey.origin, None, journey.who), sticky=True, class_name="geo-journey-tooltip"
        ),
        popup=_journey_popup(journey, selection),
        # Beneath the place's own marker, which stays clickable in the middle.
        z_index_offset=-1000,
    )


def movements_layer(selection: Selection, selected: str | None = None) -> folium.FeatureGroup:
    """The journeys the selected excerpts describe: an arrow each, or a departure mark when the end is unstated."""
    layer = folium.FeatureGroup(name="Movements")
    found = journeys(selection)
    leaving = {j.origin.id for j in found if j.destination is None}
    for journey in found:
        if journey.destination is None:
            _departure(journey, selection, selected).add_to(layer)
        else:
            for element in _arrow(journey, journey.destination, selection, selected, leaving):
                element.add_to(layer)
    return layer


def _legend_arrow_svg() -> str:
    """A short cased arrow pointing right, for the key."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<path d="M2 12H15" stroke="#fff" stroke-width="5.5" stroke-linecap="round"/>'
        f'<path d="M2 12H15" stroke="{JOURNEY_COLOUR}" stroke-width="2.5" stroke-linecap="round"/>'
        f'<path d="M23 12 13 6.5 15.5 12 13 17.5Z" fill="{JOURNEY_COLOUR}" stroke="#fff" stroke-width="1.2"/></svg>'
    )


_LEGEND_PRECISION_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<circle cx="12" cy="12" r="10" fill="#57606a" fill-opacity="0.1" stroke="#57606a" stroke-width="1.5" '
    'stroke-dasharray="3.2 2.4"/><circle cx="12" cy="12" r="2.5" fill="#57606a"/></svg>'
)


def _legend_halo_svg(halo: str) -> str:
    """A halo round a small grey dot, for the key."""
    return (
        f'<span class="geo-key-halo">{halo}'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<circle cx="12" cy="12" r="4.5" fill="#8c959f" stroke="#fff" stroke-width="1.5"/></svg></span>'
    )


def legend_html() -> str:
    """The key: marker shapes, the marks drawn over them, and the colours of the sides' badges."""
    shapes = "".join(f'<div class="geo-key">{marker_svg(kind)} {KIND_LABELS[kind]}</div>' for kind in MARKER_STYLES)
    marks = "".join(
        f'<div class="geo-key">{symbol} <span>{text}</span></div>'
        for symbol, text in (
            (_legend_halo_svg(contested_halo_svg(6)), "Contested: both sides make claims"),
            (_LEGEND_PRECISION_SVG, "Dashed circle: how far off the point may be"),
            (_legend_arrow_svg(), "Arrow: a journey a source describes"),
            (departure_svg(3, length=7, spokes=8), "Leaving, destination not stated"),
        )
    )
    return (
        '<details open><summary>Key</summary>'
        f'<div class="geo-legend-title">Places</div><div class="geo-legend-grid">{shapes}</div>'
        f'<div class="geo-legend-title">Marks</div>{marks}'
        f'<div class="geo-legend-title">Who speaks (pop-up badges)</div><div class="geo-legend-sides">{side_key_html()}</div>'
        "</details>"
    )


# The page's sidebar, timeline and table wait for the map to be drawn, but never longer than this.
REPORT_AFTER_MS = 10_000


class ReaderMoves(MacroElement):
    """Marks the map once the reader drags or zooms it: from then on, it is their view to keep."""

    # Until then the view is the one the map opened on, and a pop-up the page opens for the
    # reader (a linked place's, OpenOnAdd here and geo/map/dense.py) is brought into it: at
    # once, once it has its size. Leaflet's own autoPan glides there, and the page's rerun
    # could stop it short.
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            map.on("dragstart zoomstart", function () { map.geoReaderMoved = true; });
            map.geoBringIntoView = function (popup) {
                requestAnimationFrame(function () { requestAnimationFrame(function () {
                    if (map.geoReaderMoved || !popup.isOpen()) { return; }
                    var box = popup.getElement().getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
                    // Clear of the zoom buttons at the top left, and 10 px from the other edges.
                    var dx = Math.min(0, box.left - frame.left - 50) || Math.max(0, box.right - frame.right + 10);
                    var dy = Math.min(0, box.top - frame.top - 10) || Math.max(0, box.bottom - frame.bottom + 10);
                    if (dx || dy) { map.panBy([dx, dy], {animate: false}); }
                }); });
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "ReaderMoves"


class QuietStart(MacroElement):
    """Holds streamlit-folium's first report to the app until the map is drawn, and then makes it.

    A session's first run draws the map alone (app.py), and the report reruns the page for the
    rest of it. A map of markers is drawn once painted; a large map's dots say when they are
    (geo/map/dense.py). Either way, the report is made after a time, should the drawing fail.
    """

    # streamlit-folium starts its click count at 0 but tells the app it starts at None, so
    # the first layer added reports a "change": it reran the page as the map came up, while
    # the map was still loading. The count is held at None, and set to 0 once the map is
    # drawn; streamlit-folium reports on a moveend, and only what changed. After a click,
    # which reports itself, there is nothing left to report.
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var shared = window.__GLOBAL_DATA__, map = {{ this._parent.get_name() }};
            if (!shared) { return; }  // a page of its own: no app to report to
            if (shared.last_object_clicked_count === 0) { shared.last_object_clicked_count = null; }
            window.geoMapDrawn = function () {
                if (shared.last_object_clicked_count !== null) { return; }
                shared.last_object_clicked_count = 0;
                map.fire("moveend", {geoReport: true});
            };
            {% if this.on_paint %}
            // The markers are added just after this script: two frames on, they are painted.
            requestAnimationFrame(function () { requestAnimationFrame(window.geoMapDrawn); });
            {% endif %}
            setTimeout(window.geoMapDrawn, {{ this.report_after_ms }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, *, on_paint: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "QuietStart"
        self.on_paint = on_paint
        self.report_after_ms = REPORT_AFTER_MS


class Legend(MacroElement):
    """A key to the map's shapes and marks, drawn in a corner of the map and folded on narrow maps."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "geo-legend");
                div.innerHTML = {{ this.html|tojson }};
                // Opening and closing the key must not count as a click on the map.
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                var size = map.getSize();
                if (size.x < {{ this.fold_below_px[0] }} || size.y < {{ this.fold_below_px[1] }}) {
                    div.querySelector("details").removeAttribute("open");
                }
                return div;
            };
            legend.addTo(map);
        })();
        {% endmacro %}
        """
    )

    # Open, the key is some 230 px tall: on a map under 480 px (the Add article page's is
    # 420) it would cover half the places.
    def __init__(self, fold_below_px: tuple[int, int] = (720, 480)) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca has no type hints
        self._name = "Legend"
        self.html = legend_html()
        self.fold_below_px = fold_below_px


def _label_offsets(state: str, reach: float) -> str:
    """CSS that moves labels out past the halo of markers in a given state."""
    gap = f"calc(100% + {LABEL_GAP_PX + reach:g}px)"
    edge = {"right": "left", "left": "right", "below": "top", "above": "bottom"}
    return "".join(f".{state}.geo-label-{side} .geo-label {{ {edge[side]}: {gap}; }}\n" for side in LABEL_SIDES)


LEGEND_CSS = (
    """
.geo-legend { background: rgba(255,255,255,.94); padding: 3px 7px; border-radius: 6px; color: #1f2328;
  font: 10.5px/1.3 system-ui, sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 14.5rem; }
.geo-legend summary { cursor: pointer; font-weight: 700; font-size: 11.5px; }
.geo-legend-title { margin: 4px 0 1px; font-size: 9.5px; font-weight: 700; letter-spacing: .04em;
  text-transform: uppercase; color: #57606a; }
.geo-legend-grid { display: grid; grid-template-columns: auto auto; column-gap: 10px; }
.geo-legend .geo-key, .geo-legend-sides > div { display: flex; align-items: center; gap: 5px; margin: 1px 0; }
.geo-legend svg { width: 15px; height: 15px; flex: none; }
.geo-legend .geo-badge { min-width: 1.3em; text-align: center; padding: 0 3px; font-size: 9.5px; }
.geo-key-halo { position: relative; display: inline-block; width: 15px; height: 15px; flex: none; isolation: isolate; }
.geo-key-halo .geo-halo { width: 15px; height: 15px; }
.leaflet-container { background: #dfe6ea; }
.geo-halo { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); z-index: -1;
  pointer-events: none; overflow: visible; }
.geo-label { position: absolute; white-space: nowrap; font: 600 11px/1 system-ui, sans-serif; color: #1f2328; pointer-events: none;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.geo-label-right .geo-label { left: calc(100% + 3px); top: 50%; transform: translateY(-50%); }
.geo-label-left .geo-label { right: calc(100% + 3px); top: 50%; transform: translateY(-50%); }
.geo-label-below .geo-label { top: calc(100% + 3px); left: 50%; transform: translateX(-50%); }
.geo-label-above .geo-label { bottom: calc(100% + 3px); left: 50%; transform: translateX(-50%); }
.geo-selected .geo-label { font-size: 13.5px; font-weight: 800; }
.geo-tooltip-contested { font-style: normal; font-weight: 600; }
/* Who travels can take a long phrase; let it wrap rather than run off the map. */
.leaflet-tooltip.geo-journey-tooltip { white-space: normal; width: max-content; max-width: 20rem; }
.geo-journey h4 { font-size: 12px; margin: 10px 0 2px; padding-top: 6px; border-top: 1px solid #d0d7de; }
/* Only the drawn arrows of a departure mark take the pointer, not the empty square round them. */
.leaflet-pane .geo-departure.leaflet-interactive { pointer-events: none; }
.geo-departure svg path { pointer-events: visiblePainted; cursor: pointer; }
"""
    + _label_offsets("geo-contested", CONTESTED_REACH_PX)
    + _label_offsets("geo-selected", SELECTED_REACH_PX)
)


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


def opening_view(atlas: Atlas, height_px: int = MAP_HEIGHT) -> tuple[tuple[float, float], int]:
    """The centre and zoom a map of this height opens on: framing the places that are points."""
    # The controls, the scale and the key take some 100 px of the height.
    return initial_view(_outermost(atlas), height_px=height_px - 100)


@per_atlas
def _outermost(atlas: Atlas) -> list[Place]:
    """The places furthest north, south, east and west, of those an opening view frames."""
    # A region's point is only a nominal centre of an area (Deraa lies 350 km south of
    # Idlib), so regions are framed only when there is nothing else.
    points = [p for p in atlas.places.values() if p.kind is not PlaceKind.REGION] or list(atlas.places.values())
    if not points:
        return []
    lat, lon = attrgetter("lat"), attrgetter("lon")
    return [max(points, key=lat), min(points, key=lat), max(points, key=lon), min(points, key=lon)]


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
    # Serve Leaflet from the app; folium would otherwise point the browser at public CDNs.
    fmap.default_js = list(assets.js)
    fmap.default_css = list(assets.css)
    root = fmap.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(Element(f"<style>{POPUP_CSS}{LEGEND_CSS}</style>"))
    if atlas.boundaries is not None:
        outlines(outline_features(atlas)).add_to(fmap)
    Legend().add_to(fmap)
    ReaderMoves().add_to(fmap)
    QuietStart(on_paint=not is_dense(atlas)).add_to(fmap)
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
    """The base map and, apart, the layers that follow the selection (for st_folium's feature groups).

    The query is the selection's filters as a link gives them; a large map fetches pop-ups under it.
    The map opens framing its places in a frame of the given height.
    """
    atlas = selection.atlas
    centre, zoom = opening_view(atlas, height_px)
    fmap = base_map(atlas, assets, centre, zoom)
    if is_dense(atlas):
        dots(atlas, assets).add_to(fmap)
        layers = [dense_layer(selection, selected, query, fetched=assets.popups is not None)]
        # Thousands of arrows would hide the dots and cost more than the dots themselves:
        # a dense map draws only the journeys told about the open place.
        if movements and selected is not None:
            layers.append(movements_layer(replace(selection, excerpts=selection.excerpts_at(selected)), selected))
    else:
        layers = [places_layer(selection, zoom, selected)]
        if movements:
            layers.append(movements_layer(selection, selected))
    return fmap, layers


def dots(atlas: Atlas, assets: MapAssets) -> DensePoints:
    """Every place of the atlas as a dot, coloured and shaped for its kind as the markers are."""
    styles = [MARKER_STYLES[kind] for kind in KIND_CODES]
    # The canvas has no ring or dashed outline; a region is drawn as a filled circle in its colour.
    shapes = ["circle" if style.shape == "ring" else style.shape for style in styles]
    colours = [style.colour for style in styles]
    if assets.points is None:
        return DensePoints(colours, shapes, packed=packed_points(atlas), popups=assets.popups)
    folder, url = assets.points
    return DensePoints(colours, shapes, url=f"{url}/{points_file(atlas, folder)}", popups=assets.popups)


def dense_layer(selection: Selection, selected: str | None, query: str = "", *, fetched: bool = False) -> folium.FeatureGroup:
    """What a rerun sends on a dense map: the mask of dots in view, and the open place's marker.

    With `fetched`, the browser fetches the open place's pop-up itself, as it does on a click;
    otherwise the marker carries it.
    """
    layer = folium.FeatureGroup(name="Places")
    place = selection.atlas.places.get(selected) if selected is not None else None
    ShowOnly(view_mask(selection), query, place if fetched else None).add_to(layer)
    if place is not None:
        contested = is_contested(selection.excerpts_at(place.id))
        _marker(place, selection, "right", contested=contested, selected=True, popup=not fetched).add_to(layer)
    return layer
