"""The browser's files a site carries: Leaflet, the claims' CSS, the app's canvas of dots, and the page's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from geo.map.assets import ASSET_FOLDERS, SCRIPT_FOLDER
from geo.render.popup import POPUP_CSS, stylesheet

# The page's code and its template, written against FORMAT.md.
SITE_FOLDER = Path(__file__).parent / "site"
TEMPLATE = "index.html"
# Leaflet's files the page loads: its script, its stylesheet and the images the stylesheet names
# (its sources and source maps are for debugging Leaflet itself).
LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def asset_files() -> Iterator[tuple[str, bytes]]:
    """Each asset's path in the site and its bytes, in a fixed order."""
    leaflet = ASSET_FOLDERS["leaflet"]
    for name in LEAFLET_FILES:
        yield f"assets/leaflet/{name}", (leaflet / name).read_bytes()
    for image in sorted((leaflet / "images").glob("*.png")):
        yield f"assets/leaflet/images/{image.name}", image.read_bytes()
    # The claims are the app's own HTML, so they take the app's own CSS; the source cards' too.
    yield "assets/popup.css", (POPUP_CSS + stylesheet("context.css")).encode("utf-8")
    yield "assets/dense.js", (SCRIPT_FOLDER / "dense.js").read_bytes()
    for path in page_files():
        yield f"assets/{path.name}", path.read_bytes()


def page_files() -> list[Path]:
    """The page's own files (its script, styles and name folding), the template aside."""
    if not SITE_FOLDER.is_dir():
        return []
    return sorted(
        path
        for path in SITE_FOLDER.iterdir()
        if path.is_file() and path.name != TEMPLATE and not path.name.startswith(".")
    )
