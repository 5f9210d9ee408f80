"""python -m geo.tools.coldload DIR: load a data folder in a fresh process and print its time and memory as JSON.

Kept apart from the benchmarks, which import the map and the app, so that the process holds
what loading needs and little else: its memory is the atlas's and Python's.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import psutil

from geo.data.load import load_resident_atlas


def cold_figures(folder: Path) -> dict[str, float]:
    """Load the folder once: the load's seconds (and of the processor), and the memory before, after and at peak."""
    before = psutil.Process().memory_info().rss / 1e6
    began, cpu = time.perf_counter(), time.process_time()
    load_resident_atlas(folder)
    load_s, cpu_s = time.perf_counter() - began, time.process_time() - cpu
    after = psutil.Process().memory_info().rss / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The processor's seconds as well: on a shared machine the clock's count what others ran meanwhile.
    return {"load_s": load_s, "cpu_s": cpu_s, "rss_before_mb": before, "rss_mb": after, "peak_mb": peak}


if __name__ == "__main__":
    print(json.dumps(cold_figures(Path(sys.argv[1]))))
