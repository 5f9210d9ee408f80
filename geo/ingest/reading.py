"""What a text says about places: each mention, the place chosen for it, and the names left to place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geo.core.names import fold
from geo.core.records import NameToPlace
from geo.ingest.arabicnames import arabic_names
from geo.ingest.candidates import Candidate, candidate_names
from geo.ingest.gazetteer import Gazetteer, Tier
from geo.ingest.holding import as_holder, held_by_governorates, holds_next
from geo.ingest.mentions import Mention, Resolved, find_mentions
from geo.ingest.notplaces import OUTLET_PATTERN, glued_adjective, never_a_place, titled
from geo.ingest.resolution import resolve_each

# The rest of a list of names that ends with a plural qualifier: ", Hama and Aleppo provinces".
_PLURAL_QUALIFIER = re.compile(
    r"(?:(?:\s*,\s*|,?\s+and\s+)(?:(?:northern|southern|eastern|western)\s+)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)*"
    r"\s+(?:provinces|governorates)\b"
)
# Where a sentence ends: a full stop, question or exclamation mark before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")


@dataclass(frozen=True)
class Reading:
    """The places a text names: each mention with the place chosen for it, and the names not placed."""

    placed: tuple[tuple[Mention, Resolved], ...]
    to_place: tuple[NameToPlace, ...]


def read_places(text: str, gazetteer: Gazetteer, *, skip: Sequence[tuple[int, int]] = ()) -> Reading:
    """Every place a text names, resolved mention by mention, and every name it could not place.

    Outlets' names are not read ("Middle East Eye" holds no place); a mention ingest will not tie
    to a place (a far namesake, a loose spelling of another name) is listed to place by hand, as
    are the names that only their context shows to be places.
    """
    skip = [*skip, *(m.span() for m in OUTLET_PATTERN.finditer(text))]
    mentions = [m for m in find_mentions(text, gazetteer, skip=skip) if not _only_looks_like_a_place(text, m)]
    mentions = [_qualified(text, m, gazetteer) for m in mentions]
    mentions, arabic = arabic_names(text, mentions, skip)
    found = [*candidate_names(text, mentions, skip), *arabic]
    # A name its context shows to be a place may be spelt more loosely than a name alone:
    # "Rabia, the main town of ..." opens a sentence, yet the apposition says it is a place.
    promoted = {c: _as_mention(text, c, gazetteer) for c in found}
    mentions = sorted([*mentions, *filter(None, promoted.values())], key=lambda m: m.start)
    mentions, elsewhere = held_by_governorates(text, mentions)
    placed, refused = resolve_each(text, mentions)
    names: dict[str, NameToPlace] = {}
    for mention, why, candidates in elsewhere:
        sentence = sentence_around(text, mention.start, mention.end)
        names.setdefault(
            fold(mention.surface),
            NameToPlace(name=mention.surface, sentence=sentence, reason=why, candidates=candidates),
        )
    for refusal in refused:
        mention = refusal.mention
        names.setdefault(
            fold(mention.surface),
            NameToPlace(
                name=mention.surface,
                sentence=sentence_around(text, mention.start, mention.end),
                reason=refusal.reason,
                candidates=refusal.candidates,
            ),
        )
    for candidate, as_mention in promoted.items():
        if as_mention is not None:
            continue
        # "Istanbul-based" says where a speaker or a group is, not where anything happened.
        reason = candidate.reason if candidate.reason.endswith("-based") else None
        sentence = sentence_around(text, candidate.start, candidate.end)
        names.setdefault(fold(candidate.name), NameToPlace(name=candidate.name, sentence=sentence, reason=reason))
    return Reading(tuple(placed), tuple(names.values()))


def _qualified(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention:
    """A mention as the governorate it is, where a plural qualifier ends its list ("Idlib and Hama
    provinces") or it holds the village or town named next ("the Hama village of Kafr Nabuda")."""
    if holds_next(text, mention):
        return as_holder(mention, gazetteer)
    if not _PLURAL_QUALIFIER.match(text, mention.end):
        return mention
    found = gazetteer.lookup(f"{mention.surface} province", loosest=Tier.EXACT)
    return mention if found is None else replace(mention, found=found)


def _as_mention(text: str, candidate: Candidate, gazetteer: Gazetteer) -> Mention | None:
    """A candidate name as a mention, if the gazetteer knows it by the same sounds."""
    found = gazetteer.lookup(candidate.name, loosest=Tier.SOUND)
    if found is None:
        return None
    return Mention(candidate.start, candidate.end, text[candidate.start : candidate.end], found, None)


def _only_looks_like_a_place(text: str, mention: Mention) -> bool:
    """Whether a mention is a month, a people, a leader, a person's name or an adjective ("US-led")."""
    return never_a_place(mention.surface) or titled(text, mention.start) or glued_adjective(text, mention.end)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that holds text[start:end], on one line."""
    opening = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - 600), start):
        opening = match.end()
    closing = _SENTENCE_END.search(text, end)
    stop = closing.start() + 1 if closing else len(text)
    return " ".join(text[opening:stop].split())
