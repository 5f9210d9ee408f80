"""places.geojson as acceptance reads and extends it: its ids, its GeoNames ids, and its text with places added."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geo.core.records import Place
from geo.data.geojson import place_feature
from geo.data.layout import PLACES_FILE
from geo.ingest.review.errors import ReviewError


@dataclass(frozen=True)
class Gazette:
    """The places file as read: its collection, and its places' ids by id and by GeoNames id."""

    collection: dict[str, Any]
    ids: frozenset[str]
    by_geonames: dict[int, str]


def read_places(text: str | None) -> Gazette:
    """The places file's collection and ids; ReviewError if it cannot be read as one."""
    if text is None:
        raise ReviewError(f"{PLACES_FILE} is missing; is this a data folder?")
    try:
        collection = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ReviewError(f"{PLACES_FILE} cannot be read ({error}); fix it first (python -m geo validate)") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise ReviewError(f"{PLACES_FILE} is not a FeatureCollection; fix it first (python -m geo validate)")
    ids: set[str] = set()
    by_geonames: dict[int, str] = {}
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict) or not isinstance(properties.get("id"), str):
            continue
        ids.add(properties["id"])
        geonames_id = properties.get("geonames_id")
        if isinstance(geonames_id, int) and not isinstance(geonames_id, bool):
            by_geonames.setdefault(geonames_id, properties["id"])
    return Gazette(collection, frozenset(ids), by_geonames)


def places_text(gazette: Gazette, old: str, added: Sequence[Place]) -> str:
    """The places file with places added at its end, written in the layout it was written in."""
    collection = {**gazette.collection, "features": [*gazette.collection["features"], *map(place_feature, added)]}
    # A file of a feature a line (as the bundled one is) stays so, and its diff is the added lines.
    for layout in (_feature_a_line, _indented):
        if layout(gazette.collection) == old:
            return layout(collection)
    return _feature_a_line(collection)


def _feature_a_line(collection: dict[str, Any]) -> str:
    """A collection with each feature on a line of its own."""
    head = json.dumps({k: v for k, v in collection.items() if k != "features"}, ensure_ascii=False)
    opening = (head[:-1] + ", " if head != "{}" else "{") + '"features": ['
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in collection["features"])
    return f"{opening}\n{lines}\n]}}\n"


def _indented(collection: dict[str, Any]) -> str:
    """A collection indented as a program writes it (json.dumps, indent 2)."""
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
