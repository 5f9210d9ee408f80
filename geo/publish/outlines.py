"""The governorate outlines the page draws under the places, simplified: the map reads without tiles."""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import mapping

from geo.core.atlas import Atlas

# About 500 m: the outlines are a frame for the places, drawn at the zooms a province fills the
# map, and at this the governorates' file is a third of its size with every border in place.
TOLERANCE_DEG = 0.005
# Coordinates are kept to 0.001° (about 100 m), well inside the tolerance, to keep the file small.
GRID_DEG = 0.001
DIGITS = 3
# How the page draws them: the app's style (geo.map.build's OUTLINE_STYLE, which the site may not
# import, the map's building being the app's), in Leaflet's path options; a test holds them equal.
OUTLINE_STYLE = {"color": "#6e7781", "weight": 1.2, "fill": True, "fillColor": "#f6f8fa", "fillOpacity": 0.35}


def outlines_json(atlas: Atlas) -> dict[str, Any] | None:
    """The governorates as a GeoJSON FeatureCollection of their names and simplified shapes; None without them."""
    boundaries = atlas.boundaries
    if boundaries is None:
        return None
    features = []
    for name, geometry in zip(boundaries["name"], boundaries.geometry, strict=True):
        # Snapped to the grid with its topology kept, so a shape stays valid once rounded.
        simple = shapely.set_precision(geometry.simplify(TOLERANCE_DEG, preserve_topology=True), GRID_DEG)
        features.append({"type": "Feature", "properties": {"name": str(name)}, "geometry": _rounded(mapping(simple))})
    return {"type": "FeatureCollection", "features": features}


def _rounded(value: Any) -> Any:
    """A GeoJSON geometry with every coordinate written to the grid's digits, lists for tuples."""
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    return value
