"""A governorate named before the village or town it holds: "the Hama village of Kafr Nabuda"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from geo.core.records import PlaceKind
from geo.ingest.gazetteer import Entry, Found, Gazetteer, Tier
from geo.ingest.mentions import Mention

# The last word of the name of our place that stands for a governorate ("Idlib province").
_GOVERNORATE_WORDS = frozenset({"province", "governorate"})
# What stands between a governorate's name and the place it holds: "the Idlib town of", "the Hama
# villages of". Not "city": "the Aleppo city of" is no way to write anything.
HOLDING_NEXT = re.compile(r"\s+(?:villages?|towns?|hamlets?|camps?)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def holds_next(text: str, mention: Mention) -> bool:
    """Whether the words after a mention make it the area holding the place named next."""
    return HOLDING_NEXT.match(text, mention.end) is not None


def as_holder(mention: Mention, gazetteer: Gazetteer) -> Mention:
    """A mention that holds the place named next, as the governorate it names.

    "The Damascus town of Douma" is in the Damascus countryside, Rif Dimashq, a governorate of its
    own; any other governorate's countryside is the governorate itself, or one of our areas within it.
    """
    for form in ("{} countryside", "{} province"):
        found = gazetteer.lookup(form.format(mention.surface), loosest=Tier.EXACT)
        if found is not None and (form.endswith("province") or all(e.feature == "ADM1" for e in found.entries)):
            return replace(mention, found=found)
    return mention


def governorate_of(mention: Mention) -> str | None:
    """The governorate a mention names, once read as one ("Hama" before "village of"); else None.

    Only a governorate: "the Eastern Ghouta town of X" names a region, whose villages the
    gazetteer does not file under it.
    """
    areas = {e.admin1 for e in mention.found.entries if _is_governorate(e)}
    return areas.pop() if len(areas) == 1 and len(mention.found.entries) == 1 else None


def _is_governorate(entry: Entry) -> bool:
    """Whether an entry is a governorate: GeoNames' first-order division, or ours that carries "X province"."""
    if entry.kind is not PlaceKind.REGION or not entry.admin1:
        return False
    return entry.feature == "ADM1" or any(n.split()[-1].casefold() in _GOVERNORATE_WORDS for n in entry.names if n)


def held_by_governorates(
    text: str, mentions: Sequence[Mention]
) -> tuple[list[Mention], list[tuple[Mention, str, tuple[str, ...]]]]:
    """The mentions, each held by a governorate named before it narrowed to that governorate's places;
    and those with no place of their name there, each with why it is left to place and its candidates.

    "The Hama village of Kafr Zita" is a Kafr Zita of Hama: one elsewhere is another village.
    """
    kept: list[Mention] = []
    refused: list[tuple[Mention, str, tuple[str, ...]]] = []
    for index, mention in enumerate(mentions):
        held = _holder(text, mentions, index)
        if held is None:
            kept.append(mention)
            continue
        inside = tuple(e for e in mention.found.entries if e.admin1 == held)
        if inside:
            kept.append(replace(mention, found=Found(mention.found.tier, inside)))
        else:
            where = tuple(f"{e.name} ({e.kind.value}, {e.admin1})" for e in mention.found.entries)
            refused.append((mention, f"no place of that name in {held} governorate, where the text puts it", where))
    return kept, refused


def _holder(text: str, mentions: Sequence[Mention], index: int) -> str | None:
    """The governorate the words right before a mention put it in ("the Hama village of X"), if any."""
    if index == 0:
        return None
    before = mentions[index - 1]
    joined = HOLDING_NEXT.match(text, before.end)
    if joined is None or joined.end() != mentions[index].start:
        return None
    return governorate_of(before)
