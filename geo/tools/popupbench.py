"""What opening a busy place costs: python -m geo.tools.popupbench [--excerpts 50000] [--journeys 5000].

Builds in memory an atlas whose one busy place has the given number of excerpts, and whose
journeys from that place go to a thousand others, then prints the time and bytes of the place's
pop-up (as the pop-up route answers it, first and last page), of its panel's first page (as the
page makes it), of counting every place's tally once for the view, and of its journeys layer
(built and rendered, as a rerun of the page does). Figures are printed, never asserted: they
depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

import folium

from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.records import Excerpt, ExcerptKind, Movement, Place, PlaceKind, Source, Voice
from geo.core.tallies import atlas_counts, tally_at
from geo.map.journeys import movements_layer
from geo.render.popup import popup_pages
from geo.web.panel import panel_of
from geo.web.routes import popup_for

_WORDS = "shelling hit the town residents said & <families> fled crossing opened nobody crossed".split()
_VOICES = list(Voice)


def _place(index: int, rng: random.Random) -> Place:
    """A made-up town somewhere in the north-west."""
    return Place(
        id=f"town-{index}",
        name=f"Town {index}",
        name_ar="بلدة",
        kind=PlaceKind.TOWN,
        lat=35.0 + rng.random(),
        lon=36.0 + rng.random(),
        precision_m=2000,
        admin1="Idlib",
        coord_source="synthetic",
    )


def busy_atlas(excerpts: int, journeys: int, destinations: int, seed: int = 0) -> tuple[Atlas, str]:
    """An atlas whose first place has `excerpts` excerpts, `journeys` of them telling of a journey out."""
    rng = random.Random(seed)
    places = [_place(i, rng) for i in range(destinations + 1)]
    source = Source(
        id="busy-source",
        title="A year of reports",
        outlet="Synthetic Wire",
        published="2020-01",
        language="en",
        text_sha256="0" * 64,
    )
    busy = places[0].id
    made = []
    for i in range(excerpts):
        voice = _VOICES[i % len(_VOICES)]
        movements: tuple[Movement, ...] = ()
        if i < journeys:
            to = places[1 + i % destinations].id
            movements = (Movement.model_validate({"from": busy, "to": to, "who": f"Families of quarter {i % 7}"}),)
        made.append(
            Excerpt(
                id=f"e-{i}",
                source=source.id,
                places=(busy, movements[0].destination or busy) if movements else (busy,),
                kind=ExcerptKind.REPORT if voice is Voice.JOURNALIST else ExcerptKind.STATEMENT,
                speaker=None if voice is Voice.JOURNALIST else f"Speaker {i % 500}",
                voice=voice,
                text=" ".join(rng.choices(_WORDS, k=40)).capitalize() + ".",
                movements=movements,
            )
        )
    atlas = Atlas(sources={source.id: source}, places={p.id: p for p in places}, excerpts=tuple(made), articles={})
    return atlas, busy


def timed(work: Callable[[], object], runs: int = 3) -> tuple[float, object]:
    """The median seconds of a few runs of `work`, and what the last returned."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    """Print the busy place's pop-up and journeys figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--excerpts", type=int, default=50_000)
    parser.add_argument("--journeys", type=int, default=5_000)
    parser.add_argument("--destinations", type=int, default=1_000)
    args = parser.parse_args()
    atlas, busy = busy_atlas(args.excerpts, args.journeys, args.destinations)
    view = select(atlas)
    atlas.gather()  # gathered once per atlas, as the app's load has it

    seconds, _ = timed(lambda: atlas_counts(atlas), runs=1)
    print(f"every place's tally, counted once for the view: {seconds * 1000:,.0f} ms")
    last = popup_pages(tally_at(view, busy).total)
    for number in (1, last):
        query = {"place": [busy], "page": [str(number)]}
        seconds, html = timed(partial(popup_for, atlas, query, lambda state: view))
        assert isinstance(html, tuple)
        print(
            f"pop-up of a place of {args.excerpts:,} excerpts, page {number:,} of {last:,}: "
            f"{seconds * 1000:,.1f} ms, {len(html[1].encode()):,} bytes"
        )
    seconds, panel = timed(lambda: panel_of(atlas, view, busy).html())
    assert isinstance(panel, str)
    print(f"its panel's first page: {seconds * 1000:,.1f} ms, {len(panel.encode()):,} bytes")

    one_place = Selection(atlas, view.places, view.excerpts_at(busy))

    def journeys_rendered() -> str:
        fmap = folium.Map()
        movements_layer(one_place, busy).add_to(fmap)
        return fmap.get_root().render()

    seconds, page = timed(journeys_rendered, runs=1)
    assert isinstance(page, str)
    print(
        f"journeys layer of {args.journeys:,} journeys to {args.destinations:,} places, built and rendered: "
        f"{seconds * 1000:,.0f} ms, {len(page.encode()):,} bytes of page"
    )


if __name__ == "__main__":
    main()
