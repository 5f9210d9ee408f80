"""The table of excerpts in view, a page at a time; a row picked opens its place."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from geo.core.atlas import Selection
from geo.core.settings import TABLE_PAGE
from geo.render.vocabulary import SIDE_KEY, voice_label
from geo.web.widgets import page_of


def excerpt_frame(selection: Selection) -> pd.DataFrame:
    """One row per selected excerpt: its places, who says it, the words, and where and when."""
    atlas = selection.atlas
    rows = [
        {
            "places": ", ".join(atlas.places[p].name for p in e.places),
            "voice": voice_label(e.voice),
            "speaker": e.speaker or "",
            "text": e.text,
            "role": e.role or "",
            "kind": e.kind.value,
            "date": e.event_date or "",
            "source": atlas.sources[e.source].outlet,
            "id": e.id,
        }
        for e in selection.excerpts
    ]
    columns = ["places", "voice", "speaker", "text", "role", "kind", "date", "source", "id"]
    return pd.DataFrame(rows, columns=columns)


def open_row_place(view: Selection) -> None:
    """Open the details of the first place of the excerpt the reader picked in the table."""
    rows = st.session_state.table.selection.rows
    if rows:
        in_view = {p.id for p in view.places}
        excerpt = st.session_state.table_rows[rows[0]]
        st.session_state.place = next(p for p in excerpt.places if p in in_view)


def show_table(view: Selection) -> None:
    """The excerpts in view, a page at a time; a row picked opens its place."""
    st.subheader("Excerpts in view")
    st.caption("Pick a row to open its place beside the map.")
    rows = page_of(view.excerpts, "table_page", TABLE_PAGE, "Excerpts in view")
    st.session_state.table_rows = rows
    st.dataframe(
        excerpt_frame(replace(view, excerpts=tuple(rows))),
        hide_index=True,
        width="stretch",
        key="table",
        on_select=partial(open_row_place, view),
        # A page at a time: a hundred thousand rows would be sent and drawn on every rerun.
        selection_mode="single-row",
        column_config={
            "places": st.column_config.TextColumn("Places", width="medium"),
            "voice": st.column_config.TextColumn("Voice", help=SIDE_KEY),
            "speaker": st.column_config.TextColumn("Speaker"),
            "text": st.column_config.TextColumn("Excerpt", width="large"),
            "role": st.column_config.TextColumn("Role"),
            "kind": st.column_config.TextColumn("Kind"),
            "date": st.column_config.TextColumn("Event date"),
            "source": st.column_config.TextColumn("Source"),
            "id": None,
        },
    )
