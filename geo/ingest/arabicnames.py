"""Names in Arabic script that their first word shows to be places: "تل مرديخ", "كفر عويد", "خربة الجوز"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.core.names import fold
from geo.core.records import ARABIC_LETTER
from geo.ingest.candidates import Candidate
from geo.ingest.mentions import Mention
from geo.ingest.placewords import ARABIC_FIRST_WORDS
from geo.ingest.spans import Spans

REASON = "an Arabic place name"
# The first words that make a place of the name after them. Left out: those that begin people's
# names (أم، أبو، شيخ) and those that are as often a common noun before a word that is no name:
# باب (a door), خان (an inn), قلعة (a castle), رأس (a head), بيت (a house), بئر (a well).
_NOT_ALONE = frozenset("أم أبو شيخ باب خان قلعة رأس بيت بئر".split())
_FIRST_WORDS = tuple(w for w in ARABIC_FIRST_WORDS if w not in _NOT_ALONE)
# Arabic letters of a word, with the marks that may be written on them.
_WORD = r"[\u0621-\u064A\u0671-\u06D3][\u0621-\u065F\u0670-\u06D3\u0640]*"
# A first word, after the letters Arabic writes onto a word's front (و and, ب in, ل for, ف so), and
# the one word of the name after it: "وكفر عويد" is "كفر عويد".
_NAME = re.compile(
    rf"(?<![\u0621-\u06D3])[وبلف]?(?P<name>(?:{'|'.join(_FIRST_WORDS)})\s+(?P<rest>{_WORD}))(?![\u0621-\u06D3])"
)
# Words that follow a first word and are no name: "عين على", "جبل من".
_NOT_A_NAME = frozenset(
    fold(w)
    for w in (
        "في من إلى الى على عن مع بعد قبل منذ حتى عند بين "
        "هذا هذه ذلك تلك التي الذي الذين هو هي هم كل أو ثم قد لا لم لن ما"
    ).split()
)


def arabic_names(
    text: str, mentions: Sequence[Mention], skip: Sequence[tuple[int, int]] = ()
) -> tuple[list[Mention], list[Candidate]]:
    """Arabic names that begin with a word of place (تل، كفر، جبل، دير، عين، خربة ...) and no mention
    covers whole, and the mentions without those of a name after such a word.

    "تل الكرامة" is a village of its own, not al-Karama: the mention of the name after the first
    word is dropped and the whole is a name to place, as "Tell Karama" is.
    """
    if not ARABIC_LETTER.search(text):
        return list(mentions), []
    said = Spans(skip)
    starts = {m.start: m for m in mentions}
    held = Spans((m.start, m.end) for m in mentions)
    inner: set[int] = set()
    found: dict[str, Candidate] = {}
    for match in _NAME.finditer(text):
        start, end = match.span("name")
        rest = match.start("rest")
        if fold(match.group("rest")) in _NOT_A_NAME or said.overlaps(start, end) or held.overlaps(start, rest):
            continue  # no name, a speaker's, or a name the gazetteer knows whole ("جبل الزاوية")
        if rest in starts:
            inner.add(rest)
            end = max(end, starts[rest].end)
        name = " ".join(text[start:end].split())
        found.setdefault(fold(name), Candidate(start, end, name, REASON))
    return [m for m in mentions if m.start not in inner], list(found.values())
