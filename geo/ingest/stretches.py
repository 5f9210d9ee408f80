"""A text cut at the marks no place name or list of names holds, to search only where a match could be.

A regex that begins with a name is tried at every capitalised word of a long article and fails
at nearly all of them. None of the patterns that find places by their context matches across a
full stop, a quotation mark or a bracket, so each of them need only be run over the stretches
between such marks that hold the words it ends with (a "was shelled", a ", in"): every match it
finds there is one it would have found in the whole text, and it finds them all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

# What no pattern run through this module may match: anything but letters, digits, spaces,
# apostrophes, commas and hyphens.
MARK = re.compile(r"[^\w\s'’‘ʿʾ,-]")


class Stretches:
    """The stretches of a text between marks, found once, to run patterns over some of them only."""

    def __init__(self, text: str):
        self.text = text
        self._marks = [match.start() for match in MARK.finditer(text)]

    def holding(self, offset: int) -> tuple[int, int]:
        """The stretch (start, end) that holds an offset that is not itself a mark."""
        index = bisect_right(self._marks, offset)
        start = self._marks[index - 1] + 1 if index else 0
        end = self._marks[index] if index < len(self._marks) else len(self.text)
        return start, end

    def finditer(self, pattern: re.Pattern[str], at: Iterable[int]) -> Iterator[re.Match[str]]:
        """The matches of a pattern that holds no mark, as `pattern.finditer(text)` finds them, in the
        stretches holding the offsets `at` (in order); a match in any other stretch is not looked for."""
        done = -1
        for offset in at:
            if offset < done:
                continue
            start, end = self.holding(offset)
            # The mark after the stretch is left in sight: a lookahead or `\b` at the end sees it there.
            yield from pattern.finditer(self.text, start, min(end + 1, len(self.text)))
            done = end

    def triggered(self, pattern: re.Pattern[str], trigger: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of a pattern in the stretches where a trigger occurs: a pattern that never
        matches without the trigger's words (a "was shelled") runs nowhere else."""
        return self.finditer(pattern, (hit.start() for hit in trigger.finditer(self.text)))
