"""The folder's word index, kept beside its data so that a restart opens it rather than making it again."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

from geo.core.records import Excerpt
from geo.core.wordindex import MEMORY, SpoiledIndexError, WordIndex
from geo.data.layout import INDEX_DIR

WORDS_FILE = Path(INDEX_DIR) / "words.sqlite"
# What SQLite keeps beside a database while a transaction is open, left by one a crash cut short.
_BESIDE = ("-journal", "-wal", "-shm")

log = logging.getLogger(__name__)


def words_beside(data_dir: Path) -> Callable[[Sequence[Excerpt], Mapping[str, str] | None], WordIndex]:
    """An opener of a folder's word index, as an atlas of the folder is given it to open at its first search."""
    return partial(word_index, data_dir)


def word_index(data_dir: Path, excerpts: Sequence[Excerpt], keys: Mapping[str, str] | None = None) -> WordIndex:
    """The folder's word index brought up to date with some excerpts: in its file, or in memory if it cannot be.

    `keys`: each source's key of its files, as the load read them (WordIndex.update).
    """
    # Its file is only ever a copy of what the sources hold, so anything amiss with it is put
    # right by making it again, or, where the folder cannot be written to, by indexing in memory:
    # a reader is never shown an error for it.
    path = data_dir / WORDS_FILE
    owner = str(data_dir.resolve())
    try:
        try:
            index = _opened(path, owner)
        except SpoiledIndexError as spoiled:
            log.warning("made the word index again: %s", spoiled)
            _remove(path)
            index = _opened(path, owner)
        index.update(excerpts, keys)
        return index
    except (OSError, sqlite3.Error, SpoiledIndexError) as error:
        log.warning("indexing words in memory, for %s cannot be written: %s", path, error)
        index = WordIndex(MEMORY)
        index.update(excerpts, keys)
        return index


def _opened(path: Path, owner: str) -> WordIndex:
    """The index at path, made empty if there is none; SpoiledIndexError if the file there is not one."""
    path.parent.mkdir(exist_ok=True)
    return WordIndex(path, owner)


def _remove(path: Path) -> None:
    """Delete an index file, and what SQLite left beside it."""
    for suffix in ("", *_BESIDE):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
