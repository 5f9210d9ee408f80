"""The page's state in the session: filter widgets seeded from a view, and the view read back from them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.core.atlas import Atlas
from geo.core.filters import DATE_RANGE, FILTERS, Control
from geo.core.viewstate import PLACE_KEY, ViewState, normalised
from geo.render.timeline import brushed_span


def _widget_value(control: Control, value: Any) -> Any:
    """A filter's value as its widget holds it: a multiselect holds a list, never None."""
    return list(value or []) if control is Control.CHOICE else value


def _state_value(control: Control, value: Any) -> Any:
    """A widget's value as the view holds it: no choice means any (None)."""
    return tuple(value) or None if control is Control.CHOICE else value


def seed_widgets(state: ViewState) -> None:
    """Put a state into the filter widgets, before they are drawn."""
    st.session_state.update(
        {row.key: _widget_value(row.control, state.value(row)) for row in FILTERS},
        **{PLACE_KEY: state.place, "movements": state.movements},
    )


def widget_state(atlas: Atlas) -> ViewState:
    """The state the widgets now hold, written the short way."""
    ss = st.session_state
    values = {row.field: _state_value(row.control, ss.get(row.key, row.default)) for row in FILTERS}
    state = ViewState(**values, place=ss.get(PLACE_KEY), movements=ss.movements)
    return normalised(state, atlas)


def current_query() -> dict[str, list[str]]:
    """The page's query string as lists of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def reset_filters() -> None:
    """Back to everything, keeping the open place."""
    seed_widgets(ViewState(place=st.session_state.place))


def take_brushed_dates() -> None:
    """Make the days brushed on the timeline the date filter."""
    # A click beside the brush clears it, and with it the date filter.
    first, last = DATE_RANGE
    st.session_state[first.key], st.session_state[last.key] = brushed_span(st.session_state.timeline) or (None, None)
