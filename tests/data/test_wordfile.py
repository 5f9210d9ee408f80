"""The folder's word index file: made beside the data, opened again at a restart, made again when spoiled."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import geo.core.wordindex
from geo.core.names import fold
from geo.core.records import Excerpt
from geo.core.wordindex import MEMORY, WordIndex
from geo.data.layout import fingerprint
from geo.data.load import load_atlas
from geo.data.wordfile import WORDS_FILE, word_index, words_beside
from tests.support.datafolder import write_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small data folder of its own."""
    return write_folder(tmp_path / "data")


def excerpts_of(folder: Path) -> tuple[Excerpt, ...]:
    """The folder's excerpts, as its atlas holds them."""
    return load_atlas(folder).excerpts


def indexed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the excerpts indexed from now on, in order."""
    seen: list[str] = []
    searchable = geo.core.wordindex.searchable_words

    def counted(text: str, speaker: str | None, role: str | None) -> str:
        seen.append(text)
        return searchable(text, speaker, role)

    monkeypatch.setattr(geo.core.wordindex, "searchable_words", counted)
    return seen


def rows_found(index: WordIndex, word: str) -> int:
    """How many rows held by a source a search for a word finds."""
    ranges = index.ranges().values()
    return sum(any(first <= row < first + count for first, count in ranges) for row in index.find([fold(word)]))


def test_the_index_is_written_beside_the_data_and_opened_again(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    stamp = fingerprint(folder)
    first = word_index(folder, excerpts_of(folder))
    assert first.path == str(folder / WORDS_FILE) and (folder / WORDS_FILE).is_file()
    assert rows_found(first, "shelling") == 1
    assert fingerprint(folder) == stamp, "the folder's stamp leaves its index out"
    seen = indexed(monkeypatch)
    again = word_index(folder, excerpts_of(folder))  # as a restart opens it
    assert seen == [] and again.path == first.path
    assert rows_found(again, "shelling") == 1


def spoil_with_garbage(folder: Path) -> None:
    (folder / WORDS_FILE).write_bytes(b"\x00garbage" * 512)


def spoil_with_another_folders(folder: Path) -> None:
    other = write_folder(folder.parent / "other")
    word_index(other, excerpts_of(other))
    shutil.copyfile(other / WORDS_FILE, folder / WORDS_FILE)


def spoil_with_an_empty_file(folder: Path) -> None:
    (folder / WORDS_FILE).write_bytes(b"")


def spoil_with_another_database(folder: Path) -> None:
    db = sqlite3.connect(folder / WORDS_FILE)
    db.execute("CREATE TABLE sources (x)")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "spoil", [spoil_with_garbage, spoil_with_another_folders, spoil_with_an_empty_file, spoil_with_another_database]
)
def test_a_spoiled_file_is_made_again(monkeypatch: pytest.MonkeyPatch, folder: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    (folder / WORDS_FILE).parent.mkdir()
    spoil(folder)
    seen = indexed(monkeypatch)
    index = word_index(folder, excerpts_of(folder))
    assert index.path == str(folder / WORDS_FILE)
    assert sorted(seen) == sorted(e.text for e in excerpts_of(folder)), "every excerpt indexed again"
    assert rows_found(index, "shelling") == 1
    assert WordIndex(folder / WORDS_FILE, str(folder.resolve())).update(excerpts_of(folder)) == 0, "and sound now"


def test_a_folder_that_cannot_be_written_to_is_indexed_in_memory(folder: Path) -> None:
    # Where the index's folder should be is a file: nothing can be made there (as in a read-only folder).
    (folder / WORDS_FILE).parent.write_text("not a folder", encoding="utf-8")
    index = word_index(folder, excerpts_of(folder))
    assert index.path == MEMORY
    assert rows_found(index, "shelling") == 1


def opened(folder: Path) -> WordIndex:
    """The folder's word index as the app opens it: its atlas loaded, and each source keyed by its files."""
    atlas = load_atlas(folder)
    atlas.words.opener = words_beside(folder)
    index = atlas.words.open()._index
    assert index is not None
    return index


def test_a_restart_keys_each_source_by_its_files_and_digests_no_excerpt(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    assert rows_found(opened(folder), "shelling") == 1
    assert set(load_atlas(folder).words.keys or ()) == {"test-source"}

    def digested(*args: object) -> str:
        raise AssertionError("a digest of excerpts was made")

    monkeypatch.setattr(geo.core.wordindex, "source_digest", digested)
    seen = indexed(monkeypatch)
    assert rows_found(opened(folder), "shelling") == 1
    assert seen == [], "nothing indexed again"


@pytest.mark.parametrize(
    ("before", "after", "gone", "come"),
    [
        # An excerpt's text shortened, its id the same.
        ("text: Shelling hit Alpha town on Jan. 5, residents said.", "text: Shelling hit Alpha town", "residents", ""),
        ("role: a teacher in Alpha", "role: a farmer in Alpha", "teacher", "farmer"),
        ("speaker: Dana Q\n", "speaker: Dana Rami\n", "", "rami"),
    ],
)
def test_a_source_whose_file_changed_is_indexed_again(
    folder: Path, before: str, after: str, gone: str, come: str
) -> None:
    opened(folder)  # made
    path = folder / "sources" / "test-source.yaml"
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")
    index = opened(folder)  # as a restart opens it
    if gone:
        assert rows_found(index, gone) == 0, "no stale answer"
    if come:
        assert rows_found(index, come) == 1
    assert rows_found(index, "shelling") == 1


def test_keys_that_are_not_the_excerpts_sources_are_not_trusted(folder: Path) -> None:
    excerpts = excerpts_of(folder)
    index = word_index(folder, excerpts, {"another-source": "k"})
    assert rows_found(index, "shelling") == 1
