"""A large atlas in Chromium: dots on a canvas, a click that opens the place, filters that send a mask."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.records import PlaceKind, Voice
from geo.core.settings import DENSE_FROM
from geo.data.load import load_atlas
from geo.map.build import REPORT_AFTER_MS
from geo.render.vocabulary import voice_label
from geo.tools.synth import write_corpus
from tests.support.browser import (
    COUNT_RUNS,
    MAP_IFRAME,
    holds,
    inside,
    popup_and_map_boxes,
    settled_popup_boxes,
)
from tests.support.server import ServerFactory

pytestmark = [pytest.mark.browser, pytest.mark.server]

PLACES = DENSE_FROM + 500
LOAD_TIMEOUT_S = 120.0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic data folder just large enough to be drawn as dots."""
    folder = tmp_path_factory.mktemp("dense") / "data"
    write_corpus(folder, PLACES)
    return folder


@pytest.fixture(scope="module")
def dense_atlas(corpus: Path) -> Atlas:
    """The synthetic corpus's atlas, to compute what the page must show."""
    return load_atlas(corpus)


@pytest.fixture(scope="module")
def dense_server(start_server: ServerFactory, corpus: Path) -> str:
    """The app on the synthetic corpus."""
    return start_server(corpus, "dense")


def dots_frame(page: Page, timeout_s: float = LOAD_TIMEOUT_S) -> Frame:
    """The map's frame once its dot layer is on the map with its points fetched."""
    iframe = page.locator(MAP_IFRAME)
    expect(iframe).to_be_attached(timeout=timeout_s * 1000)
    frame = iframe.element_handle().content_frame()
    assert frame is not None, "the map's iframe has no frame"
    ready = "() => Boolean(window.geoDots && window.geoDots._map && window.geoDots.ready)"
    assert holds(frame, ready, timeout_ms=timeout_s * 1000), f"the map did not draw the dots within {timeout_s:.0f} s"
    return frame


# In the map's frame: how many dots the layer shows (its mask, not what the current view happens to cover).
COUNT_SHOWN = "const d = window.geoDots; let n = 0; for (let i = 0; i < d.count; i++) { if (d.visible(i)) { n++; } }"
SHOWS_DOTS = f"expected => {{ {COUNT_SHOWN} return n === expected; }}"


def shown_dots(frame: Frame) -> int:
    """How many dots the layer shows (its mask, not what the current view happens to cover)."""
    count: int = frame.evaluate(f"() => {{ {COUNT_SHOWN} return n; }}")
    return count


def a_dot_on_screen(frame: Frame) -> tuple[int, float, float]:
    """A dot that a click at some point of the map would hit: its index, and that point in the frame."""
    found = frame.evaluate(
        """() => {
            const d = window.geoDots, m = d._map, size = m.getSize();
            for (let y = 0.3; y <= 0.7; y += 0.01) {
                for (let x = 0.3; x <= 0.7; x += 0.01) {
                    // Whole pixels, as a mouse clicks: a fraction off could put the dot out of reach.
                    const point = [Math.round(x * size.x), Math.round(y * size.y)];
                    const i = d.nearest(m.containerPointToLayerPoint(point));
                    if (i >= 0) { return [i, point[0], point[1]]; }
                }
            }
            return null;
        }"""
    )
    assert found, "no dot near the middle of the map"
    return int(found[0]), float(found[1]), float(found[2])


def on_page(page: Page, frame: Frame, x: float, y: float) -> tuple[float, float]:
    """A point given in the map container's own pixels, in the page's."""
    box = page.locator(MAP_IFRAME).bounding_box()
    corner = frame.evaluate(
        "() => { const r = window.map.getContainer().getBoundingClientRect(); return [r.left, r.top]; }"
    )
    assert box
    return box["x"] + corner[0] + x, box["y"] + corner[1] + y


def click_in_map(page: Page, frame: Frame, x: float, y: float) -> None:
    """Click a point given in the map container's own pixels."""
    page.mouse.click(*on_page(page, frame, x, y))


# In the map's frame: the page's run count when the dots were first drawn whole.
RUNS_AT_DRAWING = """if (window !== window.top) { const poll = setInterval(() => {
    const d = window.geoDots;
    if (d && d.ready && d.drawnWith === d.count) { window.__runsAtDrawing = window.parent.__runs; clearInterval(poll); }
}, 2); }"""


def test_every_place_is_a_dot_and_no_marker_is_built(page: Page, dense_server: str, dense_atlas: Atlas) -> None:
    page.add_init_script(COUNT_RUNS)
    page.add_init_script(RUNS_AT_DRAWING)
    page.goto(f"{dense_server}/?movements=off")
    frame = dots_frame(page)
    # The page ran once while the dots were loading: the map coming up did not rerun it.
    frame.wait_for_function("() => window.__runsAtDrawing !== undefined")
    assert frame.evaluate("() => window.__runsAtDrawing") == 1
    # Once drawn, the dots ask for the run that adds the timeline and the table, and no more.
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    # A run that does not come has no event: wait longer than streamlit-folium waits before it reports.
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__runs") == 2
    assert frame.evaluate("() => window.geoDots.count") == len(dense_atlas.places)
    assert shown_dots(frame) == len(dense_atlas.places)
    # Drawn: the canvas is painted where a dot is, in one of the kinds' colours or its white rim.
    _, x, y = a_dot_on_screen(frame)
    assert (
        frame.evaluate(
            """([x, y]) => { const c = document.querySelector('canvas.geo-dots'), r = window.devicePixelRatio || 1;
            const ctx = c.getContext('2d'); let found = 0;
            for (let dy = -8; dy <= 8; dy++) for (let dx = -8; dx <= 8; dx++) {
                const pixel = ctx.getImageData(Math.round((x + dx) * r), Math.round((y + dy) * r), 1, 1);
                if (pixel.data[3] === 255) { found++; } }
            return found; }""",
            [x, y],
        )
        > 4
    )
    # Nothing is built per place: no marker, no pop-up, until a place is opened.
    expect(frame.locator(".leaflet-marker-icon")).to_have_count(0)
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    # The points came as a file the app serves, not inside the map's script, which every rerun resends.
    fetched = frame.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => /points-[0-9a-f]+\\.bin$/.test(n))"
    )
    assert len(fetched) == 1, fetched


def test_a_click_on_a_dot_opens_its_place(page: Page, dense_server: str, dense_atlas: Atlas) -> None:
    page.goto(f"{dense_server}/?movements=off")
    frame = dots_frame(page)
    index, x, y = a_dot_on_screen(frame)
    place = list(dense_atlas.places.values())[index]
    click_in_map(page, frame, x, y)
    # The pop-up and the panel are built for this place only once it is clicked.
    expect(frame.locator(".leaflet-popup h3")).to_have_text(place.name, timeout=30_000)
    expect(page.locator(".geo-panel h3")).to_have_text(place.name)
    assert f"place={place.id}" in page.url
    # The pop-up was fetched from the app's route by the dot's point, not sent with a rerun.
    asked = popup_requests(frame)
    assert asked and "lat=" in asked[0] and "lon=" in asked[0], asked
    expect(frame.locator(".leaflet-popup")).to_have_count(1)


# In the map's frame: whether the pop-up route has been fetched more than the given number of times.
POPUP_FETCHED_MORE_THAN = (
    "n => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/popup?')).length > n"
)


def popup_requests(frame: Frame) -> list[str]:
    """The pop-up route's URLs the map has fetched, in order."""
    urls: list[str] = frame.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/popup?'))"
    )
    return urls


def test_a_linked_place_opens_and_its_pop_up_follows_the_filters(
    page: Page, dense_server: str, dense_atlas: Atlas
) -> None:
    # A place told of in several voices, so that choosing one of them narrows its pop-up.
    place_id, excerpts = next(
        (pid, found) for pid, found in dense_atlas.by_place.items() if len({e.voice for e in found}) > 1
    )
    place = dense_atlas.places[place_id]
    page.goto(f"{dense_server}/?movements=off&place={place_id}")
    frame = dots_frame(page)
    popup = frame.locator(".leaflet-popup")
    expect(popup.locator("h3")).to_have_text(place.name, timeout=30_000)
    expect(popup.locator(".geo-excerpt")).to_have_count(len(excerpts))
    assert f"place={place_id}" in popup_requests(frame)[0]

    voice = excerpts[0].voice
    choose_voice(page, voice)
    # The same place's pop-up, fetched again under the new filter: only that voice is left.
    expect(popup.locator(".geo-excerpt")).to_have_count(sum(e.voice == voice for e in excerpts), timeout=30_000)
    expect(popup.locator("h3")).to_have_text(place.name)
    assert f"voice={voice.value}" in popup_requests(frame)[-1]


def choose_voice(page: Page, voice: Voice, tries: int = 5) -> None:
    """Choose a voice in the sidebar, once more if the click did not choose it, until its chip shows."""
    label = voice_label(voice)
    chip = page.locator('.st-key-voice [data-testid="stMultiSelectTagsContainer"] [data-tag]', has_text=label)
    for _ in range(tries):
        page.locator(".st-key-voice input").click()
        page.get_by_role("option", name=label, exact=True).click()
        page.keyboard.press("Escape")
        # The chip is drawn by the browser as the option is chosen, not by a rerun. A click on
        # a list just opened can press on the option and be let go over another as the list
        # settles, under a busy browser: it then lands on the list, and nothing is chosen.
        try:
            chip.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeoutError:
            continue
        return
    raise AssertionError(f"the voice {label!r} was not chosen in {tries} tries")


def test_a_linked_place_s_pop_up_opens_in_view_and_then_the_view_is_the_reader_s(
    page: Page, dense_server: str, dense_atlas: Atlas
) -> None:
    # The place furthest north: its pop-up opens above it, off the top of the view the map opens on.
    points = [p for p in dense_atlas.places.values() if p.kind is not PlaceKind.REGION]
    place = max(points, key=lambda p: p.lat)
    page.goto(f"{dense_server}/?movements=off&place={place.id}")
    frame = dots_frame(page)
    popup = frame.locator(".leaflet-popup")
    expect(popup.locator("h3")).to_have_text(place.name, timeout=30_000)
    # Brought into view by a pan, which takes a moment.
    box, map_box = settled_popup_boxes(frame)
    assert inside(box, map_box), (box, map_box)
    # The reader moves once the page is whole: the run the map asks for once drawn adds the
    # sidebar and the table, and redraws the page around the map while it runs.
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)

    # The reader drags the pop-up half out of view: a filter change, which fetches it again,
    # leaves the map where they put it.
    # Grabbed low on the map, clear of the pop-up, which would not drag it.
    grip = frame.evaluate("() => { const s = window.map.getSize(); return [s.x / 2, s.y - 40]; }")
    x, y = on_page(page, frame, *grip)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 150, steps=10)
    # A still hold, not a wait: Leaflet glides on from the last 50 ms of a drag, and there are none.
    page.wait_for_timeout(300)
    page.mouse.up()
    box, map_box = popup_and_map_boxes(frame)
    assert box["top"] < map_box["top"], "the drag did not take the pop-up out of view"
    centre = frame.evaluate("() => window.map.getCenter()")
    fetched = len(popup_requests(frame))
    voice = next(e.voice for e in dense_atlas.by_place[place.id])
    choose_voice(page, voice)
    assert holds(frame, POPUP_FETCHED_MORE_THAN, fetched, timeout_ms=30_000), "the pop-up was not fetched again"
    assert f"voice={voice.value}" in popup_requests(frame)[-1]
    expect(popup.locator(".geo-excerpt")).to_have_count(
        sum(e.voice == voice for e in dense_atlas.by_place[place.id]), timeout=30_000
    )
    # A pan that does not come has no event: wait longer than a pan would take.
    page.wait_for_timeout(1000)
    assert frame.evaluate("() => window.map.getCenter()") == centre


def test_a_filter_change_sends_a_mask_and_keeps_the_view(page: Page, dense_server: str, dense_atlas: Atlas) -> None:
    page.goto(f"{dense_server}/?movements=off")
    frame = dots_frame(page)
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function("() => !window.map._animatingZoom")
    zoom = frame.evaluate("() => window.map.getZoom()")
    frame.evaluate("() => { window.__probe = 'kept'; }")

    voice = Voice.CIVILIAN
    page.locator(".st-key-voice input").click()
    page.get_by_role("option", name=voice_label(voice), exact=True).click()
    page.keyboard.press("Escape")

    expected = len(select(dense_atlas, voices={voice}).places)
    assert 0 < expected < len(dense_atlas.places), "the voice does not narrow the map"
    holds(frame, SHOWS_DOTS, expected, timeout_ms=60_000)
    assert shown_dots(frame) == expected
    # The same map, at the reader's zoom: the filter only changed which dots are drawn.
    assert frame.evaluate("() => window.__probe") == "kept"
    assert frame.evaluate("() => window.map.getZoom()") == zoom


def test_a_pop_up_that_cannot_be_fetched_says_so(page: Page, dense_server: str, dense_atlas: Atlas) -> None:
    page.goto(f"{dense_server}/?movements=off")
    frame = dots_frame(page)
    # The route answers as it would while the data folder is being fixed; the words come back as text.
    page.route("**/api/popup?**", lambda route: route.fulfill(status=503, body="<b id=injected>x</b>"))
    _, x, y = a_dot_on_screen(frame)
    click_in_map(page, frame, x, y)
    failed = frame.locator(".leaflet-popup .geo-popup-failed")
    expect(failed).to_contain_text("could not be fetched (the app answered 503", timeout=30_000)
    expect(frame.locator("#injected")).to_have_count(0)


POINTS_FILE = re.compile(r".*/points-[0-9a-f]+\.bin$")


@pytest.mark.parametrize(
    ("answer", "within_s"),
    [
        (lambda route: route.fulfill(status=404, body="gone"), 30),
        # Never answered: the dots' own timer asks for the rest.
        (lambda route: None, REPORT_AFTER_MS / 1000 + 30),
    ],
    ids=["refused", "never-answered"],
)
def test_the_rest_of_the_page_comes_without_the_dots(
    page: Page, dense_server: str, answer: Callable[[Route], None], within_s: float
) -> None:
    page.route(POINTS_FILE, answer)
    page.goto(f"{dense_server}/?movements=off")
    expect(page.locator(".st-key-voice")).to_be_visible(timeout=within_s * 1000)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=30_000)
    frame = page.locator(MAP_IFRAME).content_frame
    assert frame.locator("body").evaluate("() => window.geoDots.ready") is False
