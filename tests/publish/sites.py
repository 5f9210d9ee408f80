"""Sites published for the tests: written to a folder and read back, file by file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.core.atlas import Atlas
from geo.core.viewstate import ViewState
from geo.publish.site import PublishReport, publish
from geo.publish.tiles import Tiles
from tests.support.datafolder import snapshot

TITLE = "Test site"


def publish_to(atlas: Atlas, out: Path, view: ViewState | None = None) -> PublishReport:
    """Publish a view (everything, by default) with the default tiles."""
    return publish(atlas, out, view=view or ViewState(), title=TITLE, tiles=Tiles())


def read_json(site: Path, path: str) -> Any:
    """One of a site's JSON files, parsed."""
    return json.loads((site / path).read_bytes())


def claims(site: Path) -> tuple[dict[int, Any], dict[int, Any]]:
    """Every chunk's places and excerpts, gathered by number."""
    places: dict[int, Any] = {}
    excerpts: dict[int, Any] = {}
    for chunk in sorted((site / "data" / "claims").glob("*.json")):
        document = json.loads(chunk.read_bytes())
        places.update({int(k): v for k, v in document["places"].items()})
        excerpts.update({int(k): v for k, v in document["excerpts"].items()})
    return places, excerpts


def files(site: Path) -> dict[str, bytes]:
    """Every file of a site and its bytes."""
    return snapshot(site)
