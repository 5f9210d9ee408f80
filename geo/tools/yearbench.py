"""The year benchmark: a year-shaped corpus loaded cold and warm, filtered, searched, and its heaviest place opened.

The cold load is a fresh process's, as a server's first; the rest is measured in this process
after a first load, as a running server meets them. The heaviest place's pop-up is what the
app's route answers, and its panel the HTML the page sends for its first page of excerpts.
"""

from __future__ import annotations

import gc
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, TextIO, TypeVar

from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.records import Voice
from geo.core.settings import PANEL_PAGE
from geo.core.tallies import atlas_counts
from geo.core.viewstate import ViewState, selection
from geo.data.layout import INDEX_DIR
from geo.data.load import load_resident_atlas
from geo.data.wordfile import WORDS_FILE, word_index, words_beside
from geo.tools.bench import serialised
from geo.tools.markdown import markdown_table
from geo.tools.synth.cli import YEAR_EXCERPTS, YEAR_PLACES, YEAR_SOURCES
from geo.tools.synth.year import write_year
from geo.web.panel import panel_of
from geo.web.routes import popup_for

# A word in some tenth of the synthetic excerpts, as a reader's common search would be.
COMMON_WORD = "families"
# The other searches timed: a word of two letters (whole words only) in most excerpts, a
# place's name, and two words that must both be found; and the rarest place's name (rarest_name).
SHORT_WORD = "on"
PLACE_WORD = "Idlib"
TWO_WORDS = "families said"
VOICE = Voice.CIVILIAN

T = TypeVar("T")


@dataclass(frozen=True)
class YearFigures:
    """What the year-shaped corpus measured: seconds, megabytes and bytes.

    Each step's processor seconds (`_cpu_s`) stand beside its clock's: on a shared machine the
    clock also counts what others ran meanwhile, and every step here runs on one thread.
    """

    places: int
    sources: int
    excerpts: int
    generate_s: float
    folder_mb: float
    cold_load_s: float  # the load alone, in a fresh process
    cold_load_cpu_s: float
    cold_process_s: float  # from the fresh process's start to its atlas loaded, imports and all
    cold_peak_mb: float
    reused_load_s: float  # a second fresh process's load, which reuses the index the first one wrote
    reused_load_cpu_s: float
    reused_peak_mb: float
    reused_memory_mb: float
    memory_mb: float  # the fresh process's resident memory once loaded
    atlas_mb: float  # what the load added to it
    warm_load_s: float  # a second load in a process that has loaded the folder before
    warm_load_cpu_s: float
    index_s: float  # the search index and the excerpts by place, which the app builds after loading
    index_cpu_s: float
    select_s: float
    select_cpu_s: float
    selected: int
    search_s: float
    search_cpu_s: float
    found: int
    index_reopen_s: float  # the word index opened again, as after a restart: each source's digest checked
    index_reopen_cpu_s: float
    index_mb: float  # the word index's file beside the data
    rare_s: float  # a search for the rarest place's name
    rare_cpu_s: float
    rare_found: int
    short_s: float
    short_cpu_s: float
    short_found: int
    place_s: float
    place_cpu_s: float
    place_found: int
    two_s: float
    two_cpu_s: float
    two_found: int
    heaviest: str
    heaviest_excerpts: int
    records_made: int  # the excerpts' records made by then, of the million: the pages' alone
    popup_s: float
    popup_cpu_s: float
    popup_bytes: int
    panel_s: float
    panel_cpu_s: float
    panel_bytes: int
    map_bytes: int  # the map's first load, its points file counted
    rerun_bytes: int  # what each rerun sends of the map


def clocked(action: Callable[[], T], repeat: int) -> tuple[float, float, T]:
    """The median clock and processor seconds of running an action `repeat` times, and its last result."""
    walls, cpus = [], []
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        result = action()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def panel_html(atlas: Atlas, view: Selection, place_id: str, page_size: int = PANEL_PAGE) -> str:
    """The HTML the panel sends for a place's first page, made by the page's own function."""
    return panel_of(atlas, view, place_id, 0, page_size).html()


def searches_of(atlas: Atlas, repeat: int) -> dict[str, Any]:
    """The clock and processor seconds of the rarer searches, and how many excerpts each finds."""
    figures: dict[str, Any] = {}
    for name, text in (("rare", rarest_name(atlas)), ("short", SHORT_WORD), ("place", PLACE_WORD), ("two", TWO_WORDS)):
        wall, cpu, found = clocked(lambda text=text: select(atlas, text=text), repeat)  # type: ignore[misc]
        figures |= {f"{name}_s": wall, f"{name}_cpu_s": cpu, f"{name}_found": len(found.excerpts)}
    return figures


def rarest_name(atlas: Atlas) -> str:
    """The name of the place with the fewest excerpts: a word few excerpts hold."""
    counts = atlas.table.columns.place_counts()
    return atlas.places[min(counts, key=counts.__getitem__)].name


def heaviest_place(atlas: Atlas) -> str:
    """The place with the most excerpts."""
    counts = atlas.table.columns.place_counts()
    return max(counts, key=counts.__getitem__)


def cold_load(folder: Path) -> dict[str, float]:
    """Load the folder in a fresh process: the load's time, the process's, and its memory."""
    command = [sys.executable, "-m", "geo.tools.coldload", str(folder)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the cold load of {folder} failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures | {"process_s": time.perf_counter() - began}


def measure(folder: Path, places: int, sources: int, excerpts: int, *, seed: int = 0, repeat: int = 3) -> YearFigures:
    """Write the corpus into a new folder and take every figure of it."""
    began = time.perf_counter()
    write_year(folder, places, sources, excerpts, seed=seed)
    return figures_of(folder, time.perf_counter() - began, repeat=repeat)


def figures_of(folder: Path, generate_s: float, *, repeat: int = 3) -> YearFigures:
    """Every figure of a corpus written before, in `generate_s` seconds."""
    # Cold is without the index a load keeps in the folder: a run before may have left one.
    shutil.rmtree(folder / INDEX_DIR, ignore_errors=True)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    cold = cold_load(folder)
    reused = cold_load(folder)
    # The first load here warms the process; the second, timed, is what a reload of the folder costs.
    load_resident_atlas(folder)
    gc.collect()
    warm_s, warm_cpu_s, atlas = clocked(lambda: load_resident_atlas(folder), 1)
    atlas.words.opener = words_beside(folder)  # as the app keeps it: in a file beside the data
    index_s, index_cpu_s, _ = clocked(atlas.build_indexes, 1)
    reopen_s, reopen_cpu_s, _ = clocked(lambda: word_index(folder, atlas.excerpts, atlas.words.keys), 1)
    select_s, select_cpu_s, voiced = clocked(lambda: select(atlas, voices=[VOICE]), repeat)
    search_s, search_cpu_s, searched = clocked(lambda: select(atlas, text=COMMON_WORD), repeat)
    views: dict[ViewState, Selection] = {}

    def view_of(state: ViewState) -> Selection:
        """The app's cached view of a set of filters."""
        if state not in views:
            views[state] = selection(atlas, state)
        return views[state]

    heaviest = heaviest_place(atlas)
    everything = view_of(ViewState())
    # Every place's counts, as the server's warm-up makes them once per load, before anyone opens a place.
    atlas_counts(atlas)
    popup_s, popup_cpu_s, (_, popup) = clocked(lambda: popup_for(atlas, {"place": [heaviest]}, view_of), repeat)
    panel_s, panel_cpu_s, panel = clocked(lambda: panel_html(atlas, everything, heaviest), repeat)
    made = atlas.table.records_made()
    first, rerun = serialised(everything, folder.parent / "served")
    return YearFigures(
        places=len(atlas.places),
        sources=len(atlas.sources),
        excerpts=len(atlas.excerpts),
        generate_s=generate_s,
        folder_mb=size / 1e6,
        cold_load_s=cold["load_s"],
        cold_load_cpu_s=cold["cpu_s"],
        cold_process_s=cold["process_s"],
        cold_peak_mb=cold["peak_mb"],
        reused_load_s=reused["load_s"],
        reused_load_cpu_s=reused["cpu_s"],
        reused_peak_mb=reused["peak_mb"],
        reused_memory_mb=reused["rss_mb"],
        memory_mb=cold["rss_mb"],
        atlas_mb=cold["rss_mb"] - cold["rss_before_mb"],
        warm_load_s=warm_s,
        warm_load_cpu_s=warm_cpu_s,
        index_s=index_s,
        index_cpu_s=index_cpu_s,
        select_s=select_s,
        select_cpu_s=select_cpu_s,
        selected=len(voiced.excerpts),
        search_s=search_s,
        search_cpu_s=search_cpu_s,
        found=len(searched.excerpts),
        index_reopen_s=reopen_s,
        index_reopen_cpu_s=reopen_cpu_s,
        index_mb=(folder / WORDS_FILE).stat().st_size / 1e6,
        **searches_of(atlas, repeat),
        heaviest=heaviest,
        heaviest_excerpts=atlas_counts(atlas).at(heaviest).total,
        records_made=made,
        popup_s=popup_s,
        popup_cpu_s=popup_cpu_s,
        popup_bytes=len(popup.encode()),
        panel_s=panel_s,
        panel_cpu_s=panel_cpu_s,
        panel_bytes=len(panel.encode()),
        map_bytes=len(first.encode()),
        rerun_bytes=len(rerun.encode()),
    )


def _seconds(wall: float, cpu: float) -> str:
    """A step's clock seconds and, in brackets, its processor's."""
    return f"{wall:,.2f} s ({cpu:,.2f})" if wall >= 1 else f"{wall * 1000:,.0f} ms ({cpu * 1000:,.0f})"


def table(rows: Sequence[YearFigures]) -> str:
    """The figures as a Markdown table, as the README keeps them: clock time, the processor's in brackets."""
    headings = (
        "places / articles / excerpts",
        "write; folder",
        "cold load; the process; peak",
        "memory loaded; the atlas",
        "warm load (index reused), fresh process; peak; memory",
        "warm load",
        "word index: made; opened again; file",
        "one voice; excerpts",
        "a common word; excerpts",
        "a rare place's name; a two-letter word; a place's name; two words",
        "heaviest place; excerpts; records made",
        "its pop-up; bytes",
        "its panel, first page; bytes",
        "map bytes: first load / rerun",
    )
    return markdown_table(headings, map(_cells, rows))


def _cells(row: YearFigures) -> list[str]:
    """The corpus's cells of the table."""
    return [
        f"{row.places:,} / {row.sources:,} / {row.excerpts:,}",
        f"{row.generate_s:,.1f} s; {row.folder_mb:,.0f} MB",
        _seconds(row.cold_load_s, row.cold_load_cpu_s)
        + f"; process {row.cold_process_s:,.1f} s; peak {row.cold_peak_mb:,.0f} MB",
        f"{row.memory_mb:,.0f} MB; {row.atlas_mb:,.0f} MB",
        _seconds(row.reused_load_s, row.reused_load_cpu_s)
        + f"; peak {row.reused_peak_mb:,.0f} MB; {row.reused_memory_mb:,.0f} MB",
        _seconds(row.warm_load_s, row.warm_load_cpu_s),
        f"{_seconds(row.index_s, row.index_cpu_s)}; {_seconds(row.index_reopen_s, row.index_reopen_cpu_s)}; "
        f"{row.index_mb:,.0f} MB",
        f"{_seconds(row.select_s, row.select_cpu_s)}; {row.selected:,}",
        f"{_seconds(row.search_s, row.search_cpu_s)}; {row.found:,}",
        "; ".join(
            f"{_seconds(wall, cpu)}, {found:,}"
            for wall, cpu, found in (
                (row.rare_s, row.rare_cpu_s, row.rare_found),
                (row.short_s, row.short_cpu_s, row.short_found),
                (row.place_s, row.place_cpu_s, row.place_found),
                (row.two_s, row.two_cpu_s, row.two_found),
            )
        ),
        f"{row.heaviest}; {row.heaviest_excerpts:,}; {row.records_made:,}",
        f"{_seconds(row.popup_s, row.popup_cpu_s)}; {row.popup_bytes:,} B",
        f"{_seconds(row.panel_s, row.panel_cpu_s)}; {row.panel_bytes:,} B",
        f"{row.map_bytes:,} / {row.rerun_bytes:,}",
    ]


def run(
    places: int = YEAR_PLACES,
    sources: int = YEAR_SOURCES,
    excerpts: int = YEAR_EXCERPTS,
    *,
    seed: int = 0,
    repeat: int = 3,
    out: TextIO | None = None,
) -> YearFigures:
    """Measure the year-shaped corpus in a temporary folder and print its figures, then its row."""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="geo-year-") as folder:
        row = measure(Path(folder) / "data", places, sources, excerpts, seed=seed, repeat=repeat)
    print(f"year shape: {json.dumps(asdict(row))}", file=out, flush=True)
    print(table([row]), file=out)
    return row


COLUMNS = tuple(f.name for f in fields(YearFigures))
