"""The map page: widgets and layout only; everything worth testing lives in the geo package."""

from __future__ import annotations

import json
import math
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from geo.assets import ASSET_FOLDERS, MapAssets, local_assets
from geo.atlas import Atlas, Selection, excerpt_frame, place_at, select
from geo.cache import Folder, cached_atlas, cached_timeline, cached_view, current_atlas, filters_of, index_in_background
from geo.gazetteer import Gazetteer, gazetteer_for
from geo.ingest import MAX_ARTICLE_BYTES, Draft, IngestError, Metadata, check_metadata, draft, read_article, revise
from geo.dates import describe
from geo.export import EXPORTERS
from geo.load import DataError
from geo.store import save_draft
from geo.densemap import POINTS_FOLDER, clicked_place, is_dense
from geo.mapview import build_map
from geo.model import ExcerptKind, PlaceKind, Source
from geo.routes import lifespan, popup_url, routes
from geo.popup import (
    EXCERPT_KIND_LABELS,
    KIND_LABELS,
    PANEL_CSS,
    badge_html,
    claims_by_side,
    contested_note_html,
    context_html,
    excerpt_html,
    notices_html,
    place_heading_html,
    side_heading_html,
    sources_html,
)
from geo.timeline import brushed_span
from geo.viewstate import MAX_SEARCH, ViewState, date_bounds, normalised, parse_query, to_query
from geo.voices import SIDE_KEY, VOICE_ORDER, Side, is_contested, voice_label

TITLE = "Idlib: who says what, where"
TABLE_PAGE = 100  # rows of the excerpt table shown at once
PANEL_PAGE = 25  # excerpts of the open place shown at once
PLACE_CHOICES = 2_000  # the most places the place box lists
MAP_HEIGHT = 620  # pixels; the map opens framing its places in this height
DRAFT_MAP_HEIGHT = 420  # the Add article page's map of a draft's places
FOLLOWS_THE_MAP = "Shown once the map has drawn its places."
FILTERS_FOLLOW = "The filters appear once the map has drawn its places."
MOST_DOWNLOADED = 20_000  # the most excerpts the page offers to download
DOWNLOADS = {
    "geojson": ("GeoJSON", "idlib-places.geojson", "application/geo+json", "Places, each with its excerpts"),
    "csv": ("CSV", "idlib-excerpts.csv", "text/csv", "A row per excerpt and place, for spreadsheets"),
    "kml": ("KML", "idlib-excerpts.kml", "application/vnd.google-earth.kml+xml",
            "A placemark per excerpt and place, for Google Earth and GIS"),
}  # fmt: skip
# Streamlit's default margins leave the map and the panel beside it too little room, and its
# metrics' large figures cut "100,000" short in half the sidebar's width.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.2rem 2rem 3rem; }
[data-testid="stSidebar"] [data-testid="stMetricValue"] { font-size: 1.75rem; }
</style>"""

T = TypeVar("T")

def map_assets() -> MapAssets:
    """The files a map loads, and the pop-up route, at the URLs this app serves them from."""
    urls = asset_urls()
    popups = popup_url(st.get_option("server.baseUrlPath"))
    return replace(local_assets(urls), points=(POINTS_FOLDER, urls["points"]), popups=popups)


def asset_urls() -> dict[str, str]:
    """Serve Leaflet, jQuery and a large map's points from this app, each folder as a static component path."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    urls = {}
    POINTS_FOLDER.mkdir(parents=True, exist_ok=True)
    for name, folder in {**ASSET_FOLDERS, "points": POINTS_FOLDER}.items():
        served = components.declare_component(f"assets_{name}", path=str(folder))
        urls[name] = f"{prefix}/component/{served.name}"
    return urls


def source_label(source: Source) -> str:
    """A source's chip: outlet and month, and whether it is an unreviewed draft."""
    label = f"{source.outlet}, {describe(source.published)}"
    return f"{label} (draft)" if source.status == "draft" else label


def seed_widgets(state: ViewState) -> None:
    """Put a state into the filter widgets, before they are drawn."""
    st.session_state.update(
        source=list(state.sources or []),
        voice=list(state.voices or []),
        kind=list(state.kinds or []),
        place_kind=list(state.place_kinds or []),
        start=state.start,
        end=state.end,
        q=state.text,
        place=state.place,
        movements=state.movements,
        drafts=state.drafts,
    )


def widget_state(atlas: Atlas) -> ViewState:
    """The state the widgets now hold, written the short way."""
    ss = st.session_state
    state = ViewState(
        sources=tuple(ss.source) or None,
        voices=tuple(ss.voice) or None,
        kinds=tuple(ss.kind) or None,
        place_kinds=tuple(ss.place_kind) or None,
        start=ss.get("start"),
        end=ss.get("end"),
        text=ss.q,
        place=ss.place,
        movements=ss.movements,
        drafts=ss.get("drafts", False),
    )
    return normalised(state, atlas)


def open_clicked_place(atlas: Atlas, view: Selection) -> None:
    """Open the details of the place the reader clicked on the map they saw."""
    clicked = (st.session_state.get("map") or {}).get("last_object_clicked")
    if not clicked:
        return
    # A dot reports its point in whole 1e-5 degrees, and of places sharing it the one drawn
    # is the one meant; a marker reports the place's own point.
    if is_dense(atlas):
        place_id = clicked_place(atlas, clicked["lat"], clicked["lng"], (p.id for p in view.places))
    else:
        place_id = place_at(atlas, clicked["lat"], clicked["lng"])
    if place_id:
        st.session_state.place = place_id


def open_row_place(view: Selection) -> None:
    """Open the details of the first place of the excerpt the reader picked in the table."""
    rows = st.session_state.table.selection.rows
    if rows:
        in_view = {p.id for p in view.places}
        excerpt = st.session_state.table_rows[rows[0]]
        st.session_state.place = next(p for p in excerpt.places if p in in_view)


def place_options(atlas: Atlas, view: Selection, open_place: str | None) -> list[str]:
    """The places the place box offers: all of them, or on a large atlas the first in view."""
    # A box of a hundred thousand names would be sent on every rerun; the reader narrows
    # a large atlas with the search box, and clicks on the map reach every place anyway.
    if len(atlas.places) <= PLACE_CHOICES:
        return list(atlas.places)
    offered = [p.id for p in view.places[:PLACE_CHOICES]]
    if open_place is not None and open_place not in offered:
        offered.insert(0, open_place)
    return offered


def page_of(items: Sequence[T], key: str, size: int, label: str) -> Sequence[T]:
    """One page of the items, with a page box above them when there is more than one page."""
    pages = max(1, math.ceil(len(items) / size))
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = 1  # the filters changed under the reader: back to the first page
    if pages == 1:
        return items
    page = st.number_input(
        f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=key,
        help=f"{label}: {len(items):,} in all, {size} a page.",
    )  # fmt: skip
    first = (int(page) - 1) * size
    st.caption(f"{first + 1:,}–{min(first + size, len(items)):,} of {len(items):,}")
    return items[first : first + size]


def take_brushed_dates() -> None:
    """Make the days brushed on the timeline the date filter."""
    # A click beside the brush clears it, and with it the date filter.
    st.session_state.start, st.session_state.end = brushed_span(st.session_state.timeline) or (None, None)


def reset_filters() -> None:
    """Back to everything, keeping the open place."""
    seed_widgets(ViewState(place=st.session_state.place))


def current_query() -> dict[str, list[str]]:
    """The page's query string as lists of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


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


def filter_sidebar(atlas: Atlas) -> None:
    """The filter widgets; their values are read from the session before they are drawn."""
    bounds = date_bounds(atlas)
    with st.sidebar:
        st.header("Filter")
        st.text_input(
            "Search",
            key="q",
            max_chars=MAX_SEARCH,
            placeholder="A place, person or words",
            help="Looks through excerpts, speakers, roles and place names. Any spelling of a name "
            "works, and Arabic: case, accents, apostrophes and al-/el- are ignored.",
        )
        st.multiselect(
            "Source articles",
            options=list(atlas.sources),
            key="source",
            format_func=lambda s: source_label(atlas.sources[s]),
            placeholder="All sources",
        )
        st.multiselect(
            "Voices",
            options=list(VOICE_ORDER),
            key="voice",
            format_func=voice_label,
            placeholder="All voices",
            help=SIDE_KEY,
        )
        st.multiselect(
            "Excerpt kinds",
            options=list(ExcerptKind),
            key="kind",
            format_func=EXCERPT_KIND_LABELS.get,
            placeholder="All kinds",
        )
        st.multiselect(
            "Place kinds",
            options=list(PlaceKind),
            key="place_kind",
            format_func=lambda k: KIND_LABELS[k],
            placeholder="All kinds of place",
        )
        if bounds:
            st.date_input("Events from", value=None, min_value=bounds[0], max_value=bounds[1], key="start",
                          format="YYYY-MM-DD", help="Drag across the timeline below the map to set both dates.")
            st.date_input("Events to", value=None, min_value=bounds[0], max_value=bounds[1], key="end",
                          format="YYYY-MM-DD")  # fmt: skip
        journeys_help = "Arrows for journeys that the sources describe." + (
            " On a map this large, only the open place's journeys are drawn." if is_dense(atlas) else ""
        )
        st.toggle("Show movements", key="movements", help=journeys_help)
        if any(source.status == "draft" for source in atlas.sources.values()):
            st.toggle("Show unreviewed drafts", key="drafts",
                      help="Articles added but not yet checked; their excerpts are flagged.")  # fmt: skip
        st.button("Reset filters", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")


def view_sidebar(atlas: Atlas, view: Selection) -> None:
    """What is in view: its counts, its downloads, and the sources."""
    with st.sidebar:
        places_count, excerpts_count = st.columns(2)
        places_count.metric("Places", f"{len(view.places):,}")
        excerpts_count.metric("Excerpts", f"{len(view.excerpts):,}")
        if len(view.excerpts) <= MOST_DOWNLOADED:
            st.caption("Download what is in view")
            # The files are written only when a button is clicked, not on every rerun.
            for column, (fmt, (label, file_name, mime, about)) in zip(st.columns([1.3, 1, 1]), DOWNLOADS.items()):
                column.download_button(label, partial(EXPORTERS[fmt], view), file_name=file_name, mime=mime,
                                       help=about, width="stretch", on_click="ignore", key=f"download-{fmt}")  # fmt: skip
        else:
            # A download is built whole in the server's memory (hundreds of megabytes at this
            # size); the command line streams the same view to a file instead.
            # Inline code, not st.code: its highlighter took a fifth of a second of the browser's
            # first load, holding up the map.
            st.caption(
                f"Over {MOST_DOWNLOADED:,} excerpts are in view: narrow the filters to download them here, "
                "or export this view with the command line, which streams it: "
                "`uv run python -m geo export --format geojson --link '<this page's address>' > view.geojson`"
            )
        with st.expander("The sources"):
            st.html(sources_html(atlas.sources.values()))


def show_map() -> None:
    """The map page: filters, the map with the panel beside it, the timeline and the table."""
    try:
        with st.spinner("Loading the sources…"):
            atlas, folder = current_atlas()
    except DataError as error:
        st.title(TITLE)
        st.error(
            f"**The data folder cannot be loaded:** {len(error.problems)} problem(s), listed below. "
            "Fix them and reload the page; nothing was changed on disk."
        )
        # Plain text, not Markdown: the messages quote the data, which may hold links or markup.
        st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
        st.stop()

    # A session's first run draws the map and the panel beside it, and leaves the rest to
    # the next run, which the map asks for once it is drawn (QuietStart, geo/mapview.py).
    # Drawn beside the map, the sidebar's widgets, the timeline and the table held it up by
    # over half a second of the browser's work: the code of each kind of widget is fetched
    # and run the first time one is drawn. Marked before the map is sent, for the map's
    # request may cut this run short.
    map_only = not st.session_state.get("map_page_ran")
    st.session_state.map_page_ran = True

    # The link is read once per session; after that the widgets hold the state and write it back.
    # Coming back from another page, Streamlit has dropped the filters' widget values.
    if "link_notices" not in st.session_state or "q" not in st.session_state:
        linked, notices = parse_query(current_query(), atlas)
        seed_widgets(linked)
        st.session_state.link_notices = (linked, notices)

    state = widget_state(atlas)
    if to_query(state) != current_query():
        st.query_params.from_dict(to_query(state))
    # The search index is built on its own thread once the data is loaded; a search asked
    # for before it is ready waits for it, and says so.
    indexing = state.text and not atlas.search_ready()
    with st.spinner("Indexing the excerpts for search, once after loading…") if indexing else nullcontext():
        view = cached_view(folder, filters_of(state))

    st.html(PAGE_CSS)
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
        fmap, layers = build_map(view, map_assets(), selected=state.place, movements=state.movements,
                                 query=urlencode(to_query(filters_of(state)), doseq=True), height_px=MAP_HEIGHT)  # fmt: skip
        # Imported where used: importing it declares its component, which wants a session,
        # and this file is also imported outside any session to find the app it serves.
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

    with panel_column:
        if st.session_state.get("place") not in atlas.places:
            st.session_state.place = None  # a name no longer offered, or a place the folder lost
        options = place_options(atlas, view, st.session_state.place)
        st.selectbox(
            "Place",
            options=options,
            index=None,
            key="place",
            format_func=lambda p: atlas.places[p].name,
            placeholder="Click a place on the map, or choose one",
            help=None if len(options) == len(atlas.places) else
            f"The first {PLACE_CHOICES:,} places in view; search in the sidebar to narrow them.",
        )
        if state.place:
            place = atlas.places[state.place]
            excerpts = view.excerpts_at(place.id)
            head = place_heading_html(place) + (contested_note_html() if is_contested(excerpts) else "")
            st.html(f'{PANEL_CSS}<div class="geo-panel">{head}</div>')
            if not excerpts:
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
                columns = dict(zip(opposed, st.columns(len(opposed)))) if len(opposed) == 2 else {}
                for side, voices in claims.items():
                    with columns.get(side) or st.container():
                        st.html(side_heading_html(side, sum(map(len, every_claim[side].values()))))
                        for voice, group in voices.items():
                            st.html(badge_html(voice))
                            for excerpt in group:
                                st.html(excerpt_html(excerpt, atlas.sources[excerpt.source]))
                                st.button("Read in context", key=f"context-{excerpt.id}", on_click=open_context,
                                          args=(excerpt.id,), icon=":material/article:", type="tertiary")  # fmt: skip
        else:
            st.caption("The place's excerpts appear here, the government side's beside the opposition's.")

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
        if (reading := st.session_state.get("context")) and any(e.id == reading for e in atlas.excerpts):
            show_context(atlas, reading)
        show_timeline(folder, state)
        show_table(view)
    index_in_background(atlas)


def show_timeline(folder: Folder, state: ViewState) -> None:
    """The dates of the excerpts in view, across which a reader drags to narrow them."""
    st.subheader("When")
    spec, about_timeline = cached_timeline(folder, filters_of(state))
    if spec:
        st.vega_lite_chart(json.loads(spec), on_select=take_brushed_dates, selection_mode="when", key="timeline", width="stretch")
    st.caption(about_timeline)


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


@st.cache_resource(show_spinner="Building the gazetteer of place names…", max_entries=1)
def cached_gazetteer(folder: Folder) -> Gazetteer:
    """The gazetteer for the data folder; read-only and large, so shared rather than copied each run."""
    return gazetteer_for(cached_atlas(folder))


def read_draft(atlas: Atlas, folder: Folder, text: str, meta: Metadata) -> None:
    """Read an article into a draft kept in the session, showing each step."""
    with st.status("Reading the article…", expanded=True) as status:
        try:
            status.write("Checking the text and the details…")
            check_metadata(meta)
            article = read_article(text.encode("utf-8"), "the article")
            status.write("Finding quotations, speakers and places…")
            # Built on the first read, not on opening the page: the form is usable at once.
            made = draft(article, meta, cached_gazetteer(folder), atlas.places)
        except IngestError as error:
            status.update(label="The article could not be read", state="error")
            st.session_state.draft_error = str(error)
            return
        status.update(label=f"Read: {len(made.excerpts)} excerpts to check", state="complete", expanded=False)
    st.session_state.draft = made
    st.session_state.draft_error = None


def draft_rows(made: Draft) -> pd.DataFrame:
    """The draft's excerpts as editable rows."""
    rows = [
        {"keep": True, "id": e.id, "places": ", ".join(e.places), "kind": e.kind.value, "speaker": e.speaker or "",
         "role": e.role or "", "voice": e.voice.value, "guessed": ", ".join(e.guessed), "text": e.text}
        for e in made.excerpts
    ]  # fmt: skip
    return pd.DataFrame(rows)


def edited_excerpts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The kept rows of the excerpt editor as excerpt fields."""
    return [
        {"id": row["id"], "places": [p.strip() for p in str(row["places"]).split(",") if p.strip()],
         "kind": row["kind"], "speaker": row["speaker"] or None, "role": row["role"] or None,
         "voice": row["voice"], "guessed": [g.strip() for g in str(row["guessed"]).split(",") if g.strip()],
         "text": row["text"]}
        for row in frame.to_dict("records") if row["keep"]
    ]  # fmt: skip


def add_article() -> None:
    """The Add article page: paste or upload, read, correct, save as a draft."""
    st.html(PAGE_CSS)
    st.title("Add an article")
    st.caption(
        "Paste or upload an article. It is cleaned of page furniture, its quotations are given to their "
        "speakers and its places are found in any spelling; check the result, then save it as a draft. "
        "Drafts appear on the map only when **Show unreviewed drafts** is on."
    )
    try:
        with st.spinner("Loading the sources…"):
            atlas, folder = current_atlas()
    except DataError as error:
        st.error(f"**The data folder cannot be loaded:** {len(error.problems)} problem(s). Fix them first.")
        st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
        return
    with st.form("article"):
        text = st.text_area("Article text", height=260, placeholder="Paste the article here")
        # The widget's limit is in whole megabytes; the article's own (MAX_ARTICLE_BYTES) is
        # checked when it is read, with a message that says so.
        upload = st.file_uploader("Or upload it as a text file", type=["txt"],
                                  max_upload_size=math.ceil(MAX_ARTICLE_BYTES / 2**20))  # fmt: skip
        left, right = st.columns(2)
        source_id = left.text_input("Id", placeholder="outlet-yyyy-mm-topic", help="a-z, 0-9 and hyphens")
        title = right.text_input("Title")
        outlet = left.text_input("Outlet")
        published = right.text_input("Published", placeholder="YYYY-MM-DD, YYYY-MM or YYYY")
        author = left.text_input("Author (optional)")
        url = right.text_input("Link (optional)")
        read = st.form_submit_button("Read the article", type="primary")
    if read:
        meta = Metadata(id=source_id.strip(), title=title, outlet=outlet, published=published.strip(),
                        author=author or None, url=url.strip() or None)  # fmt: skip
        if upload is not None:
            try:
                text = read_article(upload.getvalue(), upload.name)
            except IngestError as error:
                st.session_state.draft_error = str(error)
                text = ""
        if text or upload is None:
            read_draft(atlas, folder, text, meta)
    if error_text := st.session_state.get("draft_error"):
        # Plain text: the message may quote the pasted article.
        st.error("The article was not read; nothing was saved.")
        st.code(error_text, language=None, wrap_lines=True)
    made: Draft | None = st.session_state.get("draft")
    if made is None or error_text:
        return
    show_draft(atlas, folder, made)


def show_draft(atlas: Atlas, folder: Folder, made: Draft) -> None:
    """The proposed places on a map and the excerpts in an editor, and the button that saves them."""
    proposals = {p.id: p for p in made.source.proposed_places}
    st.subheader("Places")
    draft_atlas = Atlas(
        sources={made.source.id: made.source},
        places={**{p: atlas.places[p] for e in made.excerpts for p in e.places if p in atlas.places}, **proposals},
        excerpts=made.excerpts,
        articles={made.source.id: made.article},
        boundaries=atlas.boundaries,
    )
    fmap, layers = build_map(select(draft_atlas, drafts=True), map_assets(), movements=False,
                             height_px=DRAFT_MAP_HEIGHT)  # fmt: skip
    from streamlit_folium import st_folium

    st_folium(fmap, feature_group_to_add=layers, returned_objects=[], key="draft-map", height=DRAFT_MAP_HEIGHT,
              use_container_width=True)  # fmt: skip
    keep = st.multiselect(
        "Proposed new places (from GeoNames) to keep",
        options=list(proposals),
        default=list(proposals),
        format_func=lambda p: f"{proposals[p].name} · {proposals[p].admin1} · GeoNames {proposals[p].geonames_id}",
        help="Each is added to the draft; move it into places.geojson once checked.",
    )
    notes = [f"**{a.name}** could be {len(a.candidates)} places; chose `{a.chose}`: {a.reason}." for a in made.source.ambiguous]
    if made.source.names_not_found:
        notes.append("Not found in the gazetteer: " + ", ".join(made.source.names_not_found))
    for note in notes:
        st.caption(note)
    st.subheader("Excerpts")
    st.caption(f"{made.skipped} passages name no place and are left out. Untick an excerpt to drop it.")
    edited = st.data_editor(
        draft_rows(made),
        key="draft-excerpts",
        hide_index=True,
        width="stretch",
        disabled=["id", "text"],
        column_config={
            "keep": st.column_config.CheckboxColumn("Keep", width="small"),
            "id": None,
            "places": st.column_config.TextColumn("Places (ids)", width="medium"),
            "kind": st.column_config.SelectboxColumn("Kind", options=[k.value for k in ExcerptKind]),
            "voice": st.column_config.SelectboxColumn("Voice", options=[v.value for v in VOICE_ORDER]),
            "guessed": st.column_config.TextColumn("Still guessed", help="Clear what you have checked"),
            "text": st.column_config.TextColumn("Excerpt", width="large"),
        },
    )
    replace_existing = st.checkbox(f"Replace an existing source {made.source.id!r} if there is one")
    if st.button("Save as draft", type="primary", icon=":material/save:"):
        try:
            revised = revise(made, edited_excerpts(edited), keep, atlas.places)
            # Into the folder the page's atlas was read from, not the folder as read again now.
            written = save_draft(Path(folder.path), revised, replace=replace_existing)
        except IngestError as error:
            st.error("Nothing was saved.")
            st.code(str(error), language=None, wrap_lines=True)
            return
        st.session_state.draft = None
        st.success(f"Saved {', '.join(p.name for p in written)} as a draft. Turn on **Show unreviewed drafts** on the map to see it.")


def main() -> None:
    """Run the page the reader is on."""
    st.set_page_config(page_title=TITLE, page_icon="🗺️", layout="wide")
    page = st.navigation(
        [
            st.Page(show_map, title="Map", icon=":material/map:", default=True),
            st.Page(add_article, title="Add article", icon=":material/post_add:", url_path="add-article"),
        ]
    )
    page.run()


if __name__ == "__main__":
    main()
else:
    # `streamlit run app.py` imports this file to find the app it serves: the pages above,
    # each session running this file as __main__, and the routes beside them.
    app = st.App(__file__, routes=routes(st.get_option("server.baseUrlPath")), lifespan=lifespan)
