"""Partial dates as the spans of days they stand for."""

from datetime import date

import pytest

from geo.core.dates import Span, describe, span


@pytest.mark.parametrize(
    ("partial", "start", "end", "precision", "words"),
    [
        ("2020-01-19", date(2020, 1, 19), date(2020, 1, 19), "day", "19 January 2020"),
        ("2019-04", date(2019, 4, 1), date(2019, 4, 30), "month", "April 2019"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "month", "February 2020"),
        ("2019-02", date(2019, 2, 1), date(2019, 2, 28), "month", "February 2019"),
        ("2019-12", date(2019, 12, 1), date(2019, 12, 31), "month", "December 2019"),
        ("2018", date(2018, 1, 1), date(2018, 12, 31), "year", "2018"),
    ],
)
def test_a_partial_date_spans_the_days_it_can_mean(partial, start, end, precision, words) -> None:
    when = span(partial)
    assert (when.start, when.end, when.precision) == (start, end, precision)
    assert describe(partial) == words


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (None, None, True),
        (date(2019, 4, 30), None, True),  # the month's last day still counts
        (date(2019, 5, 1), None, False),
        (None, date(2019, 4, 1), True),
        (None, date(2019, 3, 31), False),
        (date(2019, 4, 10), date(2019, 4, 12), True),  # a range inside the month
        (date(2019, 1, 1), date(2019, 12, 31), True),
        (date(2019, 5, 1), date(2019, 5, 31), False),
    ],
)
def test_a_month_overlaps_any_range_that_touches_it(start, end, overlaps) -> None:
    assert span("2019-04").overlaps(start, end) is overlaps


def test_spans_order_by_start() -> None:
    assert sorted([span("2020-01-19"), span("2018"), span("2019-04")])[0] == Span(date(2018, 1, 1), date(2018, 12, 31))
