"""The history of a data folder: every change recorded, every version kept, and none of it read as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.data.history import HistoryError, entries, kept
from geo.data.load import load_atlas
from geo.data.store import Change, commit, digest, read_current
from tests.support.datafolder import data_folder

PLACES = "places.geojson"


def test_entries_come_oldest_first_and_by_subject(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    for n, subject in enumerate(["a", "b", "a"]):
        commit(root, [Change(f"sources/{subject}.txt", f"{n}\n")], action="edit", by=f"user{n}", subject=subject)
    assert [e.by for e in entries(root)] == ["user0", "user1", "user2"]
    assert [e.by for e in entries(root, subject="a")] == ["user0", "user2"]
    assert [e.at for e in entries(root)] == sorted(e.at for e in entries(root))
    assert entries(root, subject="none") == []


def test_an_entry_is_one_small_json_file(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    entry = commit(root, [Change("sources/a.txt", "x\n", None)], action="ingest", by="me", subject="a", note="why")
    record = json.loads((root / "history" / "entries" / f"{entry.id}.json").read_text(encoding="utf-8"))
    assert record == {
        "at": entry.at,
        "by": "me",
        "action": "ingest",
        "subject": "a",
        "note": "why",
        "files": [{"path": "sources/a.txt", "before": None, "after": digest("x\n")}],
    }
    assert entry.at.endswith("+00:00")


def test_every_version_is_kept_once(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    text, read = read_current(root, PLACES)
    assert text is not None and read is not None
    commit(root, [Change(PLACES, text + "\n", read)], action="edit", by="me", subject="places")
    commit(root, [Change(PLACES, text)], action="edit", by="me", subject="places")
    assert kept(root, read) == text
    assert len(list((root / "history" / "files").iterdir())) == 2


def test_a_folder_without_history_has_none(tmp_path: Path) -> None:
    assert entries(data_folder(tmp_path / "data")) == []


@pytest.mark.parametrize("asked", ["0" * 64, "not-a-digest", "../../places.geojson"])
def test_a_version_not_kept_is_a_clear_error(tmp_path: Path, asked: str) -> None:
    root = data_folder(tmp_path / "data")
    with pytest.raises(HistoryError, match="no version|not a sha256"):
        kept(root, asked)


def test_the_history_is_not_read_as_data(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    before = load_atlas(root)
    text, read = read_current(root, PLACES)
    assert text is not None
    commit(root, [Change(PLACES, text, read)], action="edit", by="me", subject="places")
    (root / "history" / "files" / "notes.yaml").write_text("not: a source\n", encoding="utf-8")
    after = load_atlas(root)
    assert (after.sources, after.places, after.excerpts) == (before.sources, before.places, before.excerpts)
