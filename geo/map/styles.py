"""The map's own CSS, kept in css/ beside this module: the key, the markers' labels and halos, the journeys."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from geo.map.labels import LABEL_GAP_PX, LABEL_SIDES
from geo.map.symbols import CONTESTED_REACH_PX, SELECTED_REACH_PX

_CSS = Path(__file__).parent / "css"


def _label_offsets(state: str, reach: float) -> str:
    """CSS that moves labels out past the halo of markers in a given state."""
    gap = f"calc(100% + {LABEL_GAP_PX + reach:g}px)"
    edge = {"right": "left", "left": "right", "below": "top", "above": "bottom"}
    return "".join(f".{state}.geo-label-{side} .geo-label {{ {edge[side]}: {gap}; }}\n" for side in LABEL_SIDES)


@cache
def map_css() -> str:
    """The map's CSS, read once: the files', then the labels' offsets past each halo, worked out from its reach."""
    files = "".join((_CSS / name).read_text(encoding="utf-8") for name in ("legend.css", "places.css", "journeys.css"))
    return (
        files + _label_offsets("geo-contested", CONTESTED_REACH_PX) + _label_offsets("geo-selected", SELECTED_REACH_PX)
    )
