"""The app's navigation between its pages."""

from __future__ import annotations

import streamlit as st

from geo.core.settings import TITLE
from geo.web.pages.add_article import add_article
from geo.web.pages.map import show_map


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
