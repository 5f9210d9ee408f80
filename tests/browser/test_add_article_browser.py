"""The Add article page in Chromium: paste an article, read it, see its places and excerpts, save a draft."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from geo.core.settings import MAX_ARTICLE_BYTES
from tests.support.server import ServerFactory

pytestmark = [pytest.mark.browser, pytest.mark.server]

ARTICLE = """Skip to main content

Shelling empties Saraqeb

Residents of Saraqeb fled towards Ariha on Tuesday as shelling hit the town's market.

"We left with nothing but our papers," said Umm Khaled, 44, a mother of four from Saraqeb.

Recommended Articles
"""


@pytest.fixture(scope="module")
def writable_server(
    start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory, bundled_data: Path
) -> tuple[str, Path]:
    """A server on a copy of the bundled data, which the page may write to."""
    folder = tmp_path_factory.mktemp("writable") / "data"
    shutil.copytree(bundled_data, folder)
    return start_server(folder, "writable"), folder


def read_article(page: Page, base_url: str, **fields: str) -> None:
    """Open the page, paste the article, fill the form's fields by label, and press Read."""
    page.goto(f"{base_url}/add-article")
    page.get_by_role("textbox", name="Article text", exact=True).fill(ARTICLE)
    for label, value in fields.items():
        page.get_by_role("textbox", name=label, exact=True).fill(value)
    page.get_by_role("button", name="Read the article").click()


def test_an_article_is_read_shown_and_saved_as_a_draft(writable_server: tuple[str, Path], page: Page) -> None:
    """Pasting an article proposes its GeoNames towns on a map, lists its quotes, and saves a draft."""
    base_url, folder = writable_server
    read_article(
        page,
        base_url,
        Id="test-2024-03-saraqib",
        Title="Shelling empties Saraqeb",
        Outlet="Test Wire",
        Published="2024-03",
    )
    expect(page.get_by_text("excerpts to check")).to_be_visible(timeout=60_000)
    # The town is proposed from GeoNames, as the page says and the map shows.
    expect(page.get_by_text("GeoNames 164816", exact=False).first).to_be_visible()
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
    expect(frame.locator(".leaflet-marker-icon").first).to_be_visible(timeout=30_000)
    # The map is short: its key starts folded, lest it cover the places.
    assert frame.locator(".geo-legend details").get_attribute("open") is None
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Saved test-2024-03-saraqib.txt")).to_be_visible(timeout=30_000)
    saved = yaml.safe_load((folder / "sources" / "test-2024-03-saraqib.yaml").read_text(encoding="utf-8"))
    assert saved["status"] == "draft"
    assert saved["removed_lines"] == ["Skip to main content", "Recommended Articles"]
    assert "saraqib" in {p["id"] for p in saved["proposed_places"]}
    assert "Umm Khaled" in {e.get("speaker") for e in saved["excerpts"]}
    assert "Skip to main content" not in (folder / "sources" / "test-2024-03-saraqib.txt").read_text(encoding="utf-8")


def test_the_upload_box_offers_no_more_than_an_article_may_be(writable_server: tuple[str, Path], page: Page) -> None:
    # Streamlit's own 200 MB would invite a file that reading the article then refuses.
    page.goto(f"{writable_server[0]}/add-article")
    expect(page.get_by_test_id("stFileUploaderDropzoneInstructions")).to_contain_text(
        f"{math.ceil(MAX_ARTICLE_BYTES / 2**20)}MB", timeout=30_000
    )


def test_a_bad_id_is_refused_and_nothing_is_written(writable_server: tuple[str, Path], page: Page) -> None:
    """An id that is not a slug is named in an error, and the data folder gains no file."""
    base_url, folder = writable_server
    before = sorted(p.name for p in (folder / "sources").iterdir())
    read_article(page, base_url, Id="Not A Slug", Title="x", Outlet="y", Published="2024")
    expect(page.get_by_text("is not a slug")).to_be_visible(timeout=30_000)
    assert sorted(p.name for p in (folder / "sources").iterdir()) == before
