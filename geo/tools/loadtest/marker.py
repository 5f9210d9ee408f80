"""The word an editor puts in the one passage it rejects, and the scan of what a reader receives for it."""

from __future__ import annotations

import random
import re

# A word no article holds: seen by a reader, it is text of a draft, or of an excerpt rejected in review.
MARKER_PREFIX = "Unreviewedmark"
_MARKER = re.compile(re.escape(MARKER_PREFIX.encode()) + rb"[0-9a-f]*")


def new_marker(rng: random.Random) -> str:
    """A marker of its own for one article."""
    return f"{MARKER_PREFIX}{rng.getrandbits(48):012x}"


def markers_in(data: bytes) -> list[str]:
    """The markers in a message as it came over the wire, in order, each once."""
    # The raw bytes, not the parsed elements: text, tables (Arrow keeps strings as UTF-8) and the
    # map's HTML all carry the marker's ASCII as it is, whatever element or field holds it.
    if MARKER_PREFIX.encode() not in data:
        return []
    return list(dict.fromkeys(m.decode() for m in _MARKER.findall(data)))
