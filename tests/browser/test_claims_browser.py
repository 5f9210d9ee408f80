"""The claims beside the map in a real browser: sides, "Read in context", shared links, downloads,
the movements layer, and a map that keeps its view while the filters change.

Expectations are computed from the data with geo (load_atlas, select, parse_query, selection,
journeys), never hard-coded. Streamlit reruns asynchronously, so checks wait for a condition
(Playwright's expect, or a JavaScript predicate polled by wait_for_function) rather than sleeping.
"""

from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyogrio
import pytest
from playwright.sync_api import Frame, Locator, Page, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.core.atlas import Atlas, Selection
from geo.core.dates import describe
from geo.core.filters import select
from geo.core.provenance import locate, normalise
from geo.core.records import Excerpt
from geo.core.sides import SIDE_LABELS, SIDES, Side, is_contested
from geo.core.viewstate import ViewState, parse_query, selection, to_query
from geo.data.load import load_atlas
from geo.map.journeys import journeys
from geo.render.vocabulary import EXCERPT_KIND_LABELS, KIND_LABELS, voice_label
from tests.support.browser import PageLog, holds, map_frame, marker_place_ids, wait_for_marker_ids
from tests.support.datafolder import XSS_NAME, XSS_TEXT, write_xss_folder

pytestmark = [pytest.mark.browser, pytest.mark.server]

MARKER_TIMEOUT_S = 30.0
RERUN_TIMEOUT_MS = 15_000
# Both sides speak about it, and one excerpt speaks of it alone (not of the other crossings).
CROSSING = "abu-al-duhur-crossing"
OPPOSED = (Side.GOVERNMENT, Side.OPPOSITION)

# A link a reader might share: several filters at once and an open place. It keeps some of the
# places and excerpts, not all and not none (the test checks that against the data).
SHARED_QUERY = {
    "source": ["al-monitor-2020-01-idlib-crossings"],
    "voice": ["journalist", "opposition-civil", "russia"],
    "place_kind": ["crossing", "village"],
    "from": ["2020-01-11"],
    "q": ["abu"],
    "place": ["abu-dafna"],
}
# Two voices from both sources, and place kinds that drop some of their places: the CSV then
# has fewer rows than the excerpts' places would give without the place-kind filter.
DOWNLOAD_QUERY = {
    "voice": ["opposition-civil", "state-media"],
    "place_kind": ["crossing", "village", "city"],
}
# The journey the movements test looks for: a family's flight told in The National.
JOURNEY_ENDS = ("latamnah", "harem-mountains")


# Counts the app's script runs, from the attribute Streamlit keeps on its root element.
COUNT_RUNS = """
if (window === window.top) {
    window.__geoRuns = 0;
    let last = null;
    new MutationObserver(() => {
        const app = document.querySelector('[data-testid="stApp"]');
        const state = app && app.getAttribute("data-test-script-state");
        if (state === "running" && last !== "running") window.__geoRuns += 1;
        last = state;
    }).observe(document, {subtree: true, childList: true, attributes: true,
                          attributeFilter: ["data-test-script-state"]});
}
"""


# --------------------------------------------------------------------------- helpers


# Whether the page has not been rerunning for the given milliseconds (Streamlit shows a status while it runs).
STILL_FOR = """quietMs => {
    const now = performance.now();
    if (window.__geoQuietSince === undefined || document.querySelector('[data-testid="stStatusWidget"]')) {
        window.__geoQuietSince = now;
    }
    return now - window.__geoQuietSince >= quietMs;
}"""
# In the map's frame: whether the map's view is as it was at the last poll, is not moving, and is
# at the given zoom (if any).
VIEW_SETTLED = """zoom => {
    const m = window.map, c = m.getCenter(), view = [c.lat, c.lng, m.getZoom()].join();
    const moving = Boolean(m._animatingZoom || (m._panAnim && m._panAnim._inProgress));
    const last = window.__geoLastView;
    window.__geoLastView = view;
    return !moving && last === view && (zoom === null || m.getZoom() === zoom);
}"""


def url_query(page: Page) -> dict[str, list[str]]:
    """The page's query string as lists of values, as the app reads it."""
    return parse_qs(urlsplit(page.url).query)


def settle_after_map_report(page: Page, earlier_runs: int = 1) -> Frame:
    """The map frame once the app has rerun for the map's first report, and that run is over.

    Call page.add_init_script(COUNT_RUNS) before loading the page. Once Leaflet is up the map
    reports its state, which reruns the whole app. `earlier_runs` is how many runs came first.
    """
    frame = map_frame(page, MARKER_TIMEOUT_S)
    # The report is posted before the markers are drawn, so its rerun starts very soon; should
    # the app stop rerunning for it, carry on after a short while.
    holds(page, "n => window.__geoRuns > n", earlier_runs, timeout_ms=5_000)
    runs = page.evaluate("window.__geoRuns")
    assert isinstance(runs, int), "COUNT_RUNS was not installed before the page was loaded"
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=RERUN_TIMEOUT_MS)
    return frame


def wait_for_query(page: Page, expected: dict[str, list[str]]) -> dict[str, list[str]]:
    """The page's query once it equals `expected` (the app rewrites it after each rerun), or at the timeout."""
    try:
        page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == expected, timeout=RERUN_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass  # the caller's assert shows the query there is
    return url_query(page)


def marker_classes(frame: Frame, place_id: str) -> set[str]:
    return set((frame.locator(f".geo-place-{place_id}").get_attribute("class") or "").split())


def wait_until_still(page: Page, quiet_s: float = 1.0, timeout_s: float = 30.0) -> None:
    """Wait until the page has not been rerunning for quiet_s (Streamlit shows a status while it runs)."""
    page.evaluate("() => { delete window.__geoQuietSince; }")
    assert holds(page, STILL_FOR, quiet_s * 1000, timeout_ms=timeout_s * 1000), "the page kept rerunning"


def metric(page: Page, label: str) -> Locator:
    """The value of one of the sidebar's metrics ("Places", "Excerpts")."""
    return (
        page.locator('[data-testid="stMetric"]')
        .filter(has=page.get_by_text(label, exact=True))
        .locator('[data-testid="stMetricValue"]')
    )


def table_rows(page: Page) -> int | None:
    """The rows of the excerpt table, from its grid's aria-rowcount (which counts the header)."""
    count = page.locator('.st-key-table [role="grid"]').get_attribute("aria-rowcount")
    return None if count is None else int(count) - 1


def panel(page: Page) -> Locator:
    """The column beside the map: the Place selectbox and the open place's claims."""
    return page.locator('[data-testid="stColumn"]').filter(has=page.locator(".st-key-place"))


def side_column(page: Page, side: Side) -> Locator:
    """The innermost column that holds a side's heading and its excerpts."""
    return page.locator(f'[data-testid="stColumn"]:has(.geo-side-{side.value}):not(:has([data-testid="stColumn"]))')


def expect_chips(page: Page, key: str, labels: list[str]) -> None:
    """A sidebar multiselect shows exactly these chosen values, in this order."""
    tags = page.locator(f'.st-key-{key} [data-testid="stMultiSelectTagsContainer"] [data-tag]')
    if labels:
        expect(tags).to_have_text(labels)
    else:
        expect(tags).to_have_count(0)


def mark_map(frame: Frame) -> str:
    """Leave a token on the map's window and on its Leaflet map; a remount loses both."""
    token = f"probe-{time.monotonic_ns()}"
    frame.evaluate("token => { window.__geoProbe = token; window.map.__geoProbe = token; }", token)
    return token


def assert_not_remounted(page: Page, frame: Frame, token: str) -> None:
    """The map frame is the one marked with `token`, its window and Leaflet map alive."""
    assert not frame.is_detached(), "the map's frame was replaced: the map was remounted"
    assert map_frame(page) == frame, "another frame now holds the map: the map was remounted"
    kept = frame.evaluate("() => [window.__geoProbe, window.map && window.map.__geoProbe]")
    assert kept == [token, token], f"the map was redrawn from scratch (probe now {kept})"


View = tuple[float, float, float]  # a Leaflet map's centre (lat, lng) and zoom


def map_view(frame: Frame) -> View:
    """The Leaflet map's centre (lat, lng) and zoom."""
    lat, lng, zoom = frame.evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
    )
    return float(lat), float(lng), float(zoom)


def bare_point(frame: Frame) -> tuple[float, float]:
    """A point on the map, in page coordinates, that no marker, pop-up or control covers."""
    box = frame.locator(".leaflet-container").bounding_box()
    assert box
    found = frame.evaluate(
        """() => {
            const rect = window.map.getContainer().getBoundingClientRect();
            for (let fy = 0.85; fy >= 0.15; fy -= 0.05) {
                for (let fx = 0.5; fx <= 0.85; fx += 0.05) {
                    const x = rect.left + fx * rect.width, y = rect.top + fy * rect.height;
                    const hit = document.elementFromPoint(x, y);
                    const taken = ".leaflet-popup, .leaflet-marker-icon, .leaflet-control";
                    if (hit && !hit.closest(taken)) return [fx, fy];
                }
            }
            return null;
        }"""
    )
    assert found, "no bare spot on the map to drag from"
    return box["x"] + found[0] * box["width"], box["y"] + found[1] * box["height"]


def settled_view(frame: Frame, zoom: float | None = None) -> View:
    """The map's view once it is at `zoom` (if given) and has stopped moving, or at the timeout.

    Stopped: two reads 200 ms apart alike, and no animation under way.
    """
    frame.evaluate("() => { delete window.__geoLastView; }")
    holds(frame, VIEW_SETTLED, zoom, timeout_ms=RERUN_TIMEOUT_MS, polling=200)
    return map_view(frame)


def expected_chips(state: ViewState, atlas: Atlas) -> dict[str, list[str]]:
    """The chip labels the sidebar's multiselects show for a state, worded as the app words them."""
    return {
        "source": [f"{atlas.sources[s].outlet}, {describe(atlas.sources[s].published)}" for s in state.sources or ()],
        "voice": [voice_label(v) for v in state.voices or ()],
        "kind": [EXCERPT_KIND_LABELS[k] for k in state.kinds or ()],
        "place_kind": [KIND_LABELS[k] for k in state.place_kinds or ()],
    }


def starts_with(name: str) -> re.Pattern[str]:
    """A place's name at the start of a label, which may go on (with its Arabic name, say)."""
    return re.compile(rf"^{re.escape(name)}(\W|$)")


def link_state(query: dict[str, list[str]], atlas: Atlas) -> tuple[ViewState, Selection]:
    """The state a link gives (it must be read without notices) and what it selects."""
    state, notices = parse_query(query, atlas)
    assert notices == [], f"the test's link is not clean: {notices}"
    return state, selection(atlas, state)


def passage_paragraphs(atlas: Atlas, excerpt: Excerpt) -> int:
    """How many of its article's paragraphs (non-blank lines) an excerpt's passage touches."""
    article = atlas.articles[excerpt.source]
    found = locate(article, excerpt.text)
    assert found is not None, f"{excerpt.id} is not in its article"
    return sum(1 for line in article[found[0] : found[1]].splitlines() if line.strip())


def marked_text(container: Locator) -> tuple[int, str]:
    """How many <mark> elements a container holds, and their texts joined as one passage."""
    # A passage over several paragraphs is marked once per paragraph; the break between
    # paragraphs is white space, which normalise() folds like the excerpt's own.
    marks = container.locator("mark").all_text_contents()
    return len(marks), normalise(" ".join(marks))


def source_card(dialog: Locator) -> dict[str, str]:
    """The source card's rows, each <dt> to its <dd>."""
    rows: list[list[str]] = dialog.locator(".geo-source-card").evaluate(
        "dl => [...dl.querySelectorAll('dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent])"
    )
    return {name.strip(): value.strip() for name, value in rows}


# --------------------------------------------------------------------------- tests


def test_click_crossing_shows_both_sides_claims(page: Page, page_log: PageLog, app_server: str, atlas: Atlas) -> None:
    place_id = CROSSING
    excerpts = select(atlas).excerpts_at(place_id)
    by_side = {side: [e for e in excerpts if SIDES[e.voice] is side] for side in OPPOSED}
    assert all(by_side.values()), f"the data no longer has both sides speaking about {place_id}"
    assert is_contested(excerpts)
    assert any(e.places == (place_id,) for e in excerpts), f"no excerpt is about {place_id} alone"

    page.goto(app_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    assert "geo-contested" in marker_classes(frame, place_id)
    assert frame.locator(".geo-selected").count() == 0, "a place is selected before any click"
    token = mark_map(frame)

    frame.locator(f".geo-place-{place_id}").click()

    assert wait_for_query(page, {"place": [place_id]}) == {"place": [place_id]}
    beside = panel(page)
    expect(beside.locator(".geo-panel h3")).to_have_text(atlas.places[place_id].name, timeout=RERUN_TIMEOUT_MS)
    name = atlas.places[place_id].name
    expect(beside.locator(".st-key-place input")).to_have_value(starts_with(name))
    expect(beside.locator(".geo-contested-note")).to_be_visible()
    for side, claims in by_side.items():
        column = side_column(page, side)
        noun = "excerpt" if len(claims) == 1 else "excerpts"
        heading = column.locator(".geo-side-heading")
        expect(heading).to_contain_text(SIDE_LABELS[side])
        expect(heading).to_contain_text(f"{len(claims)} {noun}")
        quotes = column.locator(".geo-excerpt blockquote")
        expect(quotes).to_have_count(len(claims))
        shown = sorted(normalise(text) for text in quotes.all_text_contents())
        assert shown == sorted(normalise(e.text) for e in claims), f"{side} column"
    # Side by side: the government's column left of the opposition's, level with it.
    government, opposition = (side_column(page, side).bounding_box() for side in OPPOSED)
    assert government and opposition
    assert government["x"] + government["width"] <= opposition["x"] + 1
    assert abs(government["y"] - opposition["y"]) < 2

    # The clicked marker is drawn selected, still contested, and no other marker is selected.
    expect(frame.locator(f".geo-place-{place_id}")).to_contain_class("geo-selected", timeout=RERUN_TIMEOUT_MS)
    assert {"geo-selected", "geo-contested"} <= marker_classes(frame, place_id)
    assert frame.locator(".geo-selected").count() == 1
    # The redraw that selects the place replaces the marker the click opened a pop-up on; the
    # pop-up must be open on the new one, and be the only one (pop-ups do not fade out).
    expect(frame.locator(".leaflet-popup h3")).to_have_text(atlas.places[place_id].name)
    # Selecting a place redraws the markers' layer, not the map, so the reader's view stays.
    assert_not_remounted(page, frame, token)
    assert page_log.page_errors == []


def test_read_in_context_highlights_the_passage(page: Page, app_server: str, atlas: Atlas) -> None:
    # A passage over several paragraphs, so that it is marked in more than one piece.
    excerpt = next((e for e in atlas.excerpts if passage_paragraphs(atlas, e) > 1), None)
    assert excerpt is not None, "the data no longer has a passage that spans paragraphs"
    pieces = passage_paragraphs(atlas, excerpt)
    source = atlas.sources[excerpt.source]

    page.add_init_script(COUNT_RUNS)
    page.goto(f"{app_server}/?{urlencode({'place': excerpt.places[0]})}")
    # Opened once the page has run for the map's first report: a dialog open during that run is
    # drawn again by it (the test below checks it stays open), which would pull its marks out
    # from under the reading here.
    settle_after_map_report(page)
    button = page.locator(f".st-key-context-{excerpt.id} button")
    expect(button).to_have_text(re.compile("Read in context"), timeout=MARKER_TIMEOUT_S * 1000)
    button.click()

    dialog = page.get_by_role("dialog")
    heading = dialog.get_by_role("heading", name="Read in context")
    expect(heading).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    near = dialog.locator(".geo-context-near")
    expect(near.locator("mark")).to_have_count(pieces)
    assert marked_text(near) == (pieces, normalise(excerpt.text))
    # The whole article, folded below, marks the same passage and nothing else; on a busy
    # machine it can be drawn a moment after the passage above it.
    whole = dialog.locator(".geo-context-whole")
    expect(whole.locator("mark")).to_have_count(pieces)
    assert marked_text(whole) == (pieces, normalise(excerpt.text))

    card = source_card(dialog)
    assert card["Outlet"] == source.outlet
    assert normalise(card["Title"]) == normalise(source.title)
    assert card["Published"] == describe(source.published)


def test_dialog_survives_the_map_starting_late(page: Page, app_server: str, atlas: Atlas) -> None:
    # On a slow machine or network a reader can open a quote before the map has started, and the
    # map's first report then reruns the app; hold back Leaflet to make that happen every time.
    held: list[Route] = []
    page.route("**/leaflet.js", lambda route, _: held.append(route))
    page.add_init_script(COUNT_RUNS)
    excerpt = next(e for e in atlas.excerpts if e.places)
    marks = page.get_by_role("dialog").locator(".geo-context-near mark")
    try:
        page.goto(f"{app_server}/?{urlencode({'place': excerpt.places[0]})}")
        button = page.locator(f".st-key-context-{excerpt.id} button")
        expect(button).to_be_visible(timeout=MARKER_TIMEOUT_S * 1000)
        button.click()
        expect(marks.first).to_be_visible(timeout=RERUN_TIMEOUT_MS)
        assert held, "the map started before the dialog was opened"
        runs = page.evaluate("window.__geoRuns")
    finally:
        # Whatever happened, leave no request hanging (the page could not close).
        for route in held:
            route.continue_()
        page.unroute("**/leaflet.js")
    settle_after_map_report(page, runs)
    # Whatever rerun the map's start caused has been and gone; the reader's dialog is still open.
    assert marks.first.is_visible(), "the dialog closed when the map started"


def test_shared_link_applies_every_filter(page: Page, app_server: str, atlas: Atlas) -> None:
    state, view = link_state(SHARED_QUERY, atlas)
    everything = select(atlas)
    assert 0 < len(view.places) < len(everything.places), "the link does not narrow the places"
    assert 0 < len(view.excerpts) < len(everything.excerpts), "the link does not narrow excerpts"
    assert state.place in {p.id for p in view.places}
    expected_ids = {p.id for p in view.places}

    page.goto(f"{app_server}/?{urlencode(SHARED_QUERY, doseq=True)}")
    for attempt in ("first load", "reload"):
        if attempt == "reload":
            # A new session, which reads the link the first one left in the address bar.
            page.reload()
        frame = map_frame(page, MARKER_TIMEOUT_S)
        assert wait_for_marker_ids(frame, expected_ids) == expected_ids, attempt
        # The counts come with the page's second run, which the drawn map asks for: on a busy machine, later.
        expect(metric(page, "Places")).to_have_text(str(len(view.places)), timeout=MARKER_TIMEOUT_S * 1000)
        expect(metric(page, "Excerpts")).to_have_text(str(len(view.excerpts)))
        # The grid's row count holds the header too.
        grid = page.locator('.st-key-table [role="grid"]')
        expect(grid).to_have_attribute("aria-rowcount", str(len(view.excerpts) + 1), timeout=RERUN_TIMEOUT_MS)
        assert table_rows(page) == len(view.excerpts), attempt

        # The widgets show the link's values, and the link is kept (written the app's way).
        for key, labels in expected_chips(state, atlas).items():
            expect_chips(page, key, labels)
        assert state.start and not state.end
        expect(page.locator(".st-key-from input")).to_have_value(state.start.isoformat())
        expect(page.locator(".st-key-to input")).to_have_value("")
        expect(page.locator(".st-key-q input")).to_have_value(state.text)
        expect(page.locator(".st-key-movements input")).to_be_checked()
        assert state.place
        expect(page.locator(".st-key-place input")).to_have_value(starts_with(atlas.places[state.place].name))
        expect(panel(page).locator(".geo-panel h3")).to_have_text(atlas.places[state.place].name)
        assert wait_for_query(page, to_query(state)) == to_query(state), attempt


def test_bad_link_values_are_named_and_the_rest_applies(
    page: Page, page_log: PageLog, app_server: str, atlas: Atlas
) -> None:
    source_id = "the-national-2019-05-idlib-residents"
    query = {"voice": ["martian"], "from": ["yesterday"], "source": [source_id]}
    state, notices = parse_query(query, atlas)
    assert len(notices) == 2, notices
    assert state.sources == (source_id,) and not state.voices and not state.start
    view = selection(atlas, state)
    expected_ids = {p.id for p in view.places}

    page.goto(f"{app_server}/?{urlencode(query, doseq=True)}")
    box = page.locator(".geo-notices")
    expect(box).to_be_visible(timeout=MARKER_TIMEOUT_S * 1000)
    items = [text.strip() for text in box.locator("li").all_inner_texts()]
    assert items == notices
    assert any("'martian'" in item for item in items), items
    assert any("'yesterday'" in item for item in items), items

    # The valid part applies: the source narrows the map, the sidebar and the link.
    frame = map_frame(page, MARKER_TIMEOUT_S)
    assert wait_for_marker_ids(frame, expected_ids) == expected_ids
    expect(metric(page, "Excerpts")).to_have_text(str(len(view.excerpts)))
    expect_chips(page, "source", expected_chips(state, atlas)["source"])
    expect_chips(page, "voice", [])
    expect(page.locator(".st-key-from input")).to_have_value("")
    assert wait_for_query(page, to_query(state)) == {"source": [source_id]}

    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.locator("body").inner_text()
    assert page_log.page_errors == []


def test_downloads_hold_what_is_in_view(page: Page, app_server: str, atlas: Atlas, tmp_path: Path) -> None:
    state, view = link_state(DOWNLOAD_QUERY, atlas)
    pairs = {(p.id, e.id) for p in view.places for e in view.excerpts_at(p.id)}
    sources = {e.source for e in view.excerpts}
    assert len(sources) > 1, "the link should keep excerpts of more than one source"
    assert 0 < len(view.places) < len(atlas.places)

    page.goto(f"{app_server}/?{urlencode(DOWNLOAD_QUERY, doseq=True)}")
    # The buttons write what is in view when clicked; wait until the view is the link's.
    expect(metric(page, "Excerpts")).to_have_text(str(len(view.excerpts)), timeout=MARKER_TIMEOUT_S * 1000)

    # The map's first report reruns the page once it is up; a download asked for during
    # that rerun is dropped with the old button, so click only once the page is still.
    map_frame(page, MARKER_TIMEOUT_S)
    wait_until_still(page)

    def download(fmt: str) -> Path:
        with page.expect_download() as caught:
            # Streamlit keeps a hidden copy of each button; click the one on show.
            page.locator(f".st-key-download-{fmt} button").filter(visible=True).click()
        path = tmp_path / caught.value.suggested_filename
        caught.value.save_as(path)
        wait_until_still(page)
        return path

    geojson = download("geojson")
    features = json.loads(geojson.read_text("utf-8"))["features"]
    assert {f["id"] for f in features} == {p.id for p in view.places}
    assert len(pyogrio.read_dataframe(geojson)) == len(view.places)

    with download("csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(pairs)
    assert {(row["place_id"], row["excerpt_id"]) for row in rows} == pairs

    kml = download("kml")
    layers = [str(name) for name, _ in pyogrio.list_layers(kml)]
    assert len(layers) == len(sources), "one folder (layer) per source in view"
    assert sorted(layers) == sorted(f"{atlas.sources[s].outlet}: {atlas.sources[s].title}" for s in sources)
    assert sum(len(pyogrio.read_dataframe(kml, layer=name)) for name in layers) == len(pairs)


def test_movements_toggle_hides_the_arrows_not_the_map(
    page: Page, page_log: PageLog, app_server: str, atlas: Atlas
) -> None:
    everything = select(atlas)
    origin, destination = JOURNEY_ENDS
    journey = next(
        (
            j
            for j in journeys(everything)
            if j.origin.id == origin and j.destination and j.destination.id == destination
        ),
        None,
    )
    assert journey is not None, f"the data no longer tells of a journey {origin} -> {destination}"
    arrows = sum(1 for j in journeys(everything) if j.destination is not None)
    head = f".geo-arrowhead-{journey.key}"
    line = f".geo-journey-{journey.key}"
    drawn = ".geo-arrowhead, .geo-journey-casing, .geo-journey-line, .geo-departure"
    expected_ids = {p.id for p in everything.places}

    page.goto(app_server)
    frame = map_frame(page, MARKER_TIMEOUT_S)
    toggle = page.locator(".st-key-movements input")
    expect(toggle).to_be_checked()
    expect(frame.locator(head)).to_have_count(1)
    # The line is an SVG path in the overlay pane, the head a DivIcon in the marker pane.
    expect(frame.locator(f"path{line}")).to_have_count(1)
    expect(frame.locator(".geo-arrowhead")).to_have_count(arrows)
    token = mark_map(frame)

    page.locator(".st-key-movements label").click()
    expect(toggle).not_to_be_checked()
    expect(frame.locator(drawn)).to_have_count(0, timeout=RERUN_TIMEOUT_MS)
    assert wait_for_query(page, {"movements": ["off"]}) == {"movements": ["off"]}
    assert marker_place_ids(frame) == expected_ids
    assert_not_remounted(page, frame, token)

    # And back: the same arrows return, on the same map.
    page.locator(".st-key-movements label").click()
    expect(frame.locator(head)).to_have_count(1, timeout=RERUN_TIMEOUT_MS)
    expect(frame.locator(f"path{line}")).to_have_count(1)
    assert wait_for_query(page, {}) == {}
    assert_not_remounted(page, frame, token)
    assert page_log.page_errors == []


# With a place open, each rerun reopens its pop-up, which must not pan the map to itself.
@pytest.mark.parametrize("open_place", [None, "al-habit-crossing"])
def test_filter_change_keeps_the_map_view(page: Page, app_server: str, atlas: Atlas, open_place: str | None) -> None:
    voice = "opposition-armed"
    query = {"place": [open_place]} if open_place else {}
    _, before = link_state(query, atlas)
    state, view = link_state({**query, "voice": [voice]}, atlas)
    expected_ids = {p.id for p in view.places}
    assert expected_ids != {p.id for p in before.places}, "the voice does not narrow the map"
    assert open_place is None or open_place in expected_ids, "the voice hides the open place"

    page.goto(f"{app_server}/?{urlencode(query, doseq=True)}")
    frame = map_frame(page, MARKER_TIMEOUT_S)
    if open_place:
        expect(frame.locator(".leaflet-popup h3")).to_have_text(atlas.places[open_place].name)
    opening = settled_view(frame)

    # Pan by dragging the map from a bare spot, then zoom in with its + button, as a reader would.
    x, y = bare_point(frame)
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(x - 12 * step, y - 8 * step)
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-in").click()
    moved = settled_view(frame, zoom=opening[2] + 1)
    assert moved[2] == opening[2] + 1, f"the zoom button did not zoom in (view {moved})"
    assert moved[:2] != pytest.approx(opening[:2], abs=1e-3), "the drag did not pan the map"
    token = mark_map(frame)

    page.locator(".st-key-voice input").click()
    (label,) = expected_chips(state, atlas)["voice"]
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")

    assert wait_for_query(page, to_query(state)) == to_query(state)
    assert wait_for_marker_ids(frame, expected_ids) == expected_ids
    expect(metric(page, "Excerpts")).to_have_text(str(len(view.excerpts)))
    assert_not_remounted(page, frame, token)
    assert settled_view(frame) == pytest.approx(moved, abs=1e-9)


def test_xss_payloads_do_not_run_in_the_panel(page: Page, page_log: PageLog, xss_server: str, tmp_path: Path) -> None:
    xss_atlas = load_atlas(write_xss_folder(tmp_path))
    (place_id,) = xss_atlas.places
    (excerpt,) = xss_atlas.excerpts
    source = xss_atlas.sources[excerpt.source]

    page.goto(f"{xss_server}/?{urlencode({'place': place_id})}")
    beside = panel(page)
    expect(beside.locator(".geo-panel h3")).to_have_text(XSS_NAME, timeout=MARKER_TIMEOUT_S * 1000)
    expect(beside.locator(".geo-excerpt blockquote")).to_have_text(XSS_TEXT)
    expect(beside.locator(".geo-excerpt .geo-who strong")).to_have_text(excerpt.speaker or "")
    expect(beside.locator(".st-key-place input")).to_have_value(starts_with(XSS_NAME))

    # The dialog shows the article, which holds the payload too, and the source's title.
    beside.locator(f".st-key-context-{excerpt.id} button").click()
    dialog = page.get_by_role("dialog")
    marks = dialog.locator(".geo-context-near mark")
    expect(marks).to_have_text(XSS_TEXT, timeout=RERUN_TIMEOUT_MS)
    assert source_card(dialog)["Title"] == source.title
    # A payload that does not run has no event: give any onerror handler of a failed image time to fire.
    page.wait_for_timeout(500)

    # Nothing ran and no payload became an element, in the page or any of its frames.
    for each in page.frames:
        flag = each.evaluate("typeof window.__xss + ' ' + String(window.__xss)")
        assert flag == "undefined undefined", f"window.__xss is {flag} in {each.url}"
        assert each.locator('img[src="x"], b[onmouseover]').count() == 0, each.url
        injected = each.evaluate(
            "() => [...document.scripts].filter(s => s.textContent.trim().startsWith('window.__xss')).length"
        )
        assert injected == 0, f"a payload became a <script> in {each.url}"
    assert page_log.page_errors == []
