"""The browser files the map needs, served by the app itself instead of a public CDN."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import xstatic.pkg.jquery
import xstatic.pkg.leaflet

# The map's own JavaScript: a file for each behaviour, each defining functions on window.geoMap
# that the map's script calls (geo/map/scripts.py).
SCRIPT_FOLDER = Path(__file__).parent / "js"

# Folders whose files the app serves, by the name it serves them under. Leaflet draws the map;
# folium's pop-ups call jQuery's $() to turn their HTML into a node.
ASSET_FOLDERS: dict[str, Path] = {
    "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
    "jquery": Path(xstatic.pkg.jquery.BASE_DIR),
    "map_js": SCRIPT_FOLDER,
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


@cache
def script_files() -> tuple[str, ...]:
    """The names of the map's own script files; each only defines functions, so any order loads."""
    return tuple(sorted(path.name for path in SCRIPT_FOLDER.glob("*.js")))


@cache
def script_text(name: str) -> str:
    """The text of one of the map's script files, read once."""
    return (SCRIPT_FOLDER / name).read_text(encoding="utf-8")


def script_link_name(name: str) -> str:
    """The name a script file's link goes by among a map's links."""
    return f"geo_{name.removesuffix('.js')}"


def script_links(url: str) -> tuple[tuple[str, str], ...]:
    """The links to the map's script files in a folder served at this URL."""
    # Each link carries a digest of its file, so that a browser which kept an older copy
    # fetches the file again once it changes.
    return tuple(
        (script_link_name(name), f"{url}/{name}?v={hashlib.sha256(script_text(name).encode()).hexdigest()[:12]}")
        for name in script_files()
    )


def inline_script_links() -> tuple[tuple[str, str], ...]:
    """Links that carry the map's script files themselves, for a map built without a URL to load them from."""
    return tuple(
        (script_link_name(name), f"data:text/javascript;base64,{base64.b64encode(script_text(name).encode()).decode()}")
        for name in script_files()
    )


def local_assets(url_of: dict[str, str]) -> MapAssets:
    """The map's files at the URLs the app serves each asset folder under."""
    return MapAssets(
        js=(
            ("leaflet", f"{url_of['leaflet']}/leaflet.js"),
            ("jquery", f"{url_of['jquery']}/jquery.min.js"),
            *script_links(url_of["map_js"]),
        ),
        css=(("leaflet_css", f"{url_of['leaflet']}/leaflet.css"),),
    )
