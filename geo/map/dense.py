"""Many places on one canvas: a few bytes a point, drawn and hit-tested in the browser, details on demand."""

from __future__ import annotations

import atexit
import base64
import functools
import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import folium
import numpy as np

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.records import Place, PlaceKind
from geo.core.settings import DENSE_FROM
from geo.core.tallies import tally_at
from geo.map.assets import MapAssets
from geo.map.markers import place_marker
from geo.map.scripts import ScriptCall
from geo.map.symbols import MARKER_STYLES

# Coordinates travel as whole units of 1e-5 degree (about a metre), which a click reports
# back exactly, so the place is found by a dictionary rather than by a distance.
SCALE = 100_000
# Where the app writes a large map's packed points, to serve them as files the browser keeps
# rather than resend them with every rerun.


@functools.cache
def points_folder() -> Path:
    """A folder of this process's own for a large map's packed points, which the app serves as files."""
    # Made afresh, readable by this user alone (mkdtemp's 0700) and named at random: a shared
    # folder of a fixed name could be made first by another local user, as a link to any folder
    # the app can read, and the app would serve that folder's files to anyone.
    folder = Path(tempfile.mkdtemp(prefix="idlib-atlas-points-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# The kinds in the order the browser knows them by (a byte a point).
KIND_CODES: tuple[PlaceKind, ...] = tuple(PlaceKind)


def quantised(lat: float, lon: float) -> tuple[int, int]:
    """A point as the browser has it: whole units of 1e-5 degree."""
    return round(lat * SCALE), round(lon * SCALE)


def pack_points(places: Sequence[Place]) -> bytes:
    """The places' points as little-endian int32 (lat, lon) pairs, then a byte each for their kinds."""
    coordinates = np.array([(p.lat, p.lon) for p in places], dtype=np.float64).reshape(-1)
    points = np.rint(coordinates * SCALE).astype("<i4")
    codes = {kind: code for code, kind in enumerate(KIND_CODES)}
    kinds = np.array([codes[p.kind] for p in places], dtype=np.uint8)
    return points.tobytes() + kinds.tobytes()


def encode_mask(order: Sequence[str], shown: Iterable[str]) -> str:
    """Which of the places, in the atlas's order, are in view: a bit each, base64."""
    wanted = set(shown)
    bits = np.fromiter((pid in wanted for pid in order), dtype=bool, count=len(order))
    return base64.b64encode(np.packbits(bits, bitorder="little").tobytes()).decode()


@per_atlas
def point_index(atlas: Atlas) -> dict[tuple[int, int], tuple[str, ...]]:
    """The places at each quantised point, to turn a click back into a place."""
    index: dict[tuple[int, int], tuple[str, ...]] = {}
    for place in atlas.places.values():
        key = quantised(place.lat, place.lon)
        index[key] = (*index.get(key, ()), place.id)
    return index


@per_atlas
def packed_points(atlas: Atlas) -> bytes:
    """The atlas's points and kinds packed for the browser, once per atlas rather than per rerun."""
    return pack_points(list(atlas.places.values()))


@per_atlas
def _points_name(atlas: Atlas) -> str:
    """The name of the atlas's points file: its contents' digest, worked out once per atlas."""
    return f"points-{hashlib.sha256(packed_points(atlas)).hexdigest()[:20]}.bin"


def points_file(atlas: Atlas, folder: Path) -> str:
    """The name of a file in the folder holding the atlas's packed points, written if not there yet."""
    # Named for its contents, so a browser may keep it as long as it likes and two atlases
    # never share a name.
    packed = packed_points(atlas)
    name = _points_name(atlas)
    if not (folder / name).exists():
        folder.mkdir(parents=True, exist_ok=True)
        # Staged under a name of this thread's own: the warm-up and a page may write it at once.
        staged = folder / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        staged.write_bytes(packed)
        os.replace(staged, folder / name)  # whole or not at all, should two sessions race
    return name


def clicked_place(atlas: Atlas, lat: float, lon: float, in_view: Iterable[str] = ()) -> str | None:
    """The place at a clicked dot, preferring one in view where several share the point."""
    found = point_index(atlas).get(quantised(lat, lon), ())
    if len(found) < 2:
        return found[0] if found else None
    visible = set(in_view)  # read only when it decides: a set of every place in view is costly on a large map
    return next((pid for pid in found if pid in visible), found[0])


def dots(atlas: Atlas, assets: MapAssets) -> ScriptCall:
    """Every place of the atlas as a dot, coloured and shaped for its kind as the markers are."""
    styles = [MARKER_STYLES[kind] for kind in KIND_CODES]
    # The canvas has no ring or dashed outline; a region is drawn as a filled circle in its colour.
    shapes = ["circle" if style.shape == "ring" else style.shape for style in styles]
    colours = [style.colour for style in styles]
    # The points come from a URL the app serves, or, in a page that stands alone, inline. Pop-ups
    # are fetched from the app's route when a place is opened; without one, the page sends them.
    options: dict[str, object] = {"colours": colours, "shapes": shapes, "unit": SCALE, "popups": assets.popups}
    if assets.points is None:
        options.update(url=None, packed=base64.b64encode(packed_points(atlas)).decode())
    else:
        folder, url = assets.points
        options.update(url=f"{url}/{points_file(atlas, folder)}", packed=None)
    # Drawn on a canvas of its own, the same for every filter, so the map is never remounted (js/dense.js).
    return ScriptCall("addDots", options)


def dense_layer(
    selection: Selection, selected: str | None, query: str = "", *, popups: str | None = None
) -> folium.FeatureGroup:
    """What a rerun sends on a dense map: the mask of dots in view, and the open place's marker."""
    # With the URL of the app's pop-up route, the browser fetches the open place's pop-up
    # itself, as it does on a click, and its further pages; otherwise the marker carries its
    # first page.
    fetched = popups is not None
    layer = folium.FeatureGroup(name="Places")
    place = selection.atlas.places.get(selected) if selected is not None else None
    # The mask of the dots in view, the filters a pop-up is fetched under (as the page's link
    # gives them) and the place whose pop-up the dots open, with its point (js/dense.js).
    opened = place if fetched else None
    point = quantised(opened.lat, opened.lon) if opened is not None else (0, 0)
    shown = ScriptCall("showOnly", view_mask(selection), query, opened.id if opened else None, point, on_parent=False)
    shown.add_to(layer)
    ScriptCall("pagePopups", popups, query, on_parent=False).add_to(layer)
    if place is not None:
        contested = tally_at(selection, place.id).contested
        place_marker(place, selection, "right", contested=contested, selected=True, popup=not fetched).add_to(layer)
    return layer


def view_mask(selection: Selection) -> str | None:
    """The mask of the selection's places, or None when every place is in view."""
    atlas = selection.atlas
    if len(selection.places) == len(atlas.places):
        return None
    return encode_mask(list(atlas.places), (p.id for p in selection.places))


def is_dense(atlas: Atlas) -> bool:
    """Whether the atlas has too many places for a marker each."""
    return len(atlas.places) >= DENSE_FROM
