"""The places: random points inside Syria's governorates, each with a name, a kind and an honest precision."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from geo.core.names import slug
from geo.core.records import Place, PlaceKind
from geo.core.settings import BUNDLED_DATA
from geo.data.geojson import place_feature
from geo.data.layout import BOUNDARIES_FILE, GOVERNORATE_NAMES
from geo.tools.synth.draws import _between, _pick, _weighted
from geo.tools.synth.names import _aliases, _name

BUNDLED_BOUNDARIES = BUNDLED_DATA / BOUNDARIES_FILE

# North-western Syria: Idlib and the countryside of Aleppo, Hama and Latakia around it.
SOUTH, NORTH, WEST, EAST = 35.0, 36.7, 35.9, 37.6

# The boundary file's spellings, as places.geojson writes the governorates.


# Weights of the kinds, and the honest size (metres) of each: a point of a village is good to a
# kilometre or two, a region's nominal centre only to its rough radius.
KINDS: dict[PlaceKind, tuple[float, int, int]] = {
    PlaceKind.VILLAGE: (0.62, 800, 2500),
    PlaceKind.TOWN: (0.20, 1500, 4000),
    PlaceKind.CITY: (0.02, 3000, 8000),
    PlaceKind.CROSSING: (0.04, 5000, 8000),
    PlaceKind.REGION: (0.04, 10000, 40000),
    PlaceKind.MOUNTAINS: (0.05, 5000, 25000),
    PlaceKind.MILITARY_BASE: (0.03, 1500, 5000),
}


def _places_geojson(places: Sequence[Place]) -> str:
    """places.geojson as the bundled one is laid out: one feature per line."""
    lines = ",\n".join(json.dumps(place_feature(p), ensure_ascii=False) for p in places)
    return '{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n"


def _governorates() -> list[tuple[str, Any]]:
    """The governorate outlines of the bundled boundary file, prepared for fast containment tests."""
    document = json.loads(BUNDLED_BOUNDARIES.read_text(encoding="utf-8"))
    outlines = []
    for feature in document["features"]:
        name = feature["properties"]["name"]
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        outlines.append((GOVERNORATE_NAMES.get(name, name), geometry))
    return outlines


def _points(rng: random.Random, count: int, centres: Sequence[tuple[float, float]]) -> list[tuple[float, float, str]]:
    """Points (lon, lat, governorate) inside Syria and the box; around the centres, if any are given."""
    outlines = _governorates()
    found: list[tuple[float, float, str]] = []
    while len(found) < count:
        wanted = count - len(found) + 16
        candidates = [_candidate(rng, centres) for _ in range(wanted)]
        lons = np.array([c[0] for c in candidates])
        lats = np.array([c[1] for c in candidates])
        owner: list[str | None] = [None] * wanted
        for name, outline in outlines:
            for i in np.flatnonzero(shapely.contains_xy(outline, lons, lats)):
                owner[i] = owner[i] or name
        found += [(lon, lat, name) for (lon, lat), name in zip(candidates, owner, strict=True) if name is not None]
    return found[:count]


def _candidate(rng: random.Random, centres: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """A rounded point in the box: half near a town-like centre, half anywhere."""
    if centres and rng.random() < 0.5:
        lon, lat = _pick(rng, centres)
        lon, lat = lon + rng.gauss(0, 0.06), lat + rng.gauss(0, 0.05)
    else:
        lon, lat = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
    # Out of the box stays out: containment then rejects it like any point outside Syria.
    if not (WEST <= lon <= EAST and SOUTH <= lat <= NORTH):
        return 0.0, 0.0
    return round(lon, 5), round(lat, 5)


def _places(rng: random.Random, count: int, seed: int) -> list[Place]:
    """Places with names in both scripts, unique slugs, a kind and the precision its size allows."""
    centres = [(lon, lat) for lon, lat, _ in _points(rng, 40, ())]
    kinds = list(KINDS)
    weights = list(accumulate(KINDS[k][0] for k in kinds))
    taken: dict[str, int] = {}
    made = []
    for lon, lat, admin1 in _points(rng, count, centres):
        kind = _weighted(rng, kinds, weights)
        name, name_ar = _name(rng, kind)
        stem = slug(name)
        taken[stem] = taken.get(stem, 0) + 1
        place_id = stem if taken[stem] == 1 else f"{stem}-{taken[stem]}"
        _, low, high = KINDS[kind]
        made.append(
            Place(
                id=place_id,
                name=name,
                name_ar=name_ar,
                aliases=_aliases(name),
                kind=kind,
                lat=lat,
                lon=lon,
                precision_m=low + 100 * _between(rng, 0, (high - low) // 100 + 1),
                admin1=admin1,
                coord_source=f"synthetic: a random point drawn by geo.tools.synth (seed {seed}) in {admin1}; "
                "not a real place",
            )
        )
    return made
