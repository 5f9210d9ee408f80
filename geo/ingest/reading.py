"""What a text says about places: each mention, the place chosen for it, and the names left to place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.core.names import fold
from geo.core.records import NameToPlace
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.mentions import Mention, Resolved, find_mentions, resolve, unknown_names

# Where a sentence ends: a full stop, question or exclamation mark before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


@dataclass(frozen=True)
class Reading:
    """The places a text names: each mention with the place chosen for it, and the names not placed."""

    placed: tuple[tuple[Mention, Resolved], ...]
    to_place: tuple[NameToPlace, ...]


def read_places(text: str, gazetteer: Gazetteer, *, skip: Sequence[tuple[int, int]] = ()) -> Reading:
    """Every place a text names, resolved mention by mention, and every name it could not place."""
    mentions = find_mentions(text, gazetteer, skip=skip)
    chosen = {fold(r.name): r for r in resolve(mentions)}
    placed = tuple((m, chosen[fold(m.surface)]) for m in mentions)
    names = unknown_names(text, mentions, skip)
    to_place = tuple(NameToPlace(name=name, sentence=sentence_around(text, *_first(text, name))) for name in names)
    return Reading(placed, to_place)


def _first(text: str, name: str) -> tuple[int, int]:
    """Where a name first stands in the text."""
    start = text.find(name)
    return (start, start + len(name)) if start >= 0 else (0, 0)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds text[start:end], on one line."""
    opening = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        opening = match.end()
    closing = _SENTENCE_END.search(text, end)
    stop = closing.start() + 1 if closing else len(text)
    return " ".join(text[opening:stop].split())
