"""The map tiles a site draws under its places, and the origin its page must allow them from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"

# The placeholders Leaflet fills in a tile URL; a URL without the three cannot address a tile.
_NEEDED = ("{z}", "{x}", "{y}")
# The tile server's host and port, which go in the page's Content-Security-Policy as a source: a name a
# source may hold and nothing that could end it, with Leaflet's {s} (a subdomain) in its first label alone.
_HOST = re.compile(r"(?:[A-Za-z0-9-]*\{s\}[A-Za-z0-9-]*\.)?[A-Za-z0-9.-]+(?::[0-9]+)?")
# What ends a CSP source, a directive or the attribute the policy is in: refused anywhere in the URL.
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f;,'\"]")


class TilesError(ValueError):
    """A tile URL a page cannot load tiles from."""


@dataclass(frozen=True)
class Tiles:
    """A tile server's URL template, in Leaflet's form, and the attribution its licence asks for (text)."""

    url: str = OSM_URL
    attribution: str = OSM_ATTRIBUTION

    def __post_init__(self) -> None:
        if _BREAKS.search(self.url):
            raise TilesError(f"the tile URL may not hold spaces, quotes, commas or semicolons: {self.url!r}")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not _HOST.fullmatch(parts.netloc):
            raise TilesError(
                "the tile URL must start with http:// or https:// and a host (letters, digits, dots, hyphens, "
                f"a port, {{s}} in its first part), not {self.url!r}"
            )
        missing = [part for part in _NEEDED if part not in self.url]
        if missing:
            raise TilesError(f"the tile URL must hold {', '.join(_NEEDED)}; {self.url!r} lacks {', '.join(missing)}")


def tile_origin(tiles: Tiles) -> str:
    """The origin the page's Content-Security-Policy allows tiles from ({s} subdomains as a wildcard)."""
    parts = urlsplit(tiles.url)
    first, dot, rest = parts.netloc.partition(".")
    # A wildcard stands for a whole label in a CSP source, so `mt{s}.example.org` is allowed as `*.example.org`.
    host = f"*{dot}{rest}" if "{s}" in first and dot else parts.netloc
    return f"{parts.scheme}://{host}"
