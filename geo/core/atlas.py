"""The loaded corpus and the selections a reader makes from it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TypeVar

import geopandas as gpd
import numpy as np

from geo.core.names import fold
from geo.core.records import Excerpt, Place, Source
from geo.core.wordindex import MEMORY, WordIndex, WordList, row_positions

R = TypeVar("R")

# Held while an atlas's search index is built, so that it is built once.
_INDEXING = threading.Lock()


@dataclass(frozen=True, eq=False)
class Atlas:
    """Every source, place and excerpt of a data folder, validated."""

    sources: Mapping[str, Source]
    places: Mapping[str, Place]
    excerpts: tuple[Excerpt, ...]
    articles: Mapping[str, str] = field(repr=False)
    boundaries: gpd.GeoDataFrame | None = field(default=None, repr=False)

    @cached_property
    def words(self) -> WordSearch:
        """The excerpts' word index, opened at the first search; a reader's atlas shares its editor's."""
        return WordSearch(self.excerpts)

    @cached_property
    def spellings(self) -> dict[str, frozenset[str]]:
        """Each one-word name of a place, folded, and every one-word name of that place."""
        # So that "Idleb" also finds an excerpt whose text says "Idlib" but is filed under
        # another place: a query word that is a place's name stands for all of its names.
        found: dict[str, frozenset[str]] = {}
        for place in self.places.values():
            words = frozenset(
                key for name in (place.name, place.name_ar, *place.aliases) if len((key := fold(name)).split()) == 1
            )
            for word in words:
                found[word] = found.get(word, frozenset()) | words
        return found

    @cached_property
    def place_names(self) -> WordList:
        """Each word of every name of a place, folded, and the places it names."""
        # Matched apart from the excerpts' words, so that a place's names are searched as they
        # are now: an alias added needs no excerpt indexed again.
        found: dict[str, set[str]] = {}
        for place in self.places.values():
            for name in (place.name, place.name_ar, *place.aliases):
                for word in fold(name).split():
                    found.setdefault(word, set()).add(place.id)
        return WordList({word: frozenset(places) for word, places in found.items()})

    @cached_property
    def by_place(self) -> dict[str, tuple[Excerpt, ...]]:
        """Every excerpt of each place, gathered in one pass."""
        return _by_place(self.excerpts)

    def build_indexes(self) -> None:
        """Build the search indexes now rather than at the first search."""
        self.search_index()
        # Reading a cached property builds it and keeps it on the instance.
        _ = self.by_place

    def search_index(self) -> tuple[WordSearch, dict[str, frozenset[str]]]:
        """The excerpts' word index and the places' spellings, made once by whichever thread asks first."""
        # The app opens them on a thread of their own after loading (seconds, at a million
        # excerpts); a search asked for meanwhile waits here rather than opening them again.
        with _INDEXING:
            _ = self.place_names
            return self.words.open(), self.spellings

    def search_ready(self) -> bool:
        """Whether a search can run at once, its index built."""
        return self.words.ready() and "spellings" in self.__dict__ and "place_names" in self.__dict__

    def named(self, words: Iterable[str]) -> set[str]:
        """The places with a name that has a word starting with any of some folded words (the whole word, if short)."""
        return set().union(*map(self.place_names.find, words))


class WordSearch:
    """An atlas's word index, opened by the opener the app gives it (a file beside the data) or made in memory.

    Searches answer with excerpts' positions among its excerpts, sorted: the atlas's own, which
    a reader's atlas holds some of (not the drafts'), in the same order.
    """

    def __init__(self, excerpts: tuple[Excerpt, ...]) -> None:
        """The word search of some excerpts, not yet opened."""
        self.excerpts = excerpts
        self.opener: Callable[[tuple[Excerpt, ...], Mapping[str, str] | None], WordIndex] = in_memory
        # Each source's key of the files its excerpts were read from, as a load gives it: the
        # index keeps a source's rows under it rather than a digest of its excerpts.
        self.keys: Mapping[str, str] | None = None
        self._index: WordIndex | None = None
        self._positions = _NONE
        self._at_places: dict[str, np.ndarray] = {}

    def open(self) -> WordSearch:
        """The search, its index opened the first time it is asked for (its atlas's lock held)."""
        if self._index is None:
            index = self.opener(self.excerpts, self.keys)
            self._positions = row_positions(index.ranges(), self.excerpts)
            gathered: dict[str, list[int]] = {}
            for position, excerpt in enumerate(self.excerpts):
                for place_id in excerpt.places:
                    gathered.setdefault(place_id, []).append(position)
            self._at_places = {place_id: np.array(found, dtype=np.int64) for place_id, found in gathered.items()}
            self._index = index
        return self

    def ready(self) -> bool:
        """Whether the word index is open."""
        return self._index is not None

    def having(self, words: Collection[str]) -> np.ndarray:
        """The excerpts with a word starting with any of some folded words (the whole word, if short)."""
        assert self._index is not None, "open() first"
        rows = self._index.find(words)
        found = self._positions[rows[rows < len(self._positions)]]
        return np.sort(found[found >= 0])  # each row is one excerpt's, so none comes twice

    def at(self, places: Iterable[str]) -> np.ndarray:
        """The excerpts about any of some places."""
        return distinct([self._at_places[place_id] for place_id in places if place_id in self._at_places])

    def kept(self, atlas: Atlas, excerpts: Sequence[Excerpt], positions: np.ndarray) -> list[Excerpt]:
        """The excerpts at some positions that are also in `excerpts`: the atlas's, in its order, some left out."""
        chosen = _picked(self.excerpts, positions)
        if atlas.excerpts is not self.excerpts:
            # A reader's atlas: every excerpt but the drafts', whose sources it does not hold.
            chosen = [e for e in chosen if e.source in atlas.sources]
        if len(excerpts) == len(atlas.excerpts):
            return chosen  # all of them: none was left out before the search
        members = set(map(id, excerpts))
        return [e for e in chosen if id(e) in members]


_NONE = np.full(1, -1, dtype=np.int64)


def distinct(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """The numbers in any of some arrays, each once, ascending."""
    # Sorted and compared with the neighbour rather than np.unique, whose hashing took half a
    # second for a quarter of a million numbers.
    if not arrays:
        return _NONE[:0]
    merged = np.sort(np.concatenate(arrays))
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))] if len(merged) else merged


def _picked(excerpts: tuple[Excerpt, ...], positions: np.ndarray) -> list[Excerpt]:
    """The excerpts at some positions, in their order."""
    if len(positions) == 0:
        return []
    if len(positions) == 1:
        return [excerpts[int(positions[0])]]
    return list(itemgetter(*positions.tolist())(excerpts))


def in_memory(excerpts: tuple[Excerpt, ...], keys: Mapping[str, str] | None = None) -> WordIndex:
    """A word index of some excerpts made in memory, for a process that keeps none beside its data."""
    index = WordIndex(MEMORY)
    index.update(excerpts, keys)
    return index


@dataclass(frozen=True)
class Selection:
    """The places and excerpts a reader has in view, in the atlas's order."""

    atlas: Atlas = field(repr=False)
    places: tuple[Place, ...]
    excerpts: tuple[Excerpt, ...]
    # Whether the excerpts are the atlas's own objects, as select() makes them; one place's
    # excerpts can then be read from the atlas's index instead of gathering every place's.
    drawn: bool = field(default=False, repr=False, compare=False)

    def excerpts_at(self, place_id: str) -> tuple[Excerpt, ...]:
        """The selected excerpts that concern one place."""
        if self.gathered():
            return self.by_place.get(place_id, ())
        # One place, as the open place is: its excerpts in the atlas, kept if selected, rather
        # than every place's gathered (a second at 300,000 excerpts) to read one of them.
        return tuple(filter(self.holds, self.atlas.by_place.get(place_id, ())))

    def gathered(self) -> bool:
        """Whether a place's excerpts are read from by_place: gathered already, or not the atlas's own objects."""
        return "by_place" in self.__dict__ or not self.drawn

    def holds(self, excerpt: Excerpt) -> bool:
        """Whether one of the atlas's excerpts is selected (only a drawn selection's are the atlas's)."""
        return id(excerpt) in self._members

    @cached_property
    def _members(self) -> frozenset[int]:
        """The selected excerpts, by identity: they are the atlas's own objects."""
        return frozenset(map(id, self.excerpts))

    @cached_property
    def by_place(self) -> dict[str, tuple[Excerpt, ...]]:
        """The selected excerpts of each place, gathered in one pass rather than one per place."""
        return _by_place(self.excerpts)


def _by_place(excerpts: tuple[Excerpt, ...]) -> dict[str, tuple[Excerpt, ...]]:
    """Excerpts gathered under each place they concern, in their order."""
    gathered: dict[str, list[Excerpt]] = {}
    for excerpt in excerpts:
        for place_id in dict.fromkeys(excerpt.places):
            gathered.setdefault(place_id, []).append(excerpt)
    return {place_id: tuple(found) for place_id, found in gathered.items()}


def per_atlas(build: Callable[[Atlas], R]) -> Callable[[Atlas], R]:
    """Keep what a function builds from an atlas for as long as that same atlas is in use.

    Keyed by identity (an atlas compares and hashes as itself): the app keeps one atlas per
    data folder for as long as the folder is unchanged, and a new one replaces it.
    """
    return functools.lru_cache(maxsize=1)(build)


def reviewed_only(atlas: Atlas) -> Atlas:
    """The atlas as a reader may see it: no draft's source, excerpt, article or proposed place.

    The atlas itself, if it holds no draft, so that whatever is cached for it is shared.
    """
    drafts = {s.id for s in atlas.sources.values() if s.status is not None}
    if not drafts:
        return atlas
    excerpts = tuple(e for e in atlas.excerpts if e.source not in drafts)
    # A place only a draft proposes is not yet in places.geojson, and no reviewed excerpt names it.
    proposed = {p.id for s in drafts for p in atlas.sources[s].proposed_places}
    named = {p for e in excerpts for p in e.places}
    readers = Atlas(
        sources={k: s for k, s in atlas.sources.items() if k not in drafts},
        places={k: p for k, p in atlas.places.items() if k not in proposed or k in named},
        excerpts=excerpts,
        articles={k: a for k, a in atlas.articles.items() if k not in drafts},
        boundaries=atlas.boundaries,
    )
    # One word index for both, a draft's words and all: a search keeps only the reader's excerpts.
    readers.__dict__["words"] = atlas.words
    return readers


def place_at(atlas: Atlas, lat: float, lon: float, tolerance: float = 1e-6) -> str | None:
    """The place whose point is at (lat, lon), as a clicked marker reports it; None if none is."""
    # Arrows and circles report the clicked spot, not a place, so only an exact hit counts.
    for place in atlas.places.values():
        if abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance:
            return place.id
    return None
