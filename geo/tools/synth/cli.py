"""The command lines: python -m geo synth, and python -m geo.tools.synth DIR PLACES [SEED]."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from geo.tools.synth.corpus import write_corpus
from geo.tools.synth.year import write_year

SHAPES = ("three", "year")
# The year shape's sizes: a year of coverage of the north-west.
YEAR_PLACES, YEAR_SOURCES, YEAR_EXCERPTS = 20_000, 20_000, 1_000_000


def main(argv: Sequence[str]) -> None:
    """python -m geo.tools.synth DIR PLACES [SEED]."""
    write_corpus(Path(argv[0]), int(argv[1]), seed=int(argv[2]) if len(argv) > 2 else 0)


def write_shape(
    shape: str, out: Path, places: int | None, sources: int | None, excerpts: int | None, seed: int
) -> None:
    """Write a corpus of a shape; sizes left as None are the shape's own."""
    if shape == "year":
        write_year(
            out,
            YEAR_PLACES if places is None else places,
            YEAR_SOURCES if sources is None else sources,
            YEAR_EXCERPTS if excerpts is None else excerpts,
            seed=seed,
        )
        return
    count = YEAR_PLACES if places is None else places
    # Three excerpts a place unless told otherwise, as the benchmark's corpora have.
    per_place = 3.0 if excerpts is None else excerpts / max(count, 1)
    write_corpus(out, count, excerpts_per_place=per_place, sources=sources, seed=seed)


def synth(shape: str, out: Path, places: int | None, sources: int | None, excerpts: int | None, seed: int) -> int:
    """Write the corpus and say how long it took and how large it is; exit 2, writing nothing, on bad sizes."""
    began = time.perf_counter()
    try:
        write_shape(shape, out, places, sources, excerpts, seed)
    except (FileExistsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - began
    files = [p for p in out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {out} ({shape} shape, seed {seed}): {len(files):,} files, {size / 1e6:,.1f} MB in {seconds:,.1f} s")
    return 0
