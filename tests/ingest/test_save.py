"""A draft written into a data folder, and never over a source unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from geo.core.atlas import Atlas
from geo.data.history import entries
from geo.data.load import check_data, load_atlas
from geo.data.store import StoreError, add_places, write_source
from geo.ingest.draft import Draft, IngestError, Metadata, draft
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from geo.ingest.save import draft_yaml, save_draft
from tests.support.datafolder import data_folder, snapshot

SHORT_ARTICLE = (
    "Skip to main content\n\nShelling in Saraqib\n\n"
    "Shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n\n"
    "Share this article\n"
)


# --- Saving drafts and places --------------------------------------------------------------------


@pytest.fixture
def small_draft(bundled_atlas: Atlas, gazetteer: Gazetteer) -> Draft:
    """A draft of the short article."""
    return draft(
        SHORT_ARTICLE,
        Metadata(id="short-draft", title="T", outlet="O", published="2020-01"),
        gazetteer,
        bundled_atlas.places,
    )


def test_save_draft_refuses_a_folder_without_sources(tmp_path: Path, small_draft: Draft) -> None:
    with pytest.raises(IngestError, match="no such folder of sources"):
        save_draft(tmp_path, small_draft, by="tester")
    assert list(tmp_path.iterdir()) == []


def test_save_draft_refuses_when_either_file_exists(tmp_path: Path, small_draft: Draft) -> None:
    root = data_folder(tmp_path / "data")
    (root / "sources" / "short-draft.yaml").write_text("kept: true\n", encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(IngestError, match=r"short-draft\.yaml already exist"):
        save_draft(root, small_draft, by="tester")
    assert snapshot(root) == before
    save_draft(root, small_draft, replace=True, by="editor@example.org")
    assert load_atlas(root).sources["short-draft"].status == "draft"


def test_save_draft_is_one_commit_in_the_history(tmp_path: Path, small_draft: Draft) -> None:
    root = data_folder(tmp_path / "data")
    save_draft(root, small_draft, by="editor@example.org")
    save_draft(root, small_draft, replace=True, by="other@example.org")
    made, replaced = entries(root, subject="short-draft")
    assert (made.action, made.by, replaced.action, replaced.by) == (
        "ingest",
        "editor@example.org",
        "replace",
        "other@example.org",
    )
    assert [f.path for f in made.files] == ["sources/short-draft.txt", "sources/short-draft.yaml"]
    assert all(f.before is None for f in made.files)
    assert [f.before for f in replaced.files] == [f.after for f in made.files]


def test_a_draft_yaml_reads_back_as_its_document(small_draft: Draft) -> None:
    text = draft_yaml(small_draft)
    assert text.startswith("# A draft written by `python -m geo ingest`.")
    assert yaml.safe_load(text) == small_draft.document


# --- Drafts that share a place, name none, or have ids no file can bear --------------------------


def _ingest(root: Path, text: str, source_id: str, *, replace: bool = False) -> Draft:
    """Ingest an article into the folder as the command line does; the draft written."""
    atlas = load_atlas(root, sources_optional=True)
    made = draft(
        text, Metadata(id=source_id, title="T", outlet="O", published="2020-01"), gazetteer_for(atlas), atlas.places
    )
    save_draft(root, made, replace=replace, by="tester")
    return made


def test_drafts_naming_one_new_place_share_it_and_the_folder_loads(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    _ingest(root, "Shelling hit Saraqeb on Monday.\n", "draft-a")
    _ingest(root, "Residents fled Saraqib on Tuesday.\n", "draft-b")
    assert check_data(root) == []
    atlas = load_atlas(root)
    proposals = {s: [p.id for p in atlas.sources[s].proposed_places] for s in ("draft-a", "draft-b")}
    assert proposals == {"draft-a": ["saraqib"], "draft-b": ["saraqib"]}
    assert [e.places for e in atlas.excerpts if e.source.startswith("draft-")] == [("saraqib",), ("saraqib",)]
    # Re-ingesting a draft keeps its place, and each draft loads without the other.
    _ingest(root, "Shelling hit Saraqeb on Monday again.\n", "draft-a", replace=True)
    assert check_data(root) == []
    (root / "sources" / "draft-a.yaml").unlink()
    (root / "sources" / "draft-a.txt").unlink()
    assert check_data(root) == []


def test_drafts_proposing_one_geonames_town_in_other_words_load_together(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    atlas = load_atlas(root)
    for source_id, text in (("draft-a", "Shelling hit Saraqeb.\n"), ("draft-b", "Residents fled Saraqib.\n")):
        # Both made from the folder as it was, as two editors saving at once would.
        meta = Metadata(id=source_id, title="T", outlet="O", published="2020-01")
        save_draft(root, draft(text, meta, gazetteer_for(atlas), atlas.places), by="tester")
    assert check_data(root) == []


def test_a_draft_proposing_a_place_accepted_since_still_loads(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    made = _ingest(root, "Shelling hit Saraqeb on Monday.\n", "draft-a")
    add_places(root, made.source.proposed_places, by="tester")
    assert check_data(root) == []


def test_an_article_that_names_no_place_is_refused(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    with pytest.raises(IngestError, match="no passage of the article names a place"):
        _ingest(root, "Nothing happened anywhere on Monday.\n", "nowhere")
    assert snapshot(root) == before


@pytest.mark.parametrize("source_id", ["a" * 250, "x" * 101, "con", "nul", "com1", "lpt9", "history"])
def test_an_id_no_file_can_bear_is_refused(tmp_path: Path, source_id: str) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    with pytest.raises(IngestError, match="limit is 100|reserved name"):
        _ingest(root, SHORT_ARTICLE, source_id)
    with pytest.raises(StoreError, match="limit is 100|reserved name"):
        write_source(root, source_id, "text\n", "id: x\n", by="tester")
    assert snapshot(root) == before
