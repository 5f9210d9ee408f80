"""The map page: filters, the map with the panel beside it, the timeline and the table."""

from __future__ import annotations

import json
from contextlib import nullcontext
from functools import partial
from urllib.parse import urlencode

import streamlit as st

from geo.core.atlas import Atlas, Selection
from geo.core.filters import FILTERS, Control
from geo.core.settings import MAP_HEIGHT, TITLE
from geo.core.viewstate import ViewState, parse_query, to_query
from geo.data.problems import DataError
from geo.map.build import build_map
from geo.map.dense import clicked_place
from geo.render.popup import notices_html
from geo.web.access import POPUP_KEY, Access, current_access, popup_key
from geo.web.assets import map_assets
from geo.web.cache import Folder, cached_timeline, cached_view, current_atlas, filters_of, index_in_background
from geo.web.errors import show_data_error
from geo.web.panel import show_context, show_panel
from geo.web.publishing import publish_box
from geo.web.session import current_query, seed_widgets, take_brushed_dates, widget_state
from geo.web.sidebar import filter_sidebar, view_sidebar
from geo.web.style import page_css
from geo.web.table import show_table

FOLLOWS_THE_MAP = "Shown once the map has drawn its places."
FILTERS_FOLLOW = "The filters appear once the map has drawn its places."
# The widget whose value is there once the filters have been seeded in this session.
_SEARCH_KEY = next(row.key for row in FILTERS if row.control is Control.TEXT)
_DRAFTS_KEY = next(row.key for row in FILTERS if row.field == "drafts")


def open_clicked_place(atlas: Atlas, view: Selection) -> None:
    """Open the details of the place the reader clicked on the map they saw."""
    clicked = (st.session_state.get("map") or {}).get("last_object_clicked")
    if not clicked:
        return
    # A dot reports its point in whole 1e-5 degrees, a marker its place's own point; of places
    # sharing it (a country stands at its capital's) the one drawn is the one meant.
    place_id = clicked_place(atlas, clicked["lat"], clicked["lng"], (p.id for p in view.places))
    if place_id:
        st.session_state.place = place_id


def linked_state(atlas: Atlas, access: Access) -> ViewState:
    """The view the widgets hold, seeded from the link once a session, and written back to the link."""
    # The link is read once per session; after that the widgets hold the state and write it back.
    # Coming back from another page, Streamlit has dropped the filters' widget values.
    if "link_notices" not in st.session_state or _SEARCH_KEY not in st.session_state:
        linked, notices = parse_query(current_query(), atlas)
        if not access.editor and _DRAFTS_KEY in current_query():
            notices.append("unreviewed drafts are for editors; this map shows reviewed sources only")
        seed_widgets(linked)
        st.session_state.link_notices = (linked, notices)
    state = widget_state(atlas)
    if to_query(state) != current_query():
        st.query_params.from_dict(to_query(state))
    return state


def show_map() -> None:
    """The map page: filters, the map with the panel beside it, the timeline and the table."""
    access = current_access()
    try:
        with st.spinner("Loading the sources…"):
            atlas, folder = current_atlas(drafts=access.editor)
    except DataError as error:
        st.title(TITLE)
        show_data_error(error, "Fix them and reload the page; nothing was changed on disk.")
        st.stop()

    # A session's first run draws the map and the panel beside it, and leaves the rest to
    # the next run, which the map asks for once it is drawn (geo/map/js/quiet_start.js).
    # Drawn beside the map, the sidebar's widgets, the timeline and the table held it up by
    # over half a second of the browser's work: the code of each kind of widget is fetched
    # and run the first time one is drawn. Marked before the map is sent, for the map's
    # request may cut this run short.
    map_only = not st.session_state.get("map_page_ran")
    st.session_state.map_page_ran = True

    state = linked_state(atlas, access)
    # The search index is built on its own thread once the data is loaded; a search asked
    # for before it is ready waits for it, and says so.
    indexing = state.text and not atlas.search_ready()
    with st.spinner("Indexing the excerpts for search, once after loading…") if indexing else nullcontext():
        view = cached_view(folder, filters_of(state))

    st.html(page_css())
    st.title(TITLE)
    st.caption(
        "Places named in news reports, and what each side says about them. Click a place on the map, or pick a "
        "place beside the map, to read its excerpts side by side; every quote opens in its article."
    )
    linked, notices = st.session_state.link_notices
    if notices and state == linked:
        st.html(notices_html(notices))
    if not view.excerpts:
        st.info("Nothing matches these filters. Loosen them, or press **Reset filters** in the sidebar.")

    map_column, panel_column = st.columns([1.3, 1], gap="medium")
    with map_column:
        show_the_map(atlas, view, state, access)
    with panel_column:
        show_panel(atlas, view, state.place)

    if map_only:
        with st.sidebar:
            st.header("Filter")
            st.caption(FILTERS_FOLLOW)
        for heading in ("When", "Excerpts in view"):
            st.subheader(heading)
            st.caption(FOLLOWS_THE_MAP)
    else:
        # The widgets are drawn after the map, though they hold what it shows: the browser
        # then starts loading the map's frame before it builds the sidebar.
        filter_sidebar(atlas)
        view_sidebar(atlas, view)
        publish_box(atlas, state, access)
        if (reading := st.session_state.get("context")) and atlas.excerpt(reading) is not None:
            show_context(atlas, reading)
        show_timeline(folder, state)
        show_table(view)
    index_in_background(atlas)


def show_the_map(atlas: Atlas, view: Selection, state: ViewState, access: Access) -> None:
    """The map of the places in view, reporting only clicks back to the page."""
    query = urlencode(popup_query(state, access), doseq=True)
    fmap, layers = build_map(
        view, map_assets(), selected=state.place, movements=state.movements, query=query, height_px=MAP_HEIGHT
    )
    # Imported where used: importing it declares its component, which wants a session,
    # and the app's script is also imported outside any session to find the app it serves.
    from streamlit_folium import st_folium

    st_folium(
        fmap,
        feature_group_to_add=layers,
        # Only clicks are asked for, so panning and zooming do not rerun the page.
        # The count changes on every click, so clicking the same marker again still reports.
        returned_objects=["last_object_clicked", "last_object_clicked_count"],
        on_change=partial(open_clicked_place, atlas, view),
        key="map",
        height=MAP_HEIGHT,
        use_container_width=True,
    )


def popup_query(state: ViewState, access: Access) -> dict[str, list[str]]:
    """What the map's pop-up requests carry: the view's filters, and an editor's key if they show drafts."""
    query = to_query(filters_of(state))
    if state.drafts and access.editor:
        query[POPUP_KEY] = [popup_key()]
    return query


def show_timeline(folder: Folder, state: ViewState) -> None:
    """The dates of the excerpts in view, across which a reader drags to narrow them."""
    st.subheader("When")
    spec, about_timeline = cached_timeline(folder, filters_of(state))
    if spec:
        st.vega_lite_chart(
            json.loads(spec), on_select=take_brushed_dates, selection_mode="when", key="timeline", width="stretch"
        )
    st.caption(about_timeline)
