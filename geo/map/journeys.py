"""The journeys the excerpts tell of: an arrow from origin to destination, or arrows out when the end is unstated."""

from __future__ import annotations

import math
from dataclasses import dataclass

import folium

from geo.core.atlas import Selection
from geo.core.records import Excerpt, Place
from geo.core.sides import is_contested
from geo.map.projection import pixel
from geo.map.symbols import (
    ARROW_LENGTH_PX,
    CONTESTED_REACH_PX,
    DEPARTURE_LENGTH_PX,
    JOURNEY_COLOUR,
    MARKER_STYLES,
    SELECTED_REACH_PX,
    arrowhead_svg,
    departure_svg,
)
from geo.render.popup import movement_popup_html, movement_tooltip_html

# A departure mark stands this far north of its place (see _departure).
DEPARTURE_OFFSET_DEG = 1e-5


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
            html=svg,
            icon_size=(2 * half, 2 * half),
            icon_anchor=(half, half),
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
