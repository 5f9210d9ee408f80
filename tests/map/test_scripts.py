"""The map's JavaScript: files that parse, loaded by URL, and called with values that cannot break out."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import folium
import pytest
from streamlit_folium import _get_feature_group_string, _get_map_string

from geo.core.filters import select
from geo.core.settings import BUNDLED_DATA
from geo.data.load import load_atlas
from geo.map.assets import ASSET_FOLDERS, SCRIPT_FOLDER, MapAssets, local_assets, script_files, script_text
from geo.map.build import build_map
from geo.map.scripts import ScriptCall, js_value, script_functions

ASSETS = local_assets({name: f"/served/{name}" for name in ASSET_FOLDERS})
BREAK_OUT = "</script><script>window.__xss=1</script><!-- & ' \" {{ 7 * 7 }} {% if x %}"


@pytest.fixture(scope="module")
def selection():
    return select(load_atlas(BUNDLED_DATA))


def node() -> str:
    """The node executable; a CI run must have it, elsewhere the check is skipped without it."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the map's JavaScript, and CI is set")
        pytest.skip("node is not installed: the map's JavaScript is not syntax-checked")
    return found


@pytest.mark.parametrize("name", script_files())
def test_each_script_file_is_valid_javascript(name: str) -> None:
    checked = subprocess.run([node(), "--check", str(SCRIPT_FOLDER / name)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_there_are_script_files_and_each_defines_a_function() -> None:
    assert script_files() and all(name.endswith(".js") for name in script_files())
    for name in script_files():
        assert "geoMap." in script_text(name) and " = function" in script_text(name), name
    assert {"openOnAdd", "clickOnEnter", "watchReader", "holdFirstReport", "addLegend", "addDots"} <= script_functions()


def test_a_value_cannot_close_the_script_element_it_is_written_into() -> None:
    written = js_value({"text": BREAK_OUT, "list": [BREAK_OUT]})
    assert not {"<", ">", "&", "'"} & set(written)
    assert json.loads(written) == {"text": BREAK_OUT, "list": [BREAK_OUT]}


def test_a_call_goes_on_the_page_as_written_not_as_a_template() -> None:
    fmap = folium.Map()
    ScriptCall("addLegend", BREAK_OUT, [1, 2]).add_to(fmap)
    page = fmap.get_root().render()
    assert f"geoMap.addLegend({fmap.get_name()}, {js_value(BREAK_OUT)}, [1, 2]);" in page
    # The value's "{{ 7 * 7 }}" is still there as text (in the call above), not worked out as a template's.
    assert "window.__xss" in page and "</script><script>window" not in page


def test_a_call_without_its_parent_passes_only_its_arguments() -> None:
    fmap = folium.Map()
    ScriptCall("showOnly", None, "", None, [0, 0], on_parent=False).add_to(fmap)
    assert 'geoMap.showOnly(null, "", null, [0, 0]);' in fmap.get_root().render()


def test_a_call_must_name_a_function_a_script_file_defines() -> None:
    with pytest.raises(ValueError, match="geoMap.noSuchThing"):
        ScriptCall("noSuchThing")


def test_the_map_loads_its_scripts_by_url_like_leaflet(selection) -> None:
    fmap, _ = build_map(selection, ASSETS)
    links = dict(fmap.default_js)
    for name in script_files():
        url = next(url for url in links.values() if url.startswith(f"/served/map_js/{name}?v="))
        assert Path(ASSET_FOLDERS["map_js"], url.removeprefix("/served/map_js/").partition("?")[0]).is_file()
    page = fmap.get_root().render()
    assert "data:" not in page and "geoMap.addDots = function" not in page
    assert list(links.values()).index("/served/leaflet/leaflet.js") < min(
        i for i, url in enumerate(links.values()) if url.startswith("/served/map_js/")
    )


def test_a_map_built_without_script_urls_carries_the_files_in_its_links(selection) -> None:
    # The server's warm-up builds a map it never sends; a saved page stands alone.
    fmap, _ = build_map(selection, MapAssets(js=(), css=()))
    carried = [url for _, url in fmap.default_js]
    assert len(carried) == len(script_files())
    texts = [base64.b64decode(url.removeprefix("data:text/javascript;base64,")).decode() for url in carried]
    assert texts == [script_text(name) for name in script_files()]


def test_streamlit_folium_sends_the_calls_with_its_own_names_for_the_map_and_layers(selection) -> None:
    fmap, layers = build_map(selection, ASSETS, selected="al-habit-crossing")
    fmap.get_root().render()
    groups = "".join(_get_feature_group_string(layer, fmap, index) for index, layer in enumerate(layers))
    script = _get_map_string(fmap)
    assert "geoMap.watchReader(map_div);" in script and "geoMap.holdFirstReport(map_div, true, 10000);" in script
    assert "geoMap.clickOnEnter(feature_group_feature_group_0);" in groups
    assert groups.count("geoMap.openOnAdd(marker_feature_group_0_") == 1
