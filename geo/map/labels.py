"""Where each place's name stands beside its marker, so that no label hides a place."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from geo.core.records import Place
from geo.map.projection import pixel

# The sides a label may take, in order of preference.
LABEL_SIDES = ("right", "left", "below", "above")
LABEL_CHAR_PX, LABEL_HEIGHT_PX, LABEL_GAP_PX = 6.4, 13, 3  # an 11 px bold system font, roughly

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


def label_box(x: float, y: float, half: float, width: float, side: str) -> Box:
    """The box a label of this width takes on one side of a marker of half-size `half` at (x, y)."""
    gap, height = LABEL_GAP_PX, LABEL_HEIGHT_PX
    if side == "right":
        return x + half + gap, y - height / 2, x + half + gap + width, y + height / 2
    if side == "left":
        return x - half - gap - width, y - height / 2, x - half - gap, y + height / 2
    if side == "below":
        return x - width / 2, y + half + gap, x + width / 2, y + half + gap + height
    return x - width / 2, y - half - gap - height, x + width / 2, y - half - gap


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_sides(places: Iterable[Place], zoom: int, size_of: Callable[[Place], int]) -> dict[str, str]:
    """A side for each place's label that covers as little as it can at this zoom."""
    # Greedy, larger markers first. Covering a marker costs twice what covering a label does,
    # since it hides a place rather than a name; ties go to the earlier of LABEL_SIDES.
    located = [(p, *pixel(p.lat, p.lon, zoom), size_of(p) / 2) for p in sorted(places, key=lambda p: -size_of(p))]
    markers: dict[str, Box] = {p.id: (x - h, y - h, x + h, y + h) for p, x, y, h in located}
    labels: list[Box] = []
    sides: dict[str, str] = {}
    for place, x, y, half in located:
        width = len(place.name) * LABEL_CHAR_PX
        costs = {s: _cost(label_box(x, y, half, width, s), place.id, markers, labels) for s in LABEL_SIDES}
        side = min(LABEL_SIDES, key=costs.__getitem__)
        sides[place.id] = side
        labels.append(label_box(x, y, half, width, side))
    return sides


def _cost(box: Box, own: str, markers: dict[str, Box], labels: list[Box]) -> int:
    """How bad a label's box is: each other marker it hides counts twice, each label it overlaps once."""
    hidden = sum(overlaps(box, m) for pid, m in markers.items() if pid != own)
    return 2 * hidden + sum(overlaps(box, label) for label in labels)
