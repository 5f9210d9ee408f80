"""How many excerpts each place has in a view, by voice, and a page of a place's excerpts cut without the rest.

A pop-up and the panel show a place's counts by side and voice, then one page of its excerpts.
At the heaviest place of a year's coverage (some 56,000 excerpts) counting and gathering them on
every request took a fifth of a second of the processor each time; here the counts of every place
are made in one pass once per view (once per atlas for the unfiltered view) and kept with it, and
a page is read off the place's excerpts in the atlas, taking only the page.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import TypeVar, overload

from geo.core.atlas import Atlas, Selection
from geo.core.records import Excerpt, Voice
from geo.core.sides import SIDES, Side

T = TypeVar("T")

# Held while a view's or an atlas's tallies are counted, so that two requests count them once.
_COUNTING = threading.Lock()
_KEPT = "_tallies"
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


def tally_of(excerpts: Iterable[Excerpt]) -> Tally:
    """Some excerpts counted by voice, as they are given: for the few of a map's own pop-ups."""
    return Tally(Counter(map(_voice, excerpts)))


def tally_at(view: Selection, place_id: str) -> Tally:
    """A place's tally in a view; counted for every place at the view's first asking, read after that."""
    return tallies(view).get(place_id, NONE)


def tallies(view: Selection) -> Mapping[str, Tally]:
    """Every place's tally in a view, counted in one pass the first time and kept with the view."""
    if holds_all(view):
        # The unfiltered view of every page and pop-up: its atlas's tallies, made once per load.
        return atlas_tallies(view.atlas)
    return _kept(view, lambda: _counted(view.excerpts))


def atlas_tallies(atlas: Atlas) -> Mapping[str, Tally]:
    """Every place's tally of all its excerpts in an atlas, counted once and kept with the atlas."""
    return _kept(atlas, lambda: {place: tally_of(group) for place, group in atlas.by_place.items()})


def holds_all(view: Selection) -> bool:
    """Whether a view holds every excerpt of its atlas, as the unfiltered view does."""
    # Drawn, its excerpts are the atlas's own objects, each once: as many means all of them.
    return view.drawn and len(view.excerpts) == len(view.atlas.excerpts)


def page_at(view: Selection, place_id: str, first: int, size: int) -> tuple[Excerpt, ...]:
    """`size` of a place's excerpts in a view from the `first` (counted from 0), the rest left ungathered."""
    if holds_all(view):
        return view.atlas.by_place.get(place_id, ())[first : first + size]
    if "by_place" in view.__dict__ or not view.drawn:
        # Gathered for every place already (or to be, as such a view's excerpts are not the atlas's).
        return view.by_place.get(place_id, ())[first : first + size]
    # The place's excerpts in the atlas, read in order up to the page's end, kept where selected.
    members = view._members
    kept = (e for e in view.atlas.by_place.get(place_id, ()) if id(e) in members)
    return tuple(islice(kept, first, first + size))


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


def _counted(excerpts: Iterable[Excerpt]) -> dict[str, Tally]:
    """Each place's tally of some excerpts, in one pass over them."""
    # One excerpt lists a place once (the model refuses it twice), so each pair is one excerpt.
    pairs = Counter((place, excerpt.voice) for excerpt in excerpts for place in excerpt.places)
    voices: dict[str, dict[Voice, int]] = {}
    for (place, voice), count in pairs.items():
        voices.setdefault(place, {})[voice] = count
    return {place: Tally(counts) for place, counts in voices.items()}


def _kept(owner: Atlas | Selection, count: Callable[[], dict[str, Tally]]) -> dict[str, Tally]:
    """What `count` makes, made once and kept on its owner (an atlas or a view) for as long as it lives."""
    # Kept in the owner's own attributes, as its cached properties are: the two are frozen, and
    # a view hashes by its million excerpts, too slow to key a cache with on every request.
    kept: dict[str, Tally] | None = owner.__dict__.get(_KEPT)
    if kept is None:
        with _COUNTING:
            kept = owner.__dict__.get(_KEPT)
            if kept is None:
                kept = owner.__dict__[_KEPT] = count()
    return kept
