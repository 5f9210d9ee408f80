"""Names that no gazetteer holds but that the words around them show to be places.

Reports name villages the gazetteer has never heard of, and name them in ways that say they
are places: after a word of place ("in Kafr Sajna", "shelled Hish"), as "the village of X", "X
camp", "north of X", "X, in the southern countryside", "X-based", in a list with a known place
("Hish, Kafr Sajna and Maarat al-Numan"), with the first word of an Arabic place name
("Tal Mardikh", "Khirbet al-Joz"), or as the subject of what befalls a place and hardly ever a
person ("Sarmada was shelled", "Talmenes fell to government forces"). Each is found here with the
reason it was taken for a place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.core.names import fold
from geo.ingest.mentions import Mention
from geo.ingest.notplaces import glued_adjective, is_noise, titled
from geo.ingest.placewords import place_first_words_pattern
from geo.ingest.spans import Spans, Starts
from geo.ingest.stretches import Stretches

_ART = r"(?:al|el|ul|an|ar|as|ash|at|ath|ad|adh|az|ed|en|er|es|esh|et|ez)"
_CAP = r"[A-Z\u00C0-\u00DE][\w'’‘ʿʾ]*"
# One word of a name: "Sarmada", "al-Bara", "Ma'arrat", "Deir ez-Zor" (two words), "Jisr al-Shughur".
_PART = rf"(?:{_ART}-)?{_CAP}(?:-(?:{_ART}-)?{_CAP})*"
# A name of up to four words; an unhyphenated article may stand inside it ("Tall as Sayyad").
_GAP = r"(?:[ \t\u00a0]+|[ \t]*\n[ \t]*)"  # spaces, or one line break: never a blank line
# The first words of Arabic place names: a village, a hill, a ruin, a spring, a monastery ...
_PREFIXES = place_first_words_pattern()
# Such a word and a name whose article, hyphenated, is followed by a lower-case letter: "Tell al-dahruj",
# "Kafr Al-sajna". Elsewhere "al-" and a lower-case word begin no name.
_PREFIXED = rf"(?:{_PREFIXES}){_GAP}(?i:{_ART})-[a-z\u00DF-\u00FF][\w'’‘ʿʾ]*(?:-(?:{_ART}-)?{_CAP})*"
# A name opens with a capital or an article and a hyphen: looked ahead for first, a regex that begins with
# a name gives up at once at the many places no name starts.
_OPENS = r"(?=[A-Z\u00C0-\u00DE]|[aeu][a-z]{1,2}-)"
NAME = rf"{_OPENS}(?:{_PREFIXED}|{_PART})(?:(?:{_GAP}|{_GAP}{_ART}{_GAP}){_PART}){{0,3}}"
_ITEM = rf"(?P<item>{NAME})"
# An apposition between two names of a list, in lower case after "the" or "a": ", the largest town in
# the area,". One that opens with a verb (", killing two,") is a clause, and ends the list.
_APPOSITION = r"(?:,\s*(?:the|a|an)(?:\s+[a-z][\w'’-]*){1,8})"
# A list of names: "Hish", "Hish and Kafr Sajna", "Hish, Kafr Sajna, and Maar Shamarin", and with an
# apposition after a name: "Kafr Nabl, Hass, the largest town in the area, and Kansafra".
_LIST = rf"{NAME}(?:{_APPOSITION}?\s*,\s*(?:and\s+)?{NAME})*(?:{_APPOSITION}?,?\s+(?:and|or)\s+{NAME})?"

# Words after which a place is named, and the reason given for the names after them.
_LOCATIVE = (
    r"[Ii]n|near|[Nn]ear|from|[Ff]rom|outside|[Oo]utside|towards?|into|around|[Aa]round|at|to|via|across|"
    r"through|between|inside|beyond|reached|entered|hit|shelled|struck|bombed|targeted|stormed|captured|"
    r"seized|recaptured|besieged|raided|attacked|overran|took|retook|taken|retaken|shelling|bombardment\s+of|"
    r"(?:strikes?|raids?|attacks?|assault|offensive|advance|advanced|shelling)\s+on"
)
_AREA_OF = (
    r"(?:the\s+)?(?:villages?|towns?|cit(?:y|ies)|camps?|areas?|countryside|outskirts|suburbs?|"
    r"neighbou?rhoods?|districts?|sub-?districts?|regions?|hills?|plains?|mountains?|localit(?:y|ies)|"
    r"hamlets?|farms|municipalit(?:y|ies)|settlements?|vicinity|environs)\s+of"
)
_COMPASS = r"(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of"
_AFTER_WORDS = (
    r"village|villages|town|camp|camps|countryside|district|sub-?district|area|crossing|neighbou?rhood|hill|"
    r"hills|airport|air\s+base|airbase|military\s+base|plain|mountains?|region|checkpoint|outskirts|dam|junction"
)
# What an apposition calls a place: "Mozra, a hill village in Jabal al-Zawiya".
_SETTLEMENT_NOUNS = r"village|villages|town|city|camp|hamlet|suburb|district|neighbou?rhood|hill|crossing"

# What befalls a place and hardly ever a person: "Sarmada was shelled", "Hish came under shelling", "X fell
# to". What befalls people too (hit, struck, targeted, captured, evacuated, came under fire) is left out.
_BEFALLS_A_PLACE = (
    r"(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:heavily|repeatedly|again|also|briefly|largely|"
    r"almost\s+entirely|entirely)\s+)?(?:shelled|bombed|bombarded|pounded|besieged|recaptured|retaken|overrun|encircled|"
    r"razed|flattened|depopulated|emptied)|came\s+under\s+(?:heavy\s+|renewed\s+)?(?:shelling|bombardment|"
    r"artillery\s+fire|siege)|fell\s+to(?!\s+(?:his|her|their|its|the\s+ground|the\s+floor)\b))\b"
)

_SUBJECT = re.compile(rf"(?P<list>{_LIST})\s+{_BEFALLS_A_PLACE}")
_BEFALLS = re.compile(_BEFALLS_A_PLACE)
_SUBJECT_REASON = "shelled, besieged or taken, as a place is"
# A person in the rest of the sentence: "Aswad was besieged in his home" is no village.
_PERSONAL = re.compile(r"[^.!?\n]*?\b(?:he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)
# One word ("Sarmada", "al-Tamanah") or a name with an article in it: two bare capitalised words are
# more often a person ("Mohammad Aswad") than a village.
_LONE_NAME = re.compile(rf"^(?:{_PART}|.*\b{_ART}[-\s].*)$")

# The patterns that find places by their context, each with the reason it gives and, for one that
# begins with a name, the words it ends with: it runs only where they occur (see stretches.py).
_CONTEXTS: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None], ...] = (
    (re.compile(rf"\b(?:{_AREA_OF})\s+(?P<list>{_LIST})"), "named as a village, town or area", None),
    (
        re.compile(rf"\b{_COMPASS}\s+(?P<list>{_LIST})"),
        "a place others are located from",
        re.compile("north|south|east|west"),
    ),
    (re.compile(rf"\b(?:{_LOCATIVE})\s+(?P<list>{_LIST})"), "named after a word of place", None),
    (
        re.compile(rf"(?P<list>{NAME})\s+(?:{_AFTER_WORDS})\b"),
        "named as a village, town or area",
        re.compile(rf"\s+(?:{_AFTER_WORDS})\b"),
    ),
    (
        re.compile(rf"(?P<list>{NAME}),\s+(?:in|near|outside|{_COMPASS})\b"),
        "located by the words after it",
        re.compile(rf",\s+(?:in|near|outside|{_COMPASS})\b"),
    ),
    (
        re.compile(rf"(?<![\w-])(?P<list>(?:{_PREFIXES})(?:{_GAP}{_ART})?{_GAP}{NAME})"),
        "an Arabic place name",
        None,
    ),
    (
        re.compile(rf"(?P<list>{NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{_SETTLEMENT_NOUNS})\b"),
        "called a village or town",
        re.compile(rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{_SETTLEMENT_NOUNS})\b"),
    ),
)
_BASED = re.compile(rf"(?P<list>{NAME})-based\b")
_BASED_WORD = re.compile(r"-based\b")
# A list anywhere: kept only where one of its names is a known place.
# "A, the town nearest the front, and B and C": the "and"s may repeat, or B would be taken and C left apart.
_ANY_LIST = re.compile(rf"(?P<list>{NAME}(?:{_APPOSITION}?\s*,\s*{NAME})*(?:{_APPOSITION}?,?\s+(?:and|or)\s+{NAME})+)")
_LIST_JOIN = re.compile(r"\s(?:and|or)\s")
_NAMES = re.compile(NAME)
# Words a name may open with that are not part of it, or close with.
_LEADING = re.compile(r"^(?:The|Northern|Southern|Eastern|Western|Central|Rural|Greater|Upper|Lower|Old|New)\s+")
# A place's facilities name the place they are in: "Sednaya Prison" is in Sednaya.
_TRAILING = re.compile(
    r"\s+(?:Village|Town|City|Camp|Camps|Countryside|Province|Governorate|District|Area|Region|Crossing|"
    r"Hospital|Mosque|Market|School|Prison|Bakery|Airport|Airbase|Base|Dam|Bridge|Road|Highway|Square|"
    r"Station|Roundabout|Checkpoint|Hill|Hills|Mountain|Mountains|Plain|Valley)$"
)
_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;“”\"(\[—–]\s*|\n)\s*$")
_ENGLISH = frozenset(
    """a an the and or but in on at of to for from by with as is was were are be been it its this that these those
    he she they we you i his her their our my your who which what when where while after before during since until
    about above below over under between into through against among around near despite meanwhile however
    overnight later earlier today yesterday tomorrow elsewhere also then there here yet still some many most all
    several both each every no not one two three four five six seven eight nine ten dozens hundreds thousands
    residents civilians families people rebels fighters troops forces government regime activists witnesses
    sources officials medics doctors monitors children women men locals villagers displaced aid shelling strikes
    air airstrikes fighting clashes according nobody everyone everybody someone somebody anyone anybody nothing
    everything none""".split()
)


@dataclass(frozen=True)
class Candidate:
    """A name the words around it show to be a place, where it stands, and why it was taken for one."""

    start: int
    end: int
    name: str
    reason: str


def candidate_names(text: str, mentions: Sequence[Mention], skip: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
    """Names the text shows to be places that no mention covers, in the order they first appear."""
    found: dict[str, Candidate] = {}
    named, said = Spans((m.start, m.end) for m in mentions), Spans(skip)  # bisected, not scanned per name
    for span_start, span_end, reason in _spans(text, mentions):
        for start, end in _items(text, span_start, span_end):
            start, end = _trimmed(text, start, end)
            if end <= start:
                continue
            name = " ".join(text[start:end].split())
            overlaps = named.overlaps(start, end)
            if overlaps or said.overlaps(start, end) or not _placelike(text, start, end):
                continue
            if reason == _SUBJECT_REASON and not _LONE_NAME.match(name):
                continue
            key = fold(name)
            if key not in found or start < found[key].start:
                found[key] = Candidate(start, end, name, found[key].reason if key in found else reason)
    for match in Stretches(text).triggered(_BASED, _BASED_WORD):
        start, end = _trimmed(text, *match.span("list"))
        name = " ".join(text[start:end].split())
        if end > start and not is_noise(name) and not said.overlaps(start, end):
            # It says where a speaker or a group is based, not where anything happened.
            found[fold(name)] = Candidate(start, end, name, f"{name}-based")
    return sorted(found.values(), key=lambda c: c.start)


def _spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """The stretches of text that hold place names, each with the reason they do."""
    stretches = Stretches(text)
    spans = [
        (m.start("list"), m.end("list"), reason)
        for pattern, reason, ending in _CONTEXTS
        for m in (pattern.finditer(text) if ending is None else stretches.triggered(pattern, ending))
    ]
    spans += [
        (m.start("list"), m.end("list"), _SUBJECT_REASON)
        for m in stretches.triggered(_SUBJECT, _BEFALLS)
        if not _PERSONAL.match(text, m.end())
    ]
    held = Starts([(m.start, m.end) for m in mentions])
    # A list is joined by an "and" or an "or", and kept only where it holds a known place: the
    # stretches without both are not searched.
    known = {stretches.holding(m.start) for m in mentions}
    joins = (hit.start() for hit in _LIST_JOIN.finditer(text) if stretches.holding(hit.start()) in known)
    for match in stretches.finditer(_ANY_LIST, joins):
        start, end = match.span("list")
        if held.within(start, end):
            spans.append((start, end, "in a list with a known place"))
    return spans


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of a list, each where it stands; the first is dropped if it only opens the sentence."""
    items = [(start + m.start(), start + m.end()) for m in _NAMES.finditer(text[start:end])]
    if len(items) > 1 and _opens_sentence(text, items[0][0]) and text[items[0][1] : items[0][1] + 1] == ",":
        if " " not in text[items[0][0] : items[0][1]]:
            items = items[1:]  # "Overnight, Hish and Saraqib were shelled": the adverb opens the sentence
    return items


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A name without a leading "The"/"Northern" or a trailing "Village"/"Camp"."""
    name = text[start:end]
    while lead := _LEADING.match(name):
        start += lead.end()
        name = text[start:end]
    if tail := _TRAILING.search(name):
        end -= len(name) - tail.start()
    return start, end


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a word opens a sentence, where any word has a capital."""
    return bool(_SENTENCE_BREAK.search(text[max(0, start - 4) : start]))


def _placelike(text: str, start: int, end: int) -> bool:
    """Whether a name could be a place: not noise, not a person, not an English word opening a sentence."""
    name = text[start:end]
    if is_noise(name) or titled(text, start) or glued_adjective(text, end):
        return False
    if text[end : end + 2] in ("'s", "’s") and is_noise(name + "s"):
        return False
    words = name.split()
    if fold(words[0]) in _ENGLISH or name.casefold() in _ENGLISH:
        return False
    return not (len(name) < 3 or name.isdigit())
