"""The atlas's snapshot in the folder's index: a load through it is the load of the files, and it is never trusted."""

from __future__ import annotations

import errno
import json
import logging
import os
import random
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
import pyarrow as pa
import pytest

import geo.data.snapshot
from geo.core.atlas import Atlas
from geo.core.excerpttable import ExcerptTable
from geo.data.load import check_data, load_atlas
from geo.data.problems import DataError
from geo.data.reader import Reader
from geo.data.snapshot import (
    FORMAT,
    MAGIC,
    SNAPSHOT_FILE,
    Known,
    _rows_at,
    _Snapshot,
    file_digest,
    read_snapshot,
    schema,
    write_snapshot,
)
from geo.data.store import Change, commit, digest
from geo.tools.synth import write_corpus
from tests.support.datafolder import ARTICLE, place, source, write_folder

SOURCES = 4


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small synthetic folder, loaded once so that its snapshot is written."""
    root = tmp_path / "data"
    write_corpus(root, 24, sources=SOURCES, seed=3)
    load_atlas(root)
    assert (root / SNAPSHOT_FILE).is_file()
    return root


def contents(atlas: Atlas) -> tuple[Any, ...]:
    """Every record of an atlas, in order, and what == does not look at: field order, types, fields given."""
    movements = [m for e in atlas.excerpts for m in e.movements]
    proposed = [p for s in atlas.sources.values() for p in s.proposed_places]
    records = [*atlas.sources.values(), *atlas.places.values(), *atlas.excerpts, *movements, *proposed]
    return (
        [(list(r.__dict__), [type(v) for v in r.__dict__.values()], r.model_fields_set) for r in records],
        [(key, s, s.model_fields_set) for key, s in atlas.sources.items()],
        [(key, p, p.model_fields_set) for key, p in atlas.places.items()],
        [(e, e.model_fields_set) for e in atlas.excerpts],
        dict(atlas.articles),
        None if atlas.boundaries is None else atlas.boundaries.to_json(),
    )


def outcome(root: Path) -> Any:
    """What a load makes of the folder: its records, or its faults."""
    try:
        return contents(load_atlas(root))
    except DataError as error:
        return error.problems


def from_files(root: Path) -> Any:
    """What a load makes of the folder's files alone, as with no snapshot."""
    reader = Reader(root)
    atlas = reader.read()
    assert atlas is not None
    return reader.problems or contents(atlas)


def sources(root: Path) -> list[Path]:
    """The folder's source files, in order."""
    return sorted((root / "sources").glob("*.yaml"))


def edit_source(root: Path) -> None:
    path = sources(root)[1]
    path.write_text(path.read_text(encoding="utf-8").replace('"title": "', '"title": "Edited: ', 1), encoding="utf-8")


def edit_places(root: Path) -> None:
    path = root / "places.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"][0]["properties"]["name"] += " (renamed)"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def drop_a_named_place(root: Path) -> None:
    path = root / "places.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    named = json.loads(sources(root)[0].read_text(encoding="utf-8"))["excerpts"][0]["places"][0]
    document["features"] = [f for f in document["features"] if f["properties"]["id"] != named]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def remove_source(root: Path) -> None:
    path = sources(root)[2]
    path.unlink()
    path.with_suffix(".txt").unlink()


def edit_article(root: Path) -> None:
    path = sources(root)[0].with_suffix(".txt")
    path.write_text(path.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")


def edit_excerpt_text(root: Path) -> None:
    path = sources(root)[3]
    document = json.loads(path.read_text(encoding="utf-8"))
    document["excerpts"][0]["text"] += " Not in the article."
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def orphan_article(root: Path) -> None:
    sources(root)[0].with_suffix(".txt").rename(root / "sources" / "stray.txt")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing", lambda root: None),
    ("one source edited", edit_source),
    ("places.geojson edited", edit_places),
    ("a place an excerpt names removed", drop_a_named_place),
    ("a source removed", remove_source),
    ("an article edited", edit_article),
    ("an excerpt no longer verbatim", edit_excerpt_text),
    ("an article without its metadata", orphan_article),
]


@pytest.mark.parametrize("change", [c for _, c in EDITS], ids=[name for name, _ in EDITS])
def test_a_load_through_the_snapshot_is_the_load_of_the_files(
    folder: Path, change: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    change(folder)
    used = []
    records = Known.records

    def spied(self: Known, entry: Any) -> Any:
        used.append(entry.name)
        return records(self, entry)

    monkeypatch.setattr(Known, "records", spied)
    assert outcome(folder) == from_files(folder)
    assert used, "no file was taken from the snapshot"


def same_size_edit(root: Path) -> None:
    """An article's text changed in place with its size kept, its times of change the only sign."""
    path = sources(root)[0].with_suffix(".txt")
    data = bytearray(path.read_bytes())
    data[0] = ord("X") if data[0] != ord("X") else ord("Y")
    with path.open("r+b") as file:
        file.write(data)


# Long enough on any clock a file system keeps times by, short enough for a test to wait out.
TICK_S = 0.05


@pytest.fixture
def settled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose files are older than the snapshot's trust of their stats asks, loaded once."""
    monkeypatch.setattr(geo.data.snapshot, "RACY_NS", int(TICK_S * 1e9))
    root = tmp_path / "data"
    write_corpus(root, 24, sources=SOURCES, seed=3)
    time.sleep(2 * TICK_S)
    load_atlas(root)
    time.sleep(2 * TICK_S)
    return root


def read_from(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The names of the files read under a folder from now on."""
    read: list[str] = []
    read_bytes = Path.read_bytes

    def spied(path: Path) -> bytes:
        if path.is_relative_to(folder):
            read.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", spied)
    return read


def test_a_source_long_unchanged_is_taken_from_the_snapshot_unread(
    settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = from_files(settled)
    read = read_from(monkeypatch, settled / "sources")
    atlas = load_atlas(settled)
    assert read == [], "its files' stats are those they had, long before the snapshot was made"
    assert contents(atlas) == expected, "each article is read when asked for, as it is here"


@pytest.mark.parametrize(
    "change", [c for _, c in EDITS[1:]] + [same_size_edit], ids=[n for n, _ in EDITS[1:]] + ["same size"]
)
def test_a_file_changed_since_is_read_again_whatever_its_size(settled: Path, change: Callable[[Path], None]) -> None:
    change(settled)
    assert outcome(settled) == from_files(settled)


def test_a_file_changed_just_before_the_load_is_read_again_at_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    write_corpus(root, 24, sources=SOURCES, seed=3)
    load_atlas(root)  # its files changed within RACY_NS of the load: their stats are not trusted
    expected = from_files(root)
    read = read_from(monkeypatch, root / "sources")
    atlas = load_atlas(root)
    assert sorted(read) == sorted(p.name for p in (root / "sources").iterdir()), "every file read and digested"
    assert contents(atlas) == expected


def test_a_new_source_is_read_and_the_rest_taken_from_the_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_corpus(root, 24, sources=SOURCES, seed=3)
    aside = tmp_path / "aside"
    aside.mkdir()
    new = sources(root)[1]
    for path in (new, new.with_suffix(".txt")):
        path.rename(aside / path.name)
    before = load_atlas(root)
    for path in aside.iterdir():
        path.rename(root / "sources" / path.name)
    after = outcome(root)
    assert after == from_files(root)
    assert len(after[1]) == len(before.sources) + 1
    assert set(read_snapshot(root).sources) == {p.stem for p in sources(root)}  # type: ignore[union-attr]


def draft_folder(root: Path) -> Path:
    """A folder with a reviewed source and a draft that names a place of the folder and proposes one more."""
    proposed = {**place("gamma", "Gamma", 36.7, 35.7)["properties"], "lat": 35.7, "lon": 36.7}
    draft = source("draft-source", status="draft", proposed_places=[proposed], removed_lines=["Skip to main content"])
    draft["excerpts"][0]["places"] = ["alpha", "gamma"]
    folder = write_folder(root, sources={"test-source": (source(), ARTICLE), "draft-source": (draft, ARTICLE)})
    load_atlas(folder)
    return folder


def add_the_proposed_place_elsewhere(root: Path) -> None:
    path = root / "places.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"].append(place("gamma", "Gamma", 30.0, 30.0))
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [lambda root: None, edit_places, add_the_proposed_place_elsewhere],
    ids=["nothing", "places.geojson edited", "a place of the proposed id added elsewhere"],
)
def test_a_draft_loads_through_the_snapshot_as_from_its_files(tmp_path: Path, change: Callable[[Path], None]) -> None:
    root = draft_folder(tmp_path / "data")
    change(root)
    assert outcome(root) == from_files(root)


def test_a_folder_with_a_fault_writes_no_snapshot(folder: Path) -> None:
    old = (folder / SNAPSHOT_FILE).read_bytes()
    edit_article(folder)
    assert check_data(folder) == from_files(folder) != []
    assert (folder / SNAPSHOT_FILE).read_bytes() == old


def test_an_unchanged_folder_leaves_its_snapshot_as_it_is(folder: Path) -> None:
    before = (folder / SNAPSHOT_FILE).stat()
    load_atlas(folder)
    after = (folder / SNAPSHOT_FILE).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_save_is_seen_by_the_next_load(folder: Path) -> None:
    path = sources(folder)[0]
    text = path.read_text(encoding="utf-8")
    changed = text.replace('"title": "', '"title": "Saved: ', 1)
    relative = path.relative_to(folder).as_posix()
    commit(folder, [Change(relative, changed, digest(text))], action="edit", by="me", subject=path.stem)
    atlas = load_atlas(folder)
    assert atlas.sources[path.stem].title.startswith("Saved: ")
    assert contents(atlas) == from_files(folder)


def _split(data: bytes) -> tuple[_Snapshot, bytes]:
    """A good snapshot's entries, decoded, and its rows' bytes."""
    payload = data[len(MAGIC) + 32 :]
    length = int.from_bytes(payload[:8], "big")
    return msgspec.msgpack.decode(payload[8 : 8 + length], type=_Snapshot), payload[_rows_at(length) :]


def _payload(snapshot: Any, rows: bytes) -> bytes:
    """A snapshot's bytes of some entries and rows, with a good header and digest around them."""
    meta = msgspec.msgpack.encode(snapshot)
    payload = len(meta).to_bytes(8, "big") + meta
    payload += bytes(_rows_at(len(meta)) - len(payload)) + rows
    return MAGIC + file_digest(payload) + payload


def _made_alike(data: bytes) -> tuple[_Snapshot, bytes]:
    """A snapshot's entries and rows, but when the load that wrote it began."""
    snapshot, rows = _split(data)
    return msgspec.structs.replace(snapshot, read_at=0), rows


def _rewritten(data: bytes, **changes: Any) -> bytes:
    """A good snapshot's bytes, some fields of its entries changed, with a digest that fits."""
    snapshot, rows = _split(data)
    return _payload(msgspec.structs.replace(snapshot, **changes), rows)


def _rows_of(table: pa.Table) -> bytes:
    """The bytes of an Arrow file of a table."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def _rows_changed(data: bytes, change: Callable[[pa.Table], pa.Table]) -> bytes:
    """A good snapshot whose rows are changed, with a digest that fits."""
    snapshot, rows = _split(data)
    table = pa.ipc.open_file(pa.BufferReader(rows)).read_all()
    return _payload(snapshot, _rows_of(change(table)))


def _other_folders(root: Path) -> bytes:
    """The snapshot of another folder, of other files under the same names."""
    other = root.parent / "other"
    write_corpus(other, 24, sources=SOURCES, seed=4)
    load_atlas(other)
    return (other / SNAPSHOT_FILE).read_bytes()


def _one_byte_flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]


SPOILS: list[tuple[str, Callable[[bytes, Path], bytes]]] = [
    ("truncated", lambda data, root: data[: len(data) // 2]),
    ("empty", lambda data, root: b""),
    ("random bytes", lambda data, root: random.Random(0).randbytes(len(data))),
    ("one byte flipped", lambda data, root: _one_byte_flipped(data)),
    ("valid msgpack of another shape", lambda data, root: msgspec.msgpack.encode({"a": [1]})),
    ("another shape, its digest right", lambda data, root: _payload_of({"format": FORMAT, "sources": []})),
    ("rows of another shape, its digest right", lambda data, root: _rows_changed(data, lambda t: t.drop(["role"]))),
    ("rows fewer than the files', its digest right", lambda data, root: _rows_changed(data, lambda t: t.slice(1))),
    (
        "a voice of no record, its digest right",
        lambda data, root: _rows_changed(data, _column_set("voice", lambda t: ["nobody"] * len(t))),
    ),
    (
        "a set of fields past the table's, its digest right",
        lambda data, root: _rows_changed(data, _column_set("given", lambda t: [999] * len(t))),
    ),
    (
        "a place that is none, its digest right",
        lambda data, root: _rows_changed(data, _column_set("places", lambda t: [[None]] * len(t))),
    ),
    (
        "a date of no calendar, its digest right",
        lambda data, root: _rows_changed(data, _column_set("event_date", lambda t: ["2020-02-31"] * len(t))),
    ),
    (
        "a text that is none, its digest right",
        lambda data, root: _rows_changed(data, _column_set("text", lambda t: [None] * len(t))),
    ),
    ("rows that are not Arrow's, its digest right", lambda data, root: _payload(_split(data)[0], b"ARROW1" * 40)),
    ("another format", lambda data, root: _rewritten(data, format=FORMAT + 1)),
    ("another schema", lambda data, root: _rewritten(data, schema="0" * 16)),
    ("another folder's", lambda data, root: _other_folders(root)),
]


def _payload_of(value: Any) -> bytes:
    return _payload(value, b"")


def _column_set(name: str, values: Callable[[pa.Table], list[Any]]) -> Callable[[pa.Table], pa.Table]:
    """A change of the rows that sets one column to other values."""

    def change(table: pa.Table) -> pa.Table:
        index = table.schema.get_field_index(name)
        return table.set_column(
            index, table.schema.field(index), pa.array(values(table), table.schema.field(index).type)
        )

    return change


@pytest.mark.parametrize("spoil", [s for _, s in SPOILS], ids=[name for name, _ in SPOILS])
def test_a_spoiled_or_foreign_snapshot_is_ignored_and_made_again(
    folder: Path, spoil: Callable[[bytes, Path], bytes], caplog: pytest.LogCaptureFixture
) -> None:
    path = folder / SNAPSHOT_FILE
    good = path.read_bytes()
    path.write_bytes(spoil(good, folder))
    with caplog.at_level(logging.INFO, logger=geo.data.snapshot.__name__):
        assert outcome(folder) == from_files(folder)
    assert not [r for r in caplog.records if r.levelno > logging.INFO]
    assert _made_alike(path.read_bytes()) == _made_alike(good)
    assert read_snapshot(folder) is not None


def test_a_snapshot_of_this_version_reads_back(folder: Path) -> None:
    known = read_snapshot(folder)
    assert known is not None
    assert set(known.sources) == {p.stem for p in sources(folder)}
    assert schema().encode() in (folder / SNAPSHOT_FILE).read_bytes()[: len(MAGIC) + 200]


def _refuse_index(path: Path, *args: Any, **kwargs: Any) -> None:
    raise PermissionError(errno.EACCES, "Permission denied", str(path))


def _disk_full(*args: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("target", "name", "failure"),
    [(Path, "mkdir", _refuse_index), (os, "replace", _disk_full)],
    ids=["read-only folder", "full disk"],
)
def test_a_folder_that_cannot_take_a_snapshot_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: Any, name: str, failure: Callable[..., None]
) -> None:
    root = tmp_path / "data"
    write_corpus(root, 24, sources=SOURCES, seed=3)
    expected = from_files(root)
    monkeypatch.setattr(target, name, failure)
    assert outcome(root) == expected
    assert not (root / SNAPSHOT_FILE).exists()
    leftover = list((root / SNAPSHOT_FILE).parent.glob("*")) if (root / SNAPSHOT_FILE).parent.exists() else []
    assert leftover == []


def test_loads_writing_at_once_leave_a_whole_snapshot(folder: Path) -> None:
    reader = Reader(folder)
    atlas = reader.read()
    assert reader.places_digest is not None and atlas is not None
    # Each writer's snapshot differs (a source left out or not), so a mix of two would show.
    names = list(reader.digested)
    table = atlas.table
    variants = [
        (
            {n: reader.digested[n] for n in names if n != left},
            table.subset(np.flatnonzero([e.source != left for e in table])),
        )
        for left in names
    ]
    errors: list[BaseException] = []

    def write(sources: dict[str, Any], rows: ExcerptTable) -> None:
        try:
            for _ in range(5):
                assert write_snapshot(folder, reader.places_digest or b"", sources, rows, reader.began)
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=variant) for variant in variants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    known = read_snapshot(folder)
    assert known is not None and len(known.sources) == len(names) - 1
    assert [p.name for p in (folder / SNAPSHOT_FILE).parent.iterdir()] == [SNAPSHOT_FILE.name]


def test_a_deleted_index_is_made_again(folder: Path) -> None:
    shutil.rmtree(folder / SNAPSHOT_FILE.parent)
    assert outcome(folder) == from_files(folder)
    assert (folder / SNAPSHOT_FILE).is_file()


def test_a_load_after_one_edit_keeps_the_snapshot_s_rows_in_a_few_runs(folder: Path) -> None:
    edit_source(folder)
    table = load_atlas(folder).table
    # The rows before the edited file's, its own, and those after: not a chunk for each file.
    assert 1 <= table.data.column("id").num_chunks <= 3
    assert contents(load_atlas(folder)) == from_files(folder)
