"""The span tables ingest bisects: each answers as the scan it replaced did."""

from __future__ import annotations

import random

import pytest

from geo.ingest.spans import Spans, Starts, Table

SPANS = [(0, 4), (2, 3), (10, 30), (12, 14), (40, 41), (40, 40), (50, 60)]


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (4, 10, False),  # between (0, 4) and (10, 30): touching is not overlapping
        (3, 5, True),
        (30, 40, False),
        (29, 31, True),
        (20, 21, True),  # inside (10, 30), past the end of (12, 14) that starts after it
        (41, 50, False),
        (39, 41, True),
        (60, 99, False),
        (0, 1, True),
    ],
)
def test_overlaps_as_any_would(start: int, end: int, overlaps: bool) -> None:
    assert Spans(SPANS).overlaps(start, end) is overlaps
    assert any(s < end and start < e for s, e in SPANS) is overlaps


def test_overlaps_agrees_with_a_scan_on_random_spans() -> None:
    rng = random.Random(7)
    spans = [(a, a + rng.randrange(0, 30)) for a in (rng.randrange(0, 500) for _ in range(80))]
    table = Spans(spans)
    for _ in range(2_000):
        start = rng.randrange(0, 540)
        end = start + rng.randrange(0, 40)
        assert table.overlaps(start, end) == any(s < end and start < e for s, e in spans)


def test_nothing_overlaps_no_spans() -> None:
    assert not Spans([]).overlaps(0, 100)


@pytest.mark.parametrize(
    ("start", "end", "within"),
    [(0, 100, [0, 1, 2, 3]), (10, 30, [0, 1, 2]), (11, 30, [1, 2]), (0, 9, []), (25, 26, [1])],
)
def test_starts_within_in_the_items_order(start: int, end: int, within: list[int]) -> None:
    items = [(10, 20), (25, 26), (21, 30), (5, 60)]  # not in order of start, as mentions may not be
    expected = [i for i, (s, e) in enumerate(items) if start <= s and e <= end]
    assert Starts(items).within(start, end) == expected == within


@pytest.mark.parametrize(
    ("offset", "holding"), [(0, (0, 10)), (9, (0, 10)), (10, None), (12, (12, 20)), (25, None), (-1, None)]
)
def test_table_finds_the_paragraph_holding_an_offset(offset: int, holding: tuple[int, int] | None) -> None:
    assert Table([(0, 10), (12, 20)]).holding(offset) == holding
