"""The settings the app, the command line and the tools share: the data folder, sizes and limits."""

from __future__ import annotations

import os
from pathlib import Path

# The product's name, as the page, its exports and its tools give it.
TITLE = "Idlib: who says what, where"

# The corpus bundled with the app, beside the package.
BUNDLED_DATA = Path(__file__).resolve().parents[2] / "data"

# The environment variable that names another data folder, for the page and the command line alike.
DATA_DIR_VARIABLE = "GEO_DATA_DIR"

# Pixels: the map opens framing its places in this height.
MAP_HEIGHT = 620
# The Add article page's map of a draft's places.
DRAFT_MAP_HEIGHT = 420

# From this many places the map draws dots on a canvas rather than a marker each: markers with
# labels and embedded pop-ups cost a kilobyte a place and seconds to draw by the thousand.
DENSE_FROM = 1_000

TABLE_PAGE = 100  # rows of the excerpt table shown at once
PANEL_PAGE = 25  # excerpts of the open place shown at once
PLACE_CHOICES = 2_000  # the most places the place box lists
SOURCES_LISTED = 200  # the most sources the sidebar lists; the source filter finds any
MOST_DOWNLOADED = 20_000  # the most excerpts the page offers to download; more are left to the command line

# The longest search kept from a link: enough for any name or phrase, not for a payload.
MAX_SEARCH = 200
# The largest article ingest reads: a megabyte as the upload widget and file managers count it
# (2**20 bytes), so that a "1 MB" file the widget takes is not then refused by ingest.
MAX_ARTICLE_BYTES = 2**20
# An article or data file larger than this is a mistake (a binary, a dump), not a report.
# The places file is the exception: it grows with the atlas, some 420 bytes a place, so its
# limit is room for some 240,000 places.
MAX_FILE_BYTES = 20_000_000
MAX_PLACES_BYTES = 100_000_000


def data_dir() -> Path:
    """The data folder to read: GEO_DATA_DIR, or the data bundled with the app."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or BUNDLED_DATA)
