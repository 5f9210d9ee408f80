"""An atlas's excerpts as columns of numbers, for the filters to narrow a selection without reading each excerpt.

At a year's million excerpts, reading every excerpt's voice, source or date in Python on each
change of a filter took half a second of the processor. Here each excerpt is read once per atlas
into columns; a filter is then a comparison over a column, and the places in view are read off
the selected excerpts' place numbers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter

import numpy as np

from geo.core.atlas import Atlas
from geo.core.dates import span
from geo.core.records import Excerpt, ExcerptKind, PlaceKind, Voice

# Held while an atlas's columns are made, so that two requests make them once.
_MAKING = threading.Lock()
_KEPT = "_filter_columns"
VOICES = tuple(Voice)
KINDS = tuple(ExcerptKind)
PLACE_KINDS = tuple(PlaceKind)
# The day numbers an undated excerpt gets: no range overlaps a span that ends before it starts.
_UNDATED = (np.iinfo(np.int64).max, -1)


@dataclass(frozen=True)
class FilterColumns:
    """Each excerpt's codes, by its position in the atlas, and each pair of an excerpt and a place it is about."""

    voices: np.ndarray  # the voice's number in VOICES
    kinds: np.ndarray  # the kind's number in KINDS
    sources: np.ndarray  # the source's position in the atlas's sources; -1 for one it does not hold
    starts: np.ndarray  # the event date's first day, as an ordinal
    ends: np.ndarray  # the event date's last day, as an ordinal
    owners: np.ndarray  # each pair's excerpt
    places: np.ndarray  # each pair's place, by its position in the atlas's places; past them for one it does not hold
    place_kinds: np.ndarray  # each pair's place's kind's number in PLACE_KINDS; -1 for a place the atlas does not hold
    identities: np.ndarray  # the excerpts' identities, in the atlas's order
    numbers: dict[str, int]  # each place's number in `places`: the atlas's in order, then those it does not hold

    def about(self, pairs: np.ndarray) -> np.ndarray:
        """Which excerpts own at least one of the pairs marked."""
        return np.bincount(self.owners[pairs], minlength=len(self.voices)) > 0

    def in_view(self, kept: np.ndarray | None) -> np.ndarray:
        """The positions among the atlas's places of those the kept excerpts (all, for None) are about, ascending."""
        pairs = self.places if kept is None else self.places[kept[self.owners]]
        return np.flatnonzero(np.bincount(pairs))


def filter_columns(atlas: Atlas) -> FilterColumns:
    """An atlas's columns, made in one pass the first time and kept with it."""
    # Kept on the atlas, as its cached properties are, rather than by per_atlas: an editor's atlas
    # and its reader's alternate on a page with drafts, and a million excerpts take a second to read.
    found: FilterColumns | None = atlas.__dict__.get(_KEPT)
    if found is None:
        with _MAKING:
            found = atlas.__dict__.get(_KEPT)
            if found is None:
                found = atlas.__dict__[_KEPT] = _made(atlas)
    return found


def _made(atlas: Atlas) -> FilterColumns:
    """An atlas's columns, in one pass over its excerpts."""
    excerpts = atlas.excerpts
    count = len(excerpts)
    source_numbers = {source: number for number, source in enumerate(atlas.sources)}
    place_numbers = PlaceNumbers({place: number for number, place in enumerate(atlas.places)})
    kind_numbers = {kind: number for number, kind in enumerate(PLACE_KINDS)}
    place_kinds = [kind_numbers[place.kind] for place in atlas.places.values()]
    days = _Days()
    dated = [days[e.event_date] for e in excerpts]
    places = [e.places for e in excerpts]
    owners = np.repeat(np.arange(count, dtype=np.int64), np.fromiter(map(len, places), dtype=np.int64, count=count))
    numbers = np.fromiter(map(place_numbers.__getitem__, chain.from_iterable(places)), np.int64, len(owners))
    # A place the atlas does not hold (numbered past its own) is of no kind.
    kinds_of = np.array(place_kinds + [-1] * (len(place_numbers) - len(place_kinds)), dtype=np.int64)
    return FilterColumns(
        voices=_codes(excerpts, "voice", {v: n for n, v in enumerate(VOICES)}),
        kinds=_codes(excerpts, "kind", {k: n for n, k in enumerate(KINDS)}),
        sources=np.fromiter((source_numbers.get(e.source, -1) for e in excerpts), np.int64, count),
        starts=np.fromiter(map(itemgetter(0), dated), np.int64, count),
        ends=np.fromiter(map(itemgetter(1), dated), np.int64, count),
        owners=owners,
        places=numbers,
        place_kinds=kinds_of[numbers],
        identities=np.fromiter(map(id, excerpts), np.int64, count),
        numbers=dict(place_numbers),
    )


def _codes(excerpts: tuple[Excerpt, ...], attribute: str, numbers: dict[object, int]) -> np.ndarray:
    """Each excerpt's attribute as its number."""
    return np.fromiter(map(numbers.__getitem__, map(attrgetter(attribute), excerpts)), np.int64, len(excerpts))


class PlaceNumbers(dict[str, int]):
    """Places' numbers, a place the atlas does not hold numbered past its own as it is first met."""

    def __missing__(self, place: str) -> int:
        self[place] = len(self)
        return self[place]


class _Days(dict[str | None, tuple[int, int]]):
    """Each event date's first and last day as ordinals, worked out once per distinct date."""

    def __missing__(self, partial: str | None) -> tuple[int, int]:
        when = _UNDATED if partial is None else (span(partial).start.toordinal(), span(partial).end.toordinal())
        self[partial] = when
        return when
