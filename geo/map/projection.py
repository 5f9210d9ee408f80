"""Web Mercator arithmetic: where a point falls in pixels at a zoom level."""

from __future__ import annotations

import math

# Web Mercator stops here; beyond it y runs to infinity (and at ±90 log() fails).
MAX_LATITUDE = 85.05112878


def mercator_y(lat: float) -> float:
    """The Mercator y of a latitude, in radians, clamped to the range a web map can show."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def latitude(y: float) -> float:
    """The latitude of a Mercator y (the inverse of mercator_y)."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at a zoom level (the world is 256 * 2**zoom wide)."""
    scale = 256 * 2**zoom
    return (lon + 180) / 360 * scale, (math.pi - mercator_y(lat)) / (2 * math.pi) * scale
