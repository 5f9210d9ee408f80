"""Spans of a text, sorted once, so that asking what lies where costs a bisection, not a scan.

Ingest asks of every word, sentence and passage whether it overlaps a speaker's name or a
quotation, and which mentions it holds. Scanning every span for each question made a long
article's ingest grow with the square of its length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate


class Spans:
    """(start, end) spans, to ask whether a span overlaps any of them."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans up to each one: a span starting earlier may reach further.
        self._reach = list(accumulate((end for _, end in ordered), max))

    def __len__(self) -> int:
        return len(self._starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span (s, e) has s < end and start < e, as `any(...)` over them all would say."""
        before = bisect_left(self._starts, end)  # the spans that start before `end`
        return before > 0 and self._reach[before - 1] > start


class Starts:
    """Items with a (start, end) each, in their own order, to find those lying within a span."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._spans = spans
        self._order = sorted(range(len(spans)), key=lambda index: spans[index][0])
        self._starts = [spans[index][0] for index in self._order]

    def within(self, start: int, end: int) -> list[int]:
        """The indices, in the items' order, of those with start <= their start and their end <= end."""
        low, high = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return sorted(index for index in self._order[low:high] if self._spans[index][1] <= end)


class Table:
    """Non-overlapping (start, end) spans in order, such as paragraphs, to find the one holding an offset."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._spans = spans
        self._starts = [start for start, _ in spans]

    def holding(self, offset: int) -> tuple[int, int] | None:
        """The span with start <= offset < end, if any."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._spans[index][1]:
            return self._spans[index]
        return None
