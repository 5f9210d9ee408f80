"""Finding the places a text names, in any spelling; resolution.py chooses between places of one name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.core.names import ARTICLE_FORMS, fold
from geo.core.records import ARABIC_LETTER, PlaceKind
from geo.ingest.gazetteer import Entry, Found, Gazetteer, Tier
from geo.ingest.lookups import Lookups
from geo.ingest.notplaces import FACILITY_WORDS
from geo.ingest.spans import Spans
from geo.ingest.titles import PERSON_WORDS

# A word: letters and digits, with apostrophes inside (Ma'arrat, Nu‘man) but not around it,
# and not a possessive 's (Idlib's population).
_WORD = re.compile(r"[^\W_](?:[\w'’‘ʿʾ`]*[^\W_])?(?<!['’]s)")
# What may stand between two words of one name: spaces or a hyphen, never a comma or a full stop.
_JOIN = re.compile(r"^[ \t\u00a0-]{1,3}$")
# English words that are spelt like places once vowels are loosened ("They", "There") or that
# start a sentence before a name ("In Saraqib"): they are never read as part of a name.
_COMMON = frozenset(
    """a about above after again against all along also although among an and another any are
    around as at be because been before being below between both but by can could did do does
    down during each either even every few for from had has have he her here hers him his how
    however i if in into is it its just last later many may me meanwhile might more most much must
    my near neither never next no nor not now of off on once one only or other our out over own
    per since so some still such than that the their them then there these they this those though
    through thus to today too toward towards under until up upon us very was we were what when
    where whether which while who whom whose why will with within without would yesterday yet you
    your death life home people area areas day days week weeks month months year years""".split()
)
# Capitalised words that may stand before a name without being part of it ("Russian Hmeimim").
_QUALIFIERS = frozenset(
    """northern southern eastern western north south east west central rural greater upper lower
    old new russian syrian turkish iraqi lebanese jordanian israeli kurdish""".split()
)
# Marks after which a capital letter only says a sentence or a quotation begins.
_SENTENCE_BREAK = re.compile(r"(?:^|[.!?:;“”\"‘(\[—–-]\s*|\n)\s*$")
# Letters Arabic writes onto the front of a name: wa (and), bi (in), li (for), fa (so).
_CLITICS = "وبلف"
_ARABIC_PLACE_WORDS = frozenset(map(fold, "مدينة بلدة قرية مخيم معبر منطقة في من إلى الى نحو قرب".split()))
# Words after a name that say what sort of place it is.
_REGION_WORDS = frozenset("province governorate countryside region area areas district districts plain".split())
_SETTLEMENT_WORDS = frozenset("city town village villages camp neighbourhood neighborhood".split())
# Words in front of a name that make a place of it ("in Saraqib", "the village of Hass").
_LOCATIVE = frozenset(
    "in at from to near into towards toward outside around across through of between via "
    "inside beyond reach reached entered left fled hit shelled struck bombed".split()
)


@dataclass(frozen=True)
class Word:
    """One word of a text and where it stands."""

    start: int
    end: int
    text: str

    @property
    def named(self) -> bool:
        """Whether the word could be (part of) a name: capitalised, or Arabic script."""
        return self.text[0].isupper() or bool(ARABIC_LETTER.match(self.text))


@dataclass(frozen=True)
class Mention:
    """A run of words in a text that names a place the gazetteer knows."""

    start: int
    end: int
    surface: str
    found: Found
    hint: PlaceKind | None  # REGION after "province", a settlement after "town", else None


@dataclass(frozen=True)
class Resolved:
    """The place chosen for a name, the others it could have been, and why."""

    name: str
    entry: Entry
    candidates: tuple[Entry, ...]
    reason: str


def words(text: str) -> list[Word]:
    """The words of a text, in order."""
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def find_mentions(text: str, gazetteer: Gazetteer, *, skip: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Every place name in a text, longest first where names overlap; spans in `skip` are not read."""
    found: list[Mention] = []
    ws = words(text)
    blocked = Spans(skip)  # sorted once: a scan of every span for each word was quadratic
    names = Lookups(gazetteer)
    i = 0
    while i < len(ws):
        mention = _longest_at(text, ws, i, names, blocked)
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = next((j for j in range(i, len(ws)) if ws[j].start >= mention.end), len(ws))
    return found


def _longest_at(text: str, ws: list[Word], i: int, gazetteer: Lookups, skip: Spans) -> Mention | None:
    """The longest name starting at word i, if any."""
    first = ws[i]
    lower_start = not first.named
    if lower_start and first.text.casefold() in ARTICLE_FORMS and text[first.end : first.end + 1] == "-":
        lower_start = False  # "al-Habit" starts with its article; "at Abu al-Duhur" does not
    if first.text.casefold() in _COMMON and lower_start:
        return None
    if i > 0 and _inside_a_name(text, ws, i):
        return None
    if skip.overlaps(first.start, first.end):
        return None
    # A title or kin name before it makes it a person's name: "Mr Aswad", "Umm Ahmad" are people, not places.
    titled = i > 0 and ws[i - 1].text.casefold() in PERSON_WORDS
    if titled and re.match(r"^\.?\s{1,2}$", text[ws[i - 1].end : first.start]):
        return None
    last = i
    while last + 1 < len(ws) and last + 1 - i < gazetteer.longest and _joined(text, ws[last], ws[last + 1]):
        last += 1
    for j in range(last, i - 1, -1):
        run = ws[i : j + 1]
        if not any(w.named for w in run) or (run[-1].text.casefold() in ARTICLE_FORMS):
            continue
        surface = text[first.start : ws[j].end]
        if all(w.text.casefold() in _QUALIFIERS for w in run):
            continue  # "Syrian state media": an adjective alone names no place, however loosely read
        # A name written in lower case ("western Aleppo", "Harem mountains") must be known
        # exactly as written; only a capitalised one may match a looser spelling.
        loosest = Tier.EXACT if lower_start or not run[-1].named else _loosest(text, ws, i, j)
        arabic = all(ARABIC_LETTER.match(w.text) for w in run)
        if arabic:
            loosest = Tier.SKELETON  # Arabic script has no vowels to loosen: only spaces and a final ha
        hit = gazetteer.lookup(surface, loosest=loosest)
        start = first.start
        if hit is None and arabic and surface[0] in _CLITICS and len(run[0].text) > 3:
            # "وسراقب", "بإدلب": and, in, for are written onto the name.
            start, surface = start + 1, surface[1:]
            hit = gazetteer.lookup(surface, loosest=loosest)
        if hit is None or skip.overlaps(run[0].start, ws[j].end):
            continue
        if not arabic and (_continues(text, ws, j) or _article_name_after(text, ws, j)):
            continue  # the start of a longer name: Jabal al-Zawiya, Tall as Sayyad, Tal Mardikh, Samir Haddad
        if arabic and not _arabic_place_word_before(ws, i):
            hit = _syrian_only(hit)
            if hit is None:
                continue
        following = ws[j + 1].text.casefold() if j + 1 < len(ws) else ""
        return Mention(start, ws[j].end, surface, hit, _hint(following, _before(ws, i)))
    return None


def _continues(text: str, ws: list[Word], j: int) -> bool:
    """Whether the name goes on past word j with another capitalised word or a hyphenated article."""
    if j + 1 >= len(ws) or not _joined(text, ws[j], ws[j + 1]):
        return False
    nxt = ws[j + 1]
    if nxt.text.casefold() in ARTICLE_FORMS:
        return _hyphen_name_after(text, ws, j)
    return nxt.named and nxt.text.casefold() not in _COMMON | _REGION_WORDS | _SETTLEMENT_WORDS | FACILITY_WORDS


def _article_name_after(text: str, ws: list[Word], j: int) -> bool:
    """Whether word j is followed by an article and a capitalised word, unhyphenated: "Tall as Sayyad"."""
    return (
        j + 2 < len(ws)
        and ws[j + 1].text.casefold() in ARTICLE_FORMS
        and not ws[j + 1].named
        and ws[j + 2].named
        and _joined(text, ws[j], ws[j + 1])
        and bool(re.fullmatch(r"[ \t\u00a0]", text[ws[j + 1].end : ws[j + 2].start]))
    )


def _hyphen_name_after(text: str, ws: list[Word], j: int) -> bool:
    """Whether word j is followed by "al-Something", which continues an Arabic name."""
    return (
        j + 2 < len(ws)
        and ws[j + 1].text.casefold() in ARTICLE_FORMS
        and text[ws[j + 1].end : ws[j + 2].start] == "-"
        and ws[j + 2].named
        and _joined(text, ws[j], ws[j + 1])
    )


def _before(ws: list[Word], i: int) -> str:
    """The one or two words before word i, folded: "city of", "town"."""
    return " ".join(w.text.casefold() for w in ws[max(0, i - 2) : i])


def _arabic_place_word_before(ws: list[Word], i: int) -> bool:
    """Whether an Arabic name follows a word that says a place is meant (city, town, village, in, from)."""
    return i > 0 and fold(ws[i - 1].text) in _ARABIC_PLACE_WORDS


def _syrian_only(hit: Found) -> Found | None:
    """The Syrian places of a hit; an Arabic word alone is too often an ordinary word for a town abroad."""
    entries = tuple(e for e in hit.entries if e.country == "SY")
    return Found(hit.tier, entries) if entries else None


def _joined(text: str, a: Word, b: Word) -> bool:
    """Whether two words stand together as parts of one name."""
    return bool(_JOIN.match(text[a.end : b.start]))


def _inside_a_name(text: str, ws: list[Word], i: int) -> bool:
    """Whether word i continues a longer proper name (Hayat Tahrir al-Sham, Mohammad Aswad)."""
    before, first = ws[i - 1], ws[i]
    if before.text.casefold() in ARTICLE_FORMS and text[before.end : first.start] == "-" and i > 1:
        before, first = ws[i - 2], before  # "Tahrir al-Sham": look past the article
    if not _joined(text, before, first) or not before.named or ARABIC_LETTER.match(before.text):
        return False
    word = before.text.casefold()
    return word not in _COMMON and word not in _QUALIFIERS and word not in PERSON_WORDS


def _sentence_start(text: str, word: Word) -> bool:
    """Whether a word opens a sentence, a quotation or a line, where any word has a capital."""
    return bool(_SENTENCE_BREAK.search(text[max(0, word.start - 4) : word.start]))


def _loosest(text: str, ws: list[Word], i: int, j: int) -> Tier:
    """How loose a match to accept, given the words around a name.

    A capital that only opens a sentence, or a word in capitals, proves nothing, so such a
    word must match a known spelling exactly; a consonant skeleton counts only where the
    words before or after say that a place is meant ("in ...", "... village").
    """
    if _sentence_start(text, ws[i]) or ws[i].text.isupper():
        return Tier.EXACT
    before = ws[i - 1].text.casefold() if i > 0 else ""
    after = ws[j + 1].text.casefold() if j + 1 < len(ws) else ""
    placed = before in _LOCATIVE or after in _REGION_WORDS | _SETTLEMENT_WORDS
    return Tier.SKELETON if placed else Tier.SOUND


def _hint(following: str, before: str) -> PlaceKind | None:
    """The kind of place the words around a name point to: "Idlib province", "the city of Idlib"."""
    if following in _REGION_WORDS:
        return PlaceKind.REGION
    if following in _SETTLEMENT_WORDS or re.search(r"\b(?:city|town|village)(?: of)?$", before):
        return PlaceKind.TOWN
    return None
