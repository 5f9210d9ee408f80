"""Where an excerpt stands in its article: the verbatim check behind every quote we show."""

from __future__ import annotations

import re
from bisect import bisect_right

# Typographic quotes are folded to their plain forms, and runs of white space to one space;
# nothing else is forgiven, so a changed word, letter or punctuation mark fails the check.
_QUOTES = {
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u00ab": '"',  # left-pointing double angle quotation mark
    "\u00bb": '"',  # right-pointing double angle quotation mark
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark
    "\u201a": "'",  # single low-9 quotation mark
    "\u2032": "'",  # prime, often typed for an apostrophe
}


_QUOTE_TABLE = str.maketrans(_QUOTES)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text with typographic quotes made plain and white space folded to single spaces."""
    return _SPACES.sub(" ", text.translate(_QUOTE_TABLE)).strip()


class _Folded:
    """A text normalised, with the way back from each normalised offset to the text's own."""

    def __init__(self, text: str):
        self.text = normalise(text)
        # Each run of spaces inside the text becomes one space, standing for the run's last
        # character; every offset from there on is shifted by what the runs before dropped.
        lead = len(text) - len(text.lstrip())
        self.starts: list[int] = [0]
        self.shifts: list[int] = [lead]
        for run in _SPACES.finditer(text, lead):
            if run.end() == len(text):
                break
            self.starts.append(run.start() - self.shifts[-1])
            self.shifts.append(self.shifts[-1] + len(run.group()) - 1)

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at this normalised offset."""
        return offset + self.shifts[bisect_right(self.starts, offset) - 1]


def locate(article: str, passage: str) -> tuple[int, int] | None:
    """The (start, end) offsets of `passage` in `article`, matched verbatim up to quotes and spacing."""
    return Article(article).find(passage)


class Article:
    """An article folded once, to find many passages in it.

    Folding is the costly part: done per passage it made checking a long article's excerpts
    quadratic. Excerpts mostly come in the article's order, so each search starts where the
    last passage was found, and only goes back to the start when the passage is not after it.
    """

    def __init__(self, text: str):
        self.folded = _Folded(text)
        self.haystack = self.folded.text
        self.cursor = 0

    def find(self, passage: str) -> tuple[int, int] | None:
        """The offsets of the first whole-word occurrence of the passage at or after the cursor, else anywhere."""
        needle = normalise(passage)
        if not needle:
            return None
        found = self._search(needle, self.cursor) if self.cursor else None
        found = found or self._search(needle, 0)
        if found is None:
            return None
        self.cursor = found[0]
        return self.folded.original(found[0]), self.folded.original(found[1] - 1) + 1

    def _search(self, needle: str, start: int) -> tuple[int, int] | None:
        """Where the needle first occurs as whole words in the folded text, from a position on."""
        at = self.haystack.find(needle, start)
        while at >= 0:
            if _whole_words(self.haystack, at, at + len(needle)):
                return at, at + len(needle)
            at = self.haystack.find(needle, at + 1)
        return None


def _whole_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither begins nor ends inside a word ("likely" in "unlikely")."""
    cuts_in = start > 0 and text[start].isalnum() and text[start - 1].isalnum()
    cuts_out = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cuts_in or cuts_out)
