"""The dense map: points packed for the browser, masks of what a filter keeps, and clicks read back."""

from __future__ import annotations

import base64
import os
import random
import stat
from pathlib import Path

import numpy as np
import pytest

from geo.core.atlas import Atlas, Selection
from geo.core.records import Place, PlaceKind
from geo.core.settings import DENSE_FROM
from geo.map.dense import (
    KIND_CODES,
    clicked_place,
    encode_mask,
    is_dense,
    pack_points,
    points_file,
    points_folder,
    quantised,
)
from geo.tools.bench import naive_map, serialised

# The budget for the map's bytes a place at scale.
BYTES_A_PLACE = 60


def place(index: int, lat: float, lon: float, kind: PlaceKind = PlaceKind.VILLAGE) -> Place:
    return Place(
        id=f"p{index}",
        name=f"Place {index}",
        name_ar="قرية",
        kind=kind,
        lat=lat,
        lon=lon,
        precision_m=1000,
        admin1="Idlib",
        coord_source="a test",
    )


def atlas_of(places: list[Place]) -> Atlas:
    return Atlas(sources={}, places={p.id: p for p in places}, excerpts=(), articles={})


def scattered(count: int, seed: int = 0) -> list[Place]:
    rng = random.Random(seed)
    kinds = list(PlaceKind)
    return [
        place(i, round(rng.uniform(35.0, 36.7), 6), round(rng.uniform(35.9, 37.6), 6), rng.choice(kinds))
        for i in range(count)
    ]


def test_points_decode_to_the_places_within_a_metre() -> None:
    places = scattered(50)
    packed = pack_points(places)
    points = np.frombuffer(packed[: 8 * len(places)], dtype="<i4").reshape(-1, 2) / 100_000
    kinds = np.frombuffer(packed[8 * len(places) :], dtype=np.uint8)
    assert len(points) == len(kinds) == len(places)
    for (lat, lon), code, original in zip(points, kinds, places, strict=True):
        assert (lat, lon) == pytest.approx(
            (original.lat, original.lon), abs=5.1e-6
        )  # half of 1e-5, and a float's rounding
        assert KIND_CODES[code] is original.kind


def test_the_mask_has_a_bit_for_each_place_in_order() -> None:
    order = [f"p{i}" for i in range(11)]
    mask = np.frombuffer(base64.b64decode(encode_mask(order, {"p0", "p3", "p10"})), dtype=np.uint8)
    bits = np.unpackbits(mask, bitorder="little")[: len(order)]
    assert [order[i] for i in np.flatnonzero(bits)] == ["p0", "p3", "p10"]


def test_a_click_reported_at_a_dot_finds_its_place() -> None:
    places = scattered(200)
    atlas = atlas_of(places)
    for original in places[:20]:
        lat, lon = (value / 100_000 for value in quantised(original.lat, original.lon))
        assert clicked_place(atlas, lat, lon) == original.id
    assert clicked_place(atlas, 10.0, 10.0) is None


def test_places_sharing_a_point_prefer_the_one_in_view() -> None:
    atlas = atlas_of([place(1, 36.0, 36.5), place(2, 36.0, 36.5)])
    assert clicked_place(atlas, 36.0, 36.5) == "p1"
    assert clicked_place(atlas, 36.0, 36.5, in_view={"p2"}) == "p2"


def test_large_atlases_are_dense_and_small_ones_are_not() -> None:
    assert not is_dense(atlas_of(scattered(DENSE_FROM - 1)))
    assert is_dense(atlas_of(scattered(DENSE_FROM)))


@pytest.mark.parametrize("served", [False, True])
def test_the_map_sends_under_the_budget_a_place_and_a_rerun_a_fraction_of_it(served: bool, tmp_path: Path) -> None:
    places = scattered(20_000)
    atlas = atlas_of(places)
    folder = tmp_path if served else None
    first, _ = serialised(Selection(atlas=atlas, places=tuple(places), excerpts=()), folder)
    assert len(first.encode()) / len(places) < BYTES_A_PLACE
    # Nothing of a place is built per place: no marker and no pop-up in the page.
    assert "L.marker(" not in first and "bindPopup" not in first
    half = Selection(atlas=atlas, places=tuple(places[::2]), excerpts=())
    _, rerun = serialised(half, folder)
    if served:
        # The map's script and the mask (a bit a place, in base64) without the points (12 bytes a place).
        assert len(rerun.encode()) / len(places) < 2, "a rerun resends the points"


def test_the_points_file_is_named_for_its_contents_and_written_once(tmp_path: Path) -> None:
    atlas = atlas_of(scattered(50))
    name = points_file(atlas, tmp_path)
    assert (tmp_path / name).read_bytes() == pack_points(list(atlas.places.values()))
    written = (tmp_path / name).stat().st_mtime_ns
    assert points_file(atlas, tmp_path) == name and (tmp_path / name).stat().st_mtime_ns == written
    assert points_file(atlas_of(scattered(50, seed=1)), tmp_path) != name
    assert [p.name for p in tmp_path.iterdir()] == sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".bin")


def test_the_naive_map_embeds_a_popup_for_every_place() -> None:
    places = scattered(30)
    html = naive_map(Selection(atlas=atlas_of(places), places=tuple(places), excerpts=()))
    assert html.count("L.marker(") == len(places)
    assert html.count("bindPopup") == len(places)


def test_the_browser_and_a_click_agree_on_every_point() -> None:
    # The packed points and the click lookup round each coordinate the same way, to the unit.
    places = scattered(2_000, seed=3) + [place(9_000, 36.000005, 36.500015), place(9_001, 35.999995, 36.499985)]
    packed = np.frombuffer(pack_points(places)[: 8 * len(places)], dtype="<i4").reshape(-1, 2)
    assert [tuple(map(int, pair)) for pair in packed] == [quantised(p.lat, p.lon) for p in places]


def test_a_standalone_page_of_the_dense_map_holds_the_dots_once() -> None:
    from geo.map.build import build_map
    from geo.tools.bench import ASSETS

    places = scattered(DENSE_FROM)
    fmap, _ = build_map(Selection(atlas=atlas_of(places), places=tuple(places), excerpts=()), ASSETS)
    page = fmap.get_root().render()
    assert page.count("geoMap.addDots(") == 1
    assert page.count(base64.b64encode(pack_points(places)).decode()) == 1


def test_the_points_folder_is_this_process_s_own_and_no_one_else_s() -> None:
    # A folder of a fixed name in the shared temporary directory could be made first by
    # another local user, as a link to any folder the app can read, which the app would serve.
    folder = points_folder()
    assert folder is points_folder(), "the page and the warm-up must write to the one folder"
    assert folder.is_dir() and not folder.is_symlink()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()
    assert folder.name != "idlib-atlas-points" and folder.name.startswith("idlib-atlas-points-")
    name = points_file(atlas_of(scattered(DENSE_FROM)), folder)
    assert (folder / name).is_file()
