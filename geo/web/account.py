"""The sidebar's account box: who is signed in, and the buttons to sign in or out."""

from __future__ import annotations

import streamlit as st

from geo.web.access import Access, current_access
from geo.web.style import page_css
from geo.web.widgets import markdown_text

READ_ONLY = ":material/lock: Read-only"
# For whoever runs the server: why it does not edit, and how to make it.
READ_ONLY_WHY = (
    "This server is open to others and has no sign-in set up, so nothing can be changed here. "
    "Editors sign in once [auth] and the editors are set in .streamlit/secrets.toml (README, "
    "Editors and readers); a server bound to localhost edits without sign-in."
)
NOT_AN_EDITOR = "You are not among this map's editors: you see what every reader sees."


def account_box(access: Access) -> None:
    """Who the visitor is and what they may do, in the sidebar, with a button to sign in or out."""
    with st.sidebar:
        if access.sign_in and access.signed_in:
            st.caption(f"Signed in as **{markdown_text(access.email or 'an account with no e-mail')}**")
            if not access.editor:
                st.caption(NOT_AN_EDITOR)
            st.button("Sign out", key="sign-out", icon=":material/logout:", on_click=st.logout)
        elif access.sign_in:
            # A callback, as Streamlit's own examples have it: it runs as the click's run begins,
            # so a rerun the map asks for at that moment cannot drop the click.
            st.button("Sign in", key="sign-in", icon=":material/login:", help="For editors", on_click=st.login)
        elif not access.editor:
            st.caption(READ_ONLY, help=READ_ONLY_WHY)


def editing_page(title: str) -> Access | None:
    """An editing page's style and title, and the editor's access; None, having said why, for anyone else."""
    st.html(page_css())
    st.title(title)
    access = current_access()
    return access if require_editor(access) else None


def require_editor(access: Access) -> bool:
    """Whether the visitor is an editor; if not, say the page is for editors."""
    # The navigation lists the editing pages for editors alone; this guards each page as well.
    if not access.editor:
        st.error("This page is for editors." + (" Sign in to use it." if access.sign_in else ""))
    return access.editor
