"""The tile URL: refused unless its host can stand in the page's Content-Security-Policy as one source."""

from __future__ import annotations

import re

import pytest

from geo.publish.pages import index_html
from geo.publish.tiles import Tiles, TilesError, tile_origin

# The map page's policy, directive by directive, as the template writes it.
DIRECTIVES = "default-src script-src style-src img-src connect-src object-src base-uri form-action".split()


def _policy(tiles: Tiles) -> list[list[str]]:
    """The map page's Content-Security-Policy, each directive split into its name and sources."""
    page = index_html("Title", tiles).decode("utf-8")
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert found is not None
    return [directive.split() for directive in found.group(1).split(";")]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.openstreetmap.fr/hot/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.fr"),
        ("https://mt{s}.google.example/vt?x={x}&y={y}&z={z}", "https://*.google.example"),
        ("http://localhost:8080/tiles/{z}/{x}/{y}.png", "http://localhost:8080"),
        ("https://tiles.example.org/{z}/{x}/{y}@2x.png?key=a-b_c", "https://tiles.example.org"),
    ],
)
def test_a_good_tile_url_adds_its_origin_alone(url: str, origin: str) -> None:
    tiles = Tiles(url)
    assert tile_origin(tiles) == origin
    policy = _policy(tiles)
    assert [directive[0] for directive in policy] == DIRECTIVES
    assert policy[DIRECTIVES.index("img-src")] == ["img-src", "'self'", "data:", origin]


@pytest.mark.parametrize(
    "url",
    [
        "https://t.org;connect-src *;x:/{z}/{x}/{y}.png",
        "https://t.org/{z}/{x}/{y}.png;script-src *",
        "https://t.org,https://evil.example/{z}/{x}/{y}.png",
        "https://t.org /{z}/{x}/{y}.png",
        "https://t.org/{z}/{x}/{y}.png 'unsafe-inline'",
        'https://t.org/{z}/{x}/{y}.png" onload="x',
        "https://t.org\t/{z}/{x}/{y}.png",
        "https://t.org\n;script-src */{z}/{x}/{y}.png",
        "https://user@t.org/{z}/{x}/{y}.png",
        "https://*.t.org/{z}/{x}/{y}.png",
        "https://a.{s}.t.org/{z}/{x}/{y}.png",
        "https://[::1]/{z}/{x}/{y}.png",
        "https://t.org:80x/{z}/{x}/{y}.png",
        "https:///{z}/{x}/{y}.png",
        "ftp://t.org/{z}/{x}/{y}.png",
    ],
)
def test_a_tile_url_that_could_break_the_policy_is_refused(url: str) -> None:
    with pytest.raises(TilesError):
        Tiles(url)
