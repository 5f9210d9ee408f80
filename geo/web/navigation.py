"""The app's navigation between its pages: the map for everyone, the editing pages for editors alone."""

from __future__ import annotations

import streamlit as st

from geo.core.settings import TITLE
from geo.web.access import current_access
from geo.web.account import account_box
from geo.web.pages.add_article import add_article
from geo.web.pages.map import show_map
from geo.web.pages.review import review


def run_page() -> None:
    """Run the page the visitor is on, of those their access allows."""
    st.set_page_config(page_title=TITLE, page_icon="🗺️", layout="wide")
    access = current_access()
    pages = [st.Page(show_map, title="Map", icon=":material/map:", default=True)]
    if access.editor:
        # Not listed for a reader, the editing pages do not exist for them: their URLs open the map.
        pages += [
            st.Page(add_article, title="Add article", icon=":material/post_add:", url_path="add-article"),
            st.Page(review, title="Review", icon=":material/fact_check:", url_path="review"),
        ]
    page = st.navigation(pages)
    account_box(access)
    page.run()
