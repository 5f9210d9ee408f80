"""A visitor on a server open to others, with no sign-in: every page, route and link parameter tried, no draft seen.

The server is bound to every interface (0.0.0.0) with no [auth] section, so every visitor is a
reader. Its folder holds a reviewed source and a draft whose texts carry a word found nowhere
else; the word must never reach a reader, and nothing they do may change the folder.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from geo.core.settings import TITLE
from geo.web.access import popup_key
from tests.support.datafolder import ARTICLE, place, snapshot, source, write_folder
from tests.support.server import ServerFactory, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

# In the draft's texts alone: a reader who meets it has been shown the draft.
SECRET = "Zephyrine"
DRAFT_ID = "draft-source"
DRAFT_ARTICLE = f"{SECRET} shelling hit Gamma village at dawn.\n\nA {SECRET} convoy reached Alpha town.\n"


def draft_document() -> dict[str, object]:
    """A draft that names a reviewed place and proposes a new one, its texts carrying the secret word."""
    proposed = {**place("gamma", "Gamma", 36.7, 35.7)["properties"], "lat": 35.7, "lon": 36.7}
    return source(
        DRAFT_ID,
        title=f"{SECRET} report",
        status="draft",
        proposed_places=[proposed],
        excerpts=[
            {
                "id": f"{DRAFT_ID}-gamma",
                "places": ["gamma"],
                "kind": "report",
                "voice": "journalist",
                "text": f"{SECRET} shelling hit Gamma village at dawn.",
                "guessed": ["places"],
            },
            {
                "id": f"{DRAFT_ID}-alpha",
                "places": ["alpha"],
                "kind": "report",
                "voice": "journalist",
                "text": f"A {SECRET} convoy reached Alpha town.",
                "guessed": ["places"],
            },
        ],
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewed source and a draft."""
    root = tmp_path_factory.mktemp("readers") / "data"
    return write_folder(root, sources={"test-source": (source(), ARTICLE), DRAFT_ID: (draft_document(), DRAFT_ARTICLE)})


@pytest.fixture(scope="module")
def open_server(start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory, folder: Path) -> Iterator[str]:
    """The app bound to every interface with no sign-in: read-only for everyone."""
    # start_server is asked for so that the suite's guard holds these tests to the `server` mark.
    log = tmp_path_factory.mktemp("readers-server") / "streamlit.log"
    with ExitStack() as stack:
        yield stack.enter_context(streamlit_server(folder, log, {"server.address": "0.0.0.0"}))


def everything_shown(page: Page) -> str:
    """The page's HTML and that of every frame in it (the map's pop-ups are in its frame)."""
    return "\n".join(frame.content() for frame in page.frames)


def settled(page: Page, url: str) -> None:
    """Open a URL and wait until the map page's second run has drawn the table."""
    page.goto(url)
    expect(page.get_by_text("Excerpts in view")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()


# Each link a reader might try, and what the page must say to it.
LINKS = [
    ("", None),
    ("?drafts=on", "drafts are for editors"),
    (f"?source={DRAFT_ID}", "not known"),
    (f"?q={SECRET}", "Nothing matches"),
    ("?place=gamma", "not in the data"),
    ("?place=alpha&drafts=on", "drafts are for editors"),
]


@pytest.mark.parametrize(("query", "said"), LINKS)
def test_no_link_shows_a_reader_a_draft(
    open_server: str, page: Page, folder: Path, query: str, said: str | None
) -> None:
    before = snapshot(folder)
    settled(page, f"{open_server}/{query}")
    if said:
        expect(page.get_by_text(said).first).to_be_visible()
    expect(page.get_by_text("Read-only").first).to_be_visible()
    page.wait_for_timeout(500)
    assert SECRET not in everything_shown(page)
    assert page.get_by_text("Show unreviewed drafts").count() == 0
    assert snapshot(folder) == before


@pytest.mark.parametrize("path", ["add-article", "review"])
def test_the_editing_pages_do_not_exist_for_a_reader(open_server: str, page: Page, folder: Path, path: str) -> None:
    before = snapshot(folder)
    settled(page, f"{open_server}/{path}")
    for editing in ("Add an article", "Review drafts", "Article text", "Save as draft"):
        assert page.get_by_text(editing).count() == 0, editing
    assert page.get_by_role("link", name="Add article").count() == 0
    assert page.get_by_role("link", name="Review").count() == 0
    assert SECRET not in everything_shown(page)
    assert snapshot(folder) == before


# Each request a reader might make of the pop-up route, and its status.
POPUP_REQUESTS = [
    ("place=alpha", 200),
    ("place=gamma", 400),
    ("place=alpha&drafts=on", 403),
    ("place=alpha&drafts=off", 403),
    ("place=alpha&drafts=on&key=4102444800.0000", 403),
    (f"place=alpha&source={DRAFT_ID}", 400),
    (f"place=alpha&q={SECRET}", 200),
]


@pytest.mark.parametrize(("query", "status"), POPUP_REQUESTS)
def test_no_pop_up_request_shows_a_reader_a_draft(open_server: str, query: str, status: int) -> None:
    answered, body = fetch(f"{open_server}/api/popup?{query}")
    assert answered == status, body
    assert SECRET not in body


def test_a_key_from_another_server_opens_no_draft(open_server: str) -> None:
    # Keys are signed with a secret each server makes for itself: this process's key is not the server's.
    answered, body = fetch(f"{open_server}/api/popup?place=alpha&drafts=on&key={popup_key()}")
    assert answered == 403 and SECRET not in body


def fetch(url: str) -> tuple[int, str]:
    """The status and body of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
