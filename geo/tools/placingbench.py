"""The placing benchmark: what a rerun of the Add article page costs while a name waits to be placed.

Run as `python -m geo.tools.placingbench DATA [RERUNS] [--profile]` on a data folder of any size (one
that `python -m geo.tools.synth` writes): a rerun should cost the same at 17 places and at 100,000.
--profile prints where the placing section's time goes.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from streamlit import config
from streamlit.testing.v1 import AppTest

from geo.data.load import load_atlas
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import gazetteer_for

META = Metadata(id="bench-2026-12-placing", title="Shelling", outlet="Sample Wire", published="2026-12")
# A village no gazetteer holds, beside a place the folder does: one name to place, one tied.
UNPLACED = "Kafr Batikhoon"


def article(known: str) -> str:
    """A short wire story naming a place of the folder and a village no gazetteer holds."""
    return (
        f"Shelling hit the village of {UNPLACED}, west of {known}, on Monday, residents said.\n\n"
        f"The army said its units had secured the road near {known}.\n"
    )


def page() -> None:
    """The Add article page alone, as AppTest runs a function."""
    from geo.web.pages.add_article import add_article

    add_article()


def timed(seconds: list[float], work: Callable[..., Any]) -> Callable[..., Any]:
    """The work, adding how long each call takes to a list."""

    def run(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - began)

    return run


def profiled(profile: cProfile.Profile, work: Callable[..., Any]) -> Callable[..., Any]:
    """The work, profiled on every call after the first."""
    calls = [0]

    def run(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 1:
            return work(*args, **kwargs)
        return profile.runcall(work, *args, **kwargs)

    return run


def rerun_seconds(
    data_dir: Path, made: Draft, reruns: int, profile: cProfile.Profile | None = None
) -> tuple[list[float], list[float]]:
    """Each rerun's seconds, whole and in the placing section, after a first run that fills the caches."""
    import geo.web.pages.add_article as add_article

    placing: list[float] = []
    shown = getattr(add_article, "names_to_place")  # noqa: B009 - the page's own name for the section, replaced
    section = shown if profile is None else profiled(profile, shown)
    setattr(add_article, "names_to_place", timed(placing, section))  # noqa: B010
    os.environ["GEO_DATA_DIR"] = str(data_dir)
    config.set_option("server.address", "127.0.0.1")  # no sign-in: the local user edits
    at = AppTest.from_function(page, default_timeout=600)
    at.session_state["draft"] = made
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].message}")
    whole: list[float] = []
    for _ in range(reruns):
        began = time.perf_counter()
        at.run()
        whole.append(time.perf_counter() - began)
    return whole, placing[1:]


def main(argv: Sequence[str]) -> None:
    """Time the page's reruns on a data folder and print the figures."""
    data_dir = Path(argv[0])
    numbers = [a for a in argv[1:] if a.isdigit()]
    reruns = int(numbers[0]) if numbers else 5
    profile = cProfile.Profile() if "--profile" in argv else None
    atlas = load_atlas(data_dir, sources_optional=True)
    known = next(p.name for p in atlas.places.values() if p.kind.value in ("town", "city", "village"))
    made = draft(article(known), META, gazetteer_for(atlas, data_dir), atlas.places)
    assert made.source.names_not_found, "the article leaves a name to place"
    whole, placing = rerun_seconds(data_dir, made, reruns, profile)
    print(f"{len(atlas.places):,} places; {reruns} reruns of the Add article page with a name to place")
    print(f"  whole rerun:       median {statistics.median(whole) * 1000:8.1f} ms  (min {min(whole) * 1000:.1f})")
    print(f"  placing section:   median {statistics.median(placing) * 1000:8.1f} ms  (min {min(placing) * 1000:.1f})")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main(sys.argv[1:])
