"""The atlas and its views, loaded once per process and shared by every session and route."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from geo.core.atlas import Atlas, Selection, per_atlas, reviewed_only
from geo.core.settings import data_dir
from geo.core.viewstate import ViewState, selection
from geo.data.load import load_resident_atlas
from geo.data.problems import DataError
from geo.data.stamp import Stamps
from geo.data.wordfile import words_beside
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from geo.ingest.geonames_index import index_file, index_stamp
from geo.render.timeline import any_dated, timeline_caption, timeline_chart


@dataclass(frozen=True)
class Folder:
    """A data folder as the caches know it: its path, the stamp of its files when it was read, and whose view.

    `stamp` is a short digest of the folder's files (geo/data/stamp.py), not a list of them: every
    cached function hashes its folder on every call, and a list of 40,000 files took most of a
    second to hash each time. `drafts` is whether its atlas holds the unreviewed drafts: an
    editor's, never a reader's. Every view, timeline and pop-up is cached by the folder, so a
    reader's never holds a draft.
    """

    path: str
    stamp: str
    drafts: bool = False


# The process's stamps of its data folders: a save is seen at once, an edit by hand within seconds.
stamps = Stamps()


def current_atlas(*, drafts: bool = False) -> tuple[Atlas, Folder]:
    """The atlas of the data folder as it is now (with drafts for an editor), and the folder as its cache is keyed."""
    # Read once a call: the folder and its stamp key both the atlas and the views made from it.
    path = data_dir()
    folder = Folder(str(path), stamps.of(path), drafts)
    return cached_atlas(folder), folder


def cached_atlas(folder: Folder) -> Atlas:
    """The atlas, loaded once per change of the folder's files and shared; DataError if it does not load."""
    # Loaded once whoever asks; a reader's is cut from it.
    loaded = loaded_atlas(replace(folder, drafts=False))
    if isinstance(loaded, DataError):
        # A fresh error each time: raising the one kept would lengthen its traceback on every call.
        raise DataError(loaded.problems)
    return loaded if folder.drafts else readers_atlas(loaded)


# One at a time, as the loaded atlas is: the reader's atlas of the atlas loaded last.
readers_atlas = per_atlas(reviewed_only)


# No spinner of its own: the pop-up route calls it outside any page; the page shows one.
@st.cache_resource(show_spinner=False, max_entries=2)
def loaded_atlas(folder: Folder) -> Atlas | DataError:
    """The atlas, or why it does not load, once per change of the folder's files (the stamp keys the cache).

    A resource, not data: every session reads the one frozen atlas rather than a copy, which
    at a hundred thousand places would take seconds to make on every rerun. A folder that does
    not load is kept as its error, for Streamlit caches no exception: every page and pop-up
    would otherwise read the spoiled folder again, however cheap the request.
    """
    try:
        atlas = load_resident_atlas(Path(folder.path))
    except DataError as error:
        return error
    atlas.gather()  # what every map and pop-up reads
    # Its word index is kept in the folder, opened by whichever comes first of the index's
    # thread and a search (index_in_background).
    atlas.words.opener = words_beside(Path(folder.path))
    # Frozen with the atlas, as load_resident_atlas freezes it: Streamlit collects garbage
    # after every run, and walking millions of objects took most of a second each time.
    gc.freeze()
    return atlas


def index_in_background(atlas: Atlas) -> None:
    """Start opening an atlas's search index on a thread of its own, unless it is open or begun."""
    # The index takes seconds to bring up to date with the folder's file (a minute to make it
    # the first time, at a million excerpts) and only a search needs it, so
    # it is built after the server's start-up load (geo/web/routes.py), or, for a folder loaded
    # since, once the page has drawn: built before the first page, it kept the first reader
    # waiting; built beside it, it slowed that page as much. A search that comes first
    # waits for it (Atlas.search_index).
    with _STARTING:
        # Marked on the atlas itself (it is frozen, as its cached properties are written):
        # an id could be reused by the next atlas once this one is dropped.
        if atlas.search_ready() or atlas.__dict__.get(_BEGUN):
            return
        atlas.__dict__[_BEGUN] = True
    start(lambda: _index(atlas), "search-index")


def start(work: Callable[[], None], name: str) -> threading.Thread:
    """Run some work on a daemon thread, which a stopping server does not wait for."""
    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()
    return thread


_STARTING = threading.Lock()
_BEGUN = "_search_index_begun"


def _index(atlas: Atlas) -> None:
    """Build an atlas's search index, then keep it out of the collector's walks as the atlas is."""
    atlas.build_indexes()
    gc.freeze()


def filters_of(state: ViewState) -> ViewState:
    """The state's filters alone: what a view or timeline is cached by, whichever place is open."""
    return replace(state, place=None, movements=True)


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_view(folder: Folder, state: ViewState) -> Selection:
    """The selection a set of filters makes, shared by every session that sets the same filters."""
    # Keyed without the open place: opening a place changes no filter, so it reuses the view.
    return selection(cached_atlas(folder), state)


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_timeline(folder: Folder, state: ViewState) -> tuple[str | None, str]:
    """The timeline's spec as JSON (None when nothing is dated) and caption, once per filter, not per click."""
    # Shared by every session as text, so that each run charts its own copy of the spec.
    undated = cached_view(folder, filters_of(replace(state, start=None, end=None)))
    if not any_dated(undated):
        return None, "No excerpt in view gives a date."
    return json.dumps(timeline_chart(undated, state.start, state.end).to_dict()), timeline_caption(undated)


def cached_gazetteer(folder: Folder) -> Gazetteer:
    """The gazetteer for the data folder; read-only and large, so shared rather than copied each run."""
    # The folder's stamp leaves out its GeoNames index, so the index's own stamp (a stat) keys it too.
    return _gazetteer(folder, index_stamp(index_file(Path(folder.path))))


@st.cache_resource(show_spinner="Building the gazetteer of place names…", max_entries=1)
def _gazetteer(folder: Folder, index: tuple[int, int, int] | None) -> Gazetteer:
    """The gazetteer for a folder and the version of its GeoNames index, built once."""
    return gazetteer_for(cached_atlas(folder), Path(folder.path))
