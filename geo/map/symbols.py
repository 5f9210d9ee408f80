"""The marks the map draws: each kind's symbol and colour, the halos round a marker, and the journeys' arrows."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.core.records import PlaceKind


@dataclass(frozen=True)
class MarkerStyle:
    """How one kind of place is drawn: an SVG shape, a colour and a size in pixels."""

    shape: str
    colour: str
    size: int


# Okabe-Ito colours, told apart by colour-blind readers; shape carries the kind as well,
# so nothing depends on colour alone.
MARKER_STYLES: dict[PlaceKind, MarkerStyle] = {
    PlaceKind.CROSSING: MarkerStyle("diamond", "#D55E00", 24),
    PlaceKind.CITY: MarkerStyle("circle", "#0072B2", 18),
    PlaceKind.TOWN: MarkerStyle("circle", "#0072B2", 14),
    PlaceKind.VILLAGE: MarkerStyle("circle", "#56B4E9", 12),
    PlaceKind.REGION: MarkerStyle("ring", "#009E73", 26),
    PlaceKind.MOUNTAINS: MarkerStyle("triangle", "#8C6D31", 20),
    PlaceKind.MILITARY_BASE: MarkerStyle("square", "#CC79A7", 16),
    PlaceKind.COUNTRY: MarkerStyle("ring", "#666666", 30),
}

_SHAPES = {
    "circle": '<circle cx="12" cy="12" r="9" fill="{c}" stroke="#fff" stroke-width="2.5"/>',
    "diamond": '<path d="M12 1.5 22.5 12 12 22.5 1.5 12Z" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "ring": (
        '<circle cx="12" cy="12" r="9.5" fill="{c}" fill-opacity="0.15" stroke="{c}" '
        'stroke-width="2.5" stroke-dasharray="4 2.5"/>'
    ),
    "triangle": '<path d="M12 2 22.5 21H1.5Z" fill="{c}" stroke="#fff" stroke-width="2"/>',
    "square": '<rect x="3" y="3" width="18" height="18" fill="{c}" stroke="#fff" stroke-width="2.5"/>',
}

# How far, in pixels, each halo reaches beyond the edge of the marker it rings.
CONTESTED_REACH_PX = 9
SELECTED_REACH_PX = 17

# Journeys are drawn in near-black on a white casing: it reads on tiles and on bare outlines,
# and stays apart from every kind's colour.
JOURNEY_COLOUR = "#1f2328"
ARROW_LENGTH_PX, ARROW_HALF_WIDTH_PX = 13.0, 7.0
DEPARTURE_LENGTH_PX = 10.0  # the arrows out of a place whose travellers' destination is unstated


def marker_svg(kind: PlaceKind) -> str:
    """The SVG symbol for a kind of place, with a drop shadow so it reads on any background."""
    style = MARKER_STYLES[kind]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="{style.size}" '
        f'height="{style.size}" style="filter: drop-shadow(0 1px 1.5px rgba(0,0,0,.55))" '
        f'aria-hidden="true">{_SHAPES[style.shape].format(c=style.colour)}</svg>'
    )


def _halo(size: int, reach: float, circles: str) -> str:
    """An SVG centred on a marker of this size, reaching `reach` pixels beyond its edge."""
    box = size + 2 * reach
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="geo-halo" width="{box:g}" height="{box:g}" '
        f'viewBox="{-box / 2:g} {-box / 2:g} {box:g} {box:g}" aria-hidden="true">{circles}</svg>'
    )


def contested_halo_svg(size: int) -> str:
    """A black-and-white dashed ring round a marker: a cue for contested places that needs no colour."""
    radius = size / 2 + CONTESTED_REACH_PX - 3
    # A whole number of dashes, so the ring has no seam where it closes.
    period = 2 * math.pi * radius / max(6, round(2 * math.pi * radius / 8))
    return _halo(
        size,
        CONTESTED_REACH_PX,
        f'<circle r="{radius:g}" fill="none" stroke="#fff" stroke-width="6"/>'
        f'<circle r="{radius:g}" fill="none" stroke="#000" stroke-width="3.5" '
        f'stroke-dasharray="{period * 0.55:.2f} {period * 0.45:.2f}"/>',
    )


def selected_halo_svg(size: int) -> str:
    """A thick yellow ring edged in black round the selected marker, on a yellow glow."""
    radius = size / 2 + SELECTED_REACH_PX - 3.5
    return _halo(
        size,
        SELECTED_REACH_PX,
        f'<circle r="{radius:g}" fill="#FFD400" fill-opacity="0.45" stroke="#000" stroke-width="7"/>'
        f'<circle r="{radius:g}" fill="none" stroke="#FFD400" stroke-width="3.5"/>',
    )


def arrowhead_svg(angle: float, gap: float) -> str:
    """A notched arrowhead pointing at the centre from `angle`, its tip `gap` pixels short of it."""
    back = gap + ARROW_LENGTH_PX
    half = math.ceil(back + 3)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * half}" height="{2 * half}" '
        f'viewBox="{-half} {-half} {2 * half} {2 * half}" aria-hidden="true">'
        f'<path transform="rotate({angle:.1f})" d="M{-gap:g} 0L{-back:g} {-ARROW_HALF_WIDTH_PX:g}'
        f'L{-back + 4:g} 0L{-back:g} {ARROW_HALF_WIDTH_PX:g}Z" fill="{JOURNEY_COLOUR}" stroke="#fff" '
        f'stroke-width="1.5" stroke-linejoin="round"/></svg>'
    )


def departure_svg(inner: float, length: float, spokes: int = 8) -> str:
    """Short arrows pointing out all round from `inner` pixels: people leave for somewhere not stated."""
    outer = inner + length
    half = math.ceil(outer + 3)
    head = 0.35 * length
    shaft = f"M{inner:g} 0H{outer - head:g}"
    tip = f"M{outer:g} 0L{outer - 1.4 * head:g} {-head:g}L{outer - 1.4 * head:g} {head:g}Z"
    turns = [f"rotate({k * 360 / spokes:g})" for k in range(spokes)]
    # All the white casings first, so no casing cuts into a neighbouring arrow.
    casing = "".join(
        f'<g transform="{t}"><path d="{shaft}" stroke="#fff" stroke-width="5"/>'
        f'<path d="{tip}" fill="#fff" stroke="#fff" stroke-width="3"/></g>'
        for t in turns
    )
    arrows = "".join(
        f'<g transform="{t}"><path d="{shaft}" stroke="{JOURNEY_COLOUR}" stroke-width="2.2"/>'
        f'<path d="{tip}" fill="{JOURNEY_COLOUR}"/></g>'
        for t in turns
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * half}" height="{2 * half}" '
        f'viewBox="{-half} {-half} {2 * half} {2 * half}" stroke-linecap="round" stroke-linejoin="round" '
        f'aria-hidden="true">{casing}{arrows}</svg>'
    )
