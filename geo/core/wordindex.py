"""The excerpts' words in SQLite's full-text index (FTS5), kept per source; place names looked up by a word's start."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from geo.core import names
from geo.core.excerpttable import ExcerptTable
from geo.core.names import fold
from geo.core.records import Excerpt

# Bumped whenever the tables below change: a file of another version is made again.
VERSION = "1"
MEMORY = ":memory:"
# FTS5's ascii tokenizer splits at ASCII punctuation and spaces alone, lower-cases A-Z alone and
# keeps every other character in its word, so that its words are fold()'s exactly: fold() leaves
# words of letters and digits, lower-cased, joined by single spaces. unicode61 would fold case
# again by its own older tables and split at the spacing marks (Mc) fold() keeps in a word.
# Contentless (content=''): the folded text is not kept, only each word's list of rows; and
# detail=none: no positions, for a query is of single words, never a phrase.
_SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Each source's excerpts are the rows first to first + count - 1, in their order: the
    # digest covers their ids, so a row is read back as the excerpt at its place in its source.
    "CREATE TABLE sources (source TEXT PRIMARY KEY, digest TEXT NOT NULL, first INTEGER NOT NULL, "
    "count INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE words USING fts5(body, content='', detail=none, tokenize='ascii')",
)
# The tables a well-made file holds besides FTS5's own (words_data, words_docsize, ...).
_TABLES = ("meta", "sources", "words")
# A source indexed again leaves its old words behind (a contentless table of SQLite before
# 3.43 cannot delete them) under rows no source holds: past this share of the rows held, the
# index is made again from nothing.
_MOST_DEAD = 0.5
# What a source's key is stored after, so that no key given is ever taken for a digest of excerpts.
_KEYED = "key:"
# What the ascii tokenizer splits words at: any ASCII character but a letter or a digit.
_SEPARATOR = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]")


class SpoiledIndexError(Exception):
    """A word index file that is not one this code wrote for this folder: it is made again."""


def folding() -> str:
    """A digest of the folding rules: an index folded by other rules is made again."""
    return hashlib.blake2b(Path(names.__file__).read_bytes(), digest_size=16).hexdigest()


def searchable_words(text: str, speaker: str | None, role: str | None) -> str:
    """An excerpt's folded words as the index holds them: its text's, speaker's and role's."""
    return fold(f"{text} {speaker or ''} {role or ''}")


def source_digest(excerpts: Iterable[Excerpt]) -> str:
    """A digest of a source's excerpts' ids and searchable fields, in their order."""
    digest = hashlib.blake2b(digest_size=16)
    for e in excerpts:
        digest.update(f"{e.id}\x1f{e.text}\x1f{e.speaker or ''}\x1f{e.role or ''}\x1e".encode(errors="surrogatepass"))
    return digest.hexdigest()


def query(words: Iterable[str]) -> str:
    """An FTS5 query for any of some folded words: each quoted, a prefix when of three letters or more."""
    # Quoted, a word is a string to FTS5, never its syntax (NEAR, OR, -, ^, *, a column's name):
    # a reader's query is untrusted. A word of one or two letters must be whole ("es" is al-Ees,
    # not "escalation"), as has_word says. A "word" the tokenizer would split is no word of the
    # index and would be a phrase, which detail=none refuses: it is left out.
    whole = [w for w in words if w and not _SEPARATOR.search(w)]
    return " OR ".join('"' + w.replace('"', '""') + '"' + ("*" if len(w) >= 3 else "") for w in whole)


class WordIndex:
    """The excerpts' folded words in an FTS5 table, in a file or in memory, their rows kept per source."""

    def __init__(self, path: str | Path, owner: str = "") -> None:
        """The index at path (or MEMORY), made for `owner` (its folder): SpoiledIndexError if the file is not one."""
        self.path = str(path)
        self._local = threading.local()
        # In memory, one connection is the index: every thread shares it, one at a time.
        self._lock = threading.Lock()
        self._shared = self._connect(write=True) if self.path == MEMORY else None
        with self._writing() as db:
            if _tables(db):
                _check(db, owner)
            else:
                _create(db, owner)

    def update(self, excerpts: Sequence[Excerpt], keys: Mapping[str, str] | None = None) -> int:
        """Index what changed since last time, source by source, in one transaction; how many sources were read.

        `keys`, if given, is each source's key (that of the bytes its excerpts were read from), for
        every source with excerpts and no other: a source's rows are kept under it rather than under
        a digest of its excerpts, which took seconds at a million of them. A table's words are read
        off its rows, and only those of a source to index: a restart makes no record.
        """
        table = excerpts if isinstance(excerpts, ExcerptTable) else ExcerptTable.of(tuple(excerpts))
        held = _runs_by_source(table)
        wanted: dict[str, str]
        if keys is None or held.keys() != keys.keys():
            # Keys that are not the excerpts' sources' are no key of them: their digests are.
            wanted = {source: source_digest(_records(table, runs)) for source, runs in held.items()}
        else:
            wanted = {source: _KEYED + key for source, key in keys.items()}
        with self._writing() as db:
            # Looked at before writing, so that an index up to date opens in a folder it cannot write to.
            if not any(_changes(db, wanted)):
                return 0
            db.execute("BEGIN IMMEDIATE")
            try:
                gone, fresh = _changes(db, wanted)  # again, now that no other process writes
                dead = int(_meta(db, "dead"))
                for source in gone:
                    dead += db.execute("DELETE FROM sources WHERE source = ? RETURNING count", (source,)).fetchone()[0]
                live = db.execute("SELECT coalesce(sum(count), 0) FROM sources").fetchone()[0]
                if dead > _MOST_DEAD * max(live, 1000):
                    db.execute("INSERT INTO words (words) VALUES ('delete-all')")
                    db.execute("DELETE FROM sources")
                    dead, fresh = 0, list(wanted)
                for source in fresh:
                    _add(db, source, wanted[source], table, held[source])
                db.execute("UPDATE meta SET value = ? WHERE key = 'dead'", (str(dead),))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return len(fresh)

    def ranges(self) -> dict[str, tuple[int, int]]:
        """Each source's first row and its count of rows, one per excerpt in its order."""
        with self._reading() as db:
            rows = db.execute("SELECT source, first, count FROM sources")
            return {source: (first, count) for source, first, count in rows}

    def find(self, words: Collection[str]) -> np.ndarray:
        """The rows with a word starting with any of some folded words (the whole word, if short), ascending."""
        # Rows of sources since indexed again are among them: ranges() says which rows are held.
        wanted = query(words)
        if not wanted:
            return np.empty(0, dtype=np.int64)
        with self._reading() as db:
            # Joined by SQLite and read back by numpy: stepping through the rows one by one in
            # Python took twice as long for a word in a quarter of a million excerpts.
            (joined,) = db.execute("SELECT group_concat(rowid) FROM words WHERE words MATCH ?", (wanted,)).fetchone()
        return np.fromstring(joined or "", dtype=np.int64, sep=",")

    def _connect(self, *, write: bool) -> sqlite3.Connection:
        """A connection of our own to the index: read-only for a search of a file."""
        if self.path == MEMORY:
            return sqlite3.connect(MEMORY, check_same_thread=False, isolation_level=None)
        if write:
            return sqlite3.connect(self.path, isolation_level=None, timeout=30)
        address = Path(self.path).resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(address, uri=True, isolation_level=None, timeout=30)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A connection that writes: the shared one in memory; to a file, a fresh one, closed after."""
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        db = self._connect(write=True)
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A connection to search with: to a file, each thread its own, read-only; in memory, the shared one."""
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect(write=False)
        yield db


def _add(db: sqlite3.Connection, source: str, digest: str, table: ExcerptTable, runs: list[tuple[int, int]]) -> None:
    """Index one source's excerpts (its runs of the table's) under rows never used before."""
    # Rows are never reused: a dropped source's words are still in the table under its rows.
    first = int(_meta(db, "next"))
    fields = (row for start, count in runs for row in table.searchable(start, count))
    rows = ((n, searchable_words(*row)) for n, row in enumerate(fields, start=first))
    db.executemany("INSERT INTO words (rowid, body) VALUES (?, ?)", rows)
    count = sum(count for _, count in runs)
    db.execute("INSERT INTO sources VALUES (?, ?, ?, ?)", (source, digest, first, count))
    db.execute("UPDATE meta SET value = ? WHERE key = 'next'", (str(first + count),))


def _runs_by_source(table: ExcerptTable) -> dict[str, list[tuple[int, int]]]:
    """Each source's runs of excerpts in a table: their starts and lengths, in order."""
    held: dict[str, list[tuple[int, int]]] = {}
    for source, start, length in table.runs():
        held.setdefault(source, []).append((start, length))
    return held


def _records(table: ExcerptTable, runs: list[tuple[int, int]]) -> list[Excerpt]:
    """The records of some runs of a table's excerpts."""
    return [e for start, length in runs for e in table[start : start + length]]


def _changes(db: sqlite3.Connection, wanted: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The sources whose rows must go (changed or removed), and those to index (changed or new)."""
    stored = dict(db.execute("SELECT source, digest FROM sources").fetchall())
    gone = [s for s, digest in stored.items() if s not in wanted or wanted[s] != digest]
    fresh = [s for s, digest in wanted.items() if stored.get(s) != digest]
    return gone, fresh


def _tables(db: sqlite3.Connection) -> set[str]:
    """The names of a database's tables; SpoiledIndexError if the file is no database."""
    try:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise SpoiledIndexError(f"not an SQLite database: {error}") from error


def _create(db: sqlite3.Connection, owner: str) -> None:
    """Make the tables of an empty index."""
    db.execute("BEGIN IMMEDIATE")
    for statement in _SCHEMA:
        db.execute(statement)
    meta = {"version": VERSION, "folding": folding(), "owner": owner, "next": "1", "dead": "0"}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.execute("COMMIT")


def _check(db: sqlite3.Connection, owner: str) -> None:
    """SpoiledIndexError unless a database is an index of this version, folding and owner, its rows as counted."""
    try:
        schema = {sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE name IN (?, ?, ?)", _TABLES)}
        if schema != set(_SCHEMA):
            raise SpoiledIndexError("not the tables of a word index")
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        expected = {"version": VERSION, "folding": folding(), "owner": owner}
        if any(meta.get(key) != value for key, value in expected.items()):
            raise SpoiledIndexError("a word index of another version, folding or folder")
        # Every row indexed is a source's, or was one's before it was indexed again.
        held = db.execute("SELECT coalesce(sum(count), 0) FROM sources").fetchone()[0]
        if db.execute("SELECT count(*) FROM words_docsize").fetchone()[0] != held + int(meta["dead"]):
            raise SpoiledIndexError("rows that do not match their sources' counts")
        end = 1
        for first, count in db.execute("SELECT first, count FROM sources ORDER BY first"):
            if first < end or count < 1:
                raise SpoiledIndexError("sources whose rows overlap")
            end = first + count
        if end > int(meta["next"]):
            raise SpoiledIndexError("rows past the last one made")
    except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as error:
        raise SpoiledIndexError(f"a spoiled word index: {error}") from error


def _meta(db: sqlite3.Connection, key: str) -> str:
    """One value of the index's meta table."""
    value: str = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]
    return value


def row_positions(ranges: Mapping[str, tuple[int, int]], runs: Iterable[tuple[str, int, int]]) -> np.ndarray:
    """Each row's excerpt as its position in a table, from its runs of one source; -1 for a row none of its own."""
    # A source's excerpts are one run of them, as a load reads them file by file: placed a run
    # at a time rather than an excerpt at a time, which took a second at a million excerpts.
    held: dict[str, list[np.ndarray]] = {}
    for source, start, length in runs:
        held.setdefault(source, []).append(np.arange(start, start + length, dtype=np.int64))
    positions = np.full(max((first + count for first, count in ranges.values()), default=1), -1, dtype=np.int64)
    for source, found in held.items():
        numbers = found[0] if len(found) == 1 else np.concatenate(found)
        first, count = ranges.get(source, (0, 0))
        if count != len(numbers):
            raise SpoiledIndexError(f"{source} has {count} rows for {len(numbers)} excerpts")
        positions[first : first + count] = numbers
    return positions


class WordList:
    """Words, each with what it stands for, looked up by the start of a word (the whole word, if short)."""

    def __init__(self, words: Mapping[str, frozenset[str]]) -> None:
        """A list of words and the keys each stands for (a place's name and the places it names)."""
        self._words = words
        self._sorted = sorted(words)

    def find(self, token: str) -> set[str]:
        """The keys of every word starting with the token (equal to it, if of one or two letters)."""
        if len(token) < 3:
            return set(self._words.get(token, ()))
        found: set[str] = set()
        at = bisect_left(self._sorted, token)
        while at < len(self._sorted) and self._sorted[at].startswith(token):
            found |= self._words[self._sorted[at]]
            at += 1
        return found
