"""The speakers an article has named so far, indexed by the ends of their names.

A short form ("Mr Hallaj", "Hallaj") refers back to the latest speaker whose name ends with it
or whose surname it is; an organisation's also by its initials ("SOHR") or a word of its name
("Observatory"). Trying every speaker met for each new one grew with the square of a long
report's speakers; the index gives the few whose names could match, latest first, and the
caller still checks each as before. Copies for a trial reading share what was met before them
rather than copying it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from geo.core.names import fold
from geo.ingest.positional import Positional
from geo.ingest.titles import without_titles

if TYPE_CHECKING:
    from geo.ingest.speakers import Speaker


class Known(Positional["Speaker"]):
    """Speakers in the order met, with an index of the ends of their folded names."""

    def __init__(self, speakers: Sequence[Speaker] = (), *, _base: Known | None = None):
        self._base = _base
        self._shared = len(_base) if _base is not None else 0  # how many of the base's are ours
        self._own: list[Speaker] = []
        self._index: dict[str, list[int]] = {}
        for speaker in speakers:
            self.append(speaker)

    def __len__(self) -> int:
        return self._shared + len(self._own)

    def _at(self, index: int) -> Speaker:
        if index < self._shared:
            assert self._base is not None
            return self._base[index]
        return self._own[index - self._shared]

    def __iter__(self) -> Iterator[Speaker]:
        return (self[i] for i in range(len(self)))

    def __reversed__(self) -> Iterator[Speaker]:
        return (self[i] for i in range(len(self) - 1, -1, -1))

    def append(self, speaker: Speaker) -> None:
        """Meet one more speaker."""
        position = len(self)
        self._own.append(speaker)
        for key in _keys(speaker.name, speaker.organisation):
            self._index.setdefault(key, []).append(position)

    def copy(self) -> Known:
        """A copy to meet speakers in without changing this one; it shares those met so far."""
        return Known(_base=self)

    def latest_first(self, bare: str) -> Iterator[Speaker]:
        """The speakers a short form of a name may refer to, latest first: all that could, and a few others.

        Those whose folded name (without titles) ends with the folded form, or whose surname
        it is, and organisations whose initials it is or whose name holds its first word.
        """
        short = _folded(bare)
        if not short:
            yield from reversed(self)  # every name ends with nothing
            return
        words = short.split()
        keys = [f"end:{words[-1]}", f"word:{words[0]}"]
        if len(words) == 1:
            keys += [f"surname:{short}", f"initials:{bare}"]
        for position in sorted(set(self._positions(keys)), reverse=True):
            yield self._at(position)

    def bodies_holding(self, word: str) -> Iterator[Speaker]:
        """The organisations whose folded name (without titles) holds a word, latest first."""
        for position in sorted(set(self._positions([f"word:{fold(word)}"])), reverse=True):
            yield self._at(position)

    def _positions(self, keys: Sequence[str]) -> Iterator[int]:
        """Where the speakers under these keys stand, up to this copy's length."""
        if self._base is not None:
            yield from (p for p in self._base._positions(keys) if p < self._shared)
        for key in keys:
            yield from self._index.get(key, ())


@lru_cache(maxsize=1 << 14)
def _folded(name: str) -> str:
    """A short form folded; a long report refers back by the same few hundred."""
    return fold(name)


@lru_cache(maxsize=1 << 14)
def _keys(name: str, organisation: bool) -> tuple[str, ...]:
    """The keys a name is found by: its last word's endings and its surname, and a body's words and initials."""
    # The endings are of the last word folded without titles ("Mr Hallaj" is found by "hallaj").
    full = fold(without_titles(name)).split()
    last = full[-1] if full else ""
    surname = fold(name).split()
    keys = [f"end:{last[i:]}" for i in range(len(last))]
    if surname:
        keys.append(f"surname:{surname[-1]}")
    if organisation:
        # The short forms speakers.py accepts for a body: its initials ("SOHR") and any run of its words.
        initials = "".join(w[0] for w in without_titles(name).split() if w[:1].isupper())
        keys += [f"word:{word}" for word in dict.fromkeys(full)]
        keys.append(f"initials:{initials}")
    return tuple(keys)
