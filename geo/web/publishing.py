"""The sidebar's Publish box, for editors: the view as a static site in a zip, and the HTML to embed it."""

from __future__ import annotations

import re
from functools import partial

import streamlit as st

from geo.core.atlas import Atlas
from geo.core.settings import TITLE
from geo.core.viewstate import ViewState, to_query
from geo.publish.contents import readers_view
from geo.publish.embed import SITE_ADDRESS, embed_snippet
from geo.publish.folder import PublishError
from geo.publish.site import site_zip
from geo.publish.tiles import Tiles
from geo.web.access import Access
from geo.web.cache import filters_of


def publish_box(atlas: Atlas, state: ViewState, access: Access) -> None:
    """Offer editors the view as a site that any web server gives to any number of readers."""
    if not access.editor:
        return
    with st.sidebar, st.expander("Publish this view", icon=":material/publish:"):
        st.caption(
            "A static site of this view, reviewed sources only, never drafts: unzip it onto any web server "
            "or CDN. The command line writes the same site: `uv run python -m geo publish --out site`, with "
            "this page's filters or `--link '<this page's address>'`."
        )
        view = filters_of(state)
        # Asked before the button is drawn: the zip is made on the click, where an error could not be shown.
        try:
            published, nothing = readers_view(atlas, view), None
        except PublishError as error:
            published, nothing = view, str(error)
        # Made when the button is clicked, not on every rerun.
        st.download_button(
            "Download the site (zip)",
            partial(site_zip, atlas, view, TITLE, Tiles()),
            # Named for what readers get, so no draft's id or drafts switch is in the name.
            file_name=zip_name(published),
            mime="application/zip",
            on_click="ignore",
            icon=":material/download:",
            key="publish-zip",
            width="stretch",
            disabled=nothing is not None,
        )
        if nothing is not None:
            st.caption(f"{nothing[:1].upper()}{nothing[1:]}. Choose a reviewed source as well.")
        st.caption(f"To put it in a story, replace {SITE_ADDRESS} with where the site is served:")
        st.code(embed_snippet(SITE_ADDRESS, TITLE), language="html", wrap_lines=True)


def zip_name(view: ViewState) -> str:
    """The zip's file name, saying which view it holds."""
    query = to_query(view)
    words = [value for key in sorted(query) for value in query[key]]
    named = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:60].rstrip("-")
    return f"idlib-map-{named}.zip" if named else "idlib-map.zip"
