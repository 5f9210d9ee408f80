"""The browser files the map needs, served by the app itself instead of a public CDN."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet

# Folders whose files the app serves, by the name it serves them under. Leaflet draws the map;
# folium's pop-ups call jQuery's $() to turn their HTML into a node.
ASSET_FOLDERS: dict[str, Path] = {
    "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
    "jquery": Path(xstatic.pkg.jquery.BASE_DIR),
}


@dataclass(frozen=True)
class MapAssets:
    """The script and stylesheet links a map loads, as (name, url) pairs in folium's form."""

    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]
    # Where a large map's packed points are written, and the URL that folder is served at;
    # without it they go inline in the map's script.
    points: tuple[Path, str] | None = None
    # The URL a large map fetches a place's pop-up from when it is opened; without it, the
    # open place's pop-up is sent with the map.
    popups: str | None = None


def local_assets(url_of: dict[str, str]) -> MapAssets:
    """The map's files at the URLs the app serves each asset folder under."""
    return MapAssets(
        js=(
            ("leaflet", f"{url_of['leaflet']}/leaflet.js"),
            ("jquery", f"{url_of['jquery']}/jquery.min.js"),
        ),
        css=(("leaflet_css", f"{url_of['leaflet']}/leaflet.css"),),
    )
