"""The bundled data's ids, read straight from its files, to parametrize tests on without loading the atlas.

A test parametrized on these reads the records from the bundled_atlas fixture in its body;
tests/data/test_bundled.py checks that each list is the very list the atlas gives.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import yaml

from geo.core.settings import BUNDLED_DATA


@cache
def _sources() -> tuple[dict[str, Any], ...]:
    """The bundled source documents, in file-name order."""
    paths = sorted((BUNDLED_DATA / "sources").glob("*.yaml"))
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths)


@cache
def _place_properties() -> tuple[dict[str, Any], ...]:
    """The properties of each bundled place, in file order."""
    document = json.loads((BUNDLED_DATA / "places.geojson").read_text(encoding="utf-8"))
    return tuple(feature["properties"] for feature in document["features"])


def source_ids() -> list[str]:
    """The ids of the bundled sources."""
    return [document["id"] for document in _sources()]


def excerpt_ids(*, spoken: bool = False) -> list[str]:
    """The ids of the bundled excerpts; with spoken=True, only those that name a speaker."""
    excerpts = [excerpt for document in _sources() for excerpt in document["excerpts"]]
    return [excerpt["id"] for excerpt in excerpts if excerpt.get("speaker") or not spoken]


def place_ids(*, geonames: bool = False, kinds: tuple[str, ...] | None = None) -> list[str]:
    """The ids of the bundled places; only those with a GeoNames id, or of the given kinds, if asked."""
    return [
        properties["id"]
        for properties in _place_properties()
        if (properties.get("geonames_id") or not geonames) and (kinds is None or properties["kind"] in kinds)
    ]
