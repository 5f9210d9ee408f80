"""What a reader has chosen to see, read from and written to the page's query string."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from geo.atlas import Atlas, Selection, per_atlas, select
from geo.dates import span
from geo.model import PARTIAL_DATE, ExcerptKind, PlaceKind, Voice
from geo.voices import VOICE_ORDER

E = TypeVar("E", bound=StrEnum)
S = TypeVar("S", bound=str)

# The longest search kept from a link: enough for any name or phrase, not for a payload.
MAX_SEARCH = 200

# Streamlit's own parameters, which the page must leave alone.
_STREAMLIT_KEYS = frozenset({"embed", "embed_options"})


@dataclass(frozen=True)
class ViewState:
    """Every filter on the page and the place whose details are open; None (or none chosen) means any."""

    sources: tuple[str, ...] | None = None
    voices: tuple[Voice, ...] | None = None
    kinds: tuple[ExcerptKind, ...] | None = None
    place_kinds: tuple[PlaceKind, ...] | None = None
    start: date | None = None
    end: date | None = None
    text: str = ""
    place: str | None = None
    movements: bool = True
    drafts: bool = False


def selection(atlas: Atlas, state: ViewState) -> Selection:
    """The places and excerpts the state's filters keep."""
    return select(
        atlas,
        state.sources,
        voices=state.voices,
        kinds=state.kinds,
        place_kinds=state.place_kinds,
        start=state.start,
        end=state.end,
        text=state.text,
        drafts=state.drafts,
    )


@per_atlas
def date_bounds(atlas: Atlas) -> tuple[date, date] | None:
    """The first and last day any excerpt's event date can mean; None when none is dated."""
    spans = [span(e.event_date) for e in atlas.excerpts if e.event_date]
    if not spans:
        return None
    return min(s.start for s in spans), max(s.end for s in spans)


def normalised(state: ViewState, atlas: Atlas) -> ViewState:
    """The same view written the short way: a filter that keeps everything becomes None."""

    def every(chosen: tuple[S, ...] | None, options: Sequence[S]) -> tuple[S, ...] | None:
        if not chosen or set(chosen) >= set(options):
            return None
        return tuple(o for o in options if o in chosen)

    start, end = state.start, state.end
    bounds = date_bounds(atlas)
    if bounds is not None:
        # A bound beyond the data's first or last date limits nothing (the date boxes could
        # not show it); one past the other end is pulled back to it.
        lo, hi = bounds
        start = None if start is None or start < lo else min(start, hi)
        end = None if end is None or end > hi else max(end, lo)
    if start and end and start > end:
        start, end = end, start
    return replace(
        state,
        sources=every(state.sources, list(atlas.sources)),
        voices=every(state.voices, VOICE_ORDER),
        kinds=every(state.kinds, list(ExcerptKind)),
        place_kinds=every(state.place_kinds, list(PlaceKind)),
        start=start,
        end=end,
        text=" ".join(state.text.split()),
        place=state.place if state.place in atlas.places else None,
    )


def to_query(state: ViewState) -> dict[str, list[str]]:
    """The query string for a state: only what differs from the default, lists repeated."""
    query: dict[str, list[str]] = {}
    for key, chosen in (
        ("source", state.sources),
        ("voice", state.voices),
        ("kind", state.kinds),
        ("place_kind", state.place_kinds),
    ):
        if chosen:
            query[key] = [str(c) for c in chosen]
    if state.start:
        query["from"] = [state.start.isoformat()]
    if state.end:
        query["to"] = [state.end.isoformat()]
    if state.text:
        query["q"] = [state.text]
    if state.place:
        query["place"] = [state.place]
    if not state.movements:
        query["movements"] = ["off"]
    if state.drafts:
        query["drafts"] = ["on"]
    return query


def parse_query(params: Mapping[str, Sequence[str]], atlas: Atlas) -> tuple[ViewState, list[str]]:
    """The state a link asks for, and a notice for each part of it that could not be used."""
    reader = _QueryReader(params)
    sources = reader.choice("source", list(atlas.sources), "source")
    voices = reader.enum_choice("voice", Voice)
    kinds = reader.enum_choice("kind", ExcerptKind)
    place_kinds = reader.enum_choice("place_kind", PlaceKind)
    start, end = reader.day("from", first=True), reader.day("to", first=False)
    if start and end and start > end:
        reader.notices.append(f"the dates run backwards ({start} to {end}); they were swapped")
        start, end = end, start
    text = reader.single("q") or ""
    if len(text) > MAX_SEARCH:
        reader.notices.append(f"the search is longer than {MAX_SEARCH} characters; it was cut")
        text = text[:MAX_SEARCH]
    place = reader.single("place")
    if place is not None and place not in atlas.places:
        reader.notices.append(f"place {place!r} is not in the data")
        place = None
    movements = reader.single("movements")
    if movements not in (None, "on", "off"):
        reader.notices.append(f"movements={movements!r} is neither on nor off")
    drafts = reader.single("drafts")
    if drafts not in (None, "on", "off"):
        reader.notices.append(f"drafts={drafts!r} is neither on nor off")
    reader.unknown_keys()
    state = ViewState(
        sources=sources,
        voices=voices,
        kinds=kinds,
        place_kinds=place_kinds,
        start=start,
        end=end,
        text=text,
        place=place,
        movements=movements != "off",
        drafts=drafts == "on",
    )
    return normalised(state, atlas), reader.notices


class _QueryReader:
    """Reads query values one key at a time, collecting a notice for each one it drops."""

    KEYS = ("source", "voice", "kind", "place_kind", "from", "to", "q", "place", "movements", "drafts")

    def __init__(self, params: Mapping[str, Sequence[str]]) -> None:
        self.params = {key: [values] if isinstance(values, str) else list(values) for key, values in params.items()}
        self.notices: list[str] = []

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

    def enum_choice(self, key: str, enum: type[E]) -> tuple[E, ...] | None:
        """A repeatable key whose values are an enum's."""
        chosen = self.choice(key, [member.value for member in enum], key.replace("_", " "))
        return None if chosen is None else tuple(enum(value) for value in chosen)

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

    def unknown_keys(self) -> None:
        """A notice for each key the page does not use."""
        for key in self.params:
            if key not in self.KEYS and key not in _STREAMLIT_KEYS:
                self.notices.append(f"parameter {key!r} is not one this page uses")
