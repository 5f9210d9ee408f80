"""The map page: widgets and layout only; everything worth testing lives in the geo package."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from geo.assets import ASSET_FOLDERS, local_assets
from geo.atlas import Atlas, excerpt_frame, select
from geo.export import csv_text, geojson_text
from geo.load import DataError, fingerprint, load_atlas
from geo.mapview import build_map
from geo.popup import sources_html

DATA_DIR = Path(os.environ.get("GEO_DATA_DIR") or Path(__file__).parent / "data")

st.set_page_config(page_title="Idlib: who says what, where", page_icon="🗺️", layout="wide")


@st.cache_data(show_spinner="Loading the sources…")
def cached_atlas(data_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Atlas:
    """The atlas, loaded once per change of the folder's files (the stamp keys the cache)."""
    return load_atlas(Path(data_dir))


def asset_urls() -> dict[str, str]:
    """Serve Leaflet and jQuery from this app, each folder as a static component path."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    urls = {}
    for name, folder in ASSET_FOLDERS.items():
        served = components.declare_component(f"assets_{name}", path=str(folder))
        urls[name] = f"{prefix}/component/{served.name}"
    return urls


try:
    atlas = cached_atlas(str(DATA_DIR), fingerprint(DATA_DIR))
except DataError as error:
    st.title("Idlib: who says what, where")
    st.error(
        f"**The data folder cannot be loaded:** {len(error.problems)} problem(s), listed below. "
        "Fix them and reload the page; nothing was changed on disk."
    )
    # Plain text, not Markdown: the messages quote the data, which may hold links or markup.
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
    st.stop()

with st.sidebar:
    st.header("Filter")
    chosen = st.multiselect(
        "Source articles",
        options=list(atlas.sources),
        default=list(atlas.sources),
        key="source",
        bind="query-params",
        help="The map and table show what these articles say. The choice is kept in the URL.",
    )
    st.html(sources_html(atlas.sources.values()))

selection = select(atlas, chosen)

with st.sidebar:
    places_count, excerpts_count = st.columns(2)
    places_count.metric("Places", len(selection.places))
    excerpts_count.metric("Excerpts", len(selection.excerpts))
    st.caption("Download what is in view")
    geojson_button, csv_button = st.columns(2)
    # The files are written only when a button is clicked, not on every rerun.
    geojson_button.download_button(
        "GeoJSON", partial(geojson_text, selection), file_name="idlib-places.geojson",
        mime="application/geo+json", icon=":material/download:", width="stretch", on_click="ignore",
    )  # fmt: skip
    csv_button.download_button(
        "CSV", partial(csv_text, selection), file_name="idlib-excerpts.csv",
        mime="text/csv", icon=":material/download:", width="stretch", on_click="ignore",
    )  # fmt: skip

st.title("Idlib: who says what, where")
st.caption(
    "Places named in news reports, with what each source says about them. "
    "Click a marker for its excerpts and testimony; hover for its name."
)
if not chosen:
    st.info("No source article is chosen: pick one or more in the sidebar to see their places.")

fmap, places_layer = build_map(selection, local_assets(asset_urls()))
st_folium(
    fmap,
    feature_group_to_add=places_layer,
    returned_objects=[],
    key="map",
    height=600,
    use_container_width=True,
)

st.subheader("Excerpts in view")
st.dataframe(
    excerpt_frame(selection),
    hide_index=True,
    width="stretch",
    column_config={
        "text": st.column_config.TextColumn("Excerpt", width="large"),
        "places": st.column_config.TextColumn("Places", width="medium"),
        "id": None,
    },
)
