"""Finding the places a text names, in any spelling; resolution.py chooses between places of one name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.core.names import ARTICLE_FORMS, fold
from geo.core.records import ARABIC_LETTER, PlaceKind
from geo.ingest import placewords
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
# Words that begin the names of many villages and say what the place is (placewords.py). Alone, one
# is sometimes a town's name too ("Tall" is At Tall, by Damascus), so before another name ("Tell
# Dahruj") it only starts that name, however the name goes on.
_GENERIC_FIRST_WORDS = placewords.FOLDED
# What may stand between such a word and the name it starts: spaces, a hyphen or a dash, and one line break.
_GENERIC_GAP = re.compile(r"[ \t\u00a0\u2010-\u2014-]*(?:\r?\n[ \t\u00a0]*)?")
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


def find_mentions(text: str, gazetteer: Gazetteer, *, skip: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Every place name in a text, longest first where names overlap; spans in `skip` are not read."""
    found: list[Mention] = []
    scan = _Scan(text, Lookups(gazetteer), Spans(skip))  # skip sorted once: a scan of every span per word was quadratic
    starts, count = scan.starts, len(scan.starts)
    i = 0
    while i < count:
        mention = None if scan.hopeless[i] else scan.longest_at(i)
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = next((j for j in range(i, count) if starts[j] >= mention.end), count)
    return found


class _Scan:
    """A text's words with what the scan asks of each, worked out once rather than once per run of words.

    A run of up to `longest` words starts at every word: asked per run, whether a word is
    capitalised, folded or joined to the next cost a long article seconds. The words are
    lists of plain numbers and strings, not an object each: the garbage collector walks every
    object a long article's hundred thousand words would make, again and again.
    """

    def __init__(self, text: str, gazetteer: Lookups, skip: Spans):
        self.text, self.gazetteer, self.skip = text, gazetteer, skip
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.texts: list[str] = []
        # A report repeats a few thousand words: each is held once, however often it is written.
        held: dict[str, str] = {}
        for match in _WORD.finditer(text):
            start, end = match.span()
            self.starts.append(start)
            self.ends.append(end)
            self.texts.append(held.setdefault(match.group(), match.group()))
        casefolded = {word: word.casefold() for word in held}
        self.cf = [casefolded[word] for word in self.texts]
        self.arabic = [bool(ARABIC_LETTER.match(word)) for word in self.texts]
        # Whether each word could be (part of) a name: capitalised, or Arabic script.
        self.named = [word[0].isupper() or arabic for word, arabic in zip(self.texts, self.arabic, strict=True)]
        # joined[k]: words k and k + 1 stand together as parts of one name.
        gaps = [text[end:start] for end, start in zip(self.ends, self.starts[1:], strict=False)]
        joins = {gap: bool(_JOIN.match(gap)) for gap in set(gaps)}  # most gaps are one space: each matched once
        self.joined = [joins[gap] for gap in gaps]
        # reach[k]: the last word of the run of joined words that word k is in.
        self.reach = list(range(len(self.texts)))
        for k in range(len(self.texts) - 2, -1, -1):
            if self.joined[k]:
                self.reach[k] = self.reach[k + 1]
        # The first word at or after each that is named, not an adjective, not Arabic: a run
        # from word i to j holds a named word if the first named one is at most j, and so on.
        self.next_named = _next_where(self.named)
        self.next_unqualifying = _next_where([c not in _QUALIFIERS for c in self.cf])
        self.next_latin = _next_where([not arabic for arabic in self.arabic])
        self._folded: dict[str, str] = {}
        # Most words are lower case and begin no name: told apart at once, before the checks a name's start needs.
        # What a lower-case word is asked alone is asked once a distinct word.
        lost = {word: self._begins_nothing(word) for word in held if not word[0].isupper()}
        self.hopeless = [
            not named
            and lost[word]
            and not (self.cf[k] in ARTICLE_FORMS and text[self.ends[k] : self.ends[k] + 1] == "-")
            for k, (word, named) in enumerate(zip(self.texts, self.named, strict=True))
        ]

    def folded(self, k: int) -> str:
        """Word k folded, as the gazetteer's exact keys are: a run's key is its words' folds, joined."""
        word = self.texts[k]
        if word not in self._folded:
            self._folded[word] = fold(word)
        return self._folded[word]

    def _begins_nothing(self, word: str) -> bool:
        """Whether a word, in lower case, is a common word or begins no name known exactly as folded."""
        if word.casefold() in _COMMON:
            return True
        beginnings = self.gazetteer.beginnings
        if word not in self._folded:
            self._folded[word] = fold(word)
        folded = self._folded[word]
        return beginnings is not None and bool(folded) and folded not in beginnings

    def exact_ends(self, i: int, last: int) -> set[int]:
        """The words j up to `last` at which a run from word i may be a name known exactly as folded.

        The folds of words i to j begin a known name only if those of words i to j - 1 do (or
        fold to nothing, as an article alone does): the walk stops at the first run that begins none.
        """
        beginnings = self.gazetteer.beginnings
        if beginnings is None:
            return set(range(i, last + 1))
        ends, key = set(), ""
        for j in range(i, last + 1):
            part = self.folded(j)
            key = f"{key} {part}" if key and part else key or part
            if not key:
                continue
            if key not in beginnings:
                break
            ends.add(j)
        return ends

    def longest_at(self, i: int) -> Mention | None:
        """The longest name starting at word i, if any."""
        text, cf, named, gazetteer, skip = self.text, self.cf, self.named, self.gazetteer, self.skip
        start, word = self.starts[i], self.texts[i]
        lower_start = not named[i]
        if lower_start and cf[i] in ARTICLE_FORMS and text[self.ends[i] : self.ends[i] + 1] == "-":
            lower_start = False  # "al-Habit" starts with its article; "at Abu al-Duhur" does not
        if cf[i] in _COMMON and lower_start:
            return None
        last = min(self.reach[i], i + gazetteer.longest - 1)
        # A capital that only opens a sentence, or a word in capitals, proves nothing (see _loosest).
        opening = not lower_start and (self._sentence_start(i) or word.isupper())
        exact_ends: set[int] | None = None
        if (lower_start or opening) and not self.arabic[i]:
            # Every run from here is looked up exactly as written: none is a name unless its words begin one.
            exact_ends = self.exact_ends(i, last)
            if not exact_ends:
                return None
        if i > 0 and self._inside_a_name(i):
            return None
        if skip.overlaps(start, self.ends[i]):
            return None
        # A title or kin name before it makes it a person's name: "Mr Aswad", "Umm Ahmad" are people, not places.
        if i > 0 and cf[i - 1] in PERSON_WORDS and re.match(r"^\.?\s{1,2}$", self._gap(i - 1)):
            return None
        for j in range(last, i - 1, -1):
            if self.next_named[i] > j or cf[j] in ARTICLE_FORMS:
                continue  # no word of the run is named, or it ends with an article
            if self.next_unqualifying[i] > j:
                continue  # "Syrian state media": an adjective alone names no place, however loosely read
            # A name written in lower case ("western Aleppo", "Harem mountains") must be known
            # exactly as written; only a capitalised one may match a looser spelling.
            loosest = Tier.EXACT
            if not lower_start and named[j]:
                loosest = _loosest(opening, cf[i - 1] if i > 0 else "", cf[j + 1] if j + 1 < len(cf) else "")
            arabic = self.next_latin[i] > j
            if arabic:
                loosest = Tier.SKELETON  # Arabic script has no vowels to loosen: only spaces and a final ha
            if loosest is Tier.EXACT:
                if exact_ends is None:
                    exact_ends = self.exact_ends(i, last)
                if j not in exact_ends:
                    continue  # its words begin no name the gazetteer knows: the lookup would find nothing
            end = self.ends[j]
            surface = text[start:end]
            hit = gazetteer.lookup(surface, loosest=loosest)
            at = start
            if hit is None and arabic and surface[0] in _CLITICS and len(word) > 3:
                # "وسراقب", "بإدلب": and, in, for are written onto the name.
                at, surface = start + 1, surface[1:]
                hit = gazetteer.lookup(surface, loosest=loosest)
            if hit is None or skip.overlaps(start, end):
                continue
            if not arabic and (self._continues(j) or self._article_name_after(j)):
                continue  # the start of a longer name: Jabal al-Zawiya, Tall as Sayyad, Tal Mardikh, Samir Haddad
            if j == i and self._generic_before_a_name(j):
                continue  # "Tell Dahruj", "Tell Al Dahruj", "Kafr\nDahruj": a village's name, not At Tall
            if arabic and not self._arabic_place_word_before(i):
                hit = _syrian_only(hit)
                if hit is None:
                    continue
            following = cf[j + 1] if j + 1 < len(cf) else ""
            return Mention(at, end, surface, hit, _hint(following, self._before(i)))
        return None

    def _gap(self, k: int) -> str:
        """What stands between word k and the next."""
        return self.text[self.ends[k] : self.starts[k + 1]]

    def _inside_a_name(self, i: int) -> bool:
        """Whether word i continues a longer proper name (Hayat Tahrir al-Sham, Mohammad Aswad)."""
        before = i - 1
        if self.cf[before] in ARTICLE_FORMS and self._gap(before) == "-" and i > 1:
            before = i - 2  # "Tahrir al-Sham": look past the article
        if not self.joined[before] or not self.named[before] or self.arabic[before]:
            return False
        word = self.cf[before]
        return word not in _COMMON and word not in _QUALIFIERS and word not in PERSON_WORDS

    def _continues(self, j: int) -> bool:
        """Whether the name goes on past word j with another capitalised word or a hyphenated article."""
        if j + 1 >= len(self.cf) or not self.joined[j]:
            return False
        following = self.cf[j + 1]
        if following in ARTICLE_FORMS:
            return self._hyphen_name_after(j)
        return self.named[j + 1] and following not in _COMMON | _REGION_WORDS | _SETTLEMENT_WORDS | FACILITY_WORDS

    def _generic_before_a_name(self, j: int) -> bool:
        """Whether word j is a generic first word (Tell, Kafr, Jabal) that another name follows, however written.

        A line break or a dash may stand between them, and the name may go on with an article
        in any case, with a hyphen ("al-dahruj") or before a capitalised word ("Al Dahruj").
        """
        if self.folded(j) not in _GENERIC_FIRST_WORDS or j + 1 >= len(self.cf):
            return False
        if not self._gap(j) or not _GENERIC_GAP.fullmatch(self._gap(j)):
            return False
        following = self.cf[j + 1]
        if self.arabic[j]:
            return self.arabic[j + 1] and fold(self.texts[j + 1]) not in _ARABIC_PLACE_WORDS
        if following in ARTICLE_FORMS and j + 2 < len(self.cf):
            gap = self._gap(j + 1)
            return gap in ("-", "\u2010", "\u2011") or (gap in (" ", "\u00a0") and self.named[j + 2])
        return self.named[j + 1] and following not in _COMMON | _REGION_WORDS | _SETTLEMENT_WORDS | FACILITY_WORDS

    def _article_name_after(self, j: int) -> bool:
        """Whether word j is followed by an article and a capitalised word, unhyphenated: "Tall as Sayyad"."""
        return (
            j + 2 < len(self.cf)
            and self.cf[j + 1] in ARTICLE_FORMS
            and not self.named[j + 1]
            and self.named[j + 2]
            and self.joined[j]
            and bool(re.fullmatch(r"[ \t\u00a0]", self._gap(j + 1)))
        )

    def _hyphen_name_after(self, j: int) -> bool:
        """Whether word j is followed by "al-Something", which continues an Arabic name."""
        return (
            j + 2 < len(self.cf)
            and self.cf[j + 1] in ARTICLE_FORMS
            and self._gap(j + 1) == "-"
            and self.named[j + 2]
            and self.joined[j]
        )

    def _before(self, i: int) -> str:
        """The one or two words before word i, case folded: "city of", "town"."""
        return " ".join(self.cf[max(0, i - 2) : i])

    def _arabic_place_word_before(self, i: int) -> bool:
        """Whether an Arabic name follows a word that says a place is meant (city, town, village, in, from)."""
        return i > 0 and fold(self.texts[i - 1]) in _ARABIC_PLACE_WORDS

    def _sentence_start(self, i: int) -> bool:
        """Whether word i opens a sentence, a quotation or a line, where any word has a capital."""
        start = self.starts[i]
        return bool(_SENTENCE_BREAK.search(self.text[max(0, start - 4) : start]))


def _next_where(flags: Sequence[bool]) -> list[int]:
    """For each position, the first position at or after it whose flag is set; len(flags) if none is."""
    found, nearest = [0] * len(flags), len(flags)
    for k in range(len(flags) - 1, -1, -1):
        if flags[k]:
            nearest = k
        found[k] = nearest
    return found


def _syrian_only(hit: Found) -> Found | None:
    """The Syrian places of a hit; an Arabic word alone is too often an ordinary word for a town abroad."""
    entries = tuple(e for e in hit.entries if e.country == "SY")
    return Found(hit.tier, entries) if entries else None


def _loosest(opening: bool, before: str, after: str) -> Tier:
    """How loose a match to accept, given the words around a name.

    A capital that only opens a sentence, or a word in capitals, proves nothing, so such a
    word must match a known spelling exactly; a consonant skeleton counts only where the
    words before or after say that a place is meant ("in ...", "... village"). `opening`: the
    name's first word opens a sentence or is in capitals; `before`, `after`: the words around
    it, case folded.
    """
    if opening:
        return Tier.EXACT
    placed = before in _LOCATIVE or after in _REGION_WORDS | _SETTLEMENT_WORDS
    return Tier.SKELETON if placed else Tier.SOUND


def _hint(following: str, before: str) -> PlaceKind | None:
    """The kind of place the words around a name point to: "Idlib province", "the city of Idlib"."""
    if following in _REGION_WORDS:
        return PlaceKind.REGION
    if following in _SETTLEMENT_WORDS or re.search(r"\b(?:city|town|village)(?: of)?$", before):
        return PlaceKind.TOWN
    return None
