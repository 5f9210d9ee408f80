"""The app in a real browser: markers, pop-ups, the URL filter, escaping, and a spoiled folder.

Expectations are computed from the data with geo.data.load / geo.core.atlas, never hard-coded.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from geo.core.atlas import Atlas
from geo.core.dates import describe
from geo.core.filters import select
from geo.core.records import PlaceKind
from tests.support.browser import (
    COUNT_RUNS,
    PageLog,
    inside,
    map_frame,
    marker_place_ids,
    settled_popup_boxes,
    wait_for_marker_ids,
)
from tests.support.datafolder import XSS_NAME, XSS_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.server]

TILE_HOST = "tile.openstreetmap.org"
LEAFLET_JS = "/component/geo.web.assets.assets_leaflet/leaflet.js"
SOURCE_IDS = ["al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"]
MARKER_TIMEOUT_S = 30.0
# A click reruns the page and redraws the markers; pop-ups do not fade, so the old one is gone
# when the new one opens, and the page holds one pop-up at most.
OPEN_POPUP = ".leaflet-popup .leaflet-popup-content"
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def plain(text: str) -> str:
    """Whitespace collapsed and curly quotes made straight, as the data's texts are normalised."""
    return " ".join(text.translate(_QUOTES).split())


def test_markers_appear_without_internet(page: Page, page_log: PageLog, app_server: str, atlas: Atlas) -> None:
    started = time.perf_counter()
    page.goto(app_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    elapsed = time.perf_counter() - started
    print(f"\n[timing] page.goto -> first .geo-marker: {elapsed:.2f} s")

    places = select(atlas).places
    assert frame.locator(".geo-marker").count() == len(places)
    assert marker_place_ids(frame) == {p.id for p in places}

    off_machine = [(url, kind) for url, kind in page_log.aborted]
    not_tiles = [(url, kind) for url, kind in off_machine if urlsplit(url).hostname != TILE_HOST or kind != "image"]
    assert not_tiles == [], "off-machine requests other than tile images"
    assert not [u for u, kind in off_machine if kind in ("script", "stylesheet")]

    leaflet = [(url, status) for url, status in page_log.responses if LEAFLET_JS in url]
    assert leaflet, f"no response for {LEAFLET_JS}"
    assert any(status == 200 for _, status in leaflet), leaflet
    assert page_log.page_errors == []
    print(f"[network] {len(off_machine)} off-machine request(s) aborted, all tile images")


# Whether the map's markers were drawn when the page's second run began (after COUNT_RUNS).
MAP_BEFORE_SECOND_RUN = """new MutationObserver((changes, watcher) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { return; }
    watcher.disconnect();
    new MutationObserver(() => {
        if (window.__runs === 2 && window.__mapBeforeSecondRun === undefined) {
            const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            const doc = map && map.contentDocument;
            window.__mapBeforeSecondRun = !!(doc && doc.querySelector('.geo-marker'));
        }
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}).observe(document, {subtree: true, childList: true});"""


def test_the_page_runs_once_for_the_map_and_once_for_the_rest(page: Page, app_server: str) -> None:
    # streamlit-folium's first report of the map used to rerun the whole page while the map
    # was loading; now the map makes it once painted, and the page draws the rest on that run.
    page.add_init_script(COUNT_RUNS)
    page.add_init_script(MAP_BEFORE_SECOND_RUN)
    page.goto(app_server)
    map_frame(page, MARKER_TIMEOUT_S)
    # Noted by the page as the second run began: read from here, after the round trip, the run
    # the map's report asks for could already have begun by the time the markers were seen.
    page.wait_for_function("() => window.__mapBeforeSecondRun !== undefined", timeout=30_000)
    assert page.evaluate("() => window.__mapBeforeSecondRun"), "the page ran again before the map was drawn"
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-voice")).to_be_visible()
    # A run that does not come has no event: wait longer than streamlit-folium waits before it reports.
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__runs") == 2


@pytest.mark.parametrize(("width", "height"), [(1400, 1000), (390, 844)], ids=["laptop", "phone"])
def test_a_linked_place_s_pop_up_opens_in_view(
    page: Page, app_server: str, atlas: Atlas, width: int, height: int
) -> None:
    # The place furthest east: its pop-up, opened where the map first looks, ran off the map;
    # and on a phone, the map is narrower than a pop-up's usual width.
    points = [p for p in atlas.places.values() if p.kind is not PlaceKind.REGION]
    place = max(points, key=lambda p: p.lon)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_server}/?place={place.id}")
    frame = map_frame(page, MARKER_TIMEOUT_S)
    expect(frame.locator(OPEN_POPUP)).to_be_visible(timeout=MARKER_TIMEOUT_S * 1000)
    # The page's second run is in once the table is drawn (a phone's sidebar is folded away).
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=30_000)
    box, map_box = settled_popup_boxes(frame)
    assert inside(box, map_box), (box, map_box)


def test_click_marker_opens_popup_with_testimony(page: Page, app_server: str, atlas: Atlas) -> None:
    place_id = "khan-sheikhoun"
    place = atlas.places[place_id]
    excerpts = select(atlas).excerpts_at(place_id)
    assert excerpts, f"the data no longer has excerpts at {place_id}"

    page.goto(app_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    # Clicked once the page's second run is in: that run redraws the markers, and a pop-up
    # opened just before it is drawn again, empty for a moment, under the reading below.
    expect(page.locator(".st-key-voice")).to_be_visible(timeout=30_000)
    frame.locator(f".geo-place-{place_id}").click()
    content = frame.locator(OPEN_POPUP)
    content.wait_for(state="visible", timeout=10_000)
    expect(content.locator("blockquote")).to_have_count(len(excerpts))

    popup = content.locator("div.geo-popup")
    assert plain(place.name) in plain(popup.locator("h3").inner_text())
    arabic = popup.locator('[dir="rtl"]')
    assert arabic.count() >= 1
    assert plain(place.name_ar) in plain(arabic.first.inner_text())

    shown = plain(content.text_content() or "")
    quotes = [plain(q) for q in content.locator("blockquote").all_text_contents()]
    speakers = [plain(s) for s in content.locator("p.geo-who strong").all_text_contents()]
    assert len(quotes) == len(excerpts)
    for excerpt in excerpts:
        opening = plain(excerpt.text)[:40]
        assert any(q.startswith(opening) for q in quotes), f"no blockquote starts {opening!r}"
        if excerpt.speaker:
            assert plain(excerpt.speaker) in speakers
        assert opening in shown


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_source_link_narrows_markers(page: Page, app_server: str, atlas: Atlas, source_id: str) -> None:
    expected = {p.id for p in select(atlas, [source_id]).places}
    assert expected != {p.id for p in select(atlas).places}, "the source does not narrow the map"

    page.goto(f"{app_server}/?source={source_id}")
    frame = map_frame(page, MARKER_TIMEOUT_S)
    assert wait_for_marker_ids(frame, expected) == expected

    chips = page.locator(
        '[data-testid="stSidebar"] [data-testid="stMultiSelect"] [data-testid="stMultiSelectTagsContainer"] [data-tag]'
    )
    source = atlas.sources[source_id]
    # The chip names the article by outlet and date; the URL keeps its id. (The sidebar is
    # drawn after the map, so it may still be coming when the markers are up.)
    expect(chips).to_have_text([f"{source.outlet}, {describe(source.published)}"])
    assert f"source={source_id}" in page.url


def test_the_keyboard_opens_a_place(page: Page, app_server: str, atlas: Atlas) -> None:
    page.goto(app_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    marker = frame.locator(".geo-place-atarib")
    # A marker is a focusable button named by its label, so a screen reader can say it.
    assert marker.get_attribute("role") == "button" and marker.get_attribute("tabindex") == "0"
    assert (marker.inner_text() or "").strip() == atlas.places["atarib"].name
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".geo-panel h3", has_text=atlas.places["atarib"].name).wait_for(timeout=15_000)
    assert "place=atarib" in page.url
    frame.locator(OPEN_POPUP, has_text="Atarib").wait_for(state="visible", timeout=10_000)


def test_xss_payloads_do_not_run(page: Page, page_log: PageLog, xss_server: str) -> None:
    page.goto(xss_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    marker = frame.locator(".geo-place-alpha")

    marker.hover()
    # The place's own tooltip, not that of the journey leaving it, which the pointer may touch.
    tooltip = frame.locator(".leaflet-tooltip:not(.geo-journey-tooltip)")
    tooltip.wait_for(state="visible", timeout=10_000)
    # Read now: the click reruns the page, and the redrawn layer has no tooltip open.
    tooltip_text = tooltip.text_content() or ""
    marker.click()
    content = frame.locator(OPEN_POPUP)
    content.wait_for(state="visible", timeout=10_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("The sources").click()  # the list of sources is folded at first
    sidebar.get_by_text('<img src=x onerror="window.__xss=5">Title').wait_for(timeout=10_000)
    # A payload that does not run has no event: give any onerror handler of a failed image time to fire.
    page.wait_for_timeout(500)

    # Nothing ran and no payload became an element, in the page or any of its frames.
    for each in page.frames:
        flag = each.evaluate("typeof window.__xss + ' ' + String(window.__xss)")
        assert flag == "undefined undefined", f"window.__xss is {flag} in {each.url}"
        assert each.locator('img[src="x"]').count() == 0, each.url
    assert page_log.page_errors == []

    # Every payload is shown as the text it is.
    assert XSS_NAME in tooltip_text
    shown = content.text_content() or ""
    assert "<script>" in shown and "<img" in shown
    assert XSS_NAME in shown
    assert XSS_TEXT in shown
    assert '<b onmouseover="window.__xss=6">Eve</b>' in shown
    assert "${window.__xss=7}" in shown
    assert "<img" in sidebar.inner_text()
    # Nor do bare URLs or icon codes in a title turn into links or icons (as Markdown would).
    assert sidebar.locator('a[href*="x.example"], a[href*="www.example.com"]').count() == 0
    assert "https://x.example/p www.example.com :material/home:" in sidebar.inner_text()


def test_spoiled_folder_shows_error_not_traceback(page: Page, spoiled_server: str) -> None:
    page.goto(spoiled_server)
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for(timeout=MARKER_TIMEOUT_S * 1000)
    assert "cannot be loaded" in error.inner_text()
    # The faults are listed as plain text below the error, each naming its file.
    listing = page.locator('[data-testid="stCode"]')
    assert "places.geojson" in listing.inner_text() and "broken JSON" in listing.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Traceback").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()
