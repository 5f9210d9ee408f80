"""A journal left in a data folder is played only if it names the folder's own files: it is data anyone may write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.data.journal import JOURNAL_FILE
from geo.data.layout import fingerprint
from geo.data.load import check_data
from tests.support.datafolder import snapshot, write_folder

CRAFTED = [
    [{"path": "../victim", "staged": None}],
    [{"path": "sources/../../victim", "staged": None}],
    [{"path": "places.geojson", "staged": "../../victim"}],
    [{"path": "places.geojson", "staged": "/tmp/elsewhere"}],
    [{"path": "places.geojson", "staged": ".sources.geojson.0123abcd.tmp"}],
    [{"path": "history/lock", "staged": None}],
    [{"path": "/etc/hosts", "staged": None}],
    [{"path": "sources\\\\x.yaml", "staged": None}],
]


@pytest.mark.parametrize("moves", CRAFTED)
def test_a_journal_naming_files_not_the_folders_own_is_not_played(tmp_path: Path, moves: list[dict[str, str]]) -> None:
    root = write_folder(tmp_path / "data")
    victim = tmp_path / "victim"
    victim.write_text("not the data's\n", encoding="utf-8")
    (tmp_path / "elsewhere").write_text("nor this\n", encoding="utf-8")
    (root / JOURNAL_FILE).parent.mkdir(parents=True)
    (root / JOURNAL_FILE).write_text(json.dumps({"moves": moves}), encoding="utf-8")
    before = {name: data for name, data in snapshot(root).items() if not name.startswith("history")}
    check_data(root)
    assert victim.read_text(encoding="utf-8") == "not the data's\n"
    assert (tmp_path / "elsewhere").exists()
    assert {name: data for name, data in snapshot(root).items() if not name.startswith("history")} == before
    assert not (root / JOURNAL_FILE).exists(), "thrown away, as a journal cut short is"


def test_a_journal_of_the_folders_own_files_is_still_played(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "data")
    staged = root / "sources" / ".test-source.txt.0123abcd.tmp"
    staged.write_text("Alpha\n", encoding="utf-8")
    (root / JOURNAL_FILE).parent.mkdir(parents=True)
    moves = [{"path": "sources/test-source.txt", "staged": staged.name}]
    (root / JOURNAL_FILE).write_text(json.dumps({"moves": moves}), encoding="utf-8")
    check_data(root)
    assert (root / "sources" / "test-source.txt").read_text(encoding="utf-8") == "Alpha\n"
    assert not staged.exists() and not (root / JOURNAL_FILE).exists()


def test_a_saves_staged_files_leave_the_folders_stamp_as_it_was(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "data")
    before = fingerprint(root)
    (root / "sources" / ".test-source.yaml.0123abcd.tmp").write_text("half a save", encoding="utf-8")
    (root / ".places.geojson.89abcdef.tmp").write_text("half a save", encoding="utf-8")
    assert fingerprint(root) == before
    (root / "sources" / "test-source.txt").write_text("changed", encoding="utf-8")
    assert fingerprint(root) != before
