"""The journeys the excerpts tell of: an arrow from origin to destination, or arrows out when the end is unstated."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import folium

from geo.core.atlas import Selection
from geo.core.records import Excerpt, Place
from geo.core.tallies import tally_at
from geo.map.projection import pixel
from geo.map.scripts import ScriptCall
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
    for excerpt in _telling_of_journeys(selection):
        for movement in excerpt.movements:
            grouped.setdefault((movement.origin, movement.destination), []).append((movement.who, excerpt))
    # An arrow is drawn only between places on the map: a place-kind filter can hide an end.
    shown = {p.id for p in selection.places}
    return [
        Journey(places[origin], places[destination] if destination else None, tuple(stories))
        for (origin, destination), stories in grouped.items()
        if origin in shown and (destination is None or destination in shown)
    ]


def _telling_of_journeys(selection: Selection) -> Sequence[Excerpt]:
    """The selected excerpts that tell of a journey, in order: read off the atlas's table where picked from it."""
    picked = selection.picked()
    if picked is None:
        return [e for e in selection.excerpts if e.movements]
    return selection.atlas.table.take(picked.among(selection.atlas.table.columns.movers))


def screen_angle(start: Place, end: Place) -> float:
    """The direction from start to end as drawn, in degrees clockwise from east (screen y runs down)."""
    # Web Mercator keeps angles and scales x and y alike, so this is the same at every zoom.
    (x0, y0), (x1, y1) = pixel(start.lat, start.lon, 0), pixel(end.lat, end.lon, 0)
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


class _Reach:
    """How far from each place's point its marker and any halo reach, in pixels, each worked out once."""

    def __init__(self, selection: Selection, selected: str | None) -> None:
        self.selection, self.selected = selection, selected
        # A place's halo depends on all its excerpts: the open place of a busy atlas has tens
        # of thousands, and thousands of journeys may end there.
        self._contested: dict[str, bool] = {}

    def contested(self, place: Place) -> bool:
        """Whether the place's marker has a contested halo."""
        if place.id not in self._contested:
            self._contested[place.id] = tally_at(self.selection, place.id).contested
        return self._contested[place.id]

    def reach(self, place: Place) -> float:
        """How far from a place's point its marker and any halo reach."""
        reach = MARKER_STYLES[place.kind].size / 2
        if place.id == self.selected:
            return reach + SELECTED_REACH_PX
        if self.contested(place):
            return reach + CONTESTED_REACH_PX
        return reach

    def departure_inner(self, place: Place) -> float:
        """Where a departure mark's arrows start: clear of the marker and of a contested halo it may gain."""
        size = MARKER_STYLES[place.kind].size
        return max(size / 2 + CONTESTED_REACH_PX, self.reach(place)) + 1


def _arrow(journey: Journey, destination: Place, reach: _Reach, leaving: set[str]) -> dict[str, object]:
    """A journey drawn as a cased line from origin to destination, and an arrowhead short of the destination."""
    gap = reach.reach(destination) + 2
    if destination.id in leaving:  # stop short of the departure mark's arrows too
        gap = reach.departure_inner(destination) + DEPARTURE_LENGTH_PX + 2
    return {
        "key": journey.key,
        "from": [journey.origin.lat, journey.origin.lon],
        "to": [destination.lat, destination.lon],
        "head": arrowhead_svg(screen_angle(journey.origin, destination), gap),
        "half": math.ceil(gap + ARROW_LENGTH_PX + 3),
        "tooltip": movement_tooltip_html(journey.origin, destination, journey.who),
        "popup": _popup(journey, reach.selection),
    }


def _departure(journey: Journey, reach: _Reach) -> dict[str, object]:
    """People leaving a place for somewhere the source does not name, drawn as arrows out all round it."""
    inner = reach.departure_inner(journey.origin)
    return {
        "key": journey.origin.id,
        # A clicked mark reports its point, and the page opens the place at that point; a
        # metre off (far below any place's precision), the mark's own pop-up stays open.
        "at": [journey.origin.lat + DEPARTURE_OFFSET_DEG, journey.origin.lon],
        "mark": departure_svg(inner, DEPARTURE_LENGTH_PX),
        "half": math.ceil(inner + DEPARTURE_LENGTH_PX + 3),
        "tooltip": movement_tooltip_html(journey.origin, None, journey.who),
        "popup": _popup(journey, reach.selection),
    }


def _popup(journey: Journey, selection: Selection) -> str:
    """The pop-up quoting the first excerpts that tell of a journey, and counting the rest."""
    return movement_popup_html(journey.origin, journey.destination, journey.stories, selection.atlas.sources)


def journey_marks(selection: Selection, selected: str | None = None) -> list[dict[str, object]]:
    """What the map's script draws for each journey: an arrow's ends and head, or a departure's mark, with labels."""
    found = journeys(selection)
    leaving = {j.origin.id for j in found if j.destination is None}
    reach = _Reach(selection, selected)
    return [
        _departure(journey, reach)
        if journey.destination is None
        else _arrow(journey, journey.destination, reach, leaving)
        for journey in found
    ]


def movements_layer(selection: Selection, selected: str | None = None) -> folium.FeatureGroup:
    """The journeys the selected excerpts describe: an arrow each, or a departure mark when the end is unstated."""
    # One list drawn by one script call (js/journeys.js), not three folium elements a journey:
    # the open place of a busy atlas has thousands of journeys, and folium took a second a
    # thousand to build and render them. Journeys that share both ends are one arrow already.
    layer = folium.FeatureGroup(name="Movements")
    ScriptCall("drawJourneys", JOURNEY_COLOUR, journey_marks(selection, selected)).add_to(layer)
    return layer
