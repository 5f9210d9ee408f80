"""The benchmark: load, filter, draw and publish synthetic corpora of growing size, beside the naive folium map."""

from __future__ import annotations

import json
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import folium
from streamlit.logger import get_logger

from geo.core.atlas import Selection
from geo.core.filters import select
from geo.core.records import Voice
from geo.core.viewstate import ViewState
from geo.data.load import load_resident_atlas
from geo.map.assets import ASSET_FOLDERS, local_assets
from geo.map.build import build_map
from geo.publish.site import publish
from geo.publish.tiles import Tiles
from geo.render.popup import popup_html
from geo.tools.markdown import markdown_table
from geo.tools.synth import write_corpus

SIZES = (10, 1_000, 10_000, 100_000)
# Where the app serves Leaflet and the map's scripts; the figures only need the links to be as long as the app's.
ASSETS = local_assets({name: f"/component/assets_{name}" for name in ASSET_FOLDERS})

T = TypeVar("T")


@dataclass(frozen=True)
class Figures:
    """What one corpus size measured: seconds, bytes and megabytes."""

    places: int
    excerpts: int
    generate_s: float
    load_s: float
    select_all_s: float
    select_filtered_s: float
    build_s: float
    first_bytes: int
    change_bytes: int  # what every rerun sends again: the map's script and its layers
    naive_build_s: float | None
    naive_bytes: int | None
    peak_mb: float  # of loading, selecting and building our map, before the naive one
    publish_s: float  # writing the static site of every place (python -m geo publish)
    site_bytes: int

    @property
    def ratio(self) -> float | None:
        """How many times faster than the naive map the map is built and serialised."""
        return None if self.naive_build_s is None else self.naive_build_s / self.build_s


def timed(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median time of running an action `repeat` times, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - began)
    assert result is not None
    return statistics.median(times), result


def serialised(selection: Selection, points: Path | None = None) -> tuple[str, str]:
    """The map as st_folium sends it on a first load, and what it sends again on every rerun.

    With a points folder, a large map's points are a file the browser fetches once, as in
    the app; their bytes are counted in the first load (as text of the same length).
    """
    with _outside_a_script_run():
        from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string
    assets = ASSETS if points is None else replace(ASSETS, points=(points, "/component/points"))
    fmap, layers = build_map(selection, assets, movements=False)
    fmap.get_root().render()
    html, header = _get_html(fmap), _get_header(fmap)
    changing = "".join(_get_feature_group_string(layer, fmap, index) for index, layer in enumerate(layers))
    # _get_map_string strips the map of what it renders, so it comes after the layers are read.
    script = _get_map_string(fmap)
    fetched = sum(f.stat().st_size for f in points.glob("points-*.bin")) if points is not None else 0
    # st_folium sends the map's script with every rerun; the map only re-runs the layers.
    return html + header + script + changing + "." * fetched, script + changing


@contextmanager
def _outside_a_script_run() -> Iterator[None]:
    """Streamlit's warning that no script run is under way held back: a benchmark is never in one."""
    # streamlit_folium declares its component as it is imported, and Streamlit warns
    # ("missing ScriptRunContext") that the process has no session to register it with.
    # Only that warning is held back, and only for the import; by a filter, as the import
    # reads Streamlit's configuration, which sets its loggers' levels afresh.
    logger = get_logger(_SCRIPT_RUN_LOGGER)
    logger.addFilter(_no_script_run)
    try:
        yield
    finally:
        logger.removeFilter(_no_script_run)


def _no_script_run(record: logging.LogRecord) -> bool:
    """Whether a record is other than Streamlit's warning that no script run is under way."""
    return "missing ScriptRunContext" not in record.getMessage()


_SCRIPT_RUN_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def naive_map(selection: Selection) -> str:
    """The yardstick: one folium Marker with its Popup for each place, rendered to one HTML page."""
    atlas = selection.atlas
    fmap = folium.Map(location=(35.8, 36.6), zoom_start=8, tiles=None)
    for place in selection.places:
        popup = folium.Popup(popup_html(place, selection.excerpts_at(place.id), atlas.sources), max_width=380)
        folium.Marker((place.lat, place.lon), popup=popup).add_to(fmap)
    return str(fmap.get_root().render())


def measure(places: int, folder: Path, *, repeat: int, naive: bool) -> Figures:
    """Every figure for one corpus size, written into a folder of its own."""
    began = time.perf_counter()
    write_corpus(folder, places)
    generate_s = time.perf_counter() - began
    load_s, atlas = timed(lambda: load_resident_atlas(folder), 1)
    atlas.build_indexes()
    select_all_s, everything = timed(lambda: select(atlas), repeat)
    select_filtered_s, _ = timed(lambda: select(atlas, voices={Voice.CIVILIAN}), repeat)
    build_s, (first, change) = timed(lambda: serialised(everything, folder / "served"), repeat)
    # Read before the naive map, whose hundreds of megabytes would otherwise be counted as ours.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = publish(atlas, folder.parent / "site", view=ViewState(), title="bench", tiles=Tiles())
    naive_s, naive_html = timed(lambda: naive_map(everything), 1) if naive else (None, None)
    return Figures(
        places=len(atlas.places),
        excerpts=len(atlas.excerpts),
        generate_s=generate_s,
        load_s=load_s,
        select_all_s=select_all_s,
        select_filtered_s=select_filtered_s,
        build_s=build_s,
        first_bytes=len(first.encode()),
        change_bytes=len(change.encode()),
        naive_build_s=naive_s,
        naive_bytes=None if naive_html is None else len(naive_html.encode()),
        peak_mb=peak_mb,
        publish_s=report.seconds,
        site_bytes=report.bytes,
    )


def measure_apart(places: int, *, repeat: int, naive: bool) -> Figures:
    """One size measured in a process of its own, so its peak memory is its own."""
    with tempfile.TemporaryDirectory(prefix="geo-bench-") as folder:
        command = [sys.executable, "-m", "geo.tools.bench", "--one", str(places), folder, str(repeat), str(int(naive))]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the benchmark of {places:,} places failed:\n{done.stderr}")
    return Figures(**json.loads(done.stdout.strip().splitlines()[-1]))


def table(rows: Sequence[Figures]) -> str:
    """The figures as a Markdown table, as the README keeps them."""
    headings = (
        "places",
        "excerpts",
        "load + validate",
        "select all / one voice",
        "map build + serialise",
        "bytes a place (first load / each rerun)",
        "naive map",
        "naive bytes a place",
        "faster than naive",
        "peak memory",
        "publish (site size)",
    )
    return markdown_table(headings, map(_cells, rows))


def _cells(row: Figures) -> list[str]:
    """One size's cells of the table."""
    naive = "–" if row.naive_build_s is None else f"{row.naive_build_s:.2f} s"
    naive_bytes = "–" if row.naive_bytes is None else f"{row.naive_bytes / row.places:,.0f}"
    ratio = "–" if row.ratio is None else f"{row.ratio:,.1f}×" if row.ratio < 10 else f"{row.ratio:,.0f}×"
    return [
        f"{row.places:,}",
        f"{row.excerpts:,}",
        f"{row.load_s:.2f} s",
        f"{row.select_all_s * 1000:,.0f} / {row.select_filtered_s * 1000:,.0f} ms",
        f"{row.build_s * 1000:,.0f} ms",
        f"{row.first_bytes / row.places:,.1f} / {row.change_bytes / row.places:,.1f}",
        naive,
        naive_bytes,
        ratio,
        f"{row.peak_mb:,.0f} MB",
        f"{row.publish_s:.1f} s ({row.site_bytes / 1_000_000:,.1f} MB)",
    ]


def run(sizes: Sequence[int], *, repeat: int = 3, naive: bool = True, out: Any = sys.stdout) -> list[Figures]:
    """Measure each size in turn, printing each row as it is measured and the table at the end."""
    rows = []
    for places in sizes:
        row = measure_apart(places, repeat=repeat, naive=naive)
        rows.append(row)
        print(f"{places:,} places: {json.dumps(asdict(row))}", file=out, flush=True)
    print(table(rows), file=out)
    return rows


def _one(argv: Sequence[str]) -> None:
    """The child process's side: measure one size and print its figures as JSON."""
    places, folder, repeat, naive = int(argv[0]), Path(argv[1]), int(argv[2]), argv[3] == "1"
    print(json.dumps(asdict(measure(places, folder / "data", repeat=repeat, naive=naive))))


if __name__ == "__main__" and sys.argv[1:2] == ["--one"]:
    _one(sys.argv[2:])
