"""The FTS5 word index: its words are fold()'s, a query is words never syntax, and it is kept source by source."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pytest

from geo.core.excerpttable import ExcerptTable
from geo.core.names import fold
from geo.core.records import Excerpt, ExcerptKind, Voice
from geo.core.wordindex import MEMORY, SpoiledIndexError, WordIndex, WordList, query, row_positions, source_digest


def excerpt(excerpt_id: str, text: str, source: str = "one", **fields: str | None) -> Excerpt:
    """An excerpt of a source about one place, taken as it is: any character, hidden ones too."""
    return Excerpt.model_construct(
        id=excerpt_id, source=source, places=("alpha",), kind=ExcerptKind.REPORT, voice=Voice.JOURNALIST, text=text,
        **fields,
    )  # fmt: skip


def words_of(index: WordIndex) -> set[str]:
    """Every word the index holds, as FTS5's own vocabulary lists them."""
    with index._reading() as db:
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, words, 'row')")
        return {term for (term,) in db.execute("SELECT term FROM temp.vocabulary")}


def found(index: WordIndex, excerpts: list[Excerpt], *words: str) -> set[str]:
    """The ids of the excerpts whose rows a search for any of some folded words finds."""
    positions = row_positions(index.ranges(), ExcerptTable.of(excerpts).runs())
    return {excerpts[positions[row]].id for row in index.find(words) if row < len(positions) and positions[row] >= 0}


def test_fts5_words_are_folds_words_for_every_character() -> None:
    # Every character of the Basic Multilingual Plane inside a word, and alone: the index must
    # neither split a word fold() keeps whole, nor join two it keeps apart, nor fold it further.
    texts = [f"xa{chr(code)}b {chr(code)} q{chr(code)}" for code in range(0x20, 0x10000) if not 0xD800 <= code < 0xE000]
    excerpts = [excerpt(f"e{n}", text) for n, text in enumerate(texts)]
    index = WordIndex(MEMORY)
    index.update(excerpts)
    assert words_of(index) == {word for text in texts for word in fold(text).split()}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["shell"], '"shell"*'),
        (["es"], '"es"'),  # one or two letters: the whole word
        (["a", "idlib"], '"a" OR "idlib"*'),
        (['x"y', "zéd"], '"zéd"*'),  # a quote splits words: no word of the index holds one
        (["near", "or"], '"near"* OR "or"'),
        (["a-b", "c"], '"c"'),  # no word of the index holds ASCII punctuation, nor is a phrase
        (["", "x y"], ""),
    ],
)
def test_each_word_is_quoted(words: list[str], expected: str) -> None:
    assert query(words) == expected


@pytest.mark.parametrize(
    ("word", "ids"),
    [
        ("near", {"near"}),
        ("or", {"or"}),
        ("and", {"and"}),
        ("not", {"not"}),
        ("body", {"body"}),
        ("words", {"body"}),  # a word that is the table's own name
        ("rowid", set()),
        ('"', set()),
        ("*", set()),
        ("-", set()),
        ("^", set()),
        ("(", set()),
        (":", set()),
        ("nea", {"near"}),
        ("ne", set()),
    ],
)
def test_fts5_syntax_is_a_word(word: str, ids: set[str]) -> None:
    excerpts = [
        excerpt("near", "NEAR the river"),
        excerpt("or", "the OR gate"),
        excerpt("and", "this AND that"),
        excerpt("not", "NOT here"),
        excerpt("body", "body words"),
    ]
    index = WordIndex(MEMORY)
    index.update(excerpts)
    assert found(index, excerpts, word) == ids


def test_a_changed_source_is_indexed_again_alone(tmp_path: Path) -> None:
    path = tmp_path / "words.sqlite"
    first = [
        excerpt("a1", "olive groves"),
        excerpt("b1", "border camps", source="two"),
        excerpt("c1", "wells", "three"),
    ]
    assert WordIndex(path, "here").update(first) == 3
    changed = [excerpt("a1", "olive groves"), excerpt("b1", "border tents", source="two")]
    reopened = WordIndex(path, "here")  # as a restart opens it
    assert reopened.update(changed) == 1, "only the changed source is read again"
    assert found(reopened, changed, "camps") == set()
    assert found(reopened, changed, "tents") == {"b1"}
    assert found(reopened, changed, "olive") == {"a1"}
    assert "three" not in reopened.ranges(), "a removed source's rows are dropped"
    assert WordIndex(path, "here").update(changed) == 0, "an index up to date reads nothing"


BEFORE = [excerpt("a1", "olive groves", speaker="Abu Ali", role="farmer"), excerpt("a2", "wells")]


@pytest.mark.parametrize(
    "after",
    [
        [excerpt("a1", "olive grove", speaker="Abu Ali", role="farmer"), BEFORE[1]],  # text, same ids
        [excerpt("a1", "olive groves", speaker="Abu Alia", role="farmer"), BEFORE[1]],  # speaker
        [excerpt("a1", "olive groves", speaker="Abu Ali", role=None), BEFORE[1]],  # role gone
        [excerpt("a1", "olive groves", speaker="Abu Ali", role="None"), BEFORE[1]],  # None's name
        [excerpt("a3", "olive groves", speaker="Abu Ali", role="farmer"), BEFORE[1]],  # id
        [BEFORE[1], BEFORE[0]],  # order: a row is its place in its source
        [BEFORE[0]],  # one gone
        [*BEFORE, excerpt("a3", "wells")],  # one more
        [excerpt("a1", "olive groves', 'Abu Ali', 'farmer'), ('a2", "wells")],  # text that mimics a join
        [excerpt("a1", "olive groves\ud800", speaker="Abu Ali", role="farmer"), BEFORE[1]],  # a lone surrogate
    ],
)
def test_a_source_digest_changes_with_any_searched_field(after: list[Excerpt]) -> None:
    assert source_digest(after) != source_digest(BEFORE)
    assert source_digest(after) == source_digest(list(after)), "the same excerpts, the same digest"


def test_a_source_is_indexed_again_when_its_key_changes(tmp_path: Path) -> None:
    path = tmp_path / "words.sqlite"
    first = [excerpt("a1", "olive groves"), excerpt("b1", "border camps", source="two")]
    assert WordIndex(path, "here").update(first, {"one": "k1", "two": "k2"}) == 2
    assert WordIndex(path, "here").update(first, {"one": "k1", "two": "k2"}) == 0, "the same keys read nothing"
    changed = [excerpt("a1", "olive groves"), excerpt("b1", "border tents", source="two")]
    reopened = WordIndex(path, "here")
    assert reopened.update(changed, {"one": "k1", "two": "k3"}) == 1, "only the source of a new key"
    assert found(reopened, changed, "camps") == set()
    assert found(reopened, changed, "tents") == {"b1"}
    assert reopened.update(changed) == 2, "a digest of excerpts is never taken for a key"


def test_an_index_with_many_rows_left_behind_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "words.sqlite"
    index = WordIndex(path, "here")
    for round_ in range(6):
        excerpts = [excerpt(f"e{n}", f"round{round_} word{n}") for n in range(400)]
        index.update(excerpts)
        assert found(index, excerpts, f"round{round_}") == {e.id for e in excerpts}
        assert found(index, excerpts, f"round{round_ - 1}") == set()
    with index._reading() as db:
        rows = db.execute("SELECT count(*) FROM words_docsize").fetchone()[0]
    assert rows <= 2 * 400, "the rows of sources indexed again do not pile up"


def spoil_schema(db: sqlite3.Connection) -> None:
    db.execute("DROP TABLE sources")
    db.execute("CREATE TABLE sources (source TEXT)")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda db: db.execute("UPDATE meta SET value = '0' WHERE key = 'version'"), id="version"),
        pytest.param(lambda db: db.execute("UPDATE meta SET value = 'x' WHERE key = 'folding'"), id="folding"),
        pytest.param(lambda db: db.execute("UPDATE meta SET value = '/elsewhere' WHERE key = 'owner'"), id="owner"),
        pytest.param(lambda db: db.execute("UPDATE sources SET count = count + 1"), id="count"),
        pytest.param(lambda db: db.execute("UPDATE sources SET first = 1"), id="overlap"),
        pytest.param(lambda db: db.execute("UPDATE meta SET value = '2' WHERE key = 'next'"), id="next"),
        pytest.param(lambda db: db.execute("DELETE FROM meta WHERE key = 'dead'"), id="meta"),
        pytest.param(lambda db: db.execute("INSERT INTO words (rowid, body) VALUES (99, 'stray')"), id="stray row"),
        pytest.param(spoil_schema, id="schema"),
    ],
)
def test_a_spoiled_index_is_refused(tmp_path: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "words.sqlite"
    WordIndex(path, "here").update([excerpt("a1", "olive"), excerpt("a2", "groves"), excerpt("b1", "x", "two")])
    db = sqlite3.connect(path, isolation_level=None)
    spoil(db)
    db.close()
    with pytest.raises(SpoiledIndexError):
        WordIndex(path, "here")


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_file_that_is_no_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "words.sqlite"
    path.write_bytes(content)
    with pytest.raises(SpoiledIndexError):
        WordIndex(path, "here")


def test_threads_search_a_file_each_on_its_own_connection(tmp_path: Path) -> None:
    excerpts = [excerpt(f"e{n}", f"word{n % 7} shared") for n in range(700)]
    index = WordIndex(tmp_path / "words.sqlite", "here")
    index.update(excerpts)
    results: list[set[str]] = []
    connections: set[int] = set()

    def search() -> None:
        for _ in range(20):
            results.append(found(index, excerpts, "word3"))
        with index._reading() as db:
            connections.add(id(db))

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 80 and all(r == {f"e{n}" for n in range(3, 700, 7)} for r in results)
    assert len(connections) == 4


@pytest.mark.parametrize(
    ("token", "keys"),
    [("idl", {"idlib"}), ("idlib", {"idlib"}), ("id", set()), ("ma", {"ma"}), ("m", set()), ("zz", set())],
)
def test_a_word_list_is_looked_up_by_a_words_start(token: str, keys: set[str]) -> None:
    words = WordList({"idlib": frozenset({"idlib"}), "ma": frozenset({"ma"}), "idleb": frozenset()})
    assert words.find(token) == keys


def test_a_long_word_is_one_word() -> None:
    long = "b" + "ab" * 5000
    index = WordIndex(MEMORY)
    excerpts = [excerpt("e", f"x {long} y")]
    index.update(excerpts)
    assert found(index, excerpts, fold(long)[:40]) == {"e"}
    assert sys.getrecursionlimit()  # nothing recursed on the way


@pytest.mark.parametrize(
    "sources",
    [
        ["one", "one", "two", "two", "two"],  # each source one run, as a load reads them
        ["one", "two", "one", "two", "one"],  # interleaved: each source in runs
        ["two"],
    ],
)
def test_rows_are_read_back_as_their_excerpts_positions(sources: list[str]) -> None:
    excerpts = [excerpt(f"e{n}", f"word{n}", source) for n, source in enumerate(sources)]
    index = WordIndex(MEMORY)
    index.update(excerpts)
    positions = row_positions(index.ranges(), ExcerptTable.of(excerpts).runs())
    for source, (first, count) in index.ranges().items():
        mine = [n for n, s in enumerate(sources) if s == source]
        assert positions[first : first + count].tolist() == mine
    assert sorted(p for p in positions.tolist() if p >= 0) == list(range(len(sources)))


def test_rows_of_another_count_than_the_excerpts_are_refused() -> None:
    index = WordIndex(MEMORY)
    index.update([excerpt("a1", "olive"), excerpt("a2", "wells")])
    with pytest.raises(SpoiledIndexError):
        row_positions(index.ranges(), ExcerptTable.of([excerpt("a1", "olive")]).runs())
