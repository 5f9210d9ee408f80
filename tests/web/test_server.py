"""app.py as `streamlit run` reads it: an app it can find, with the routes beside the pages, serving no more."""

from __future__ import annotations

import stat
from pathlib import Path

from streamlit.web.server.app_discovery import discover_asgi_app
from streamlit.web.server.component_file_utils import build_safe_abspath

from geo.core.settings import BUNDLED_DATA
from geo.map.dense import points_folder

APP = BUNDLED_DATA.parent / "app.py"


def test_streamlit_run_finds_the_app_and_its_routes() -> None:
    # streamlit run reads the script for an `st.App(...)` assignment without running it;
    # without one it serves the pages alone, and /api/popup answers with the page's HTML.
    found = discover_asgi_app(APP)
    assert found.is_asgi_app and found.app_name == "app"


def test_the_points_folder_serves_no_link_out_of_it(tmp_path: Path) -> None:
    # The map's packed points are served as a component's files; a link placed in that folder,
    # to a file outside it, must not be served, however it got there.
    secret = tmp_path / "secret.txt"
    secret.write_text("not for visitors", encoding="utf-8")
    folder = points_folder()
    (folder / "points.bin").write_bytes(b"\0" * 8)
    (folder / "link.bin").symlink_to(secret)
    assert build_safe_abspath(str(folder), "points.bin") is not None, "the folder's own files are served"
    assert build_safe_abspath(str(folder), "link.bin") is None
    assert build_safe_abspath(str(folder), "../secret.txt") is None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700, "readable by the server's user alone"
    assert not folder.is_symlink()
