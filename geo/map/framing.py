"""Where a map opens: the centre and zoom that frame its places in a frame of a given size."""

from __future__ import annotations

import math
from collections.abc import Iterable
from operator import attrgetter

from geo.core.atlas import Atlas, per_atlas
from geo.core.records import Place, PlaceKind
from geo.core.settings import MAP_HEIGHT
from geo.map.projection import latitude, mercator_y


def initial_view(places: Iterable[Place], width_px: int = 760, height_px: int = 520) -> tuple[tuple[float, float], int]:
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
    # Idlib), so regions are framed only when there is nothing else. A country never is: the
    # map would open on Moscow and Washington, and countries are drawn only when asked for.
    places = [p for p in atlas.places.values() if p.kind is not PlaceKind.COUNTRY]
    points = [p for p in places if p.kind is not PlaceKind.REGION] or places
    if not points:
        return []
    lat, lon = attrgetter("lat"), attrgetter("lon")
    return [max(points, key=lat), min(points, key=lat), max(points, key=lon), min(points, key=lon)]
