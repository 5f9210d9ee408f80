"""A busy place's pop-up in Chromium: its counts, its first page only, and the next page fetched on a click.

The corpora are year-shaped (python -m geo synth --shape year: places named on a Zipf law), so
that one place holds thousands of excerpts: one large enough to be drawn as dots, whose pop-ups
the map fetches from the app, and one small enough for markers, whose pop-ups embed their first
page. Either way the next page comes from the app's route when the reader asks for it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.records import Excerpt
from geo.core.settings import DENSE_FROM
from geo.core.sides import SIDE_LABELS, SIDES, Side
from geo.data.load import load_atlas
from geo.render.popup import POPUP_PAGE
from geo.tools.synth import write_shape
from tests.support.browser import MAP_IFRAME, inside, settled_popup_boxes
from tests.support.server import ServerFactory

pytestmark = [pytest.mark.browser, pytest.mark.server]

# (places, sources, excerpts) of each corpus: about fifty excerpts an article, as a year's are.
SHAPES = {"dots": (DENSE_FROM + 500, 1_000, 50_000), "markers": (60, 80, 4_000)}
LOAD_TIMEOUT_MS = 120_000


@pytest.fixture(scope="session")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The year-shaped data folders, written once for the session."""
    folders = {}
    for name, (places, sources, excerpts) in SHAPES.items():
        folders[name] = tmp_path_factory.mktemp(f"year-{name}") / "data"
        write_shape("year", folders[name], places, sources, excerpts, 0)
    return folders


def busiest(atlas: Atlas) -> tuple[str, tuple[Excerpt, ...]]:
    """The place with the most excerpts in the page's first view, and those excerpts in the pop-up's order."""
    view = select(atlas)
    place_id = max((p.id for p in view.places), key=lambda pid: len(view.excerpts_at(pid)))
    return place_id, view.excerpts_at(place_id)


def plain(text: str) -> str:
    return " ".join(text.split())


def quotes(popup: Locator) -> set[str]:
    """The excerpts a pop-up shows, as plain text."""
    return {plain(text) for text in popup.locator("blockquote").all_text_contents()}


@pytest.mark.parametrize(
    ("shape", "width", "height"), [("dots", 1400, 1000), ("markers", 375, 812)], ids=["dots-laptop", "markers-phone"]
)
def test_a_busy_place_s_pop_up_is_paged(
    page: Page, start_server: ServerFactory, corpora: dict[str, Path], shape: str, width: int, height: int
) -> None:
    atlas = load_atlas(corpora[shape])
    place_id, excerpts = busiest(atlas)
    assert len(excerpts) > 3 * POPUP_PAGE, f"the year shape's busiest place has only {len(excerpts)} excerpts"
    server = start_server(corpora[shape], f"year-{shape}")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server}/?movements=off&place={place_id}")
    frame = page.locator(MAP_IFRAME).content_frame
    popup = frame.locator(".leaflet-popup .geo-popup")
    expect(popup.locator("h3")).to_have_text(atlas.places[place_id].name, timeout=LOAD_TIMEOUT_MS)
    # Paged once the page's second run is in: that run redraws the markers, and the open place's
    # pop-up with them at its first page (a phone's sidebar is folded away: the table tells).
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=LOAD_TIMEOUT_MS)

    # The place's whole counts, by side and by voice.
    by_voice = Counter(e.voice for e in excerpts)
    counts = popup.locator(".geo-counts")
    for side in Side:
        total = sum(n for voice, n in by_voice.items() if SIDES[voice] is side)
        if total:
            expect(counts).to_contain_text(f"{SIDE_LABELS[side]}: {total:,}")
    # The first page only.
    expect(popup.locator(".geo-excerpt")).to_have_count(POPUP_PAGE)
    expect(popup.locator(".geo-page-shown")).to_have_text(f"Excerpts 1–{POPUP_PAGE} of {len(excerpts):,}")
    assert quotes(popup) == {plain(e.text) for e in excerpts[:POPUP_PAGE]}
    expect(popup.locator('.geo-page[data-go="previous"]')).to_have_count(0)

    # The next page, fetched from the app on a click.
    with page.expect_request(lambda r: "/api/popup?" in r.url and "page=2" in r.url) as asked:
        popup.locator('.geo-page[data-go="next"]').click()
    assert f"place={place_id}" in asked.value.url
    expect(popup.locator(".geo-page-shown")).to_have_text(
        f"Excerpts {POPUP_PAGE + 1}–{2 * POPUP_PAGE} of {len(excerpts):,}"
    )
    expect(popup.locator(".geo-excerpt")).to_have_count(POPUP_PAGE)
    assert quotes(popup) == {plain(e.text) for e in excerpts[POPUP_PAGE : 2 * POPUP_PAGE]}
    # The keyboard stays on the button it pressed, now the new page's.
    expect(popup.locator('.geo-page[data-go="next"]')).to_be_focused()

    # And back, from the keyboard alone.
    popup.locator('.geo-page[data-go="previous"]').focus()
    page.keyboard.press("Enter")
    expect(popup.locator(".geo-page-shown")).to_have_text(f"Excerpts 1–{POPUP_PAGE} of {len(excerpts):,}")
    assert quotes(popup) == {plain(e.text) for e in excerpts[:POPUP_PAGE]}

    # On a phone too, the pop-up stays within the map.
    handle = page.locator(MAP_IFRAME).element_handle()
    assert handle is not None
    content = handle.content_frame()
    assert content is not None
    box, map_box = settled_popup_boxes(content)
    assert inside(box, map_box), (box, map_box)
