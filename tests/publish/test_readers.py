"""A site is for readers: no draft in it anywhere, and every text from the data escaped where it is HTML."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from geo.core.viewstate import ViewState
from geo.data.load import load_atlas
from geo.publish import contents as held_contents
from geo.publish.contents import ONLY_DRAFTS
from geo.publish.folder import PublishError
from geo.publish.site import publish, site_zip
from geo.publish.tiles import Tiles
from tests.publish.sites import TITLE, claims, files, publish_to
from tests.support.datafolder import ARTICLE, source, write_folder, write_xss_folder

DRAFT_PHRASE = "Zebra convoy reached Alpha at dawn"
DRAFT_ARTICLE = f"Draft news.\n\n{DRAFT_PHRASE}, the draft said.\n"
DRAFT_ID = "draft-only-source"
DRAFT_TITLE = "Unchecked draft title"

# The markup of the payloads as written; escaped, none of it may be left whole in HTML.
PAYLOADS = ("<script>window.__xss", "<img src=x", "<b onmouseover", "${window.__xss")


def _draft_folder(root: Path) -> Path:
    """A reviewed source and a draft, the draft naming the same place."""
    draft = source(
        DRAFT_ID,
        title=DRAFT_TITLE,
        status="draft",
        excerpts=[
            {
                "id": "draft-convoy",
                "places": ["alpha"],
                "kind": "report",
                "voice": "journalist",
                "text": f"{DRAFT_PHRASE}, the draft said.",
            }
        ],
    )
    return write_folder(root, sources={"test-source": (source(), ARTICLE), DRAFT_ID: (draft, DRAFT_ARTICLE)})


def test_no_draft_reaches_the_site(tmp_path: Path) -> None:
    atlas = load_atlas(_draft_folder(tmp_path / "data"))
    assert DRAFT_ID in atlas.sources
    # Even a view that asks for drafts gets none.
    publish_to(atlas, tmp_path / "site", view=ViewState(drafts=True))
    written = files(tmp_path / "site")
    made = zipfile.ZipFile(io.BytesIO(site_zip(atlas, ViewState(drafts=True), TITLE, Tiles())))
    zipped = {name: made.read(name) for name in made.namelist()}
    for contents in (written, zipped):
        assert f"articles/{DRAFT_ID}.txt" not in contents
        for path, data in contents.items():
            for secret in (DRAFT_PHRASE, DRAFT_ID, DRAFT_TITLE, "draft-convoy", "Zebra"):
                assert secret.encode() not in data, f"{secret!r} is in {path}"
    site = json.loads(written["data/site.json"])
    assert site["counts"] == {"places": 2, "excerpts": 3, "sources": 1}


def test_a_view_naming_a_draft_s_source_publishes_its_reviewed_sources(tmp_path: Path) -> None:
    atlas = load_atlas(_draft_folder(tmp_path / "data"))
    # An editor's view, as the Publish box passes it: the draft's source chosen beside a reviewed one.
    asked = ViewState(sources=("test-source", DRAFT_ID), drafts=True, place="alpha")
    held = held_contents.contents(atlas, asked)
    assert held.view == ViewState(sources=("test-source",), place="alpha")
    assert [s.id for s in held.sources] == ["test-source"]
    # A place the reader's atlas lacks (as one only a draft proposes) is no open place of theirs.
    assert held_contents.contents(atlas, ViewState(place="gamma")).view.place is None
    reviewed = ViewState(sources=("test-source",))
    assert site_zip(atlas, asked, TITLE, Tiles()) == site_zip(atlas, reviewed, TITLE, Tiles())


def test_a_view_of_drafts_alone_is_refused(tmp_path: Path) -> None:
    atlas = load_atlas(_draft_folder(tmp_path / "data"))
    for view in (ViewState(sources=(DRAFT_ID,)), ViewState(sources=(DRAFT_ID,), drafts=True)):
        with pytest.raises(PublishError, match=ONLY_DRAFTS):
            held_contents.contents(atlas, view)
        with pytest.raises(PublishError, match=ONLY_DRAFTS):
            publish_to(atlas, tmp_path / "site", view=view)
    assert not (tmp_path / "site").exists()


def test_payloads_are_escaped_in_every_page_and_claim(tmp_path: Path) -> None:
    atlas = load_atlas(write_xss_folder(tmp_path / "data"))
    publish_to(atlas, tmp_path / "site")
    site = tmp_path / "site"
    for path, data in files(site).items():
        if path.endswith(".html"):
            for payload in PAYLOADS:
                assert payload.encode() not in data, f"{payload!r} is raw in {path}"
    places, excerpts = claims(site)
    fields = [p["heading"] for p in places.values()] + [e["html"] for e in excerpts.values()]
    assert len(fields) == 2
    for html in fields:
        for payload in PAYLOADS:
            assert payload not in html
    assert "&lt;script&gt;window.__xss=3&lt;/script&gt;" in excerpts[0]["html"]
    assert "&lt;script&gt;window.__xss=8&lt;/script&gt;" in places[0]["heading"]


def test_a_hostile_title_is_text_in_the_pages(tmp_path: Path) -> None:
    atlas = load_atlas(write_folder(tmp_path / "data"))
    title = "</title><script>alert(1)</script>{{ 7*7 }}"
    publish(atlas, tmp_path / "site", view=ViewState(), title=title, tiles=Tiles())
    for page in ("index.html", "sources.html"):
        text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "<script>alert" not in text
        assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "49" not in text
