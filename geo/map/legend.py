"""The map's key: the places' shapes, the marks drawn over them, and the sides' badges."""

from __future__ import annotations

from functools import cache

from geo.map.symbols import JOURNEY_COLOUR, MARKER_STYLES, contested_halo_svg, departure_svg, marker_svg
from geo.render.popup import side_key_html
from geo.render.vocabulary import KIND_LABELS

# The width and height, in pixels, of a map on which the key starts folded (js/legend.js):
# open, the key is some 230 px tall, and on a map under 480 px (the Add article page's is
# 420) it would cover half the places.
LEGEND_FOLD_BELOW_PX = (720, 480)


def _legend_arrow_svg() -> str:
    """A short cased arrow pointing right, for the key."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<path d="M2 12H15" stroke="#fff" stroke-width="5.5" stroke-linecap="round"/>'
        f'<path d="M2 12H15" stroke="{JOURNEY_COLOUR}" stroke-width="2.5" stroke-linecap="round"/>'
        f'<path d="M23 12 13 6.5 15.5 12 13 17.5Z" fill="{JOURNEY_COLOUR}" stroke="#fff" stroke-width="1.2"/></svg>'
    )


_LEGEND_PRECISION_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<circle cx="12" cy="12" r="10" fill="#57606a" fill-opacity="0.1" stroke="#57606a" stroke-width="1.5" '
    'stroke-dasharray="3.2 2.4"/><circle cx="12" cy="12" r="2.5" fill="#57606a"/></svg>'
)


def _legend_halo_svg(halo: str) -> str:
    """A halo round a small grey dot, for the key."""
    return (
        f'<span class="geo-key-halo">{halo}'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
        '<circle cx="12" cy="12" r="4.5" fill="#8c959f" stroke="#fff" stroke-width="1.5"/></svg></span>'
    )


@cache
def legend_html() -> str:
    """The key: marker shapes, the marks drawn over them, and the colours of the sides' badges."""
    shapes = "".join(f'<div class="geo-key">{marker_svg(kind)} {KIND_LABELS[kind]}</div>' for kind in MARKER_STYLES)
    marks = "".join(
        f'<div class="geo-key">{symbol} <span>{text}</span></div>'
        for symbol, text in (
            (_legend_halo_svg(contested_halo_svg(6)), "Contested: both sides make claims"),
            (_LEGEND_PRECISION_SVG, "Dashed circle: how far off the point may be"),
            (_legend_arrow_svg(), "Arrow: a journey a source describes"),
            (departure_svg(3, length=7, spokes=8), "Leaving, destination not stated"),
        )
    )
    return (
        "<details open><summary>Key</summary>"
        f'<div class="geo-legend-title">Places</div><div class="geo-legend-grid">{shapes}</div>'
        f'<div class="geo-legend-title">Marks</div>{marks}'
        '<div class="geo-legend-title">Who speaks (pop-up badges)</div>'
        f'<div class="geo-legend-sides">{side_key_html()}</div>'
        "</details>"
    )
