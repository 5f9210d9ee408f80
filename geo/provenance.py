"""Where an excerpt stands in its article: the verbatim check behind every quote we show."""

from __future__ import annotations

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


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold quotes and white space, keeping for each kept character its offset in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for offset, char in enumerate(text):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            offsets.append(offset - 1)
            pending_space = False
        chars.append(_QUOTES.get(char, char))
        offsets.append(offset)
    return "".join(chars), offsets


def normalise(text: str) -> str:
    """The text with typographic quotes made plain and white space folded to single spaces."""
    return _normalised_with_offsets(text)[0]


def locate(article: str, passage: str) -> tuple[int, int] | None:
    """The (start, end) offsets of `passage` in `article`, matched verbatim up to quotes and spacing."""
    needle = normalise(passage)
    if not needle:
        return None
    haystack, offsets = _normalised_with_offsets(article)
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if _whole_words(haystack, start, end):
            return offsets[start], offsets[end - 1] + 1
        start = haystack.find(needle, start + 1)
    return None


def _whole_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither begins nor ends inside a word ("likely" in "unlikely")."""
    cuts_in = start > 0 and text[start].isalnum() and text[start - 1].isalnum()
    cuts_out = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cuts_in or cuts_out)
