"""An atlas's excerpts as columns of numbers, for the filters to narrow a selection without reading each excerpt.

At a year's million excerpts, reading every excerpt's voice, source or date in Python on each
change of a filter took half a second of the processor. Here the atlas's table of excerpts
(geo/core/excerpttable.py) is renumbered once per atlas into the atlas's own numbering of its
sources and places; a filter is then a comparison over a column, and the places in view are
read off the selected excerpts' place numbers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from geo.core.atlas import Atlas
from geo.core.dates import span
from geo.core.records import PlaceKind

# Held while an atlas's columns are made, so that two requests make them once.
_MAKING = threading.Lock()
_KEPT = "_filter_columns"
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
    numbers: dict[str, int]  # each place's number in `places`: the atlas's in order, then those it does not hold

    def about(self, pairs: np.ndarray) -> np.ndarray:
        """Which excerpts own at least one of the pairs marked."""
        return np.bincount(self.owners[pairs], minlength=len(self.voices)) > 0

    def in_view(self, kept: np.ndarray | None) -> np.ndarray:
        """The positions among the atlas's places of those the kept excerpts (all, for None) are about, ascending."""
        pairs = self.places if kept is None else self.places[kept[self.owners]]
        return np.flatnonzero(np.bincount(pairs))


def filter_columns(atlas: Atlas) -> FilterColumns:
    """An atlas's columns, made the first time and kept with it."""
    # Kept on the atlas, as its cached properties are, rather than by per_atlas: an editor's atlas
    # and its reader's alternate on a page with drafts.
    found: FilterColumns | None = atlas.__dict__.get(_KEPT)
    if found is None:
        with _MAKING:
            found = atlas.__dict__.get(_KEPT)
            if found is None:
                found = atlas.__dict__[_KEPT] = _made(atlas)
    return found


def _made(atlas: Atlas) -> FilterColumns:
    """An atlas's columns, read off its table's: the atlas's own numbers for its sources and places."""
    table = atlas.table.columns
    source_numbers = {source: number for number, source in enumerate(atlas.sources)}
    place_numbers = PlaceNumbers({place: number for number, place in enumerate(atlas.places)})
    kind_numbers = {kind: number for number, kind in enumerate(PLACE_KINDS)}
    # The table numbers its sources, dates and places in its own order: each is renumbered once.
    sources = _renumbered(table.sources, [source_numbers.get(s, -1) for s in table.source_ids])
    days = [_span(value) for value in table.date_values]
    places = _renumbered(table.places, [place_numbers[p] for p in table.place_ids])
    place_kinds = [kind_numbers[place.kind] for place in atlas.places.values()]
    # A place the atlas does not hold (numbered past its own) is of no kind.
    kinds_of = np.array(place_kinds + [-1] * (len(place_numbers) - len(place_kinds)), dtype=np.int64)
    return FilterColumns(
        voices=table.voices,
        kinds=table.kinds,
        sources=sources,
        # An undated excerpt's number is -1, which reads the last: the undated span.
        starts=np.array([first for first, _ in days] + [_UNDATED[0]], dtype=np.int64)[table.dates],
        ends=np.array([last for _, last in days] + [_UNDATED[1]], dtype=np.int64)[table.dates],
        owners=table.owners,
        places=places,
        place_kinds=kinds_of[places],
        numbers=dict(place_numbers),
    )


def _renumbered(codes: np.ndarray, numbers: list[int]) -> np.ndarray:
    """Codes given new numbers: code n becomes numbers[n]."""
    return np.array(numbers, dtype=np.int64)[codes] if numbers else codes.astype(np.int64)


class PlaceNumbers(dict[str, int]):
    """Places' numbers, a place the atlas does not hold numbered past its own as it is first met."""

    def __missing__(self, place: str) -> int:
        self[place] = len(self)
        return self[place]


def _span(partial: str) -> tuple[int, int]:
    """An event date's first and last day as ordinals."""
    days = span(partial)
    return days.start.toordinal(), days.end.toordinal()
