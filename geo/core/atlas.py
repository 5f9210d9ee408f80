"""The loaded corpus and the selections a reader makes from it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import geopandas as gpd

from geo.core.names import fold
from geo.core.records import Excerpt, Place, Source

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
    def search_keys(self) -> dict[str, str]:
        """Each excerpt's searchable text, folded once: its words, speaker, role and places' names."""
        return {e.id: fold(" ".join(self._searchable(e))) for e in self.excerpts}

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
    def by_place(self) -> dict[str, tuple[Excerpt, ...]]:
        """Every excerpt of each place, gathered in one pass."""
        return _by_place(self.excerpts)

    def build_indexes(self) -> None:
        """Build the search indexes now rather than at the first search."""
        self.search_index()
        # Reading a cached property builds it and keeps it on the instance.
        _ = self.by_place

    def search_index(self) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
        """The excerpts' search keys and the places' spellings, built once by whichever thread asks first."""
        # The app builds them on a thread of their own after loading (seconds, at a hundred
        # thousand places); a search asked for meanwhile waits here rather than building them again.
        with _INDEXING:
            return self.search_keys, self.spellings

    def search_ready(self) -> bool:
        """Whether a search can run at once, its index built."""
        return "search_keys" in self.__dict__ and "spellings" in self.__dict__

    def _searchable(self, excerpt: Excerpt) -> list[str]:
        """The texts a search looks through for one excerpt."""
        texts = [excerpt.text, excerpt.speaker or "", excerpt.role or ""]
        for place_id in excerpt.places:
            place = self.places[place_id]
            texts += [place.name, place.name_ar, *place.aliases]
        return texts


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
        if "by_place" in self.__dict__ or not self.drawn:
            return self.by_place.get(place_id, ())
        # One place, as the open place is: its excerpts in the atlas, kept if selected, rather
        # than every place's gathered (a second at 300,000 excerpts) to read one of them.
        every = self.atlas.by_place.get(place_id, ())
        return tuple(e for e in every if id(e) in self._members)

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
    return Atlas(
        sources={k: s for k, s in atlas.sources.items() if k not in drafts},
        places={k: p for k, p in atlas.places.items() if k not in proposed or k in named},
        excerpts=excerpts,
        articles={k: a for k, a in atlas.articles.items() if k not in drafts},
        boundaries=atlas.boundaries,
    )


def place_at(atlas: Atlas, lat: float, lon: float, tolerance: float = 1e-6) -> str | None:
    """The place whose point is at (lat, lon), as a clicked marker reports it; None if none is."""
    # Arrows and circles report the clicked spot, not a place, so only an exact hit counts.
    for place in atlas.places.values():
        if abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance:
            return place.id
    return None
