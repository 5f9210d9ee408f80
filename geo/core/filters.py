"""The one table of filters, and selection by it.

Each row names a filter once: the ViewState field that holds its value, its URL parameter (also
the widget's key), its label, the kind of control that sets it, its command-line option and the
function that narrows the excerpts by it. The page's widgets, the link's reading and writing,
the command line's options and the selection are all made from this table, so a new filter is a
row here, its selection function, and the field in ViewState that holds its value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any

import numpy as np

from geo.core.atlas import Atlas, Selection, distinct, per_atlas
from geo.core.dates import span
from geo.core.excerpttable import KINDS, VOICES, Picked
from geo.core.filtercolumns import PLACE_KINDS, FilterColumns, filter_columns
from geo.core.names import tokens
from geo.core.records import Excerpt, ExcerptKind, Place, PlaceKind, Voice
from geo.core.sides import VOICE_ORDER

Excerpts = list[Excerpt]
# Which of the atlas's excerpts a filter keeps, read off its columns; None where it keeps them all.
Marks = np.ndarray | None


class Control(StrEnum):
    """How a filter is set: what its widget, its link value and its command-line option look like."""

    CHOICE = "choice"  # any of several values; repeated in a link and on the command line
    FROM = "from"  # a date range's first day; a month or year in a link means its first day
    TO = "to"  # a date range's last day; a month or year in a link means its last day
    TEXT = "text"  # free text
    SWITCH = "switch"  # on or off


class UnknownSourceError(ValueError):
    """A selection named a source the atlas does not hold."""


@dataclass(frozen=True)
class Filter:
    """One filter: where its value lives, how it is set, and how it narrows the excerpts."""

    # In each row's order: the ViewState attribute holding the value, the URL parameter (also the
    # widget's key), the widget's label, the control that sets it, and its selection function.
    field: str
    key: str
    label: str
    control: Control
    narrow: Callable[[Atlas, Excerpts, Any], Excerpts]
    # The same narrowing over the atlas's columns, which select() uses where a row has it.
    mark: Callable[[Atlas, FilterColumns, Any], Marks] | None = None
    flag: str | None = None  # the command line's option; None where the command line has none
    help: str | None = None
    cli_help: str | None = None
    placeholder: str | None = None
    # A CHOICE's values: the same for every atlas, or read from the atlas; each made from its link value.
    options: tuple[str, ...] = ()
    options_of: Callable[[Atlas], Sequence[str]] | None = None
    member: Callable[[str], Any] = str
    # A filter that also narrows the places in view (not only the excerpts about them).
    keeps_place: Callable[[Place, Any], bool] | None = None
    default: Any = None
    # Whether the page offers the filter's widget for an atlas; always, unless it says.
    offered: Callable[[Atlas], bool] | None = None

    def choices(self, atlas: Atlas) -> list[str]:
        """The values a CHOICE offers, in the order it offers them."""
        return list(self.options_of(atlas)) if self.options_of is not None else list(self.options)

    def is_offered(self, atlas: Atlas) -> bool:
        """Whether the page offers this filter for an atlas."""
        return self.offered is None or self.offered(atlas)


def _by_source(atlas: Atlas, excerpts: Excerpts, sources: Sequence[str] | None) -> Excerpts:
    """Excerpts from the chosen sources."""
    if sources is None:
        return excerpts
    _known(atlas, sources)
    chosen = frozenset(sources)
    return [e for e in excerpts if e.source in chosen]


def _known(atlas: Atlas, sources: Sequence[str]) -> None:
    """Refuse a source the atlas does not hold."""
    unknown = sorted(set(sources) - set(atlas.sources))
    if unknown:
        raise UnknownSourceError(f"unknown source id(s): {', '.join(unknown)}; known: {', '.join(atlas.sources)}")


def _from_sources(atlas: Atlas, columns: FilterColumns, sources: Sequence[str] | None) -> Marks:
    """Which excerpts are from the chosen sources."""
    if sources is None:
        return None
    _known(atlas, sources)
    return np.isin(columns.sources, _source_positions(atlas, frozenset(sources)))


def _source_positions(atlas: Atlas, chosen: frozenset[str]) -> list[int]:
    """The positions among the atlas's sources of some of them."""
    return [position for position, source in enumerate(atlas.sources) if source in chosen]


def _having(attribute: str) -> Callable[[Atlas, Excerpts, Sequence[Any] | None], Excerpts]:
    """A filter that keeps the excerpts whose attribute is one of the values chosen."""
    read = attrgetter(attribute)

    def narrow(atlas: Atlas, excerpts: Excerpts, chosen: Sequence[Any] | None) -> Excerpts:
        if chosen is None:
            return excerpts
        values = frozenset(chosen)
        return [e for e in excerpts if read(e) in values]

    return narrow


def _marking(column: str, order: Sequence[Any]) -> Callable[[Atlas, FilterColumns, Sequence[Any] | None], Marks]:
    """Marks of the excerpts whose column holds the number, in `order`, of one of the values chosen."""
    numbers = {value: number for number, value in enumerate(order)}

    def mark(atlas: Atlas, columns: FilterColumns, chosen: Sequence[Any] | None) -> Marks:
        if chosen is None:
            return None
        # A value of no number (not a voice, say) keeps nothing, as it matches no excerpt.
        wanted = [numbers[value] for value in chosen if value in numbers]
        return np.isin(getattr(columns, column), wanted)

    return mark


def _by_place_kind(atlas: Atlas, excerpts: Excerpts, kinds: Sequence[PlaceKind] | None) -> Excerpts:
    """Excerpts about at least one place of the chosen kinds."""
    if kinds is None:
        return excerpts
    chosen = frozenset(kinds)
    places = atlas.places
    return [e for e in excerpts if any(places[p].kind in chosen for p in e.places)]


def _about_kinds(atlas: Atlas, columns: FilterColumns, kinds: Sequence[PlaceKind] | None) -> Marks:
    """Which excerpts are about at least one place of the chosen kinds."""
    if kinds is None:
        return None
    numbers = [number for number, kind in enumerate(PLACE_KINDS) if kind in kinds]
    return columns.about(np.isin(columns.place_kinds, numbers))


def _place_of_kind(place: Place, kinds: Sequence[PlaceKind]) -> bool:
    """Whether a place is of one of the chosen kinds."""
    return place.kind in kinds


# The two bounds of a date range narrow one at a time: a span overlaps [start, end] exactly
# when it ends on or after start and begins on or before end. Undated excerpts drop out.
def _from(atlas: Atlas, excerpts: Excerpts, start: date | None) -> Excerpts:
    """Excerpts whose event date, at its own precision, reaches start or later."""
    if start is None:
        return excerpts
    return [e for e in excerpts if e.event_date is not None and span(e.event_date).overlaps(start, None)]


def _to(atlas: Atlas, excerpts: Excerpts, end: date | None) -> Excerpts:
    """Excerpts whose event date, at its own precision, reaches end or earlier."""
    if end is None:
        return excerpts
    return [e for e in excerpts if e.event_date is not None and span(e.event_date).overlaps(None, end)]


def _from_date(atlas: Atlas, columns: FilterColumns, start: date | None) -> Marks:
    """Which excerpts' event dates, at their own precision, reach start or later."""
    return None if start is None else columns.ends >= start.toordinal()


def _to_date(atlas: Atlas, columns: FilterColumns, end: date | None) -> Marks:
    """Which excerpts' event dates, at their own precision, reach end or earlier."""
    return None if end is None else columns.starts <= end.toordinal()


def _by_text(atlas: Atlas, excerpts: Excerpts, text: str) -> Excerpts:
    """Excerpts with every word searched for, in any spelling, in their text, speaker, role or places' names."""
    marks = _having_text(atlas, filter_columns(atlas), text)
    if marks is None:
        return excerpts
    found = {e.id for e in atlas.table.take(np.flatnonzero(marks))}
    return [e for e in excerpts if e.id in found]


def _having_text(atlas: Atlas, columns: FilterColumns, text: str) -> Marks:
    """Which excerpts have every word searched for, as _by_text finds them."""
    found = _found(atlas, text)
    if found is None:
        return None
    marks = np.zeros(len(columns.voices), dtype=bool)
    # A reader's atlas shares its editor's index, whose positions count the drafts' excerpts too.
    marks[atlas.words.within(atlas.table, found)] = True
    return marks


def _found(atlas: Atlas, text: str) -> np.ndarray | None:
    """The positions in the word index of the excerpts with every word searched for; None for no word."""
    needles = tokens(text)
    if not needles:
        return None
    words, spellings = atlas.search_index()
    found = None
    for needle in needles:
        spelt = spellings.get(needle, frozenset((needle,)))
        # The word index holds the excerpts' own words; the places' names are matched apart,
        # so that a name edited needs no excerpt indexed again.
        having = distinct([words.having(spelt), words.at(atlas.named(spelt))])
        found = having if found is None else np.intersect1d(found, having, assume_unique=True)
        if not len(found):
            break
    return found


@per_atlas
def _draft_ids(atlas: Atlas) -> frozenset[str]:
    """The sources that are unreviewed drafts."""
    # Kept: every pop-up asks whether there are any, and a year holds twenty thousand sources.
    return frozenset(s.id for s in atlas.sources.values() if s.status is not None)


def _has_drafts(atlas: Atlas) -> bool:
    """Whether any source is an unreviewed draft."""
    return bool(_draft_ids(atlas))


def _drafts(atlas: Atlas, excerpts: Excerpts, shown: bool) -> Excerpts:
    """Excerpts of reviewed sources, and of drafts too when they are asked for."""
    drafts = _draft_ids(atlas)
    if shown or not drafts:
        return excerpts
    return [e for e in excerpts if e.source not in drafts]


def _not_drafts(atlas: Atlas, columns: FilterColumns, shown: bool) -> Marks:
    """Which excerpts are of reviewed sources; all of them when drafts are asked for."""
    drafts = _draft_ids(atlas)
    if shown or not drafts:
        return None
    return ~np.isin(columns.sources, _source_positions(atlas, drafts))


@per_atlas
def _country_ids(atlas: Atlas) -> frozenset[str]:
    """The places that are whole countries."""
    return frozenset(p.id for p in atlas.places.values() if p.kind is PlaceKind.COUNTRY)


def _has_countries(atlas: Atlas) -> bool:
    """Whether any place is a whole country."""
    return bool(_country_ids(atlas))


def about_countries_alone(atlas: Atlas, excerpt: Excerpt) -> bool:
    """Whether every place an excerpt concerns is a country: it has no marker while countries are hidden."""
    return _country_ids(atlas).issuperset(excerpt.places)


def _countries(atlas: Atlas, excerpts: Excerpts, shown: bool) -> Excerpts:
    """Excerpts about a place that is not a country, and about countries alone too when they are asked for."""
    if shown or not _country_ids(atlas):
        return excerpts
    # An excerpt about Turkey and Idlib stays, at Idlib; one about Turkey alone would have no marker.
    return [e for e in excerpts if not about_countries_alone(atlas, e)]


def _not_countries_alone(atlas: Atlas, columns: FilterColumns, shown: bool) -> Marks:
    """Which excerpts are about a place that is not a country; all of them when countries are asked for."""
    if shown or not _country_ids(atlas):
        return None
    return columns.about(columns.place_kinds != PLACE_KINDS.index(PlaceKind.COUNTRY))


def _drawn_unless_a_country(place: Place, shown: bool) -> bool:
    """Whether a place is drawn: a country only when countries are asked for."""
    return shown or place.kind is not PlaceKind.COUNTRY


FILTERS: tuple[Filter, ...] = (
    Filter(
        "sources", "source", "Source articles", Control.CHOICE, _by_source, _from_sources, flag="--source",
        cli_help="a source's id", placeholder="All sources", options_of=lambda atlas: list(atlas.sources),
    ),
    Filter(
        "voices", "voice", "Voices", Control.CHOICE, _having("voice"), _marking("voices", VOICES), flag="--voice",
        placeholder="All voices", options=VOICE_ORDER, member=Voice,
    ),
    Filter(
        "kinds", "kind", "Excerpt kinds", Control.CHOICE, _having("kind"), _marking("kinds", KINDS), flag="--kind",
        cli_help="excerpt kind", placeholder="All kinds", options=tuple(ExcerptKind), member=ExcerptKind,
    ),
    Filter(
        "place_kinds", "place_kind", "Place kinds", Control.CHOICE, _by_place_kind, _about_kinds, flag="--place-kind",
        placeholder="All kinds of place", options=tuple(PlaceKind), member=PlaceKind, keeps_place=_place_of_kind,
    ),
    Filter(
        "start", "from", "Events from", Control.FROM, _from, _from_date, flag="--from",
        cli_help="events on or after (YYYY[-MM[-DD]])",
        help="Drag across the timeline below the map to set both dates.",
    ),
    Filter(
        "end", "to", "Events to", Control.TO, _to, _to_date, flag="--to",
        cli_help="events on or before (YYYY[-MM[-DD]])",
    ),
    Filter(
        "text", "q", "Search", Control.TEXT, _by_text, _having_text, flag="--search",
        placeholder="A place, person or words",
        cli_help="words or a name, in any spelling or Arabic", default="",
        help="Looks through excerpts, speakers, roles and place names. Any spelling of a name "
        "works, and Arabic: case, accents, apostrophes and al-/el- are ignored.",
    ),
    Filter(
        "drafts", "drafts", "Show unreviewed drafts", Control.SWITCH, _drafts, _not_drafts, default=False,
        offered=_has_drafts,
        help="Articles added but not yet checked; their excerpts are flagged.",
    ),
    Filter(
        "countries", "countries", "Show countries", Control.SWITCH, _countries, _not_countries_alone, default=False,
        offered=_has_countries, keeps_place=_drawn_unless_a_country,
        help="Countries named as places (Turkey, Russia) as markers of their own. Off, an excerpt about "
        "a country and a town is shown at the town, and one about countries alone is left out.",
    ),
)  # fmt: skip

FILTER_FIELDS = frozenset(f.field for f in FILTERS)
# The date range's two rows, its first day's and its last day's, which a link may give backwards.
DATE_RANGE: tuple[Filter, Filter] = (
    next(f for f in FILTERS if f.control is Control.FROM),
    next(f for f in FILTERS if f.control is Control.TO),
)


def select(atlas: Atlas, sources: Sequence[str] | None = None, **values: Any) -> Selection:
    """The excerpts that meet every filter given, by its ViewState field (None means any), and their places.

    A date range keeps the excerpts whose event date, at its own precision, overlaps it, so
    "April 2019" is kept for 30 April; undated excerpts drop out once a range is set. A place
    kind keeps places of those kinds and the excerpts about at least one of them. Drafts
    (sources ingest wrote and nobody has reviewed) are left out unless asked for.
    """
    unknown = set(values) - FILTER_FIELDS
    if unknown:
        raise TypeError(f"select() got unknown filter(s): {', '.join(sorted(unknown))}")
    values["sources"] = sources
    # Each row with a mark is read off the atlas's columns, every excerpt at once; the rows
    # without one narrow the excerpts those keep, one excerpt at a time.
    columns = filter_columns(atlas)
    kept: Marks = None
    unmarked = []
    for row in FILTERS:
        value = values.get(row.field, row.default)
        if row.mark is None:
            unmarked.append((row, value))
        elif (marks := row.mark(atlas, columns, value)) is not None:
            kept = marks if kept is None else kept & marks
    excerpts: Sequence[Excerpt] = Picked(atlas.table, None if kept is None else np.flatnonzero(kept))
    for row, value in unmarked:
        excerpts = row.narrow(atlas, list(excerpts), value)
    tests = _place_tests(lambda row: values.get(row.field, row.default))
    every = tuple(atlas.places.values())
    if unmarked:
        in_view = {place_id for e in excerpts for place_id in e.places}
        about = [p for p in every if p.id in in_view]
    else:
        # The places the kept excerpts are about, by their positions among the atlas's; one it
        # does not hold is numbered past them.
        about = [every[i] for i in columns.in_view(kept).tolist() if i < len(every)]
    places = tuple(p for p in about if all(keep(p, v) for keep, v in tests))
    return Selection(atlas=atlas, places=places, excerpts=excerpts if isinstance(excerpts, Picked) else tuple(excerpts))


def _place_tests(value: Callable[[Filter], Any]) -> list[tuple[Callable[[Place, Any], bool], Any]]:
    """The filters that narrow the places in view, each with its value as `value` reads it from a row."""
    tests = []
    for row in FILTERS:
        if row.keeps_place is not None and (chosen := value(row)) is not None:
            tests.append((row.keeps_place, chosen))
    return tests


def keeps_place(place: Place, value: Callable[[Filter], Any]) -> bool:
    """Whether the filters let a place be drawn once an excerpt about it is in view (a country only when shown).

    `value` reads a filter's value from its row, as ViewState.value does.
    """
    return all(keep(place, chosen) for keep, chosen in _place_tests(value))
