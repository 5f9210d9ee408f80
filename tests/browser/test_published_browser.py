"""The published site in Chromium, served by a plain static file server: no app behind it.

Each folder is published once a module (`python -m geo publish`, as a user runs it) and served by
tests/support/static.py. Expectations come from the data through geo (select, locate), never
hard-coded. The page draws asynchronously, so checks wait for a condition rather than sleep.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, ViewportSize, expect

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.provenance import locate, normalise, paragraph_spans
from geo.core.records import Excerpt, Voice
from geo.core.settings import BUNDLED_DATA
from geo.core.sides import SIDE_LABELS, SIDES, Side
from geo.core.viewstate import ViewState, selection
from geo.data.load import load_atlas
from geo.publish.tiles import OSM_URL
from geo.render.vocabulary import voice_label
from geo.tools.synth import write_corpus
from tests.support.browser import LOCAL_HOSTS, PageLog, holds
from tests.support.countries import AT_THE_TOWN, write_countries_folder
from tests.support.datafolder import XSS_NAME, XSS_TEXT, write_xss_folder
from tests.support.server import ServerFactory
from tests.support.static import static_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

SYNTH_PLACES = 100_000
PUBLISH_TIMEOUT_S = 900.0
LOAD_TIMEOUT_MS = 30_000
DENSE_TIMEOUT_MS = 120_000
# The place both searches must find, and the two spellings a reader might type.
MAARAT = "maarat-al-numan"
SEARCHES = ("maarat numan", "معرة النعمان")
# Both sides speak about it: its claims stand side by side.
CROSSING = "abu-al-duhur-crossing"
# The tiles a site draws by default: the one host the page may ask anything of.
TILE_HOST = urlsplit(OSM_URL).hostname


# --------------------------------------------------------------------------- fixtures


def publish(out: Path, data: Path) -> float:
    """Run `python -m geo publish` on a data folder, as a user would; its wall time in seconds."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "geo", "publish", "--out", str(out), "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=PUBLISH_TIMEOUT_S,
    )
    seconds = time.perf_counter() - began
    assert done.returncode == 0, f"publish exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return seconds


@pytest.fixture(scope="module")
def serve(start_server: ServerFactory) -> Iterator[Callable[[Path], str]]:
    """A factory: serve(folder) serves a folder's files for this module; returns its URL."""
    # start_server is asked for so that the suite's guard holds these tests to the `server` mark.
    with ExitStack() as servers:
        yield lambda folder: servers.enter_context(static_server(folder)).url


@pytest.fixture(scope="module")
def bundled_site(serve: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled data's site, published once for the module and served; its URL."""
    out = tmp_path_factory.mktemp("published") / "site"
    publish(out, BUNDLED_DATA)
    return serve(out)


@pytest.fixture(scope="module")
def xss_site(serve: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Atlas, str]:
    """The folder whose names and texts carry script payloads, its atlas, and its site's URL."""
    data = write_xss_folder(tmp_path_factory.mktemp("xss") / "data")
    out = tmp_path_factory.mktemp("xss-published") / "site"
    publish(out, data)
    return load_atlas(data), serve(out)


@pytest.fixture(scope="module")
def countries_site(serve: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> tuple[Atlas, str]:
    """A folder of two towns and two countries, its atlas, and its site's URL, published as a view opens."""
    data = write_countries_folder(tmp_path_factory.mktemp("countries") / "data")
    out = tmp_path_factory.mktemp("countries-published") / "site"
    publish(out, data)
    return load_atlas(data), serve(out)


@pytest.fixture(scope="module")
def dense_site(serve: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Atlas, str]]:
    """A synthetic corpus of 100,000 places, its atlas and its site's URL."""
    root = tmp_path_factory.mktemp("synth")
    data, out = root / "data", root / "site"
    write_corpus(data, SYNTH_PLACES)
    seconds = publish(out, data)
    print(f"\npublish of {SYNTH_PLACES:,} places: {seconds:.1f} s")
    yield load_atlas(data), serve(out)
    # Over a gigabyte, mostly the downloads: not left behind for pytest's kept temporary folders.
    shutil.rmtree(root, ignore_errors=True)


# Before any of the page's scripts: Content-Security-Policy violations, which no console error need name.
WATCH_CSP = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI), true);"""


@dataclass
class Console:
    """Every console message of a page with where it came from: a failed tile names its URL only there."""

    messages: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, url)

    def errors(self) -> list[tuple[str, str]]:
        """The console's errors as (text, url)."""
        return [(text, url) for kind, text, url in self.messages if kind == "error"]


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def site_page(page: Page, console: Console) -> Page:
    """The test's page, recording its console with locations and its CSP violations from its first script."""
    watch_page(page, console)
    return page


def watch_page(page: Page, console: Console) -> None:
    """Record a page's console with each message's location, and its CSP violations."""
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda m: console.messages.append((m.type, m.text, m.location.get("url", ""))))


# --------------------------------------------------------------------------- helpers


def is_tile(url: str) -> bool:
    """Whether a URL is one of the map's tiles, the one thing the page may fetch from elsewhere."""
    return (urlsplit(url).hostname or "") == TILE_HOST and url.endswith(".png")


def local_only(context: BrowserContext, page_log: PageLog) -> None:
    """Let a new context's pages reach only this machine, recording what they asked of others, as `page` does."""

    def route(route: Route, request: Request) -> None:
        if (urlsplit(request.url).hostname or "") in LOCAL_HOSTS or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            page_log.aborted.append((request.url, request.resource_type))
            route.abort()

    context.route("**/*", route)


def open_site(page: Page, site: str, fragment: str = "") -> None:
    """Open the site's map page (with a fragment, if given) and wait until it has applied its view."""
    page.goto(f"{site}/index.html" + (f"#{fragment}" if fragment else ""))
    # The count says "Loading the map…" until the data is in and the view applied.
    expect(page.locator("#site-count")).to_have_text(re.compile(r"in view$"), timeout=LOAD_TIMEOUT_MS)
    expect(page.locator("#site-count")).not_to_have_attribute("aria-busy", "true", timeout=LOAD_TIMEOUT_MS)


def marker_names(page: Page) -> list[str]:
    """The names printed beside the map's markers, sorted."""
    names: list[str] = page.locator(".leaflet-marker-pane .site-marker .site-label").all_text_contents()
    return sorted(names)


def wait_for_markers(page: Page, expected: list[str]) -> list[str]:
    """The markers' names once they are the expected ones (sorted), or whatever they are at the timeout."""
    holds(
        page,
        """expected => {
            const names = [...document.querySelectorAll('.leaflet-marker-pane .site-marker .site-label')]
                .map(el => el.textContent).sort();
            return JSON.stringify(names) === JSON.stringify(expected);
        }""",
        sorted(expected),
        timeout_ms=LOAD_TIMEOUT_MS,
    )
    return marker_names(page)


def marker(page: Page, name: str) -> Locator:
    """The marker of the place of this name."""
    return page.locator(".leaflet-marker-pane .site-marker").filter(
        has=page.locator(".site-label").get_by_text(name, exact=True)
    )


def claims_panel(page: Page) -> Locator:
    """The open place's claims in the panel beside (or below) the map."""
    return page.locator("#site-claims .site-claims-place")


def attribution(excerpt: Excerpt, atlas: Atlas) -> tuple[str, str, str]:
    """An excerpt as the claims show it: its words, who says it (or whose narration), and the outlet."""
    source = atlas.sources[excerpt.source]
    speaker = excerpt.speaker or f"Narration by {source.author or source.outlet}"
    return normalise(excerpt.text), speaker, source.outlet


def shown_claims(panel: Locator) -> list[tuple[str, str, str]]:
    """The claims a panel shows, as attribution() gives them, sorted."""
    rows: list[list[str]] = panel.locator(".geo-excerpt").evaluate_all(
        """els => els.map(el => [el.querySelector('blockquote').textContent,
                                 el.querySelector('.geo-who strong').textContent,
                                 el.querySelector('.geo-who cite').textContent])"""
    )
    return sorted((normalise(text), speaker, outlet) for text, speaker, outlet in rows)


def expected_claims(excerpts: Sequence[Excerpt], atlas: Atlas) -> list[tuple[str, str, str]]:
    """What the claims of these excerpts must show, sorted."""
    return sorted(attribution(e, atlas) for e in excerpts)


def wait_for_claims(page: Page, name: str, count: int) -> Locator:
    """The claims panel once it shows the named place with this many excerpts."""
    panel = claims_panel(page)
    expect(panel.locator("h3")).to_have_text(name, timeout=LOAD_TIMEOUT_MS)
    expect(panel.locator(".geo-excerpt")).to_have_count(count, timeout=LOAD_TIMEOUT_MS)
    return panel


def fragment(page: Page) -> dict[str, list[str]]:
    """The page's fragment as lists of values, read as the page writes it."""
    return parse_qs(urlsplit(page.url).fragment)


def assert_clean(page: Page, page_log: PageLog, console: Console) -> None:
    """Nothing but tiles left the machine, no console error but failed tiles, no page error, no CSP violation."""
    off_machine = [url for url, _ in page_log.aborted if not is_tile(url)]
    assert off_machine == [], f"requests left the machine: {off_machine}"
    # A failed tile is logged as a failed resource, naming the tile's URL as its location.
    errors = [(text, url) for text, url in console.errors() if not is_tile(url)]
    assert errors == [], f"console errors: {errors}"
    assert page_log.page_errors == []
    named = [text for _, text, _ in console.messages if "Content Security Policy" in text]
    assert named == [], f"the console names the Content Security Policy: {named}"
    violations = page.evaluate("() => window.__csp")
    assert violations == [], f"Content-Security-Policy violations: {violations}"


# --------------------------------------------------------------------------- the bundled site


def test_every_place_is_drawn_with_the_key(
    site_page: Page, page_log: PageLog, console: Console, bundled_site: str, atlas: Atlas
) -> None:
    page = site_page
    expected = [p.name for p in select(atlas).places]
    open_site(page, bundled_site)
    assert wait_for_markers(page, expected) == sorted(expected)
    # Each marker is drawn: a symbol with a box on the page, not only an element.
    boxes = page.locator(".leaflet-marker-pane .site-marker .site-symbol").evaluate_all(
        "els => els.map(el => { const r = el.getBoundingClientRect(); return r.width * r.height; })"
    )
    assert len(boxes) == len(expected) and all(area > 0 for area in boxes)
    expect(page.locator("#site-count")).to_have_text(f"{len(expected)} places, {len(atlas.excerpts)} excerpts in view")
    # The key names every kind of place, the contested ring and the sides.
    key = page.locator(".site-key details")
    expect(key).to_have_attribute("open", "")
    kinds = page.evaluate("() => window.geoSite.info.kinds.map(k => k.label)")
    for label in [*kinds, "Contested: both sides make claims", *(SIDE_LABELS[side] for side in SIDE_LABELS)]:
        expect(key.locator(".site-key-row").get_by_text(label, exact=True)).to_be_visible()
    assert_clean(page, page_log, console)


def test_a_click_opens_the_place_s_claims_side_by_side(
    site_page: Page, page_log: PageLog, console: Console, bundled_site: str, atlas: Atlas
) -> None:
    page = site_page
    place = atlas.places[CROSSING]
    excerpts = select(atlas).excerpts_at(CROSSING)
    sides = {SIDES[e.voice] for e in excerpts}
    assert {Side.GOVERNMENT, Side.OPPOSITION} <= sides, f"the data no longer has both sides about {CROSSING}"
    open_site(page, bundled_site)
    marker(page, place.name).click()

    panel = wait_for_claims(page, place.name, len(excerpts))
    # The same excerpts as the app shows for the place, each with its speaker and its source.
    assert shown_claims(panel) == expected_claims(excerpts, atlas)
    assert fragment(page) == {"place": [CROSSING]}
    # Grouped by side: each side's heading counts its own.
    for side in sides:
        mine = [e for e in excerpts if SIDES[e.voice] is side]
        column = panel.locator(f".site-side-claims.site-side-{side.value}")
        noun = "excerpt" if len(mine) == 1 else "excerpts"
        expect(column.locator(".geo-side-heading")).to_have_text(
            re.compile(f"{SIDE_LABELS[side]} · {len(mine)} {noun}")
        )
        assert shown_claims(column) == expected_claims(mine, atlas)
    # Side by side: the government's column left of the opposition's, level with it.
    government, opposition = (
        panel.locator(f".site-side-claims.site-side-{side.value}").bounding_box()
        for side in (Side.GOVERNMENT, Side.OPPOSITION)
    )
    assert government and opposition
    assert government["x"] + government["width"] <= opposition["x"] + 1
    assert abs(government["y"] - opposition["y"]) < 2
    # The pop-up on the map holds the same claims.
    popup = page.locator(".leaflet-popup.site-popup")
    expect(popup.locator("h3")).to_have_text(place.name)
    assert shown_claims(popup) == expected_claims(excerpts, atlas)
    expect(marker(page, place.name)).to_contain_class("site-selected")
    assert_clean(page, page_log, console)


def test_read_in_context_marks_the_passage(
    site_page: Page, page_log: PageLog, console: Console, bundled_site: str, atlas: Atlas
) -> None:
    page = site_page
    # A passage over several paragraphs, so that it is marked in more than one piece.
    excerpt = next((e for e in select(atlas).excerpts if paragraphs_of(atlas, e) > 1), None)
    assert excerpt is not None, "the data no longer has a passage that spans paragraphs"
    place = atlas.places[excerpt.places[0]]
    count = len(select(atlas).excerpts_at(place.id))
    open_site(page, bundled_site, f"place={place.id}")
    panel = wait_for_claims(page, place.name, count)
    claim = panel.locator(".site-claim").filter(has=page.locator("blockquote").filter(has_text=excerpt.text[:60]))
    expect(claim).to_have_count(1)
    claim.get_by_role("button", name=re.compile("^Read in context")).click()

    dialog = page.locator("dialog#site-context")
    expect(dialog).to_be_visible()
    source = atlas.sources[excerpt.source]
    expect(dialog.locator(".site-context-source cite")).to_have_text(source.title, timeout=LOAD_TIMEOUT_MS)
    pieces = paragraphs_of(atlas, excerpt)
    for part in (".geo-context-near", ".geo-context-whole"):
        marks = dialog.locator(f"{part} mark")
        expect(marks).to_have_count(pieces)
        assert normalise(" ".join(marks.all_text_contents())) == normalise(excerpt.text), part
    # Marked where it stands: the mark and the text round it are the article's own.
    article = atlas.articles[source.id]
    start, end = passage_span(atlas, excerpt)
    near = normalise(dialog.locator(".geo-context-near").inner_text())
    assert normalise(article[max(0, start - 40) : start]) in near
    assert normalise(article[end : end + 40]) in near
    dialog.get_by_role("button", name="Close the article").click()
    expect(dialog).to_be_hidden()
    assert_clean(page, page_log, console)


def paragraphs_of(atlas: Atlas, excerpt: Excerpt) -> int:
    """How many of its article's paragraphs a passage touches."""
    start, end = passage_span(atlas, excerpt)
    return sum(1 for a, b in paragraph_spans(atlas.articles[excerpt.source]) if a < end and b > start)


def passage_span(atlas: Atlas, excerpt: Excerpt) -> tuple[int, int]:
    """Where a passage stands in its article."""
    found = locate(atlas.articles[excerpt.source], excerpt.text)
    assert found is not None, f"{excerpt.id} is not in its article"
    return found


def narrowing_voice(atlas: Atlas, place_id: str) -> Voice:
    """A voice of the place's claims that leaves it some but not all of them, and leaves out some places."""
    everything = select(atlas)
    mine = everything.excerpts_at(place_id)
    for voice in dict.fromkeys(e.voice for e in mine):
        chosen = select(atlas, voices={voice})
        if 0 < len(chosen.excerpts_at(place_id)) < len(mine) and len(chosen.places) < len(everything.places):
            return voice
    raise AssertionError(f"no voice narrows both the places and {place_id}'s claims")


def test_a_voice_narrows_places_and_claims_and_the_link_reproduces_it(
    site_page: Page, page_log: PageLog, console: Console, bundled_site: str, atlas: Atlas, browser: Browser
) -> None:
    page = site_page
    place = atlas.places[CROSSING]
    voice = narrowing_voice(atlas, CROSSING)
    chosen = select(atlas, voices={voice})
    kept = chosen.excerpts_at(CROSSING)
    open_site(page, bundled_site)
    marker(page, place.name).click()
    wait_for_claims(page, place.name, len(select(atlas).excerpts_at(CROSSING)))

    page.locator("#site-filters > summary").click()
    page.locator("#site-filter-form .site-choice").get_by_label(voice_label(voice), exact=True).check()
    panel = wait_for_claims(page, place.name, len(kept))
    assert shown_claims(panel) == expected_claims(kept, atlas)
    assert wait_for_markers(page, [p.name for p in chosen.places]) == sorted(p.name for p in chosen.places)
    expect(page.locator("#site-count")).to_have_text(
        f"{len(chosen.places)} places, {len(chosen.excerpts)} excerpts in view"
    )
    # The fragment holds the view, and nothing of it reached a server.
    assert fragment(page) == {"voice": [voice.value], "place": [CROSSING]}
    link = page.url

    # The link opened afresh shows the same view.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    local_only(context, page_log)
    other = context.new_page()
    try:
        other_console = Console()
        watch_page(other, other_console)
        other.goto(link)
        again = wait_for_claims(other, place.name, len(kept))
        assert shown_claims(again) == expected_claims(kept, atlas)
        assert wait_for_markers(other, [p.name for p in chosen.places]) == marker_names(page)
        expect(other.locator("#site-filter-form input[name=voice]:checked")).to_have_count(1)
        expect(other.locator(f"#site-filter-form input[name=voice][value={voice.value}]")).to_be_checked()
        expect(other.locator("#site-count")).to_have_text(page.locator("#site-count").inner_text())
        assert other.url == link
        assert [e for e in other_console.errors() if not is_tile(e[1])] == []
    finally:
        context.close()
    assert_clean(page, page_log, console)


@pytest.mark.parametrize("query", SEARCHES)
def test_a_search_in_another_spelling_or_arabic_finds_the_place(
    site_page: Page, page_log: PageLog, console: Console, bundled_site: str, atlas: Atlas, query: str
) -> None:
    page = site_page
    place = atlas.places[MAARAT]
    found = select(atlas, text=query)
    kept = found.excerpts_at(MAARAT)
    assert kept, f"the app's search for {query!r} no longer finds {MAARAT}"
    open_site(page, bundled_site)
    page.locator("#site-filters > summary").click()
    page.locator("#site-q").fill(query)
    page.locator("#site-q").press("Enter")
    assert wait_for_markers(page, [p.name for p in found.places]) == sorted(p.name for p in found.places)
    expect(page.locator("#site-count")).to_have_text(
        f"{len(found.places)} places, {len(found.excerpts)} excerpts in view"
    )
    marker(page, place.name).click()
    panel = wait_for_claims(page, place.name, len(kept))
    assert shown_claims(panel) == expected_claims(kept, atlas)
    assert fragment(page) == {"q": [query], "place": [MAARAT]}
    assert_clean(page, page_log, console)


def test_the_payloads_stay_text(
    site_page: Page, page_log: PageLog, console: Console, xss_site: tuple[Atlas, str]
) -> None:
    page = site_page
    xss_atlas, site = xss_site
    (place,) = xss_atlas.places.values()
    (excerpt,) = xss_atlas.excerpts
    open_site(page, site)
    marker(page, XSS_NAME).click()
    panel = wait_for_claims(page, XSS_NAME, 1)
    expect(panel.locator("blockquote")).to_have_text(XSS_TEXT)
    expect(panel.locator(".geo-who strong")).to_have_text(excerpt.speaker or "")
    expect(page.locator(".leaflet-popup h3")).to_have_text(XSS_NAME)
    panel.get_by_role("button", name=re.compile("^Read in context")).click()
    dialog = page.locator("dialog#site-context")
    expect(dialog.locator(".geo-context-near mark")).to_have_text(XSS_TEXT, timeout=LOAD_TIMEOUT_MS)
    expect(dialog.locator(".site-context-source cite")).to_have_text(xss_atlas.sources[excerpt.source].title)
    # A payload that does not run has no event: give any onerror handler of a failed image time to fire.
    page.wait_for_timeout(500)
    assert_inert(page)
    # The sources page prints the same names and titles.
    page.goto(f"{site}/sources.html")
    expect(page.locator(".geo-source h3")).to_have_text(xss_atlas.sources[excerpt.source].title)
    page.wait_for_timeout(500)
    assert_inert(page)
    assert_clean(page, page_log, console)


def assert_inert(page: Page) -> None:
    """No payload ran, and none became an element, in the page or any of its frames."""
    for each in page.frames:
        flag = each.evaluate("typeof window.__xss + ' ' + String(window.__xss)")
        assert flag == "undefined undefined", f"window.__xss is {flag} in {each.url}"
        assert each.locator('img[src="x"], b[onmouseover], script:not([src])').count() == 0, each.url


def count_of(view: ViewState, atlas: Atlas) -> str:
    """The count line the page must show for a view."""
    shown = selection(atlas, view)
    return f"{len(shown.places)} places, {len(shown.excerpts)} excerpts in view"


def test_countries_are_hidden_until_the_switch_shows_them_and_the_link_keeps_it(
    site_page: Page, page_log: PageLog, console: Console, countries_site: tuple[Atlas, str]
) -> None:
    page = site_page
    countries_atlas, site = countries_site
    hidden, shown = (selection(countries_atlas, ViewState(countries=on)) for on in (False, True))
    open_site(page, site)
    # Hidden by default, as in the app: the towns alone, the excerpt about a country and a town at the town.
    assert wait_for_markers(page, [p.name for p in hidden.places]) == sorted(p.name for p in hidden.places)
    expect(page.locator("#site-count")).to_have_text(count_of(ViewState(), countries_atlas))
    assert fragment(page) == {}

    page.locator("#site-filters > summary").click()
    switch = page.get_by_label("Show countries")
    expect(switch).not_to_be_checked()
    switch.check()
    assert wait_for_markers(page, [p.name for p in shown.places]) == sorted(p.name for p in shown.places)
    expect(page.locator("#site-count")).to_have_text(count_of(ViewState(countries=True), countries_atlas))
    assert fragment(page) == {"countries": ["on"]}
    # Not framed (Ankara is off the map of the towns), a country is opened from the places listed in view;
    # its claims hold the excerpt about it and a town, and the one about countries alone.
    page.locator("#site-claims .site-place-list").get_by_role("button", name=re.compile("^Turkey")).click()
    turkey = shown.excerpts_at("turkey")
    assert AT_THE_TOWN in {e.id for e in turkey} and len(turkey) == 2
    panel = wait_for_claims(page, "Turkey", len(turkey))
    assert shown_claims(panel) == expected_claims(turkey, countries_atlas)
    assert fragment(page) == {"countries": ["on"], "place": ["turkey"]}

    # The link opened afresh shows them; switched off, the open country is drawn as open, with none of its claims.
    page.goto("about:blank")
    open_site(page, site, "countries=on&place=turkey")
    wait_for_claims(page, "Turkey", len(turkey))
    expect(page.get_by_label("Show countries")).to_be_checked()
    page.locator("#site-filters > summary").click()
    page.get_by_label("Show countries").uncheck()
    expect(claims_panel(page).locator(".geo-excerpt")).to_have_count(0)
    expect(claims_panel(page).locator(".site-empty")).to_contain_text("switch on Show countries")
    expected = sorted([*(p.name for p in hidden.places), "Turkey"])
    assert wait_for_markers(page, expected) == expected
    assert fragment(page) == {"place": ["turkey"]}
    assert_clean(page, page_log, console)


PHONE: ViewportSize = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser: Browser, page_log: PageLog) -> Iterator[tuple[Page, Console]]:
    """A page 375 px wide, with touch, that can reach only this machine, and its console."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    local_only(context, page_log)
    page = context.new_page()
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    console = Console()
    watch_page(page, console)
    yield page, console
    context.close()


def tap_open(page: Page, atlas: Atlas, place_id: str) -> Locator:
    """Tap a place's marker on the phone's map; its claims panel once it shows them."""
    place = atlas.places[place_id]
    marker(page, place.name).tap()
    return wait_for_claims(page, place.name, len(select(atlas).excerpts_at(place_id)))


def test_on_a_phone_the_map_comes_first_and_a_tap_opens_claims(
    phone: tuple[Page, Console], page_log: PageLog, bundled_site: str, atlas: Atlas
) -> None:
    page, console = phone
    open_site(page, bundled_site)
    expected = [p.name for p in select(atlas).places]
    assert wait_for_markers(page, expected) == sorted(expected)
    # The map first, the width of the screen and most of its height; the claims below it.
    map_box = page.locator("#map").bounding_box()
    side_box = page.locator(".site-side").bounding_box()
    assert map_box and side_box
    assert map_box["width"] >= PHONE["width"] - 5 and map_box["height"] >= 0.5 * PHONE["height"]
    assert map_box["y"] < 80 and side_box["y"] >= map_box["y"] + map_box["height"] - 1
    # Nothing overflows sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    panel = tap_open(page, atlas, CROSSING)
    assert shown_claims(panel) == expected_claims(select(atlas).excerpts_at(CROSSING), atlas)
    # The pop-up on the narrow map sums the claims up and points below the map, where the panel has them.
    expect(page.locator(".leaflet-popup h3")).to_have_text(atlas.places[CROSSING].name)
    expect(page.locator(".leaflet-popup .site-to-panel")).to_be_visible()
    assert_clean(page, page_log, console)


def test_on_a_phone_the_pop_up_fits_the_map(
    phone: tuple[Page, Console], page_log: PageLog, bundled_site: str, atlas: Atlas
) -> None:
    page, console = phone
    open_site(page, bundled_site)
    tap_open(page, atlas, CROSSING)
    # Once the map has panned to it, the pop-up lies wholly on the map: none of it cut off at an edge.
    assert holds(page, POPUP_IN_VIEW, timeout_ms=10_000), page.evaluate(POPUP_AND_MAP)
    assert_clean(page, page_log, console)


# Whether the open pop-up lies wholly within the map, and the map is still.
POPUP_IN_VIEW = """() => {
    const popup = document.querySelector('.leaflet-popup'), map = document.getElementById('map');
    // Leaflet marks its panes while it pans or zooms.
    if (!popup || document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim')) { return false; }
    const box = popup.getBoundingClientRect(), frame = map.getBoundingClientRect();
    return frame.left <= box.left && box.right <= frame.right && frame.top <= box.top && box.bottom <= frame.bottom;
}"""
# Whether the map is at rest: not panning or zooming, and its centre as at the last poll.
MAP_STILL = """() => {
    const m = window.geoDots._map, c = m.getCenter(), view = [c.lat, c.lng, m.getZoom()].join();
    const moving = Boolean(document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim'));
    const last = window.__lastView;
    window.__lastView = view;
    return !moving && last === view;
}"""
POPUP_AND_MAP = """() => [document.querySelector('.leaflet-popup').getBoundingClientRect().toJSON(),
                       document.getElementById('map').getBoundingClientRect().toJSON()]"""


# --------------------------------------------------------------------------- 100,000 places

# Before the page's scripts: when every dot is first drawn, in ms from the navigation's start.
WATCH_DOTS = """(function poll() {
    const d = window.geoDots;
    if (d && d.ready && d.count > 0 && d.drawnWith === d.count) { window.__dotsAt = performance.now(); return; }
    requestAnimationFrame(poll);
})();"""

# Installed before a click: when the claims panel first names the place, in ms from the click.
WATCH_CLAIMS = """name => {
    window.__claimsAt = undefined;
    const map = window.geoDots._map, panel = document.getElementById('site-claims');
    let began = null;
    map.once('click', () => { began = performance.now(); });
    const seen = new MutationObserver(() => {
        const heading = panel.querySelector('.site-claims-place h3');
        if (began !== null && heading && heading.textContent === name) {
            window.__claimsAt = performance.now() - began; seen.disconnect();
        }
    });
    seen.observe(panel, {childList: true, subtree: true});
}"""
# How many dots the layer shows: its mask, not what the current view happens to cover.
COUNT_SHOWN = "const d = window.geoDots; let n = 0; for (let i = 0; i < d.count; i++) { if (d.visible(i)) { n++; } }"


def a_dot_on_screen(page: Page, avoid_chunk: int | None = None) -> tuple[int, int, int]:
    """A dot near the map's middle (not of the given chunk) and a whole-pixel point of the page that clicks it.

    A mouse lands on whole pixels, and at 100,000 places a dot's neighbour can be nearer a
    fraction of a pixel away: the point must pick the same dot a pixel either way.
    """
    found = page.evaluate(
        """avoid => {
            const d = window.geoDots, m = d._map, size = m.getSize(), chunk = window.geoSite.info.chunk;
            const frame = m.getContainer().getBoundingClientRect();
            const at = (x, y) => d.nearest(m.containerPointToLayerPoint([x - frame.left, y - frame.top]));
            for (let fy = 0.3; fy <= 0.7; fy += 0.01) {
                for (let fx = 0.3; fx <= 0.7; fx += 0.01) {
                    const x = Math.round(frame.left + fx * size.x), y = Math.round(frame.top + fy * size.y);
                    const i = at(x, y);
                    if (i < 0 || Math.floor(i / chunk) === avoid) { continue; }
                    if ([[-1, 0], [1, 0], [0, -1], [0, 1]].every(([dx, dy]) => at(x + dx, y + dy) === i)) {
                        return [i, x, y];
                    }
                }
            }
            return null;
        }""",
        avoid_chunk,
    )
    assert found, "no dot near the middle of the map"
    return int(found[0]), int(found[1]), int(found[2])


def test_every_one_of_100_000_places_is_a_dot(
    site_page: Page, page_log: PageLog, console: Console, dense_site: tuple[Atlas, str]
) -> None:
    page = site_page
    dense_atlas, site = dense_site
    everything = select(dense_atlas)
    page.add_init_script(WATCH_DOTS)
    page.goto(f"{site}/index.html")
    assert holds(page, "() => window.__dotsAt !== undefined", timeout_ms=DENSE_TIMEOUT_MS), "the dots were not drawn"
    dots_ms = page.evaluate("() => window.__dotsAt")
    assert page.evaluate("() => window.geoDots.count") == len(everything.places) == SYNTH_PLACES
    assert page.evaluate(f"() => {{ {COUNT_SHOWN} return n; }}") == SYNTH_PLACES
    expect(page.locator("html")).to_have_attribute("data-dots-drawn", "1")
    # No marker is built for a place until it is opened.
    expect(page.locator(".leaflet-marker-pane .site-marker")).to_have_count(0)

    index, x, y = a_dot_on_screen(page)
    place = everything.places[index]
    kept = everything.excerpts_at(place.id)
    page.evaluate(WATCH_CLAIMS, place.name)
    page.mouse.click(x, y)
    panel = wait_for_claims(page, place.name, len(kept))
    assert holds(page, "() => window.__claimsAt !== undefined")
    claims_ms = page.evaluate("() => window.__claimsAt")
    assert shown_claims(panel) == expected_claims(kept, dense_atlas)
    assert fragment(page) == {"place": [place.id]}
    # A second place, in another chunk of claims, with the places' names already loaded. The first is
    # closed, so that its pop-up covers no dot, and the map left to come to rest after panning to it.
    page.locator("#site-claims").get_by_role("button", name=f"Close {place.name}").click()
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    assert holds(page, MAP_STILL, timeout_ms=10_000), "the map kept moving"
    chunk = page.evaluate("() => window.geoSite.info.chunk")
    other_index, ox, oy = a_dot_on_screen(page, avoid_chunk=index // chunk)
    other = everything.places[other_index]
    page.evaluate(WATCH_CLAIMS, other.name)
    page.mouse.click(ox, oy)
    wait_for_claims(page, other.name, len(everything.excerpts_at(other.id)))
    assert holds(page, "() => window.__claimsAt !== undefined")
    again_ms = page.evaluate("() => window.__claimsAt")
    print(
        f"\n{SYNTH_PLACES:,} places in Chromium: every dot drawn {dots_ms / 1000:.2f} s after the request;"
        f" a click to its place's claims {claims_ms:.0f} ms (first, with the places' names),"
        f" {again_ms:.0f} ms (another chunk)"
    )
    assert_clean(page, page_log, console)
