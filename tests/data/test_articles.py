"""The articles' texts are read from their files when asked for, and never once a file has changed since the load."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.core.atlas import reviewed_only
from geo.data.articles import ArticleTexts
from geo.data.load import load_atlas
from geo.data.problems import DataError
from tests.support.datafolder import ARTICLE, source, write_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of a reviewed source and a draft, each with its own article."""
    draft = source("a-draft", status="draft")
    return write_folder(tmp_path / "data", sources={"test-source": (source(), ARTICLE), "a-draft": (draft, ARTICLE)})


@pytest.mark.parametrize("loads", [1, 2], ids=["from the files", "through the snapshot"])
def test_an_atlas_reads_each_article_from_its_file(folder: Path, loads: int) -> None:
    for _ in range(loads):
        atlas = load_atlas(folder)
    assert isinstance(atlas.articles, ArticleTexts), "the texts are not held"
    assert dict(atlas.articles) == {"a-draft": ARTICLE, "test-source": ARTICLE}


def test_an_article_changed_since_the_load_is_refused_naming_its_file(folder: Path) -> None:
    atlas = load_atlas(folder)
    path = folder / "sources" / "test-source.txt"
    path.write_text(ARTICLE.replace("Shelling", "Shellfire"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        atlas.articles["test-source"]
    assert raised.value.problems[0].file == str(path)
    assert "changed since the folder was read" in raised.value.problems[0].message
    path.unlink()
    with pytest.raises(DataError, match="cannot be read"):
        atlas.articles["test-source"]
    with pytest.raises(KeyError):
        atlas.articles["no-such-source"]


def test_a_reader_has_no_draft_s_article_and_reads_none_to_leave_it_out(folder: Path) -> None:
    atlas = load_atlas(folder)
    (folder / "sources" / "a-draft.txt").unlink()  # reading it now would fail
    readers = reviewed_only(atlas)
    assert list(readers.articles) == ["test-source"] and len(readers.articles) == 1
    assert "a-draft" not in readers.articles
    with pytest.raises(KeyError):
        readers.articles["a-draft"]
    assert readers.articles["test-source"] == ARTICLE
