"""The app's navigation between its pages, and the server that serves them with their routes."""

from __future__ import annotations

import streamlit as st

from geo.core.settings import TITLE
from geo.web.pages.add_article import add_article
from geo.web.pages.map import show_map
from geo.web.routes import lifespan, routes


def run_page() -> None:
    """Run the page the reader is on."""
    st.set_page_config(page_title=TITLE, page_icon="🗺️", layout="wide")
    page = st.navigation(
        [
            st.Page(show_map, title="Map", icon=":material/map:", default=True),
            st.Page(add_article, title="Add article", icon=":material/post_add:", url_path="add-article"),
        ]
    )
    page.run()


def server(script: str) -> st.App:
    """The app `streamlit run` serves: the pages of this script, and the routes beside them."""
    return st.App(script, routes=routes(st.get_option("server.baseUrlPath")), lifespan=lifespan)
