"""The folium map: local assets only, a marker per place, a view that frames the places."""

from pathlib import Path

import folium
import pytest

from geo.assets import ASSET_FOLDERS, local_assets
from geo.atlas import select
from geo.load import load_atlas
from geo.mapview import MARKER_STYLES, build_map, initial_view, label_sides, marker_svg, standalone_map
from geo.model import PlaceKind
from tests.datafolder import write_folder

DATA = Path(__file__).parent.parent / "data"
ASSETS = local_assets({"leaflet": "/served/leaflet", "jquery": "/served/jquery"})


def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


@pytest.fixture(scope="module")
def selection():
    return select(load_atlas(DATA))


def test_every_script_and_stylesheet_is_served_locally(selection) -> None:
    fmap = standalone_map(selection, ASSETS)
    links = [url for element in walk(fmap) for attr in ("default_js", "default_css") for _, url in getattr(element, attr, [])]
    assert links and all(url.startswith("/served/") for url in links)
    html = fmap.get_root().render()
    assert "cdn" not in html.lower() and "https://code.jquery" not in html


def test_asset_files_exist() -> None:
    for name, folder in ASSET_FOLDERS.items():
        for _, url in (*ASSETS.js, *ASSETS.css):
            if url.startswith(f"/served/{name}/"):
                assert (folder / url.removeprefix(f"/served/{name}/")).is_file()


def test_one_marker_per_place_with_its_kind(selection) -> None:
    _, layer = build_map(selection, ASSETS)
    markers = [c for c in layer._children.values() if isinstance(c, folium.Marker)]
    assert len(markers) == len(selection.places)
    for marker, place in zip(markers, selection.places):
        assert marker.location == [place.lat, place.lon]
        icon = next(c for c in marker._children.values() if isinstance(c, folium.DivIcon))
        assert f"geo-place-{place.id}" in icon.options["class_name"]
        assert f"geo-kind-{place.kind.value}" in icon.options["class_name"]


def test_base_map_does_not_depend_on_the_selection(selection) -> None:
    atlas = selection.atlas
    one, _ = build_map(select(atlas, ["the-national-2019-05-idlib-residents"]), ASSETS)
    both, _ = build_map(selection, ASSETS)
    assert one.location == both.location
    assert one.options["zoom"] == both.options["zoom"]


def test_outlines_are_drawn_when_boundaries_exist(selection, tmp_path: Path) -> None:
    fmap, _ = build_map(selection, ASSETS)
    assert any(isinstance(c, folium.GeoJson) for c in fmap._children.values())
    bare, _ = build_map(select(load_atlas(write_folder(tmp_path))), ASSETS)
    assert not any(isinstance(c, folium.GeoJson) for c in bare._children.values())


def test_each_kind_has_its_own_look() -> None:
    assert set(MARKER_STYLES) == set(PlaceKind)
    assert len({marker_svg(kind) for kind in PlaceKind}) == len(PlaceKind)
    assert MARKER_STYLES[PlaceKind.CROSSING].shape != MARKER_STYLES[PlaceKind.TOWN].shape


class P:
    def __init__(self, lat: float, lon: float):
        self.lat, self.lon = lat, lon


@pytest.mark.parametrize(
    ("points", "centre", "zoom"),
    [
        ([P(35.0, 36.0), P(36.0, 37.0)], (35.5, 36.5), 9),
        ([P(35.44, 36.65)], (35.44, 36.65), 11),
        ([P(32.6, 36.1), P(36.2, 37.2)], (34.4, 36.65), 7),
        ([], (0.0, 0.0), 2),
    ],
)
def test_initial_view_frames_the_points(points, centre, zoom) -> None:
    (lat, lon), z = initial_view(points)
    assert (round(lat, 1), round(lon, 2)) == (round(centre[0], 1), round(centre[1], 2))
    assert z == zoom


def test_bundled_view_frames_idlib(selection) -> None:
    fmap, _ = build_map(selection, ASSETS)
    lat, lon = fmap.location
    assert 35.3 < lat < 36.3 and 35.9 < lon < 37.2, "centred on the Idlib area, not on Deraa"
    assert fmap.options["zoom"] >= 8


def _place(place_id: str, name: str, lat: float, lon: float, kind: str = "town"):
    from geo.model import Place

    return Place(id=place_id, name=name, name_ar="ب", kind=kind, lat=lat, lon=lon, precision_m=1000, admin1="Idlib", coord_source="t")


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
    sides = label_sides([_place(*p) for p in places], zoom=9)
    assert {k: sides[k] for k in expected} == expected


def test_bundled_labels_cover_no_marker(selection) -> None:
    from geo.mapview import _label_box, _overlaps, _pixel, opening_view

    zoom = opening_view(selection.atlas)[1]
    places = list(selection.atlas.places.values())
    sides = label_sides(places, zoom)
    for place in places:
        x, y = _pixel(place.lat, place.lon, zoom)
        half = MARKER_STYLES[place.kind].size / 2
        box = _label_box(x, y, half, len(place.name) * 6.4, sides[place.id])
        for other in places:
            if other is not place:
                ox, oy = _pixel(other.lat, other.lon, zoom)
                h = MARKER_STYLES[other.kind].size / 2
                assert not _overlaps(box, (ox - h, oy - h, ox + h, oy + h)), (place.id, other.id)


def test_marker_carries_its_label_side(selection) -> None:
    _, layer = build_map(selection, ASSETS)
    classes = [
        icon.options["class_name"]
        for marker in layer._children.values()
        for icon in marker._children.values()
        if isinstance(icon, folium.DivIcon)
    ]
    assert all(any(f"geo-label-{side}" in c for side in ("right", "left", "below", "above")) for c in classes)
    assert any("geo-label-right" not in c for c in classes), "the bundled map has crowded places"
