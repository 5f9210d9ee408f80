"""The pages as a reader and as an editor see them: drafts and their editing for editors alone."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from streamlit import config
from streamlit.testing.v1 import AppTest

from geo.core.atlas import Atlas
from geo.core.records import Voice
from geo.core.settings import BUNDLED_DATA
from geo.core.viewstate import ViewState
from geo.data.history import entries, kept
from geo.data.load import load_atlas
from geo.ingest.draft import Metadata, draft
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.review import decide_excerpt
from geo.ingest.save import save_draft
from geo.web.pages.review import RELOAD
from geo.web.publishing import zip_name
from tests.support.datafolder import data_folder, snapshot

APP = str(BUNDLED_DATA.parent / "app.py")
DRAFT = "wire-2020-02-saraqib"
ARTICLE = (
    "Shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n\n"
    "The army said its units had secured the road near Khan Sheikhoun.\n"
)


@pytest.fixture
def folder(tmp_path: Path, bundled_atlas: Atlas, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data with one reviewed source and a draft, served to the pages."""
    root = data_folder(tmp_path / "data")
    meta = Metadata(id=DRAFT, title="Saraqib shelled", outlet="Wire", published="2020-02")
    save_draft(root, draft(ARTICLE, meta, gazetteer, bundled_atlas.places), by="ingest-test")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    return root


def bound_to(address: str) -> Iterator[None]:
    """The server's address set for a test, and set back after it."""
    before = config.get_option("server.address")
    config.set_option("server.address", address)
    yield
    config.set_option("server.address", before)


@pytest.fixture
def editor() -> Iterator[None]:
    """The server bound to a loopback address with no sign-in: whoever reaches it edits."""
    yield from bound_to("127.0.0.1")


@pytest.fixture
def reader() -> Iterator[None]:
    """The server open to others with no sign-in: every visitor is a reader."""
    yield from bound_to("0.0.0.0")


def map_page(**params: list[str]) -> AppTest:
    """The map page after its second run, as a new session opens it with these link parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    return at.run().run()


def review_page() -> None:
    """The Review page alone, as AppTest runs a function."""
    from geo.web.pages.review import review

    review()


def test_a_reader_asking_for_drafts_sees_none_and_is_told_why(folder: Path, reader: None) -> None:
    at = map_page(drafts=["on"])
    assert not at.exception
    shown = set(at.dataframe[0].value["id"])
    assert shown and not any(i.startswith(DRAFT) for i in shown)
    assert DRAFT not in at.multiselect(key="source").options
    assert not at.get("toggle") or all(t.key != "drafts" for t in at.toggle)
    assert any("drafts are for editors" in h.proto.body for h in at.get("html"))
    assert any("Read-only" in c.value for c in at.caption), "a server open to others without sign-in says so"


def test_an_editor_sees_the_drafts_when_asking_for_them(folder: Path, editor: None) -> None:
    at = map_page(drafts=["on"])
    assert not at.exception
    assert any(i.startswith(DRAFT) for i in at.dataframe[0].value["id"])
    assert at.toggle(key="drafts").value is True
    assert not any("Read-only" in c.value for c in at.caption)


def test_the_review_page_is_for_editors_alone(folder: Path, reader: None) -> None:
    at = AppTest.from_function(review_page, default_timeout=60).run()
    assert [e.value for e in at.error] == ["This page is for editors."]
    assert not at.button and not at.selectbox


def test_an_editor_decides_each_excerpt_then_accepts_the_source(folder: Path, editor: None) -> None:
    at = AppTest.from_function(review_page, default_timeout=60).run()
    assert not at.exception and at.selectbox(key="review-draft").value == DRAFT
    assert at.button(key="accept-source").disabled, "not while excerpts are undecided"
    forms = [b for b in at.button if b.label in ("Accept", "Reject")]
    assert len(forms) == 2 * len(excerpt_ids(folder))
    # The first excerpt rejected, the rest accepted, the second with a speaker's role corrected.
    ids = excerpt_ids(folder)
    at.button[_index(at, "Reject", 0)].click().run()
    at.text_input(key=f"role-{ids[1]}").set_value("a teacher in Saraqib, who stayed")
    while (accepts := [i for i, b in enumerate(at.button) if b.label == "Accept"]) and not at.exception:
        at.button[accepts[0]].click().run()
    assert not at.exception and not at.error
    at.button(key="accept-source").click().run()
    assert not at.exception and not at.error
    atlas = load_atlas(folder)
    source = atlas.sources[DRAFT]
    assert source.status is None and source.reviewed_by == getpass.getuser() and source.reviewed_at
    kept = [e for e in atlas.excerpts if e.source == DRAFT]
    assert [e.id for e in kept] == ids[1:], "the rejected excerpt is gone, the others kept"
    assert kept[0].role == "a teacher in Saraqib, who stayed" and not any(e.guessed for e in kept)
    done = [(e.action, e.by) for e in entries(folder, DRAFT)]
    me = getpass.getuser()
    assert done == [("ingest", "ingest-test")] + [("edit", me)] * len(ids) + [("accept", me)]


def excerpt_ids(folder: Path) -> list[str]:
    """The draft's excerpts still in its file, in order."""
    document = yaml.safe_load((folder / "sources" / f"{DRAFT}.yaml").read_text(encoding="utf-8"))
    return [e["id"] for e in document["excerpts"]]


def _index(at: AppTest, label: str, nth: int) -> int:
    """The position among the page's buttons of the nth one with this label."""
    return [i for i, b in enumerate(at.button) if b.label == label][nth]


def add_article_page() -> None:
    """The Add article page alone, as AppTest runs a function."""
    from geo.web.pages.add_article import add_article

    add_article()


def test_replacing_a_reviewed_source_is_asked_for_and_keeps_the_old_files(folder: Path, editor: None) -> None:
    reviewed = "al-monitor-2020-01-idlib-crossings"
    old = (folder / "sources" / f"{reviewed}.yaml").read_text(encoding="utf-8")
    at = AppTest.from_function(add_article_page, default_timeout=120).run()
    at.text_area[0].set_value(ARTICLE)
    for label, value in (("Id", reviewed), ("Title", "T"), ("Outlet", "O"), ("Published", "2020-02")):
        next(t for t in at.text_input if t.label == label).set_value(value)
    at.button[0].click().run()
    assert not at.exception
    assert any("reviewed source" in w.value and "kept in the history" in w.value for w in at.warning)
    save = next(i for i, b in enumerate(at.button) if b.label == "Save as draft")
    at.button[save].click().run()
    assert at.error and "already exist" in at.code[0].value, "not replaced unless the editor says so"
    assert (folder / "sources" / f"{reviewed}.yaml").read_text(encoding="utf-8") == old
    at.checkbox[0].check().run()
    at.button[save].click().run()
    assert not at.error and at.success
    assert load_atlas(folder).sources[reviewed].status == "draft"
    [entry] = [e for e in entries(folder, reviewed)]
    assert entry.action == "replace" and entry.by == getpass.getuser()
    [before] = [f.before for f in entry.files if f.path.endswith(".yaml")]
    assert kept(folder, before) == old, "the reviewed file is kept"


def test_a_draft_changed_behind_the_page_is_not_overwritten(folder: Path, editor: None) -> None:
    at = AppTest.from_function(review_page, default_timeout=60).run()
    first, second = excerpt_ids(folder)[:2]
    # Another editor decides the second excerpt after this page has read the draft.
    decide_excerpt(folder, DRAFT, second, accept=False, by="someone-else")
    changed = (folder / "sources" / f"{DRAFT}.yaml").read_text(encoding="utf-8")
    at.text_input(key=f"speaker-{first}").set_value("Someone I made up")
    at.button[_index(at, "Accept", 0)].click().run()
    assert [w.value for w in at.warning] == [RELOAD]
    assert (folder / "sources" / f"{DRAFT}.yaml").read_text(encoding="utf-8") == changed, "their write stands"
    assert first in excerpt_ids(folder) and second not in excerpt_ids(folder)
    assert at.text_input(key=f"speaker-{first}").value == "", "the form shows the draft afresh, not the stale edit"


@pytest.mark.parametrize("button", ["accept-source", "reject-source"])
def test_a_source_changed_behind_the_page_is_neither_accepted_nor_rejected(
    folder: Path, editor: None, button: str
) -> None:
    ids = excerpt_ids(folder)
    for excerpt in ids[1:]:
        decide_excerpt(folder, DRAFT, excerpt, accept=False, by="editor")
    decide_excerpt(folder, DRAFT, ids[0], accept=True, by="editor")
    at = AppTest.from_function(review_page, default_timeout=60).run()
    at.checkbox(key=f"reject-sure-{DRAFT}").check().run()
    # Another editor corrects the one excerpt left after this page has read the draft.
    decide_excerpt(folder, DRAFT, ids[0], accept=True, edits={"role": "a late correction"}, by="someone-else")
    changed = snapshot(folder)
    at.button(key=button).click().run()
    assert [w.value for w in at.warning] == [RELOAD]
    assert snapshot(folder) == changed


def test_an_editor_may_publish_the_view_and_a_reader_may_not(folder: Path, editor: None) -> None:
    at = map_page(voice=["civilian"])
    assert not at.exception
    [button] = [b for b in at.get("download_button") if b.proto.id and "publish-zip" in b.proto.id]
    assert "iframe" in at.code[-1].value and 'loading="lazy"' in at.code[-1].value


def test_a_reader_is_offered_no_publishing(folder: Path, reader: None) -> None:
    at = map_page()
    assert not at.exception
    assert not [b for b in at.get("download_button") if b.proto.id and "publish-zip" in b.proto.id]


@pytest.mark.parametrize(
    ("view", "name"),
    [
        (ViewState(), "idlib-map.zip"),
        (ViewState(voices=(Voice.CIVILIAN, Voice.RUSSIA)), "idlib-map-civilian-russia.zip"),
        (ViewState(text="Ma'arrat / <b>"), "idlib-map-ma-arrat-b.zip"),
    ],
)
def test_the_sites_zip_is_named_for_its_view(view: ViewState, name: str) -> None:
    assert zip_name(view) == name
