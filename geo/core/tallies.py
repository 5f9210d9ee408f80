"""How many excerpts each place has in a view, by voice, and a page of a place's excerpts cut without the rest.

A pop-up and the panel show a place's counts by side and voice, then one page of its excerpts.
At the heaviest place of a year's coverage (some 56,000 excerpts) counting and gathering them on
every request took a fifth of a second of the processor each time. Here every excerpt is read
once per atlas, into columns of numbers (its place's and its voice's); the counts of every place
are made from them once per view, in one pass, and kept with it; and a page is read off the
place's excerpts in the atlas, taking only the page.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import overload

import numpy as np

from geo.core.atlas import Atlas, Selection
from geo.core.excerpttable import VOICES
from geo.core.filtercolumns import PlaceNumbers, filter_columns
from geo.core.records import Excerpt, Voice
from geo.core.sides import SIDES, Side

# Held while a view's or an atlas's counts are made, so that two requests make them once.
_COUNTING = threading.RLock()
_KEPT = "_tallies"
_COLUMNS = "_tally_columns"
_voice = attrgetter("voice")


@dataclass(frozen=True)
class Tally:
    """How many excerpts a place has in a view, by voice."""

    voices: Mapping[Voice, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many excerpts in all."""
        return sum(self.voices.values())

    def sides(self) -> dict[Side, int]:
        """How many excerpts each side has, in the sides' order, leaving out a side with none."""
        counts = Counter({side: 0 for side in Side})
        for voice, count in self.voices.items():
            counts[SIDES[voice]] += count
        return {side: counts[side] for side in Side if counts[side]}

    @property
    def contested(self) -> bool:
        """Whether both the government side and the opposition side make claims here."""
        return {Side.GOVERNMENT, Side.OPPOSITION} <= self.sides().keys()


NONE = Tally()
_VOICES = VOICES
_VOICE_NUMBERS = {voice: number for number, voice in enumerate(_VOICES)}


class Counts:
    """Every place's excerpts in a view counted by voice: a row a place, a column a voice."""

    def __init__(self, rows: Mapping[str, int], matrix: np.ndarray) -> None:
        """The counts of the places numbered by `rows`, in the rows of `matrix`."""
        self.rows, self.matrix = rows, matrix

    def at(self, place_id: str) -> Tally:
        """One place's tally; none for a place the view does not count."""
        row = self.rows.get(place_id)
        if row is None:
            return NONE
        counts = self.matrix[row]
        return Tally({_VOICES[number]: int(counts[number]) for number in np.flatnonzero(counts)})


def tally_of(excerpts: Iterable[Excerpt]) -> Tally:
    """Some excerpts counted by voice, as they are given: for the few of a map's own pop-ups."""
    return Tally(Counter(map(_voice, excerpts)))


def tally_at(view: Selection, place_id: str) -> Tally:
    """A place's tally in a view; counted for every place at the view's first asking, read after that."""
    return counts(view).at(place_id)


def counts(view: Selection) -> Counts:
    """Every place's counts in a view, made the first time and kept with the view."""
    if holds_all(view):
        # The unfiltered view of every page and pop-up: its atlas's counts, made once per load.
        return atlas_counts(view.atlas)
    return _kept(view, lambda: _counted(view))


def atlas_counts(atlas: Atlas) -> Counts:
    """Every place's counts of all its excerpts in an atlas, made once and kept with the atlas."""
    return _kept(atlas, lambda: _columns(atlas).counts())


@dataclass(frozen=True)
class _Columns:
    """For each pair of an excerpt and a place it is about, the place's row and the excerpt's voice, as one code.

    Made once per atlas from the columns its filters read. A view's counts are then a count of
    the codes of its excerpts' pairs.
    """

    rows: dict[str, int]  # each place's row of the counts
    codes: np.ndarray  # each pair's place row times the number of voices, plus its voice's number
    owners: np.ndarray  # each pair's excerpt, by its position in the atlas

    def counts(self, kept: np.ndarray | None = None) -> Counts:
        """The counts of every pair, or of those `kept` marks."""
        codes = self.codes if kept is None else self.codes[kept]
        matrix = np.bincount(codes, minlength=len(self.rows) * len(_VOICES)).reshape(len(self.rows), len(_VOICES))
        return Counts(self.rows, matrix)


def holds_all(view: Selection) -> bool:
    """Whether a view holds every excerpt of its atlas, as the unfiltered view does."""
    picked = view.picked()
    return picked is not None and picked.whole


def page_at(view: Selection, place_id: str, first: int, size: int) -> tuple[Excerpt, ...]:
    """`size` of a place's excerpts in a view from the `first` (counted from 0), no record made but the page's."""
    positions = view.positions_at(place_id)
    if positions is None:
        # Records of the view's own, not the atlas's: gathered by place once.
        return view.by_place.get(place_id, ())[first : first + size]
    return view.atlas.table.take(positions[first : first + size])


class ExcerptsAt(Sequence[Excerpt]):
    """A place's excerpts in a view as a sequence: its length is the place's tally, and a slice reads a page."""

    def __init__(self, view: Selection, place_id: str, tally: Tally | None = None) -> None:
        """The excerpts of one place in a view, none of them gathered yet; as many as `tally` counts, if given."""
        self.view, self.place_id = view, place_id
        self.tally = tally_at(view, place_id) if tally is None else tally

    def __len__(self) -> int:
        """How many excerpts the place has in view, from its tally."""
        return self.tally.total

    @overload
    def __getitem__(self, index: int) -> Excerpt: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Excerpt, ...]: ...

    def __getitem__(self, index: int | slice) -> Excerpt | tuple[Excerpt, ...]:
        """One excerpt, or a page of them (a slice of step 1), read off the place's excerpts."""
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("a page of excerpts is a slice of step 1")
            return page_at(self.view, self.place_id, first, max(0, stop - first))
        at = index + len(self) if index < 0 else index
        found = page_at(self.view, self.place_id, at, 1) if 0 <= at < len(self) else ()
        if not found:
            raise IndexError("no excerpt at that index")
        return found[0]

    def __iter__(self) -> Iterator[Excerpt]:
        """Every excerpt in order, read as it goes."""
        return iter(page_at(self.view, self.place_id, 0, len(self)))


def _counted(view: Selection) -> Counts:
    """Every place's counts in a view that does not hold all of its atlas."""
    columns = _columns(view.atlas)
    picked = view.picked()
    if picked is not None:
        # Its excerpts are positions in the atlas's table: their pairs are marked, not read.
        return columns.counts(picked.marks[columns.owners])
    # Excerpts of its own (copies, not the atlas's): counted in one pass over them.
    rows = PlaceNumbers(columns.rows)
    pairs = Counter((rows[place], e.voice) for e in view.excerpts for place in e.places)
    matrix = np.zeros((len(rows), len(_VOICES)), dtype=np.int64)
    for (row, voice), count in pairs.items():
        matrix[row, _VOICE_NUMBERS[voice]] = count
    return Counts(rows, matrix)


def _columns(atlas: Atlas) -> _Columns:
    """An atlas's columns, made in one pass the first time and kept with it."""
    found: _Columns | None = atlas.__dict__.get(_COLUMNS)
    if found is None:
        with _COUNTING:
            found = atlas.__dict__.get(_COLUMNS)
            if found is None:
                found = atlas.__dict__[_COLUMNS] = _made_columns(atlas)
    return found


def _made_columns(atlas: Atlas) -> _Columns:
    """An atlas's counting columns, from the columns its filters read: its excerpts are read once, for both."""
    columns = filter_columns(atlas)
    # An excerpt lists a place once (the model refuses it twice), so each pair is one excerpt's.
    codes = columns.places * len(_VOICES) + columns.voices[columns.owners]
    return _Columns(columns.numbers, codes, columns.owners)


def _kept(owner: Atlas | Selection, count: Callable[[], Counts]) -> Counts:
    """What `count` makes, made once and kept on its owner (an atlas or a view) for as long as it lives."""
    # Kept in the owner's own attributes, as its cached properties are: the two are frozen, and
    # a view hashes by its million excerpts, too slow to key a cache with on every request.
    kept: Counts | None = owner.__dict__.get(_KEPT)
    if kept is None:
        with _COUNTING:
            kept = owner.__dict__.get(_KEPT)
            if kept is None:
                kept = owner.__dict__[_KEPT] = count()
    return kept
