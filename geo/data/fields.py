"""A parsed file's fields made into records: all of a file's together the quick way, or where each fault is."""

from __future__ import annotations

import math
from typing import Any

from pydantic import ValidationError

from geo.core.provenance import Article
from geo.core.records import Excerpt, Place
from geo.data.quick import quick_excerpt, quick_place


def excerpt_where(index: int, raw: Any) -> str:
    """How a fault names an excerpt: by its id when it has one, else by its place in the list."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"excerpt {raw['id']!r}"
    return f"excerpt {index}"


def excerpts_together(source_id: str, raws: list[Any], context: dict[str, bool] | None) -> list[Excerpt] | None:
    """Every excerpt of a file, validated, or None if any is faulty."""
    made = []
    for raw in raws:
        # An excerpt's source is its file's, written or not.
        if not isinstance(raw, dict) or raw.setdefault("source", source_id) != source_id:
            return None
        made.append(quick_excerpt(raw, context))
    try:
        return [
            excerpt or Excerpt.model_validate(raw, context=context) for excerpt, raw in zip(made, raws, strict=True)
        ]
    except ValidationError:
        return None


def places_together(features: list[Any], context: dict[str, bool]) -> dict[str, Place] | None:
    """Every feature's place, validated, by id, or None if any is faulty."""
    made = []
    try:
        for index, feature in enumerate(features):
            fields = place_fields(index, feature)[1]
            if isinstance(fields, str):
                return None
            made.append(quick_place(fields, context) or Place.model_validate(fields, context=context))
    except ValidationError:
        return None
    places = {place.id: place for place in made}
    return places if len(places) == len(made) else None


def place_fields(index: int, feature: Any) -> tuple[str, dict[str, Any] | str]:
    """How faults name a feature, and either its place's fields or what is wrong with it."""
    where = f"feature {index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return where, "must be a GeoJSON Feature"
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return where, "properties must be an object"
    if isinstance(properties.get("id"), str):
        where = f"feature {index} {properties['id']!r}"
    if "lat" in properties or "lon" in properties:
        return where, "properties must not hold lat or lon: the point is the geometry"
    point = _point(feature.get("geometry"))
    if isinstance(point, str):
        return where, point
    if "id" in feature and feature["id"] != properties.get("id"):
        return where, "the feature id and properties.id differ"
    lon, lat = point
    return where, {**properties, "lon": lon, "lat": lat}


def _point(geometry: Any) -> tuple[float, float] | str:
    """The (lon, lat) of a GeoJSON Point, or what is wrong with it."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return "geometry must be a GeoJSON Point"
    coordinates = geometry.get("coordinates")
    if (
        not isinstance(coordinates, list)
        or len(coordinates) != 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
    ):
        return "coordinates must be [longitude, latitude]"
    try:
        lon, lat = float(coordinates[0]), float(coordinates[1])
    except OverflowError:
        return "a coordinate is too large to be a number of degrees"
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        return f"longitude {coordinates[0]} is outside -180..180"
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        return f"latitude {coordinates[1]} is outside -90..90"
    return lon, lat


def all_placed_and_verbatim(excerpts: list[Excerpt], article: Article | None, places: dict[str, Place] | None) -> bool:
    """Whether every excerpt names only known places and stands verbatim in the article, checked at once."""
    # One set of a file's place ids, and one pass over its texts, instead of a call per excerpt.
    if places is not None and not places.keys() >= {p for excerpt in excerpts for p in excerpt.places}:
        return False
    return article is None or all(map(article.holds, [excerpt.text for excerpt in excerpts]))
