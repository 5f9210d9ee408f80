"""Links to a view: every filter read from and written to the query string."""

from __future__ import annotations

from datetime import date

import pytest

from geo.core.atlas import Atlas
from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.core.settings import MAX_SEARCH
from geo.core.viewstate import ViewState, date_bounds, normalised, parse_query, selection, to_query

MONITOR, NATIONAL = "al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"

ROUND_TRIPS = [
    ViewState(),
    ViewState(sources=(MONITOR,)),
    ViewState(voices=(Voice.RUSSIA, Voice.CIVILIAN), kinds=(ExcerptKind.TESTIMONY,)),
    ViewState(place_kinds=(PlaceKind.CROSSING, PlaceKind.CITY)),
    ViewState(start=date(2020, 1, 11), end=date(2020, 1, 13)),
    ViewState(start=date(2020, 1, 1)),
    ViewState(end=date(2019, 12, 31)),
    ViewState(text="Ma'arrat al-Nu'man"),
    ViewState(text="معرة النعمان"),
    ViewState(place="al-habit-crossing"),
    ViewState(movements=False),
    ViewState(
        sources=(NATIONAL,),
        voices=(Voice.CIVILIAN,),
        place_kinds=(PlaceKind.TOWN,),
        start=date(2019, 1, 1),
        text="regime",
        place="latamnah",
        movements=False,
    ),
]


@pytest.mark.parametrize("state", ROUND_TRIPS)
def test_a_state_survives_the_round_trip_through_its_link(bundled_atlas: Atlas, state: ViewState) -> None:
    query = to_query(state)
    assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in query.values())
    assert parse_query(query, bundled_atlas) == (state, [])


def test_the_default_view_has_an_empty_query() -> None:
    assert to_query(ViewState()) == {}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"source": [MONITOR, NATIONAL]}, ViewState()),  # every source is no limit
        ({"source": [NATIONAL, MONITOR, MONITOR]}, ViewState()),
        ({"voice": [v.value for v in Voice]}, ViewState()),
        ({"voice": ["civilian", "russia"]}, ViewState(voices=(Voice.RUSSIA, Voice.CIVILIAN))),  # side order
        ({"from": ["2001-01-01"], "to": ["2030-12-31"]}, ViewState()),  # beyond the data: no limit
        ({"from": ["2001-01-01"]}, ViewState()),
        ({"from": ["2020-01"]}, ViewState(start=date(2020, 1, 1))),  # a month means its first day...
        ({"to": ["2019-04"]}, ViewState(end=date(2019, 4, 30))),  # ...or its last
        ({"to": ["2019"]}, ViewState(end=date(2019, 12, 31))),
        ({"q": ["  two   words "]}, ViewState(text="two words")),
        ({"movements": ["on"]}, ViewState()),
        ({"embed": ["true"]}, ViewState()),  # Streamlit's own parameter is left alone
    ],
)
def test_a_link_is_read_the_short_way(bundled_atlas: Atlas, query, expected) -> None:
    assert parse_query(query, bundled_atlas) == (expected, [])


@pytest.mark.parametrize(
    ("day", "kept"),
    [("first", "first"), ("2030-01-01", "last")],
    ids=["the-first-day-is-a-limit", "past-the-end-is-pulled-back"],
)
def test_a_start_is_read_against_the_data_s_dates(bundled_atlas: Atlas, day: str, kept: str) -> None:
    # The first dated day is still a limit (it leaves out the undated excerpts).
    first, last = date_bounds(bundled_atlas) or (date.min, date.max)
    days = {"first": first, "last": last}
    query = {"from": [days[day].isoformat() if day in days else day]}
    assert parse_query(query, bundled_atlas) == (ViewState(start=days[kept]), [])


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ({"source": ["nope"]}, ViewState(), "'nope' is not known"),
        ({"source": [MONITOR, "<script>"]}, ViewState(sources=(MONITOR,)), "'<script>' is not known"),
        ({"voice": ["martian"]}, ViewState(), "voice 'martian' is not known"),
        ({"kind": ["rumour", "testimony"]}, ViewState(kinds=(ExcerptKind.TESTIMONY,)), "kind 'rumour'"),
        ({"place_kind": ["ocean"]}, ViewState(), "place kind 'ocean'"),
        ({"from": ["yesterday"]}, ViewState(), "from='yesterday' is not a date"),
        ({"to": ["2020-02-30"]}, ViewState(), "to='2020-02-30' is not a date"),
        ({"to": ["2020-13"]}, ViewState(), "is not a date"),
        (
            {"from": ["2020-01-13"], "to": ["2020-01-11"]},
            ViewState(start=date(2020, 1, 11), end=date(2020, 1, 13)),
            "swapped",
        ),
        ({"place": ["atlantis"]}, ViewState(), "'atlantis' is not in the data"),
        ({"place": ["latamnah", "atarib"]}, ViewState(place="latamnah"), "place is given 2 times"),
        ({"movements": ["maybe"]}, ViewState(), "neither on nor off"),
        ({"q": ["x" * (MAX_SEARCH + 50)]}, ViewState(text="x" * MAX_SEARCH), "it was cut"),
        ({"utm_source": ["mail"]}, ViewState(), "'utm_source' is not one this page uses"),
    ],
)
def test_a_bad_part_of_a_link_is_dropped_with_a_notice(bundled_atlas: Atlas, query, expected, notice) -> None:
    state, notices = parse_query(query, bundled_atlas)
    assert state == expected
    assert len(notices) == 1 and notice in notices[0], notices


def test_a_single_string_value_counts_as_one_value(bundled_atlas: Atlas) -> None:
    assert parse_query({"source": MONITOR}, bundled_atlas) == (ViewState(sources=(MONITOR,)), [])


def test_normalising_orders_choices_as_the_page_lists_them(bundled_atlas: Atlas) -> None:
    state = normalised(ViewState(voices=(Voice.CIVILIAN, Voice.RUSSIA), sources=()), bundled_atlas)
    assert state.voices == (Voice.RUSSIA, Voice.CIVILIAN) and state.sources is None


def test_the_selection_applies_every_filter_of_the_state(bundled_atlas: Atlas) -> None:
    state = ViewState(sources=(MONITOR,), voices=(Voice.STATE_MEDIA, Voice.RUSSIA), place_kinds=(PlaceKind.CROSSING,))
    view = selection(bundled_atlas, state)
    assert view.excerpts and all(e.source == MONITOR and e.voice in state.voices for e in view.excerpts)
    assert {p.kind for p in view.places} == {PlaceKind.CROSSING}


def test_dates_set_backwards_in_the_page_are_put_in_order(bundled_atlas: Atlas) -> None:
    state = normalised(ViewState(start=date(2020, 1, 12), end=date(2019, 12, 31)), bundled_atlas)
    assert (state.start, state.end) == (date(2019, 12, 31), date(2020, 1, 12))
