"""What a reader has chosen to see, read from and written to the page's query string."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.dates import span
from geo.core.filtercolumns import filter_columns
from geo.core.filters import DATE_RANGE, FILTERS, Control, Filter, select
from geo.core.records import PARTIAL_DATE, ExcerptKind, PlaceKind, Voice
from geo.core.settings import MAX_SEARCH

# Streamlit's own parameters, which the page must leave alone.
_STREAMLIT_KEYS = frozenset({"embed", "embed_options"})
# The parameters that are not filters: the open place, and whether journeys are drawn.
PLACE_KEY = "place"
MOVEMENTS_KEY = "movements"


@dataclass(frozen=True)
class ViewState:
    """Every filter on the page and the place whose details are open; None (or none chosen) means any.

    The filters' fields are named in the table of filters (geo/core/filters.py); each filter's
    default here is its row's.
    """

    sources: tuple[str, ...] | None = None
    voices: tuple[Voice, ...] | None = None
    kinds: tuple[ExcerptKind, ...] | None = None
    place_kinds: tuple[PlaceKind, ...] | None = None
    start: date | None = None
    end: date | None = None
    text: str = ""
    drafts: bool = False
    countries: bool = False
    place: str | None = None
    movements: bool = True

    def value(self, row: Filter) -> Any:
        """The value of one filter."""
        return getattr(self, row.field)


def selection(atlas: Atlas, state: ViewState) -> Selection:
    """The places and excerpts the state's filters keep."""
    return select(atlas, **{row.field: state.value(row) for row in FILTERS})


@per_atlas
def date_bounds(atlas: Atlas) -> tuple[date, date] | None:
    """The first and last day any excerpt's event date can mean; None when none is dated."""
    # Read off the filters' columns, where each excerpt's date is already in days, rather than
    # working out a span for each of a year's million excerpts.
    columns = filter_columns(atlas)
    dated = columns.ends >= 0
    if not dated.any():
        return None
    return date.fromordinal(int(columns.starts[dated].min())), date.fromordinal(int(columns.ends[dated].max()))


def normalised(state: ViewState, atlas: Atlas) -> ViewState:
    """The same view written the short way: a filter that keeps everything becomes None."""
    changes: dict[str, Any] = {}
    for row in FILTERS:
        value = state.value(row)
        if row.control is Control.CHOICE:
            options = row.choices(atlas)
            changes[row.field] = (
                None if not value or set(value) >= set(options) else tuple(o for o in options if o in value)
            )
        elif row.control is Control.TEXT:
            changes[row.field] = " ".join(value.split())
        elif not row.is_offered(atlas):
            # A switch the atlas does not offer (drafts, where there are none) is off.
            changes[row.field] = row.default
    first, last = DATE_RANGE
    start, end = state.value(first), state.value(last)
    bounds = date_bounds(atlas)
    if bounds is not None:
        # A bound beyond the data's first or last date limits nothing (the date boxes could
        # not show it); one past the other end is pulled back to it.
        lo, hi = bounds
        start = None if start is None or start < lo else min(start, hi)
        end = None if end is None or end > hi else max(end, lo)
    if start and end and start > end:
        start, end = end, start
    place = state.place if state.place in atlas.places else None
    return replace(state, **changes, **{first.field: start, last.field: end}, place=place)


def to_query(state: ViewState) -> dict[str, list[str]]:
    """The query string for a state: only what differs from the default, lists repeated."""
    query: dict[str, list[str]] = {}
    for row in FILTERS:
        value = state.value(row)
        if value == row.default or (row.control is Control.CHOICE and not value):
            continue
        if row.control is Control.CHOICE:
            query[row.key] = [str(v) for v in value]
        elif row.control in (Control.FROM, Control.TO):
            query[row.key] = [value.isoformat()]
        elif row.control is Control.SWITCH:
            query[row.key] = ["on" if value else "off"]
        else:
            query[row.key] = [value]
    if state.place:
        query[PLACE_KEY] = [state.place]
    if not state.movements:
        query[MOVEMENTS_KEY] = ["off"]
    return query


def parse_query(params: Mapping[str, Sequence[str]], atlas: Atlas) -> tuple[ViewState, list[str]]:
    """The state a link asks for, and a notice for each part of it that could not be used."""
    reader = _QueryReader(params)
    values: dict[str, Any] = {}
    first, last = DATE_RANGE
    for row in FILTERS:
        values[row.field] = reader.read(row, atlas)
        if row is last and (start := values[first.field]) and (end := values[last.field]) and start > end:
            reader.notices.append(f"the dates run backwards ({start} to {end}); they were swapped")
            values[first.field], values[last.field] = end, start
    place = reader.single(PLACE_KEY)
    if place is not None and place not in atlas.places:
        reader.notices.append(f"place {place!r} is not in the data")
        place = None
    movements = reader.switch(MOVEMENTS_KEY, default=True)
    reader.unknown_keys()
    state = ViewState(**values, place=place, movements=movements)
    return normalised(state, atlas), reader.notices


class _QueryReader:
    """Reads query values one key at a time, collecting a notice for each one it drops."""

    KEYS = frozenset({row.key for row in FILTERS} | {PLACE_KEY, MOVEMENTS_KEY})

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self.params = {key: [values] if isinstance(values, str) else list(values) for key, values in params.items()}
        self.notices: list[str] = []

    def read(self, row: Filter, atlas: Atlas) -> Any:
        """One filter's value, as its control reads a link."""
        if row.control is Control.CHOICE:
            chosen = self.choice(row.key, [str(o) for o in row.choices(atlas)], row.key.replace("_", " "))
            return None if chosen is None else tuple(row.member(value) for value in chosen)
        if row.control in (Control.FROM, Control.TO):
            return self.day(row.key, first=row.control is Control.FROM)
        if row.control is Control.SWITCH:
            return self.switch(row.key, default=row.default)
        return self.text(row.key)

    def single(self, key: str) -> str | None:
        """The key's value, the first if it is given more than once."""
        values = self.params.get(key)
        if not values:
            return None
        if len(values) > 1:
            self.notices.append(f"{key} is given {len(values)} times; the first, {values[0]!r}, is used")
        return values[0]

    def choice(self, key: str, options: Sequence[str], noun: str) -> tuple[str, ...] | None:
        """The known values of a repeatable key; None (any) when it is absent or none is known."""
        if key not in self.params:
            return None
        given = [value for value in self.params[key] if value]
        unknown = [value for value in given if value not in options]
        if unknown:
            self.notices.append(
                f"{noun} {', '.join(map(repr, unknown))} {'is' if len(unknown) == 1 else 'are'} "
                f"not known (known: {', '.join(options)})"
            )
        known = tuple(value for value in options if value in given)
        return known or None

    def day(self, key: str, first: bool) -> date | None:
        """A date bound: a day, or a month or year taken from its first or last day."""
        value = self.single(key)
        if value is None:
            return None
        match = PARTIAL_DATE.fullmatch(value.strip())
        try:
            if not match:
                raise ValueError
            when = span(value.strip())
        except ValueError:
            self.notices.append(f"{key}={value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
            return None
        return when.start if first else when.end

    def text(self, key: str) -> str:
        """Free text, cut to the longest search kept."""
        text = self.single(key) or ""
        if len(text) > MAX_SEARCH:
            self.notices.append(f"the search is longer than {MAX_SEARCH} characters; it was cut")
            text = text[:MAX_SEARCH]
        return text

    def switch(self, key: str, default: bool) -> bool:
        """A switch written on or off; anything else leaves its default."""
        value = self.single(key)
        if value not in (None, "on", "off"):
            self.notices.append(f"{key}={value!r} is neither on nor off")
        return default if value not in ("on", "off") else value == "on"

    def unknown_keys(self) -> None:
        """A notice for each key the page does not use."""
        for key in self.params:
            if key not in self.KEYS and key not in _STREAMLIT_KEYS:
                self.notices.append(f"parameter {key!r} is not one this page uses")
