"""Label placement: a name goes where it hides no place."""

import pytest

from geo.core.atlas import Atlas
from geo.core.records import Place
from geo.map.framing import opening_view
from geo.map.labels import LABEL_CHAR_PX, label_box, label_sides, overlaps
from geo.map.projection import pixel
from geo.map.symbols import MARKER_STYLES


def size_of(place: Place) -> int:
    return MARKER_STYLES[place.kind].size


def town(place_id: str, name: str, lat: float, lon: float) -> Place:
    return Place(
        id=place_id,
        name=name,
        name_ar="ب",
        kind="town",
        lat=lat,
        lon=lon,
        precision_m=1000,
        admin1="Idlib",
        coord_source="t",
    )


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        # Alone, a label stands on the right.
        ([("a", "Alpha", 35.0, 36.0)], {"a": "right"}),
        # A neighbour 20 px to the east pushes the western label to its left.
        ([("a", "Alpha", 35.0, 36.0), ("b", "B", 35.0, 36.055)], {"a": "left", "b": "right"}),
        # Neighbours east and west: below.
        ([("w", "W", 35.0, 35.945), ("a", "Alpha", 35.0, 36.0), ("e", "E", 35.0, 36.055)], {"a": "below"}),
    ],
)
def test_labels_avoid_neighbouring_markers(places, expected) -> None:
    sides = label_sides([town(*p) for p in places], 9, size_of)
    assert {k: sides[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 0, 10, 10), (5, 5, 15, 15), True),
        ((0, 0, 10, 10), (10, 0, 20, 10), False),  # touching edges do not overlap
        ((0, 0, 10, 10), (0, 11, 10, 20), False),
    ],
)
def test_overlaps(a, b, expected) -> None:
    assert overlaps(a, b) is expected


def test_bundled_labels_cover_no_marker(bundled_atlas: Atlas) -> None:
    atlas = bundled_atlas
    zoom = opening_view(atlas)[1]
    places = list(atlas.places.values())
    sides = label_sides(places, zoom, size_of)
    for place in places:
        x, y = pixel(place.lat, place.lon, zoom)
        box = label_box(x, y, size_of(place) / 2, len(place.name) * LABEL_CHAR_PX, sides[place.id])
        for other in places:
            if other is not place:
                ox, oy = pixel(other.lat, other.lon, zoom)
                h = size_of(other) / 2
                assert not overlaps(box, (ox - h, oy - h, ox + h, oy + h)), (place.id, other.id)
