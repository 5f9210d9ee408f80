"""The panel beside the map: the open place's claims side by side, and an excerpt read in its article."""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.core.atlas import Atlas, Selection
from geo.core.records import Excerpt, Place, PlaceKind
from geo.core.settings import PANEL_PAGE, PLACE_CHOICES
from geo.core.sides import Side, is_contested
from geo.render.popup import (
    PANEL_CSS,
    badge_html,
    claims_by_side,
    contested_note_html,
    context_html,
    excerpt_html,
    place_heading_html,
    side_heading_html,
)
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


def excerpts_shown(view: Selection, place: Place) -> tuple[Excerpt, ...]:
    """A place's excerpts in view; none where the map does not draw it (a country while countries are hidden)."""
    excerpts = view.excerpts_at(place.id)
    # An excerpt about Turkey and Alpha is in view, at Alpha; Turkey, not drawn, shows none.
    return excerpts if excerpts and is_drawn(view, place.id) else ()


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
    excerpt = next(e for e in atlas.excerpts if e.id == excerpt_id)
    source = atlas.sources[excerpt.source]
    st.html(context_html(atlas.articles[source.id], excerpt, source))


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
    head = place_heading_html(place) + (contested_note_html() if is_contested(excerpts) else "")
    st.html(f'{PANEL_CSS}<div class="geo-panel">{head}</div>')
    if not excerpts and view.excerpts_at(place.id):
        st.info(
            "The filters hide places of this kind, so none of its excerpts are shown here"
            + (": switch on **Show countries** in the sidebar to see them." if place.kind is PlaceKind.COUNTRY else ".")
        )
    elif not excerpts:
        st.info("No excerpt about this place is in view; loosen the filters to see them.")
    if st.session_state.get("panel_place") != place.id:
        st.session_state.panel_place, st.session_state.panel_page = place.id, 1
    # A place may have hundreds of excerpts: a page at a time, counted whole in the headings.
    every_claim = claims_by_side(excerpts)
    shown = page_of(excerpts, "panel_page", PANEL_PAGE, f"Excerpts about {place.name}")
    with st.container(height=480, border=False):
        claims = claims_by_side(shown)
        opposed = [side for side in (Side.GOVERNMENT, Side.OPPOSITION) if side in every_claim]
        # The two sides' claims stand side by side; bystanders' below them.
        columns: dict[Side, Any] = {}
        if len(opposed) == 2:
            columns = dict(zip(opposed, st.columns(2), strict=True))
        for side, voices in claims.items():
            with columns.get(side) or st.container():
                st.html(side_heading_html(side, sum(map(len, every_claim[side].values()))))
                for voice, group in voices.items():
                    st.html(badge_html(voice))
                    for excerpt in group:
                        st.html(excerpt_html(excerpt, atlas.sources[excerpt.source]))
                        st.button(
                            "Read in context",
                            key=f"context-{excerpt.id}",
                            on_click=open_context,
                            args=(excerpt.id,),
                            icon=":material/article:",
                            type="tertiary",
                        )
