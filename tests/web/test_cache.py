"""The app's shared atlas: loaded once, frozen out of the collector, its search index built on the side."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

import pytest

import geo.web.cache
from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.settings import data_dir
from geo.core.viewstate import ViewState
from geo.data.layout import fingerprint
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.web.cache import Folder, cached_view, current_atlas, filters_of, index_in_background, loaded_atlas, start
from geo.web.routes import warm_up
from tests.support.datafolder import write_folder


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
    assert folder == Folder(str(bundled_data), fingerprint(bundled_data))
    assert current_atlas()[0] is atlas, "every caller gets the one atlas"
    assert "by_place" in atlas.__dict__, "what the map reads is built before the atlas is handed out"
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
    searchable = Atlas._searchable

    def paused(self: Atlas, excerpt):  # type: ignore[no-untyped-def]
        building.set()
        go_on.wait(10)
        return searchable(self, excerpt)

    monkeypatch.setattr(Atlas, "_searchable", paused)
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
    monkeypatch.setattr(Atlas, "_searchable", searchable)
    assert found and found[0] and found[0] == select(load_atlas(bundled_data), text="Khan Sheikhoun").excerpts


def test_the_search_index_is_built_once_however_many_ask(monkeypatch: pytest.MonkeyPatch, bundled_data: Path) -> None:
    atlas = load_atlas(bundled_data)
    built: list[int] = []
    searchable = Atlas._searchable

    def counted(self: Atlas, excerpt):  # type: ignore[no-untyped-def]
        built.append(1)
        return searchable(self, excerpt)

    monkeypatch.setattr(Atlas, "_searchable", counted)
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
