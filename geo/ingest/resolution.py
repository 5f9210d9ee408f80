"""Choosing the place each mention stands for, in its own context, and refusing to guess far away.

Each mention is resolved apart, as the words around it say: "Idlib city" and "Idlib governorate"
in one article are two places. The rules, in order:

- A country's own name ("Turkey said") is the country, never a village spelt like it.
- "X in Hama Governorate", "X (Hama province)", "X, Idlib": X's candidates are those of that
  governorate; after "in ... Governorate" none there means X is left to place by hand.
- "X province/governorate/countryside/district" is the area, "X city/town/village" the settlement;
  a name called a city, town or village that only an area bears is left to place, never tied to the area.
- Our places come first, then Syria's, then the nearest to the places the text names without doubt
  (exact spellings of one place each), then the most populous.
- A choice is never made silently far from every place the text names without doubt (exact
  spellings of one place each): the name is left to place, with its candidates and their distances.
  How far is far depends on the doubt: FAR_KM when there were namesakes to choose from or only the
  consonants matched; FAR_LOOSE_KM when the sounds matched; FAR_LONE_KM for a GeoNames village or
  town spelt exactly, the only one of its name (Babila near Damascus is not the Babila of an Idlib
  report), and only when the text's other places lie together (a report on one area, not an overview
  that names towns across the country); never for a city, an area or a country.
- A consonant-skeleton match must keep the name's shape: the same last vowel (Sarman is not Sarmin)
  and no more than one vowel more or fewer (al-Sirmaniyeh is not Sarmin).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.core.names import fold
from geo.core.records import PlaceKind
from geo.ingest.gazetteer import Entry, Tier, distance_km
from geo.ingest.mentions import Mention, Resolved
from geo.ingest.nearby import Around, around_each

# How far from every place named without doubt a choice may lie and still be made, by how sure it is.
FAR_KM = 60.0  # namesakes to choose from, or a consonant skeleton
FAR_LOOSE_KM = 150.0  # a spelling of the same sounds
FAR_LONE_KM = 150.0  # the only village or town of a name spelt exactly
# An area whose edge lies further than this from its point says too little of where a text is.
ANCHOR_REACH_M = 40_000
_AREAS = frozenset({PlaceKind.REGION, PlaceKind.MOUNTAINS, PlaceKind.COUNTRY})
_SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE})
# Words after a name that make it an area, or a settlement, and the GeoNames feature an area should have.
_AREA_AFTER = {
    "province": "ADM1",
    "governorate": "ADM1",
    "countryside": "ADM1",
    "district": "ADM2",
    "region": "",
    "area": "",
}
_SETTLEMENT_AFTER = frozenset("city town village camp".split())
# "the city of X", and "west of X": a governorate has no point to measure from.
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:(?:city|town|village)|(?:north|south|east|west)(?:-?(?:east|west))?)\s+of\s+$", re.IGNORECASE
)
# Words that call a name a settlement outright: "Homs city", "the town of Hass" (a compass word does not).
_CALLED_SETTLEMENT_AFTER = frozenset("city town village".split())
# Not "the main town of Jabal Turkman": a word between "the" and "town" may make the name the area around it.
_CALLED_SETTLEMENT_BEFORE = re.compile(r"\bthe\s+(?:city|town|village)\s+of\s+$", re.IGNORECASE)
# "the Idlib town of Saraqib", "the Ghouta villages of ...": the name before is the area that holds them.
_AREA_HOLDING = re.compile(r"\s+(?:cit(?:y|ies)|towns?|villages?|camps?)\s+of\b", re.IGNORECASE)
_AREA_BEFORE = re.compile(r"\b(?:countryside|province|governorate)\s+of\s+$|\brural\s+$", re.IGNORECASE)
# What joins a name to the governorate that holds it: "X, Idlib", "X in Hama Governorate", "X (Homs)".
_HELD_BY = re.compile(
    r"^(?:,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?|\s*\(\s*)"
    r"(?:(?:northern|southern|eastern|western|central|rural|north|south|east|west)\s+)?",
    re.IGNORECASE,
)
_GOVERNED = re.compile(r"^\s*(?:governorate|province)\b", re.IGNORECASE)
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Refusal:
    """A mention ingest would not tie to a place, why not, and the places it might have been."""

    mention: Mention
    reason: str
    candidates: tuple[str, ...]


def resolve_each(text: str, mentions: Sequence[Mention]) -> tuple[list[tuple[Mention, Resolved]], list[Refusal]]:
    """The place each mention stands for, read in its own context, and the mentions left to place."""
    sure = _sure(mentions)
    # Each name's others, each place once, made once a name; a name no sure place bears has them all.
    by_name, everyone = around_each(sure), Around(entry for _, entry in sure)
    # Whether the report is about one area is asked once of all its sure places, not of each name's others.
    together = _together(everyone)
    placed: list[tuple[Mention, Resolved]] = []
    refused: list[Refusal] = []
    for index, mention in enumerate(mentions):
        # A name is placed by the others, never by itself.
        others = by_name.get(fold(mention.surface), everyone)
        choice = _resolve_one(text, mentions, index, others, together=together)
        if isinstance(choice, Refusal):
            refused.append(choice)
        else:
            placed.append((mention, choice))
    return placed, refused


def _sure(mentions: Sequence[Mention]) -> list[tuple[str, Entry]]:
    """The places named without doubt, by the name that names them: one place spelt exactly, or one of
    ours; a small area counts by its middle point ("Jabal al-Zawiya"), a governorate or a country not."""
    sure = []
    for mention in mentions:
        entries = mention.found.entries
        if mention.found.tier is not Tier.EXACT:
            continue
        ours = [e for e in entries if e.ours]
        picked = entries[0] if len(entries) == 1 else (ours[0] if len(ours) == 1 else None)
        if picked is not None and _anchors(picked):
            sure.append((fold(mention.surface), picked))
    return sure


def _anchors(entry: Entry) -> bool:
    """Whether a place is small enough for its point to say where a text is: not a governorate or a country."""
    if entry.kind not in _AREAS:
        return True
    if entry.precision_m is not None:
        return entry.precision_m <= ANCHOR_REACH_M
    return entry.kind is PlaceKind.MOUNTAINS  # one of ours, its reach not known: hills are small, regions not


def _resolve_one(
    text: str, mentions: Sequence[Mention], index: int, others: Sequence[Entry], *, together: bool
) -> Resolved | Refusal:
    """The place of the mention at `index`, or why it is left to place by hand."""
    mention = mentions[index]
    candidates = mention.found.entries
    country = _the_country(mention)
    if country is not None:
        return Resolved(mention.surface, country, candidates, "the name of a country")
    held, strict = _governorate_after(text, mentions, index)
    if held is not None:
        inside = tuple(e for e in candidates if e.admin1 == held)
        if inside:
            candidates = inside
        elif strict:
            return _refusal(mention, f"no place of that name in {held} governorate, where the text puts it", others)
    if mention.found.tier is Tier.SKELETON and not any(_same_shape(mention.surface, e) for e in candidates):
        return _refusal(mention, "spelt only loosely like", others)
    wanted = _wanted_kind(text, mention)
    # A village's name is borne by many villages: one the text names alone, far from the rest, is in doubt.
    limit = _far_limit(mention.found.tier, candidates, together)

    def far(entry: Entry) -> bool:
        return limit is not None and entry.kind not in _AREAS and bool(others) and _nearest(entry, others) > limit

    def rank(entry: Entry) -> tuple[bool, bool, bool, bool, float, int]:
        wrong_kind = wanted is not None and _kind_of(entry) != wanted
        distance = _nearest(entry, others) if others else 0.0
        return (wrong_kind, far(entry), not entry.ours, entry.country != "SY", distance, -entry.population)

    ordered = sorted(candidates, key=rank)
    best = ordered[0]
    if _kind_of(best) == "area" and _called_a_settlement(text, mention):
        # "Homs city" is no countryside: a city the gazetteer lacks is placed by hand, never filed as its area.
        return _refusal(
            mention, "the text calls it a city, town or village, and no settlement of that name is known", others
        )
    if far(best):
        return _refusal(mention, _far_reason(best, others, len(ordered)), others)
    if len(ordered) == 1:
        return Resolved(mention.surface, best, tuple(ordered), "the only place of that name")
    return Resolved(mention.surface, best, tuple(ordered), _why(best, ordered[1], wanted, held, others))


def _far_limit(tier: Tier, candidates: Sequence[Entry], together: bool) -> float | None:
    """How far from the text's other places a candidate may lie before it is doubted; None: any distance."""
    if len(candidates) > 1 or tier is Tier.SKELETON:
        return FAR_KM
    if tier is Tier.SOUND:
        return FAR_LOOSE_KM
    return FAR_LONE_KM if together and _village(candidates[0]) else None


def _together(places: Sequence[Entry]) -> bool:
    """Whether at least two places lie within FAR_KM of each other: the text is about one area."""
    return any(
        distance_km((a.lat, a.lon), (b.lat, b.lon)) <= FAR_KM for i, a in enumerate(places) for b in places[i + 1 :]
    )


def _village(entry: Entry) -> bool:
    """Whether an entry is a GeoNames village or town, whose name others the gazetteer lacks may bear."""
    return not entry.ours and entry.kind in (PlaceKind.VILLAGE, PlaceKind.TOWN)


def _the_country(mention: Mention) -> Entry | None:
    """The country a name is, when it is a country's own name exactly ("Turkey"), not a village like it."""
    if mention.found.tier is not Tier.EXACT:
        return None
    countries = [e for e in mention.found.entries if e.kind is PlaceKind.COUNTRY]
    if not countries:
        return None  # most names are no country's: not folded at all, as a long report's thousands would be
    key = fold(mention.surface)
    return next((e for e in countries if fold(e.name) == key), None)


def _governorate_after(text: str, mentions: Sequence[Mention], index: int) -> tuple[str | None, bool]:
    """The governorate the words right after a mention put it in, and whether they say so outright."""
    if index + 1 >= len(mentions):
        return None, False
    mention, following = mentions[index], mentions[index + 1]
    between = text[mention.end : following.start]
    joined = _HELD_BY.match(between)
    if joined is None or joined.end() != len(between):
        return None, False
    # "Sinjar in Iraq": a country holds a place as a governorate does.
    governorates = {
        e.name if e.kind is PlaceKind.COUNTRY else e.admin1 for e in following.found.entries if _is_governorate(e)
    }
    if len(governorates) != 1:
        return None, False
    outright = "in" in between.casefold().split() and (
        _GOVERNED.match(text[following.end :]) is not None
        or any(w in fold(following.surface).split() for w in ("governorate", "province"))
    )
    return governorates.pop(), outright


def _is_governorate(entry: Entry) -> bool:
    """Whether an entry is a governorate, a country, or the city a governorate is named for."""
    if entry.kind is PlaceKind.COUNTRY:
        return True
    if entry.kind is PlaceKind.REGION and (entry.feature == "ADM1" or entry.ours):
        return True
    return entry.kind is PlaceKind.CITY and fold(entry.name) == fold(entry.admin1)


def _wanted_kind(text: str, mention: Mention) -> str | None:
    """ "area" or "settlement", as the words around a mention say; None when they say nothing."""
    after = re.match(r"^\s+(\w+)", text[mention.end : mention.end + 20])
    word = after.group(1).casefold() if after else ""
    before = text[max(0, mention.start - 30) : mention.start]
    if word in _AREA_AFTER or _AREA_BEFORE.search(before) or _holds_the_next(text, mention):
        return "area"
    if word in _SETTLEMENT_AFTER or _SETTLEMENT_BEFORE.search(before):
        return "settlement"
    if mention.hint is not None:
        return "area" if mention.hint in (PlaceKind.REGION, PlaceKind.MOUNTAINS) else "settlement"
    return None


def _holds_the_next(text: str, mention: Mention) -> bool:
    """Whether a mention is the area that holds the settlement named next: "the Idlib town of Saraqib"."""
    return _AREA_HOLDING.match(text, mention.end) is not None


def _called_a_settlement(text: str, mention: Mention) -> bool:
    """Whether the words right around a mention call it a city, town or village."""
    after = re.match(r"^\s+(\w+)", text[mention.end : mention.end + 20])
    if after is not None and after.group(1).casefold() in _CALLED_SETTLEMENT_AFTER:
        return not _holds_the_next(text, mention)
    return bool(_CALLED_SETTLEMENT_BEFORE.search(text[max(0, mention.start - 30) : mention.start]))


def _kind_of(entry: Entry) -> str:
    """Whether an entry is an area or a settlement."""
    return "area" if entry.kind in _AREAS else "settlement"


def _same_shape(surface: str, entry: Entry) -> bool:
    """Whether a loosely matched name keeps one of the entry's names' last vowel and number of vowels."""
    written = _vowels(surface)
    if not written:
        return True  # Arabic script: no vowels to compare
    for name in entry.names:
        known = _vowels(name)
        if known and abs(len(known) - len(written)) <= 1 and _alike(known[-1], written[-1]):
            return True
    return False


def _vowels(name: str) -> list[str]:
    """The vowel sounds of a name, once folded, article dropped: "al-Sarman" is ["a", "a"]."""
    folded = fold(name)
    if not folded.isascii():
        return []
    # A final e after a consonant is silent, as French spells names: "Sarmine" is Sarmin.
    return _VOWELS.findall(re.sub(r"(?<=[^aeiouy ])e\b", "", folded))


def _alike(a: str, b: str) -> bool:
    """Whether two vowel sounds may be one spelt two ways (a/e, e/i, ee/i, ou/u/o)."""
    classes = [set("ae"), set("ei"), set("iy"), set("ou")]
    a, b = a[0], b[0]
    return a == b or any(a in c and b in c for c in classes)


def _nearest(entry: Entry, others: Sequence[Entry]) -> float:
    """How far, in km, an entry lies from the nearest of some places."""
    if isinstance(others, Around):
        return others.nearest(entry)
    return min(distance_km((entry.lat, entry.lon), (o.lat, o.lon)) for o in others)


def describe(entry: Entry, others: Sequence[Entry] = ()) -> str:
    """A candidate place in words: which record, where, and how far from the text's other places."""
    source = "ours" if entry.ours else f"GeoNames {entry.geonames_id}"
    far = f"; {_nearest(entry, others):.0f} km from the text's other places" if others else ""
    return f"{entry.name} ({entry.kind.value}, {entry.admin1}; {source}; {entry.lat:.4f}, {entry.lon:.4f}{far})"


def _label(entry: Entry) -> str:
    """A place as a reason names it: "Kobani (GeoNames 172256)"."""
    return f"{entry.name} ({'ours' if entry.ours else f'GeoNames {entry.geonames_id}'})"


def _far_reason(best: Entry, others: Sequence[Entry], count: int) -> str:
    """Why a far namesake was not chosen."""
    which = "the only place of that name" if count == 1 else "the nearest place of that name"
    return f"{which}, {_label(best)}, is {_nearest(best, others):.0f} km from the others the report names"


def _refusal(mention: Mention, reason: str, others: Sequence[Entry]) -> Refusal:
    """A mention left to place by hand, with its candidates described."""
    if reason == "spelt only loosely like":
        reason = f"spelt only loosely like {', '.join(_label(e) for e in mention.found.entries[:3])}"
    return Refusal(mention, reason, tuple(describe(e, others) for e in mention.found.entries))


def _why(best: Entry, second: Entry, wanted: str | None, held: str | None, others: Sequence[Entry]) -> str:
    """Why the first candidate was chosen over the second."""
    if wanted is not None and _kind_of(best) != _kind_of(second):
        return f"the text calls it {'a region' if wanted == 'area' else 'a settlement'}"
    if held is not None and best.admin1 == held != second.admin1:
        return f"the text puts it in {held} governorate"
    if best.ours and not second.ours:
        return "already one of our places"
    if others:
        return f"nearest to the other places the text names ({_nearest(best, others):.0f} km)"
    return "the most populous"
