"""Writing to a data folder: whole files or nothing, and never over a place unasked."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.records import Place, PlaceKind
from geo.data.load import load_atlas
from geo.data.store import StoreError, add_places, write_files
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
        add_places(root, [_place(i) for i in ids])
    assert ids[-1] in str(error.value) and "nothing was written" in str(error.value)
    assert snapshot(root) == before


def test_add_places_appends_in_the_shape_places_are_kept(bundled_atlas: Atlas, tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    assert add_places(root, [_place("saraqib")]) == root / "places.geojson"
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
    add_places(root, [_place("saraqib")])
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
