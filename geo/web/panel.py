"""The panel beside the map: the open place's claims side by side, and an excerpt read in its article."""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.core.atlas import Atlas, Selection
from geo.core.records import Place, PlaceKind
from geo.core.settings import PANEL_PAGE, PLACE_CHOICES
from geo.core.sides import Side
from geo.core.tallies import NONE, ExcerptsAt, tally_at
from geo.data.problems import DataError
from geo.render.panel import PanelPage, panel_head_html, panel_page
from geo.render.popup import context_html
from geo.web.errors import show_data_error
from geo.web.widgets import page_of


def place_options(view: Selection, open_place: str | None) -> list[str]:
    """The places the place box offers: those the map draws (the first of them, on a large atlas), and the open one."""
    # Only what the map draws: a country while countries are hidden, or a place the filters
    # leave no excerpt, would open on nothing. A box of a hundred thousand names would be
    # sent on every rerun; the reader narrows a large atlas with the search box, and clicks
    # on the map reach every place anyway. The open place stays, so that the box shows it.
    offered = [p.id for p in view.places[:PLACE_CHOICES]]
    if open_place is not None and open_place not in offered:
        offered.insert(0, open_place)
    return offered


def is_drawn(view: Selection, place_id: str) -> bool:
    """Whether the map draws a place under the view's filters."""
    return any(p.id == place_id for p in view.places)


def excerpts_shown(view: Selection, place: Place) -> ExcerptsAt:
    """A place's excerpts in view, read a page at a time; none where the map does not draw it (a hidden country)."""
    # An excerpt about Turkey and Alpha is in view, at Alpha; Turkey, not drawn, shows none.
    return ExcerptsAt(view, place.id, None if is_drawn(view, place.id) else NONE)


def panel_of(atlas: Atlas, view: Selection, place_id: str, first: int = 0, size: int = PANEL_PAGE) -> PanelPage:
    """The panel's page of a place from its `first` excerpt (counted from 0), as show_panel lays it out."""
    excerpts = excerpts_shown(view, atlas.places[place_id])
    return panel_page(atlas.places[place_id], excerpts.tally, excerpts[first : first + size], atlas.sources)


def open_context(excerpt_id: str) -> None:
    """Remember which excerpt is being read in context."""
    st.session_state.context = excerpt_id


def close_context() -> None:
    """Forget the excerpt read in context, once its dialog is closed."""
    st.session_state.context = None


# The open dialog is kept in the session, not drawn only on its button's run: any rerun
# (the map's first report, a click elsewhere) would otherwise close it under the reader.
@st.dialog("Read in context", width="large", on_dismiss=close_context)
def show_context(atlas: Atlas, excerpt_id: str) -> None:
    """The article an excerpt comes from, with the passage highlighted."""
    excerpt = atlas.excerpt(excerpt_id)
    if excerpt is None:  # the folder lost it since the dialog was opened
        return
    source = atlas.sources[excerpt.source]
    try:
        article = atlas.articles[source.id]
    except DataError as error:
        show_data_error(error, "It changed since the page read the folder: reload the page.")
        return
    st.html(context_html(article, excerpt, source))


def show_panel(atlas: Atlas, view: Selection, open_place: str | None) -> None:
    """The place box, and the open place's excerpts grouped by side and voice, a page at a time."""
    if st.session_state.get("place") not in atlas.places:
        st.session_state.place = None  # a name no longer offered, or a place the folder lost
    options = place_options(view, st.session_state.place)
    st.selectbox(
        "Place",
        options=options,
        index=None,
        key="place",
        format_func=lambda p: atlas.places[p].name,
        placeholder="Click a place on the map, or choose one",
        help=None
        if len(view.places) <= PLACE_CHOICES
        else f"The first {PLACE_CHOICES:,} places in view; search in the sidebar to narrow them.",
    )
    if not open_place:
        st.caption("The place's excerpts appear here, the government side's beside the opposition's.")
        return
    place = atlas.places[open_place]
    excerpts = excerpts_shown(view, place)
    if st.session_state.get("panel_place") != place.id:
        st.session_state.panel_place, st.session_state.panel_page = place.id, 1
    st.html(panel_head_html(place, excerpts.tally))
    if not excerpts and tally_at(view, place.id).total:
        st.info(
            "The filters hide places of this kind, so none of its excerpts are shown here"
            + (": switch on **Show countries** in the sidebar to see them." if place.kind is PlaceKind.COUNTRY else ".")
        )
    elif not excerpts:
        st.info("No excerpt about this place is in view; loosen the filters to see them.")
    # A place may have thousands of excerpts: a page at a time, read off the place's excerpts
    # alone, and counted whole in the headings from the view's tally.
    shown = page_of(excerpts, "panel_page", PANEL_PAGE, f"Excerpts about {place.name}")
    page = panel_page(place, excerpts.tally, shown, atlas.sources)
    with st.container(height=480, border=False):
        # The two sides' claims stand side by side; bystanders' below them.
        columns: dict[Side, Any] = {}
        if page.side_by_side:
            columns = dict(zip((Side.GOVERNMENT, Side.OPPOSITION), st.columns(2), strict=True))
        for group in page.sides:
            with columns.get(group.side) or st.container():
                st.html(group.heading)
                for voice in group.voices:
                    st.html(voice.badge)
                    for excerpt, html in voice.excerpts:
                        st.html(html)
                        st.button(
                            "Read in context",
                            key=f"context-{excerpt.id}",
                            on_click=open_context,
                            args=(excerpt.id,),
                            icon=":material/article:",
                            type="tertiary",
                        )
