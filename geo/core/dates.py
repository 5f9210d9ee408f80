"""Dates written at the precision an article gives them, as the span of days they cover."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class Span:
    """The first and last day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""

    start: date
    end: date

    @property
    def precision(self) -> str:
        """Whether the span is a day, a month or a year."""
        if self.start == self.end:
            return "day"
        return "month" if self.start.month == self.end.month else "year"

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether any day of the span falls between start and end (either may be open)."""
        return (start is None or self.end >= start) and (end is None or self.start <= end)


def span(partial: str) -> Span:
    """The days a partial date covers: "2019-04" is 1 to 30 April 2019."""
    parts = [int(part) for part in partial.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return Span(day, day)
    if len(parts) == 2:
        year, month = parts
        return Span(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    (year,) = parts
    return Span(date(year, 1, 1), date(year, 12, 31))


def describe(partial: str) -> str:
    """A partial date in words at its own precision: "19 January 2020", "April 2019", "2018"."""
    when = span(partial)
    if when.precision == "day":
        return f"{when.start.day} {when.start:%B %Y}"
    if when.precision == "month":
        return f"{when.start:%B %Y}"
    return str(when.start.year)
