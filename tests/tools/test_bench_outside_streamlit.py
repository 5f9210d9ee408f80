"""The benchmarks run outside `streamlit run`, and say nothing of a script run they never had."""

from __future__ import annotations

import subprocess
import sys

# A fresh process, as the benchmark's: in this one streamlit_folium may be imported already.
SERIALISED = """
from geo.core.filters import select
from geo.core.settings import BUNDLED_DATA
from geo.data.load import load_atlas
from geo.tools.bench import serialised

first, rerun = serialised(select(load_atlas(BUNDLED_DATA)))
print(len(first) > len(rerun) > 0)
"""


def test_the_map_is_serialised_without_streamlit_s_warning() -> None:
    done = subprocess.run([sys.executable, "-c", SERIALISED], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
    assert "ScriptRunContext" not in done.stderr
