"""The search index, split into shards by the start of each word, so a search fetches only the words it can match."""

from __future__ import annotations

from collections.abc import Iterator

from geo.core.names import fold
from geo.core.records import Excerpt
from geo.publish.contents import Contents
from geo.publish.payload import SEARCH_SHARD


def shard_of(word: str) -> str:
    """The shard a folded word is filed in: its first characters as hex code points joined by '-'."""
    return "-".join(f"{ord(c):x}" for c in word[:SEARCH_SHARD])


def searchable(contents: Contents, excerpt: Excerpt) -> list[str]:
    """The texts a search looks through for one excerpt: its text, speaker and role, and its places' names."""
    # As the app's search does (Atlas.search_keys), so a word finds here what it finds there.
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
    grouped: dict[str, dict[str, list[int]]] = {}
    for word, numbers in postings(contents).items():
        grouped.setdefault(shard_of(word), {})[word] = numbers
    for name in sorted(grouped):
        yield name, dict(sorted(grouped[name].items()))
