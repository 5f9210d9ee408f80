"""Writing to a data folder: one commit at a time, whole or not at all, and never over a place unasked."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

import geo.data.reader
from geo.core.atlas import Atlas
from geo.core.records import Place, PlaceKind
from geo.core.settings import MAX_FILE_BYTES
from geo.data.documents import DataLoader
from geo.data.history import entries, kept
from geo.data.layout import fingerprint
from geo.data.load import check_data, load_atlas
from geo.data.store import ANY, Change, ConflictError, StoreError, add_places, commit, digest, read_current, write_files
from tests.support.datafolder import data_folder, snapshot

# --- Writing files whole -------------------------------------------------------------------------


@pytest.fixture
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    """Two files with old contents, alone in their folder."""
    first, second = tmp_path / "a.txt", tmp_path / "a.yaml"
    first.write_text("old article\n", encoding="utf-8")
    second.write_text("old: yaml\n", encoding="utf-8")
    return first, second


def _fail_on_call(n: int, error: Exception, real):  # type: ignore[no-untyped-def]
    """A stand-in for a function that fails on its n-th call and otherwise does what the real one does."""
    calls = []

    def stand_in(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == n:
            raise error
        return real(*args, **kwargs)

    return stand_in


@pytest.mark.parametrize(
    ("function", "call"),
    [
        ("replace", 1),  # the first rename: no file has been replaced yet
        ("fsync", 2),  # the second temporary file cannot be written out
        ("fdopen", 2),  # nor opened
    ],
)
def test_write_files_leaves_the_old_files_when_a_write_fails(
    two_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, function: str, call: int
) -> None:
    first, second = two_files
    before = snapshot(first.parent)
    monkeypatch.setattr(
        os, function, _fail_on_call(call, OSError(28, "No space left on device"), getattr(os, function))
    )
    with pytest.raises(OSError, match="No space left"):
        write_files([(first, "new article\n"), (second, "new: yaml\n")])
    monkeypatch.undo()
    assert snapshot(first.parent) == before, "an old file changed or a temporary file was left"


def test_write_files_leaves_no_temporary_file_when_a_folder_is_missing(two_files: tuple[Path, Path]) -> None:
    first, _ = two_files
    before = snapshot(first.parent)
    with pytest.raises(FileNotFoundError):
        write_files([(first, "new article\n"), (first.parent / "gone" / "b.yaml", "new: yaml\n")])
    assert snapshot(first.parent) == before


def test_write_files_replaces_every_file(two_files: tuple[Path, Path]) -> None:
    first, second = two_files
    write_files([(first, "new article\n"), (second, "new: yaml\n")])
    assert snapshot(first.parent) == {"a.txt": b"new article\n", "a.yaml": b"new: yaml\n"}


def _place(place_id: str, name: str = "Saraqib", name_ar: str = "سراقب") -> Place:
    """A place as ingest would propose Saraqib, under any id."""
    return Place(
        id=place_id,
        name=name,
        name_ar=name_ar,
        kind=PlaceKind.TOWN,
        lat=35.86447,
        lon=36.80591,
        precision_m=2000,
        admin1="Idlib",
        geonames_id=164816,
        coord_source="test",
    )


@pytest.mark.parametrize("ids", [["atarib"], ["saraqib", "latamnah"]])
def test_add_places_refuses_an_id_already_there(tmp_path: Path, ids: list[str]) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    with pytest.raises(StoreError, match="already has place") as error:
        add_places(root, [_place(i) for i in ids], by="tester")
    assert ids[-1] in str(error.value) and "nothing was written" in str(error.value)
    assert snapshot(root) == before


def test_add_places_appends_in_the_shape_places_are_kept(bundled_atlas: Atlas, tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    assert add_places(root, [_place("saraqib")], by="tester") == root / "places.geojson"
    features = json.loads((root / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert features[-1]["properties"]["id"] == "saraqib"
    assert features[-1]["geometry"] == {"type": "Point", "coordinates": [36.80591, 35.86447]}
    assert set(features[-1]["properties"]) == set(features[0]["properties"])
    atlas = load_atlas(root)
    assert atlas.places["saraqib"] == _place("saraqib")
    assert len(atlas.places) == len(bundled_atlas.places) + 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_add_places_keeps_the_file_readable_as_it_was(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    path = root / "places.geojson"
    path.chmod(0o644)
    add_places(root, [_place("saraqib")], by="tester")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# --- Commits -------------------------------------------------------------------------------------

SOURCE_YAML = "sources/al-monitor-2020-01-idlib-crossings.yaml"


def test_commit_writes_every_file_and_records_it(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    old, read = read_current(root, SOURCE_YAML)
    assert old is not None and read == digest(old)
    new = old.replace("Humanitarian", "Humanitarian", 1) + "# checked\n"
    entry = commit(
        root,
        [Change(SOURCE_YAML, new, read), Change("sources/note.txt", None, None)],
        action="edit",
        by="editor@example.org",
        subject="al-monitor-2020-01-idlib-crossings",
        note="a comment added",
    )
    assert read_current(root, SOURCE_YAML) == (new, digest(new))
    assert entries(root) == [entry]
    assert (entry.action, entry.by, entry.note) == ("edit", "editor@example.org", "a comment added")
    change = entry.files[0]
    assert kept(root, change.before) == old and kept(root, change.after) == new  # type: ignore[arg-type]
    assert entry.files[1].before is None and entry.files[1].after is None
    assert entries(root, subject="another") == []
    load_atlas(root)


def test_commit_deletes_a_file_and_keeps_what_it_held(tmp_path: Path) -> None:
    root = data_folder(
        tmp_path / "data", sources=("al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents")
    )
    path = "sources/the-national-2019-05-idlib-residents.yaml"
    text, read = read_current(root, path)
    article, _ = read_current(root, path.replace(".yaml", ".txt"))
    entry = commit(
        root,
        [Change(path, None, read), Change(path.replace(".yaml", ".txt"), None)],
        action="reject",
        by="editor@example.org",
        subject="the-national-2019-05-idlib-residents",
    )
    assert read_current(root, path) == (None, None)
    assert kept(root, entry.files[0].before or "") == text
    assert kept(root, entry.files[1].before or "") == article
    assert "the-national-2019-05-idlib-residents" not in load_atlas(root).sources


@pytest.mark.parametrize("expect", ["0" * 64, None])
def test_commit_refuses_a_file_changed_since_it_was_read(tmp_path: Path, expect: str | None) -> None:
    root = data_folder(tmp_path / "data")
    _, read = read_current(root, SOURCE_YAML)
    commit(root, [Change("sources/a.txt", "article\n", None)], action="ingest", by="a", subject="a")
    before = snapshot(root)
    changes = [Change("sources/b.txt", "other\n", None), Change(SOURCE_YAML, "x: 1\n", expect)]
    with pytest.raises(ConflictError, match=f"{SOURCE_YAML} changed since you read it; reload and try again"):
        commit(root, changes, action="edit", by="b", subject="b")
    assert snapshot(root) == before
    assert read is not None


def test_commit_with_any_expect_writes_whatever_was_there(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    commit(root, [Change("sources/a.txt", "one\n", ANY)], action="ingest", by="a", subject="a")
    commit(root, [Change("sources/a.txt", "two\n")], action="replace", by="a", subject="a")
    assert read_current(root, "sources/a.txt")[0] == "two\n"
    assert [e.action for e in entries(root, subject="a")] == ["ingest", "replace"]


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../x.txt", "sources/../../x", "history/entries/x.json", "sources/.x.tmp", "a\\b", "x/y/z"]
)
def test_commit_refuses_a_path_outside_the_data_it_may_write(tmp_path: Path, path: str) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    with pytest.raises(StoreError, match="is not a file of the data folder"):
        commit(root, [Change(path, "x")], action="edit", by="a", subject="a")
    assert snapshot(root) == before


def test_commit_refuses_an_unknown_action(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    with pytest.raises(StoreError, match="action 'delete' is not one of"):
        commit(root, [Change("sources/a.txt", "x")], action="delete", by="a", subject="a")


def test_the_history_is_no_part_of_the_fingerprint(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    commit(root, [Change("sources/a.txt", "x\n")], action="ingest", by="a", subject="a")
    stamped = {name for name, _, _ in fingerprint(root)}
    assert "sources/a.txt" in stamped and not any(name.startswith("history") for name in stamped)


# --- Files too costly to read --------------------------------------------------------------------

BILLION_LAUGHS = (
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "excerpts: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
)


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_yaml_aliases_are_refused_naming_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    root = data_folder(tmp_path / "data")
    if not fast:
        monkeypatch.setattr(geo.data.reader, "loader_for", lambda text: DataLoader)
    path = root / SOURCE_YAML
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    problems = check_data(root)
    assert [(p.file, p.where) for p in problems] == [(str(path), "line 1, column 4")]
    assert "aliases (*name) are not allowed in data files" in problems[0].message


def test_oversized_boundaries_are_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = data_folder(tmp_path / "data")
    path = root / "boundaries" / "syria-governorates.geojson"
    with path.open("r+b") as spoiled:
        spoiled.truncate(MAX_FILE_BYTES + 1)
    monkeypatch.setattr(geo.data.reader.gpd, "read_file", None)  # reading it at all would fail the test
    problems = check_data(root)
    assert [str(p) for p in problems] == [
        f"{path}: file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}"
    ]
