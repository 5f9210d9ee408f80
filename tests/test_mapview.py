"""The folium map: local assets only, a marker per place, a view that frames the places."""

from pathlib import Path

import folium
import pytest

from geo.assets import ASSET_FOLDERS, local_assets
from geo.atlas import select
from geo.load import load_atlas
from geo.mapview import MARKER_STYLES, build_map, initial_view, marker_svg
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
    fmap, layer = build_map(selection, ASSETS)
    layer.add_to(fmap)
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


def test_a_place_at_the_pole_does_not_break_the_map(tmp_path: Path) -> None:
    from tests.datafolder import place

    root = write_folder(tmp_path, places=[place("alpha", "Alpha", 36.6, -90.0), place("beta-crossing", "B", 36.9, 35.8)])
    fmap, layer = build_map(select(load_atlas(root)), ASSETS)
    assert len(layer._children) == 2 and -90 < fmap.location[0] < 0
