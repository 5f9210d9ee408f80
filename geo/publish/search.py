"""The search index and the places' spellings, sharded by each word's start: a search fetches only what can match."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from geo.core.names import fold
from geo.core.records import Excerpt
from geo.publish.contents import Contents
from geo.publish.payload import SEARCH_SHARD

# What a shard files under each word: its excerpts' numbers, or its other spellings.
V = TypeVar("V")


def shard_of(word: str) -> str:
    """The shard a folded word is filed in: its first characters as hex code points joined by '-'."""
    return "-".join(f"{ord(c):x}" for c in word[:SEARCH_SHARD])


def searchable(contents: Contents, excerpt: Excerpt) -> list[str]:
    """The texts a search looks through for one excerpt: its text, speaker and role, and its places' names."""
    # As the app's search does (its word index and Atlas.place_names), so a word finds here what it finds there.
    texts = [excerpt.text, excerpt.speaker or "", excerpt.role or ""]
    places = contents.selection.atlas.places
    for place_id in excerpt.places:
        place = places[place_id]
        texts += [place.name, place.name_ar, *place.aliases]
    return texts


def postings(contents: Contents) -> dict[str, list[int]]:
    """Each folded word, and the excerpts holding it, ascending."""
    found: dict[str, list[int]] = {}
    for number, excerpt in enumerate(contents.excerpts):
        for word in set(fold(" ".join(searchable(contents, excerpt))).split()):
            found.setdefault(word, []).append(number)
    return found


def shards(contents: Contents) -> Iterator[tuple[str, dict[str, list[int]]]]:
    """Each shard's name and its words, shards and words in sorted order."""
    yield from sharded(postings(contents))


def spellings(contents: Contents) -> dict[str, list[str]]:
    """Each one-word name of a place, folded, and the other one-word names of its place (or places), sorted."""
    # The app's Atlas.spellings, over the places a reader may see: a query word that is one of
    # them stands for them all. A name with no other spelling adds nothing, so is left out.
    found = contents.selection.atlas.spellings
    return {word: sorted(others - {word}) for word, others in found.items() if others - {word}}


def sharded(words: dict[str, V]) -> Iterator[tuple[str, dict[str, V]]]:
    """Words grouped into their shards: each shard's name and its words, shards and words in sorted order."""
    grouped: dict[str, dict[str, V]] = {}
    for word, value in words.items():
        grouped.setdefault(shard_of(word), {})[word] = value
    for name in sorted(grouped):
        yield name, dict(sorted(grouped[name].items()))
