"""The view's data as the command line's export writes it: GeoJSON, CSV and KML."""

from __future__ import annotations

from collections.abc import Iterator

from geo.data.export import FORMATS
from geo.publish.contents import Contents

# Each download's path in the site, by export format; FORMAT.md names them.
DOWNLOADS = {"geojson": "downloads/places.geojson", "csv": "downloads/excerpts.csv", "kml": "downloads/places.kml"}


def download_chunks(contents: Contents, fmt: str) -> Iterator[bytes]:
    """One export of the view, a chunk at a time, so a large one is never held whole."""
    for chunk in FORMATS[fmt].chunks(contents.selection):
        yield chunk.encode("utf-8")
