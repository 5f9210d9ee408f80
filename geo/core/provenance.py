"""Where an excerpt stands in its article: the verbatim check behind every quote we show."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

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


_QUOTE_PAIRS = tuple(_QUOTES.items())
# Runs of two or more white-space characters: the only runs that shift offsets when folded.
_LONG_SPACES = re.compile(r"\s{2,}")

_LINE = re.compile(r"[^\n]+")


def paragraph_spans(article: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the article's non-empty lines, stripped: its paragraphs, as pasted from the web."""
    spans = []
    for match in _LINE.finditer(article):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + line.index(stripped)
            spans.append((start, start + len(stripped)))
    return spans


# Passages not found as written before an article is only searched folded.
_MOST_MISSES = 16


def normalise(text: str) -> str:
    """The text with typographic quotes made plain and white space folded to single spaces."""
    # Nine replaces, each a fast scan, are many times quicker than str.translate's lookup per
    # character; str.split() splits on exactly the white space that regex's \s matches.
    for typographic, plain in _QUOTE_PAIRS:
        text = text.replace(typographic, plain)
    return " ".join(text.split())


class _Folded:
    """A text normalised, with the way back from each normalised offset to the text's own."""

    def __init__(self, text: str):
        self.original_text = text
        self.text = normalise(text)

    @cached_property
    def _shifts(self) -> tuple[list[int], list[int]]:
        """Where each shift begins in the normalised text, and by how much it moves offsets."""
        # Each run of spaces inside the text becomes one space, standing for the run's last
        # character; every offset from there on is shifted by what the runs before dropped.
        # A single white-space character drops nothing, so only longer runs are listed.
        text = self.original_text
        lead = len(text) - len(text.lstrip())
        starts: list[int] = [0]
        shifts: list[int] = [lead]
        for run in _LONG_SPACES.finditer(text, lead):
            if run.end() == len(text):
                break
            starts.append(run.start() - shifts[-1])
            shifts.append(shifts[-1] + len(run.group()) - 1)
        return starts, shifts

    def original(self, offset: int) -> int:
        """The offset in the original text of the character at this normalised offset."""
        starts, shifts = self._shifts
        return offset + shifts[bisect_right(starts, offset) - 1]


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
        self.text = text
        self.cursor = 0
        # The same, for passages looked for as written in the text itself.
        self.exact_cursor = 0
        self.misses = 0

    @cached_property
    def folded(self) -> _Folded:
        """The article folded, made only when a passage needs it."""
        return _Folded(self.text)

    def find(self, passage: str) -> tuple[int, int] | None:
        """The offsets of the first whole-word occurrence of the passage at or after the cursor, else anywhere."""
        found = self._find_folded(passage)
        if found is None:
            return None
        return self.folded.original(found[0]), self.folded.original(found[1] - 1) + 1

    def holds(self, passage: str) -> bool:
        """Whether the passage occurs in the article as whole words, up to quotes and spacing."""
        # Most passages are copied exactly: finding them as written spares folding the article
        # and them. A passage found as written is found folded too, since folding keeps every
        # character that is not white space or a quote, and whether each is part of a word.
        # (A passage with white space at an end is left to folding, which drops it.)
        if self.misses < _MOST_MISSES and passage and not passage[0].isspace() and not passage[-1].isspace():
            found = _search(self.text, passage, self.exact_cursor)
            if found is not None:
                self.exact_cursor = found[0]
                return True
            # Each miss scans the rest of the article; after a few, only folding is tried.
            self.misses += 1
        return self._find_folded(passage) is not None

    def _find_folded(self, passage: str) -> tuple[int, int] | None:
        """Where the folded passage stands in the folded text, from the cursor on, else anywhere."""
        needle = normalise(passage)
        if not needle:
            return None
        haystack = self.folded.text
        found = _search(haystack, needle, self.cursor) if self.cursor else None
        found = found or _search(haystack, needle, 0)
        if found is not None:
            self.cursor = found[0]
        return found


def _search(haystack: str, needle: str, start: int) -> tuple[int, int] | None:
    """Where the needle first occurs as whole words in the text, from a position on."""
    at = haystack.find(needle, start)
    while at >= 0:
        end = at + len(needle)
        # Neither beginning nor ending inside a word ("likely" in "unlikely").
        cuts_in = at > 0 and haystack[at].isalnum() and haystack[at - 1].isalnum()
        cuts_out = end < len(haystack) and haystack[end - 1].isalnum() and haystack[end].isalnum()
        if not (cuts_in or cuts_out):
            return at, end
        at = haystack.find(needle, at + 1)
    return None
