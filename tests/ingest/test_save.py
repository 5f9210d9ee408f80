"""A draft written into a data folder, and never over a source unasked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from geo.core.atlas import Atlas
from geo.data.history import entries
from geo.data.load import load_atlas
from geo.ingest.draft import Draft, IngestError, Metadata, draft
from geo.ingest.gazetteer import Gazetteer
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
        save_draft(tmp_path, small_draft)
    assert list(tmp_path.iterdir()) == []


def test_save_draft_refuses_when_either_file_exists(tmp_path: Path, small_draft: Draft) -> None:
    root = data_folder(tmp_path / "data")
    (root / "sources" / "short-draft.yaml").write_text("kept: true\n", encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(IngestError, match=r"short-draft\.yaml already exist"):
        save_draft(root, small_draft)
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
