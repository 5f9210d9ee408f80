"""The map tiles a site draws under its places, and the origin its page must allow them from."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"

# The placeholders Leaflet fills in a tile URL; a URL without the three cannot address a tile.
_NEEDED = ("{z}", "{x}", "{y}")


class TilesError(ValueError):
    """A tile URL a page cannot load tiles from."""


@dataclass(frozen=True)
class Tiles:
    """A tile server's URL template, in Leaflet's form, and the attribution its licence asks for (text)."""

    url: str = OSM_URL
    attribution: str = OSM_ATTRIBUTION

    def __post_init__(self) -> None:
        # {s} (a subdomain) is the one placeholder a host may hold.
        parts = urlsplit(self.url.replace("{s}", "a"))
        if parts.scheme not in ("http", "https") or not parts.netloc or "{" in parts.netloc:
            raise TilesError(f"the tile URL must start with http:// or https:// and a host, not {self.url!r}")
        missing = [part for part in _NEEDED if part not in self.url]
        if missing:
            raise TilesError(f"the tile URL must hold {', '.join(_NEEDED)}; {self.url!r} lacks {', '.join(missing)}")


def tile_origin(tiles: Tiles) -> str:
    """The origin the page's Content-Security-Policy allows tiles from ({s} subdomains as a wildcard)."""
    parts = urlsplit(tiles.url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"
