"""Placing by hand in Chromium: an article names a village no gazetteer holds; a click on the map places it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Locator, Page, expect

from geo.map.picking import CHOSEN_COLOUR
from tests.support.browser import MAP_IFRAME
from tests.support.server import ServerFactory

pytestmark = [pytest.mark.browser, pytest.mark.server]

VILLAGE = "Kafr Batikh"
# Where the editor means the village to be, west of Maarat al-Numan.
POINT = (35.6512, 36.5508)


def article(village: str) -> str:
    """A short wire story naming a village west of Maarat al-Numan."""
    return (
        "Shelling west of Maarat al-Numan\n\n"
        f"Shelling hit the village of {village}, west of Maarat al-Numan, on Monday, residents said.\n\n"
        "The army said its units had secured the road near Khan Sheikhoun.\n"
    )


FIELDS = {"Id": "wire-2026-12-kafr-batikh", "Title": "Shelling", "Outlet": "Test Wire", "Published": "2026-12"}


@pytest.fixture(scope="module")
def writable_server(
    start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory, bundled_data: Path
) -> tuple[str, Path]:
    """A server on a copy of the bundled data, which the page may write to."""
    folder = tmp_path_factory.mktemp("placing") / "data"
    shutil.copytree(bundled_data, folder)
    return start_server(folder, "placing"), folder


def read_article(page: Page, village: str = VILLAGE) -> None:
    """Paste the article, fill its details, and press Read."""
    page.get_by_role("textbox", name="Article text", exact=True).fill(article(village))
    for label, value in FIELDS.items():
        page.get_by_role("textbox", name=label, exact=True).fill(value)
    page.get_by_role("button", name="Read the article").click()
    expect(page.get_by_text("excerpts to check")).to_be_visible(timeout=60_000)


def leaflet_frame(iframe: Locator) -> Frame:
    """The frame of an st_folium map once Leaflet has drawn it."""
    expect(iframe.content_frame.locator(".leaflet-container")).to_be_visible(timeout=30_000)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map's iframe has no frame"
    frame.wait_for_function("() => window.map && window.map._loaded")
    return frame


def click_at(page: Page, iframe: Locator, frame: Frame, lat: float, lon: float) -> None:
    """Click the map where a point is."""
    iframe.scroll_into_view_if_needed()
    x, y = frame.evaluate(
        """([lat, lon]) => {
            const p = window.map.latLngToContainerPoint([lat, lon]);
            const r = window.map.getContainer().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        [lat, lon],
    )
    box = iframe.bounding_box()
    assert box
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_a_village_placed_by_a_click_is_tied_when_the_article_is_read_again(
    writable_server: tuple[str, Path], page: Page
) -> None:
    base_url, folder = writable_server
    page.goto(f"{base_url}/add-article")
    read_article(page)
    expect(page.get_by_text("Names to place by hand (1)")).to_be_visible()
    expect(page.get_by_text(f"“Shelling hit the village of {VILLAGE}", exact=False)).to_be_visible()

    # The small map: the second st_folium map, drawn from the app's own Leaflet, outlines and all.
    picking = page.locator(MAP_IFRAME).nth(1)
    frame = leaflet_frame(picking)
    assert frame.locator("path.leaflet-interactive").count() > 10, "the governorate outlines are drawn"
    expect(frame.locator(".geo-label", has_text="Maarat al-Numan")).to_be_visible()
    click_at(page, picking, frame, *POINT)
    typed = page.get_by_role("textbox", name="Latitude, longitude", exact=True)
    expect(typed).not_to_have_value("", timeout=30_000)
    lat, lon = (float(v) for v in typed.input_value().split(","))
    # A click lands on a whole pixel: some tens of metres at this zoom.
    assert abs(lat - POINT[0]) < 0.005 and abs(lon - POINT[1]) < 0.005
    # The point is marked, in a circle as wide as the precision says.
    expect(picking.content_frame.locator(f'path[fill="{CHOSEN_COLOUR}"]')).to_have_count(2, timeout=30_000)
    expect(page.get_by_text(f"Clicked at {lat:.5f}, {lon:.5f}")).to_be_visible()

    page.get_by_role("textbox", name="Arabic name", exact=True).fill("كفر بطيخ")
    page.get_by_role("button", name="Save the place").click()
    expect(page.get_by_text(f"{VILLAGE} is placed at", exact=False)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("1 excerpt(s) name it", exact=False)).to_be_visible()
    expect(page.get_by_text("Names to place by hand")).to_have_count(0)

    saved = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    [feature] = [f for f in saved["features"] if f["properties"]["id"] == "kafr-batikh"]
    assert feature["properties"]["coord_source"].endswith("by a click on the map; not from a gazetteer")
    assert feature["properties"]["name_ar"] == "كفر بطيخ"

    # The draft's map shows the new place, where it was clicked.
    draft_map = page.locator(MAP_IFRAME).first
    expect(draft_map.content_frame.locator(".geo-place-kafr-batikh")).to_be_attached(timeout=30_000)

    # Read again from scratch, as the next ingest would: the village is tied, nothing left to place.
    page.goto(f"{base_url}/add-article")
    read_article(page)
    expect(page.get_by_text("Names to place by hand")).to_have_count(0)
    expect(page.locator(MAP_IFRAME).first.content_frame.locator(".geo-place-kafr-batikh")).to_be_attached(
        timeout=30_000
    )


def test_the_form_stacks_on_a_phone(writable_server: tuple[str, Path], page: Page) -> None:
    base_url, _ = writable_server
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base_url}/add-article")
    read_article(page, "Tal Harrin")
    expect(page.get_by_text("Names to place by hand (1)")).to_be_visible()
    picking = page.locator(MAP_IFRAME).nth(1)
    leaflet_frame(picking)
    # Read at one moment: the page's maps change its height as they are drawn.
    name, arabic, frame = page.evaluate(
        """() => [...['Name', 'Arabic name'].map(label => document.querySelector(`input[aria-label="${label}"]`)),
                  document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')[1]]
            .map(el => el.getBoundingClientRect().toJSON())"""
    )
    assert arabic["top"] >= name["bottom"], "side by side on a wide screen, one above the other here"
    assert frame["left"] >= 0 and frame["right"] <= 375, "the map fits the screen"


# The grid's table for screen readers, drawn out of sight: what its cells hold, by role.
ROW, CELL = '[role="row"]', '[role="gridcell"]'


def excerpt_rows(page: Page) -> list[list[str]]:
    """The excerpt editor's rows as its cells read (its grid draws on a canvas, and lists them for screen readers)."""
    grid = page.get_by_test_id("stDataFrame").first
    rows = grid.locator(ROW).all()
    return [row.locator(CELL).all_inner_texts() for row in rows[1:]]


# Whether the app has not been running its script for the given milliseconds (it shows a status while it runs).
QUIET_FOR = """quietMs => {
    const now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    if (window.__quietSince === undefined || !app || app.getAttribute("data-test-script-state") === "running") {
        window.__quietSince = now;
    }
    return now - window.__quietSince >= quietMs;
}"""


def settled_box(element: Locator) -> dict[str, float]:
    """An element's box once the page is quiet: the maps' first reports rerun it, and a rerun redraws the grid."""
    element.page.wait_for_function(QUIET_FOR, arg=1_500, polling=100, timeout=60_000)
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    assert box is not None
    return box
