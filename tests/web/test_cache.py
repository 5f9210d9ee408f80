"""The app's shared atlas: loaded once, frozen out of the collector, its search index built on the side."""

from __future__ import annotations

import gc
import json
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

import geo.core.wordindex
import geo.web.cache
from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.settings import data_dir
from geo.core.viewstate import ViewState
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.data.stamp import Stamps
from geo.data.store import Change, commit
from geo.data.wordfile import WORDS_FILE
from geo.web.cache import cached_view, current_atlas, filters_of, index_in_background, loaded_atlas, start
from geo.web.routes import warm_up
from tests.support.clock import Clock
from tests.support.datafolder import place, write_folder


def test_the_folder_is_the_environments_or_the_bundled_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundled_data: Path
) -> None:
    monkeypatch.delenv("GEO_DATA_DIR", raising=False)
    assert data_dir().resolve() == bundled_data.resolve()
    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


def test_the_atlas_is_shared_frozen_and_indexed_on_the_side(
    monkeypatch: pytest.MonkeyPatch, bundled_data: Path
) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(bundled_data))
    loaded_atlas.clear()
    gc.unfreeze()
    atlas, folder = current_atlas()
    assert folder.path == str(bundled_data) and not folder.drafts
    assert re.fullmatch(r"[0-9a-f]{32}", folder.stamp), "the caches are keyed by a short digest, not every file"
    assert current_atlas()[0] is atlas, "every caller gets the one atlas"
    assert "_gathered" in atlas.table.columns.__dict__, "what the map reads is built before the atlas is handed out"
    assert gc.get_freeze_count() > 0
    assert not atlas.search_ready(), "the search index waits for the page to ask"
    index_in_background(atlas)
    deadline = time.monotonic() + 60
    while not atlas.search_ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert atlas.search_ready()
    gc.unfreeze()  # the rest of the tests run as they would without the app


def test_a_search_while_the_index_is_built_waits_for_it_and_finds_the_same(
    monkeypatch: pytest.MonkeyPatch, bundled_data: Path
) -> None:
    atlas = load_atlas(bundled_data)  # its own, whose index is not built yet
    assert not atlas.search_ready()
    building, go_on = threading.Event(), threading.Event()
    searchable = geo.core.wordindex.searchable_words

    def paused(text: str, speaker: str | None, role: str | None) -> str:
        building.set()
        go_on.wait(10)
        return searchable(text, speaker, role)

    monkeypatch.setattr(geo.core.wordindex, "searchable_words", paused)
    builder = threading.Thread(target=atlas.build_indexes)
    builder.start()
    assert building.wait(10)
    found: list[tuple[object, ...]] = []
    searcher = threading.Thread(target=lambda: found.append(select(atlas, text="Khan Sheikhoun").excerpts))
    searcher.start()
    searcher.join(0.3)
    assert searcher.is_alive(), "the search waits while the index is being built"
    go_on.set()
    builder.join(10)
    searcher.join(10)
    assert atlas.search_ready()
    monkeypatch.setattr(geo.core.wordindex, "searchable_words", searchable)
    assert found and found[0] and found[0] == select(load_atlas(bundled_data), text="Khan Sheikhoun").excerpts


def test_the_apps_atlas_keeps_its_word_index_beside_the_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = write_folder(tmp_path / "data")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    loaded_atlas.clear()
    atlas, _ = current_atlas()
    index_in_background(atlas)
    deadline = time.monotonic() + 60
    while not atlas.search_ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (root / WORDS_FILE).is_file()
    assert [e.id for e in select(atlas, text="shelling").excerpts] == ["test-source-shelling"]
    gc.unfreeze()


def test_the_search_index_is_built_once_however_many_ask(monkeypatch: pytest.MonkeyPatch, bundled_data: Path) -> None:
    atlas = load_atlas(bundled_data)
    built: list[int] = []
    searchable = geo.core.wordindex.searchable_words

    def counted(text: str, speaker: str | None, role: str | None) -> str:
        built.append(1)
        return searchable(text, speaker, role)

    monkeypatch.setattr(geo.core.wordindex, "searchable_words", counted)
    askers = [threading.Thread(target=atlas.search_index) for _ in range(4)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(built) == len(atlas.excerpts)


def test_the_index_is_begun_once_however_many_pages_ask(monkeypatch: pytest.MonkeyPatch, bundled_data: Path) -> None:
    atlas = load_atlas(bundled_data)
    begun: list[Atlas] = []
    release = threading.Event()

    def slow_index(indexed: Atlas) -> None:
        begun.append(indexed)
        release.wait(10)

    monkeypatch.setattr(geo.web.cache, "_index", slow_index)
    for _ in range(3):
        index_in_background(atlas)
    deadline = time.monotonic() + 10
    while not begun and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # time for any second thread to have begun too
    release.set()
    assert begun == [atlas]


def test_loading_at_start_leaves_the_atlas_for_the_first_page(
    monkeypatch: pytest.MonkeyPatch, bundled_data: Path
) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(bundled_data))
    loaded_atlas.clear()
    start(warm_up, "warm-up").join(60)
    loaded: list[Path] = []
    monkeypatch.setattr(geo.web.cache, "load_resident_atlas", lambda folder: loaded.append(folder))
    atlas, folder = current_atlas()
    assert isinstance(atlas, Atlas) and loaded == [], "the page's call found the atlas loaded"
    # And the view a first page shows, with nothing filtered, is worked out already.
    worked: list[ViewState] = []
    monkeypatch.setattr(geo.web.cache, "selection", lambda _atlas, state: worked.append(state))
    assert cached_view(folder, filters_of(ViewState())) is not None
    assert worked == []
    gc.unfreeze()


@pytest.fixture
def spoiled_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The app's data folder, with a places file that is not JSON, and nothing of it cached yet."""
    root = write_folder(tmp_path / "data")
    (root / "places.geojson").write_text("{broken", encoding="utf-8")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    loaded_atlas.clear()
    return root


def test_a_folder_that_does_not_load_is_left_for_the_page_to_report(spoiled_folder: Path) -> None:
    start(warm_up, "warm-up").join(60)  # no exception escapes the thread
    with pytest.raises(DataError):
        current_atlas()
    gc.unfreeze()


def test_a_folder_that_does_not_load_is_read_once_per_change_like_one_that_does(
    monkeypatch: pytest.MonkeyPatch, spoiled_folder: Path
) -> None:
    read: list[Path] = []
    real = geo.web.cache.load_resident_atlas
    monkeypatch.setattr(geo.web.cache, "load_resident_atlas", lambda folder: read.append(folder) or real(folder))
    for _ in range(3):
        with pytest.raises(DataError, match="broken JSON"):
            current_atlas()
    assert read == [spoiled_folder], "a spoiled folder was read again on every request"
    gc.unfreeze()


def _places(*ids: str) -> str:
    """A places.geojson of places with these ids."""
    features = [place(place_id, place_id.title(), 36.6, 35.6 + n / 10) for n, place_id in enumerate(ids)]
    return json.dumps({"type": "FeatureCollection", "features": features})


def test_a_save_is_seen_by_the_next_call_and_an_edit_by_hand_within_seconds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = write_folder(tmp_path / "data")
    clock = Clock()
    monkeypatch.setattr(geo.web.cache, "stamps", Stamps(every=2.0, clock=clock))
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    loaded_atlas.clear()
    assert set(current_atlas()[0].places) == {"alpha", "beta-crossing"}
    commit(
        root,
        [Change("places.geojson", _places("alpha", "beta-crossing", "gamma"))],
        action="place",
        by="me",
        subject="gamma",
    )
    assert "gamma" in current_atlas()[0].places, "a save is seen at once, the clock standing still"
    (root / "places.geojson").write_text(_places("alpha", "beta-crossing", "delta"), encoding="utf-8")
    clock.now += 2.0
    assert "delta" in current_atlas()[0].places, "an edit by hand is seen once the interval has passed"
    gc.unfreeze()


def test_two_folders_never_share_a_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Copies alike to the file's time: only their paths tell them apart.
    one = write_folder(tmp_path / "one")
    other = tmp_path / "other"
    shutil.copytree(one, other)
    loaded_atlas.clear()
    read: list[Path] = []
    real = geo.web.cache.load_resident_atlas
    monkeypatch.setattr(geo.web.cache, "load_resident_atlas", lambda folder: read.append(folder) or real(folder))
    folders = []
    for root in (one, other, one, other):
        monkeypatch.setenv("GEO_DATA_DIR", str(root))
        folders.append(current_atlas()[1])
    assert folders[0] != folders[1] and folders[:2] == folders[2:]
    assert read == [one, other], "each folder is loaded once, and as itself"
    gc.unfreeze()
