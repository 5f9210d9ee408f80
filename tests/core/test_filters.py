"""The table of filters: each row a field of the view, a link key, and a selection that narrows by it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import DATE_RANGE, FILTERS, Control, Filter, about_countries_alone, keeps_place, select
from geo.core.records import PlaceKind, Voice
from geo.core.viewstate import MOVEMENTS_KEY, PLACE_KEY, ViewState, parse_query, selection, to_query
from geo.data.load import load_atlas
from tests.support.countries import AT_THE_TOWN, COUNTRIES_ALONE, write_countries_folder

VIEW_FIELDS = {f.name: f for f in dataclasses.fields(ViewState)}


@pytest.mark.parametrize("row", FILTERS, ids=lambda row: row.key)
def test_each_row_is_a_field_of_the_view_with_the_row_s_default(row: Filter) -> None:
    assert row.field in VIEW_FIELDS, f"ViewState has no field {row.field!r} for the {row.key!r} filter"
    assert VIEW_FIELDS[row.field].default == row.default


def test_keys_fields_and_flags_are_each_the_row_s_own() -> None:
    keys = [row.key for row in FILTERS] + [PLACE_KEY, MOVEMENTS_KEY]
    fields = [row.field for row in FILTERS]
    flags = [row.flag for row in FILTERS if row.flag is not None]
    assert len(set(keys)) == len(keys) and len(set(fields)) == len(fields) and len(set(flags)) == len(flags)
    assert DATE_RANGE[0].control is Control.FROM and DATE_RANGE[1].control is Control.TO


@pytest.mark.parametrize("row", [row for row in FILTERS if row.control is Control.CHOICE], ids=lambda row: row.key)
def test_each_choice_narrows_the_selection_and_travels_in_a_link(row: Filter, bundled_atlas: Atlas) -> None:
    everything = select(bundled_atlas)
    for option in row.choices(bundled_atlas):
        chosen = (row.member(str(option)),)
        narrowed = select(bundled_atlas, **{row.field: chosen})
        assert len(narrowed.excerpts) <= len(everything.excerpts)
        state, notices = parse_query(to_query(ViewState(**{row.field: chosen})), bundled_atlas)
        assert notices == [] and state.value(row) in (chosen, None)  # None: the one option keeps everything
    some = [option for option in row.choices(bundled_atlas) if select(bundled_atlas, **{row.field: (option,)}).excerpts]
    assert len(some) >= 2, f"the bundled data cannot show that {row.key} narrows anything"
    assert len(select(bundled_atlas, **{row.field: (some[0],)}).excerpts) < len(everything.excerpts)


def test_an_unknown_filter_is_refused_by_name(bundled_atlas: Atlas) -> None:
    with pytest.raises(TypeError, match="colours"):
        select(bundled_atlas, colours=("red",))


@pytest.fixture
def countries_atlas(tmp_path: Path) -> Atlas:
    return load_atlas(write_countries_folder(tmp_path))


@pytest.mark.parametrize(
    "view",
    [
        ViewState(),
        ViewState(countries=True),
        ViewState(place_kinds=(PlaceKind.TOWN,)),
        ViewState(place_kinds=(PlaceKind.COUNTRY,), countries=True),
        ViewState(place_kinds=(PlaceKind.COUNTRY,)),
        ViewState(voices=(Voice.JOURNALIST,), countries=True),
    ],
)
def test_a_place_is_kept_as_select_draws_it(countries_atlas: Atlas, view: ViewState) -> None:
    drawn = {p.id for p in selection(countries_atlas, view).places}
    with_excerpts = {p for e in selection(countries_atlas, view).excerpts for p in e.places}
    kept = {p.id for p in countries_atlas.places.values() if keeps_place(p, view.value)}
    assert drawn == kept & with_excerpts


def test_only_an_excerpt_about_countries_alone_is_one(countries_atlas: Atlas) -> None:
    alone = {e.id for e in countries_atlas.excerpts if about_countries_alone(countries_atlas, e)}
    assert alone == {COUNTRIES_ALONE}
    assert AT_THE_TOWN not in alone
