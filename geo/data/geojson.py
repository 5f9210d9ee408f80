"""A place as a GeoJSON feature, in the one shape places.geojson and the GeoJSON export both use."""

from __future__ import annotations

from typing import Any

from geo.core.records import Place


def place_feature(place: Place, **extra: Any) -> dict[str, Any]:
    """A place as a GeoJSON Point feature, its fields as properties, and any extra properties after them."""
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": place.id,
            "name": place.name,
            "name_ar": place.name_ar,
            "aliases": list(place.aliases),
            "kind": place.kind.value,
            "precision_m": place.precision_m,
            "admin1": place.admin1,
            "geonames_id": place.geonames_id,
            "coord_source": place.coord_source,
            **extra,
        },
    }
