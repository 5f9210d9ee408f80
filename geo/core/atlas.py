"""The loaded corpus and the selections a reader makes from it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

import geopandas as gpd
import numpy as np

from geo.core.excerpttable import ExcerptTable, Picked
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
    # Records, or a table of them (as a load gives them) whose records are made as they are read.
    excerpts: Sequence[Excerpt]
    articles: Mapping[str, str] = field(repr=False)
    boundaries: gpd.GeoDataFrame | None = field(default=None, repr=False)

    @cached_property
    def table(self) -> ExcerptTable:
        """The excerpts as a table of columns: the load's own, or one made of the records given."""
        if isinstance(self.excerpts, ExcerptTable):
            return self.excerpts
        return ExcerptTable.of(self.excerpts)

    @cached_property
    def words(self) -> WordSearch:
        """The excerpts' word index, opened at the first search; a reader's atlas shares its editor's."""
        return WordSearch(self.table)

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
        """Every excerpt of each place as records, gathered in one pass: for tools and a small atlas's checks."""
        # The app reads a place's excerpts off the table's columns (Selection.positions_at).
        return _by_place(self.excerpts)

    def build_indexes(self) -> None:
        """Build the search indexes now rather than at the first search."""
        self.search_index()
        self.gather()

    def gather(self) -> None:
        """Read the table's columns and gather each place's excerpts now, rather than at the first page."""
        self.table.columns.gather()

    def excerpt(self, excerpt_id: str) -> Excerpt | None:
        """The excerpt of an id, or None if the atlas has none of it."""
        position = self.table.find(excerpt_id)
        return None if position is None else self.table[position]

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

    Searches answer with excerpts' positions in its table, sorted: the atlas's own, which a
    reader's atlas holds some of (not the drafts'), in the same order.
    """

    def __init__(self, table: ExcerptTable) -> None:
        """The word search of a table of excerpts, not yet opened."""
        self.table = table
        self.opener: Callable[[ExcerptTable, Mapping[str, str] | None], WordIndex] = in_memory
        # Each source's key of the files its excerpts were read from, as a load gives it: the
        # index keeps a source's rows under it rather than a digest of its excerpts.
        self.keys: Mapping[str, str] | None = None
        self._index: WordIndex | None = None
        self._positions = _NONE

    def open(self) -> WordSearch:
        """The search, its index opened the first time it is asked for (its atlas's lock held)."""
        if self._index is None:
            index = self.opener(self.table, self.keys)
            self._positions = row_positions(index.ranges(), self.table.runs())
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
        return distinct([self.table.at(place_id) for place_id in places])

    def within(self, table: ExcerptTable, positions: np.ndarray) -> np.ndarray:
        """Some of its positions as positions in another table of the same rows (a reader's), where that holds them."""
        if table is self.table:
            return positions
        mine, theirs = self.table.roots()[positions], table.roots()
        at = np.searchsorted(theirs, mine)
        held = at < len(theirs)
        held[held] = theirs[at[held]] == mine[held]
        found: np.ndarray = at[held]
        return found


_NONE = np.full(1, -1, dtype=np.int64)


def distinct(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """The numbers in any of some arrays, each once, ascending."""
    # Sorted and compared with the neighbour rather than np.unique, whose hashing took half a
    # second for a quarter of a million numbers.
    if not arrays:
        return _NONE[:0]
    merged = np.sort(np.concatenate(arrays))
    return merged[np.concatenate(([True], merged[1:] != merged[:-1]))] if len(merged) else merged


def in_memory(table: ExcerptTable, keys: Mapping[str, str] | None = None) -> WordIndex:
    """A word index of some excerpts made in memory, for a process that keeps none beside its data."""
    index = WordIndex(MEMORY)
    index.update(table, keys)
    return index


@dataclass(frozen=True)
class Selection:
    """The places and excerpts a reader has in view, in the atlas's order."""

    atlas: Atlas = field(repr=False)
    places: tuple[Place, ...]
    # As select() makes them, some of the atlas's table by position (Picked), whose records are
    # made only for what a page shows; or records of its own, for a view made of a few.
    excerpts: Sequence[Excerpt]

    def picked(self) -> Picked | None:
        """The excerpts as positions in the atlas's table, when they are; None for records of its own."""
        excerpts = self.excerpts
        return excerpts if isinstance(excerpts, Picked) and excerpts.table is self.atlas.table else None

    def positions_at(self, place_id: str) -> np.ndarray | None:
        """The positions in the atlas's table of the selected excerpts about one place; None if not picked from it."""
        picked = self.picked()
        return None if picked is None else picked.among(self.atlas.table.at(place_id))

    def excerpts_at(self, place_id: str) -> tuple[Excerpt, ...]:
        """The selected excerpts that concern one place."""
        positions = self.positions_at(place_id)
        if positions is None:
            return self.by_place.get(place_id, ())
        return self.atlas.table.take(positions)

    @cached_property
    def by_place(self) -> dict[str, tuple[Excerpt, ...]]:
        """The selected excerpts of each place, gathered in one pass rather than one per place."""
        return _by_place(self.excerpts)

    def at_place(self, place_id: str) -> Selection:
        """The selection of those of its excerpts that concern one place, as positions where it has them."""
        positions = self.positions_at(place_id)
        if positions is None:
            return replace(self, excerpts=self.excerpts_at(place_id))
        return replace(self, excerpts=Picked(self.atlas.table, positions))


def _by_place(excerpts: Iterable[Excerpt]) -> dict[str, tuple[Excerpt, ...]]:
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
    table = atlas.table
    columns = table.columns
    draft_numbers = [n for n, source in enumerate(columns.source_ids) if source in drafts]
    kept = table.subset(np.flatnonzero(~np.isin(columns.sources, draft_numbers)))
    # A place only a draft proposes is not yet in places.geojson, and no reviewed excerpt names it.
    proposed = {p.id for s in drafts for p in atlas.sources[s].proposed_places}
    named = kept.columns.place_counts().keys()
    readers = Atlas(
        sources={k: s for k, s in atlas.sources.items() if k not in drafts},
        places={k: p for k, p in atlas.places.items() if k not in proposed or k in named},
        excerpts=kept,
        articles=Without(atlas.articles, drafts),
        boundaries=atlas.boundaries,
    )
    # One word index for both, a draft's words and all: a search keeps only the reader's excerpts.
    readers.__dict__["words"] = atlas.words
    return readers


class Without(Mapping[str, R]):
    """A mapping without some of its keys, its values read from it as they are asked for."""

    def __init__(self, whole: Mapping[str, R], left_out: Collection[str]) -> None:
        """The mapping `whole` with the keys in `left_out` left out."""
        self._whole, self._left_out = whole, frozenset(left_out)

    def __getitem__(self, key: str) -> R:
        """A key's value, KeyError for one left out."""
        if key in self._left_out:
            raise KeyError(key)
        return self._whole[key]

    def __iter__(self) -> Iterator[str]:
        """The keys kept, in the whole's order."""
        return (key for key in self._whole if key not in self._left_out)

    def __len__(self) -> int:
        """How many keys are kept."""
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        """Whether a key is kept."""
        return key not in self._left_out and key in self._whole


def place_at(atlas: Atlas, lat: float, lon: float, tolerance: float = 1e-6) -> str | None:
    """The place whose point is at (lat, lon), as a clicked marker reports it; None if none is."""
    # Arrows and circles report the clicked spot, not a place, so only an exact hit counts.
    for place in atlas.places.values():
        if abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance:
            return place.id
    return None
