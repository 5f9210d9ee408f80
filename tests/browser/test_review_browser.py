"""An editor reviews a draft in Chromium, signed in through the test provider: each excerpt decided, then the source.

The server's folder is a copy of the bundled data and one draft ingested from an article whose
texts carry a word found nowhere else. Until the editor accepts it, no visitor meets the word; once
accepted, an anonymous visitor finds the excerpts kept and not the one rejected, and the folder and
its history say what the editor did.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from geo.core.atlas import Atlas
from geo.data.history import entries
from geo.data.layout import SOURCES_DIR
from geo.ingest.draft import Metadata, draft
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.save import save_draft
from tests.support.oidc import OIDCProvider
from tests.support.server import ServerFactory
from tests.support.signin import EDITOR, signin_app, signin_data

pytestmark = [pytest.mark.browser, pytest.mark.server]

# In the draft's texts alone: a visitor who meets it before the draft is accepted has been shown the draft.
SECRET = "Quillwort"
DRAFT_ID = "wire-2020-02-quillwort"
INGESTED_BY = "ingest-test"
ARTICLE = (
    f"{SECRET} shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    f"“We will not leave {SECRET} street,” said Dana Qassem, a teacher in Saraqib.\n\n"
    f"A {SECRET} convoy reached Maarat al-Numan by night.\n"
)
# The excerpts ingest makes of the article, in its order, and what the editor does with each.
SHELLING, TESTIMONY, CONVOY = (f"{DRAFT_ID}-{n:02d}" for n in (1, 2, 3))
SHELLING_TEXT = f"{SECRET} shelling hit Saraqib and Maarat al-Numan on Monday."
TESTIMONY_TEXT = f"We will not leave {SECRET} street,"
CONVOY_TEXT = f"A {SECRET} convoy reached Maarat al-Numan by night."
CORRECTED_ROLE = "head teacher at a Saraqib school"
# The first run loads the data and draws the map; a sign-in is three redirects and a fresh page.
LOAD_TIMEOUT_MS = 60_000
# A decision writes a commit and reruns the page.
RERUN_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def review_server(
    start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory, bundled_atlas: Atlas, gazetteer: Gazetteer
) -> Iterator[tuple[str, OIDCProvider, Path]]:
    """The app on the bundled data and one draft, signing in through a test provider; yield (URL, provider, folder)."""
    # start_server is asked for so that the suite's guard holds these tests to the `server` mark.
    root = tmp_path_factory.mktemp("review")
    meta = Metadata(id=DRAFT_ID, title=f"{SECRET} report", outlet="Wire", published="2020-02")

    def add_draft(data: Path) -> None:
        save_draft(data, draft(ARTICLE, meta, gazetteer, bundled_atlas.places), by=INGESTED_BY)

    with signin_app(root, prepare=add_draft) as (base_url, provider):
        yield base_url, provider, signin_data(root)


def everything_shown(page: Page) -> str:
    """The page's HTML and that of every frame in it (the map's pop-ups are in its frame)."""
    return "\n".join(frame.content() for frame in page.frames)


def settled_map(page: Page, url: str | None = None) -> None:
    """Open the map page (or stay on it) and wait until the run the map asks for once drawn is over."""
    if url is not None:
        page.goto(url)
    # The first run draws the map alone; the table comes with the second, which the map asks for once
    # drawn. A click made as that request comes in can be lost with the run it started, so wait it out.
    expect(keyed(page, "table")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect_idle(page)


def expect_idle(page: Page) -> None:
    """Wait until Streamlit has no run going."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=RERUN_TIMEOUT_MS
    )


def keyed(page: Page, key: str) -> Locator:
    """The element Streamlit drew for a widget of this key."""
    return page.locator(f".st-key-{key}")


def visible_button(page: Page, key: str) -> Locator:
    """A keyed button; Streamlit draws one with help twice, one copy hidden, so the visible one."""
    return page.locator(f".st-key-{key} button:visible")


def sign_in(page: Page, provider: OIDCProvider, email: str) -> None:
    """Press Sign in with the provider set to approve email; wait until the page says who is signed in."""
    provider.sign_in_as = email
    visible_button(page, "sign-in").click()
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {email}", timeout=LOAD_TIMEOUT_MS)
    settled_map(page)


def excerpt_form(page: Page, excerpt_id: str) -> Locator:
    """The Review page's form for one excerpt, found by its Role field's key (the form has no key class)."""
    return page.get_by_test_id("stForm").filter(has=keyed(page, f"role-{excerpt_id}"))


def decide(page: Page, excerpt_id: str, button: str, left: int, of: int) -> None:
    """Press an excerpt's Accept or Reject; wait until its form is gone and the count says what is left."""
    form = excerpt_form(page, excerpt_id)
    form.get_by_role("button", name=button).click()
    expect(form).to_have_count(0, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_text(f"Excerpts: {left} of {of} to decide")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    expect_idle(page)


def excerpt_grid(page: Page) -> Locator:
    """The "Excerpts in view" table's accessible grid: hidden, its cells hold the text of the rows drawn."""
    return page.locator('.st-key-table [role="grid"]')


def test_an_editor_reviews_a_draft_and_readers_see_only_what_was_accepted(
    review_server: tuple[str, OIDCProvider, Path], page: Page
) -> None:
    base_url, provider, folder = review_server

    # 1. Before review, an anonymous visitor who asks for drafts is refused them.
    settled_map(page, f"{base_url}/?drafts=on")
    expect(page.get_by_text("unreviewed drafts are for editors").first).to_be_visible()
    page.wait_for_timeout(500)
    assert SECRET not in everything_shown(page)

    # 2. The editor signs in and opens Review from the navigation.
    sign_in(page, provider, EDITOR)
    page.get_by_test_id("stSidebarNav").locator('a[href$="/review"]').click()
    expect(page.get_by_role("heading", name="Review drafts")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(keyed(page, "review-draft").locator("input")).to_have_value(
        f"{SECRET} report · Wire · 3 of 3 excerpts to decide", timeout=LOAD_TIMEOUT_MS
    )
    expect(page.get_by_text("Excerpts: 3 of 3 to decide")).to_be_visible()
    for excerpt_id in (SHELLING, TESTIMONY, CONVOY):
        expect(excerpt_form(page, excerpt_id)).to_be_visible()
    accept_source = visible_button(page, "accept-source")
    expect(accept_source).to_be_disabled()
    expect_idle(page)

    # The testimony's role is corrected as it is accepted; the convoy is rejected; the shelling accepted as it is.
    role = keyed(page, f"role-{TESTIMONY}").locator("input")
    expect(role).to_have_value("a teacher in Saraqib")
    role.fill(CORRECTED_ROLE)
    decide(page, TESTIMONY, "Accept", left=2, of=3)
    decide(page, CONVOY, "Reject", left=1, of=2)
    expect(accept_source).to_be_disabled()
    decide(page, SHELLING, "Accept", left=0, of=2)
    expect(page.get_by_text("Every excerpt is decided.")).to_be_visible()
    expect(accept_source).to_be_enabled()

    # 5. The history, before the draft leaves the page: the ingest, then the editor's three decisions.
    history = page.get_by_test_id("stExpander").filter(has_text="History (4)")
    history.get_by_text("History (4)").click()
    shown = history.get_by_test_id("stCaptionContainer")
    expect(shown).to_have_count(4)
    expect(shown.nth(0)).to_contain_text(f"{INGESTED_BY} · ingest")
    for nth, note in enumerate(
        (f"accepted excerpt {TESTIMONY}; edited role", f"rejected excerpt {CONVOY}", f"accepted excerpt {SHELLING}"),
        start=1,
    ):
        expect(shown.nth(nth)).to_contain_text(f"{EDITOR} · edit")
        expect(shown.nth(nth)).to_contain_text(note)

    accept_source.click()
    expect(page.get_by_text("No draft is waiting for review.")).to_be_visible(timeout=RERUN_TIMEOUT_MS)
    expect(keyed(page, "review-draft")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # 3. The folder: a reviewed source with the corrected role and without the rejected excerpt.
    document = yaml.safe_load((folder / SOURCES_DIR / f"{DRAFT_ID}.yaml").read_text(encoding="utf-8"))
    assert "status" not in document
    assert document["reviewed_by"] == EDITOR
    assert [e["id"] for e in document["excerpts"]] == [SHELLING, TESTIMONY]
    assert not any("guessed" in e for e in document["excerpts"])
    assert document["excerpts"][1]["role"] == CORRECTED_ROLE
    done = entries(folder, DRAFT_ID)
    assert [(e.action, e.by) for e in done] == [
        ("ingest", INGESTED_BY),
        ("edit", EDITOR),
        ("edit", EDITOR),
        ("edit", EDITOR),
        ("accept", EDITOR),
    ]
    assert [e.note for e in done[1:4]] == [
        f"accepted excerpt {TESTIMONY}; edited role",
        f"rejected excerpt {CONVOY}",
        f"accepted excerpt {SHELLING}",
    ]

    # 4. Signed out, a visitor searching for the word finds the accepted excerpts and not the rejected one.
    visible_button(page, "sign-out").click()
    expect(visible_button(page, "sign-in")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    settled_map(page, f"{base_url}/?q={SECRET}")
    expect(page.get_by_test_id("stSidebar")).not_to_contain_text("Signed in as")
    grid = excerpt_grid(page)
    expect(grid).to_have_attribute("aria-rowcount", "3", timeout=RERUN_TIMEOUT_MS)
    expect(grid).to_contain_text(SHELLING_TEXT)
    expect(grid).to_contain_text(TESTIMONY_TEXT)
    expect(grid).to_contain_text(CORRECTED_ROLE)
    page.wait_for_timeout(500)
    assert CONVOY_TEXT not in everything_shown(page)
