"""app.py as `streamlit run` reads it: an app it can find, with the routes beside the pages."""

from __future__ import annotations

from streamlit.web.server.app_discovery import discover_asgi_app

from geo.core.settings import BUNDLED_DATA

APP = BUNDLED_DATA.parent / "app.py"


def test_streamlit_run_finds_the_app_and_its_routes() -> None:
    # streamlit run reads the script for an `st.App(...)` assignment without running it;
    # without one it serves the pages alone, and /api/popup answers with the page's HTML.
    found = discover_asgi_app(APP)
    assert found.is_asgi_app and found.app_name == "app"
