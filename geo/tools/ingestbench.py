"""The ingest benchmark: time and memory of reading synthetic reports of growing size into drafts."""

from __future__ import annotations

import gc
import random
import re
import statistics
import time
import tracemalloc
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.core.atlas import Atlas
from geo.data.load import load_atlas
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from geo.tools.synth.reports import report

# Kilobytes of article (1,000 bytes each): a short story, a long report, a dossier, the limit.
SIZES_KB = (10, 100, 300, 1_000)
META = Metadata(id="bench-2024-01-report", title="A synthetic report", outlet="Sample Wire", published="2024-01")
# Names as a reporter writes them: letters, spaces, hyphens and apostrophes, no diacritics.
_WRITTEN = re.compile(r"^[A-Z][A-Za-z' -]+$")


@dataclass(frozen=True)
class Figures:
    """What one article size measured."""

    size_bytes: int
    seconds: float
    peak_mb: float | None
    excerpts: int
    # Processor seconds of the same drafts: on a shared machine the wall clock counts others' work too.
    cpu_seconds: float | None = None

    @property
    def us_per_kb(self) -> float:
        """Microseconds per 1,000 bytes of article: flat when ingest grows linearly."""
        return self.seconds * 1e6 / (self.size_bytes / 1_000)


def place_names(gazetteer: Gazetteer, atlas: Atlas, *, count: int = 400, seed: int = 1) -> list[str]:
    """Names of real places, ours and GeoNames towns of Syria, written as reports write them."""
    ours = [p.name for p in atlas.places.values()]
    towns = sorted(
        {
            _plain(e.name)
            for e in gazetteer.entries
            if e.country == "SY" and not e.ours and _WRITTEN.match(_plain(e.name))
        }
    )
    rng = random.Random(seed)
    return ours + rng.sample(towns, min(count, len(towns)))


def _plain(name: str) -> str:
    """A name without its diacritics."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def measure(text: str, gazetteer: Gazetteer, atlas: Atlas, *, repeat: int = 1, memory: bool = True) -> Figures:
    """The median time and processor time of `repeat` drafts of a text, and the peak memory a traced one allocates."""
    times, cpu = [], []
    made: Draft | None = None
    for _ in range(repeat):
        gc.collect()
        started, processor = time.perf_counter(), time.process_time()
        made = draft(text, META, gazetteer, atlas.places)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - processor)
    assert made is not None
    peak = None
    if memory:
        # Traced apart from the timed runs: tracing slows every allocation.
        gc.collect()
        tracemalloc.start()
        draft(text, META, gazetteer, atlas.places)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return Figures(
        len(text.encode("utf-8")), statistics.median(times), peak, len(made.excerpts), statistics.median(cpu)
    )


def run(sizes_kb: Sequence[int] = SIZES_KB, *, data: Path, repeat: int = 3, memory: bool = True) -> list[Figures]:
    """Print a row for each article size as it is measured, and return the figures."""
    started = time.perf_counter()
    atlas = load_atlas(data, sources_optional=True)
    gazetteer = gazetteer_for(atlas)
    names = place_names(gazetteer, atlas)
    print(f"gazetteer of {len(gazetteer):,} entries built in {time.perf_counter() - started:.1f} s")
    print(f"{'article':>10} {'excerpts':>9} {'seconds':>9} {'µs per KB':>10} {'CPU s':>7} {'peak MB':>8}")
    rows = []
    for size in sizes_kb:
        text = report(size * 1_000, names, seed=size)
        figures = measure(text, gazetteer, atlas, repeat=repeat, memory=memory)
        peak = f"{figures.peak_mb:8.1f}" if figures.peak_mb is not None else f"{'-':>8}"
        timing = f"{figures.seconds:>9.2f} {figures.us_per_kb:>10,.0f} {figures.cpu_seconds or 0:>7.2f}"
        print(f"{figures.size_bytes:>10,} {figures.excerpts:>9,} {timing} {peak}", flush=True)
        rows.append(figures)
    return rows
