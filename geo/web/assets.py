"""The map's browser files and a large map's points, served by this app as static component paths."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
import streamlit.components.v1 as components

from geo.map.assets import ASSET_FOLDERS, MapAssets, local_assets
from geo.map.dense import points_folder
from geo.web.routes import popup_url


def map_assets() -> MapAssets:
    """The files a map loads, and the pop-up route, at the URLs this app serves them from."""
    urls = asset_urls()
    popups = popup_url(st.get_option("server.baseUrlPath"))
    return replace(local_assets(urls), points=(points_folder(), urls["points"]), popups=popups)


def asset_urls() -> dict[str, str]:
    """Serve Leaflet, jQuery and a large map's points from this app, each folder as a static component path."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    urls = {}
    for name, folder in {**ASSET_FOLDERS, "points": points_folder()}.items():
        served = components.declare_component(f"assets_{name}", path=str(folder))
        urls[name] = f"{prefix}/component/{served.name}"
    return urls
