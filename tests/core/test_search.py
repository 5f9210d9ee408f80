"""The word search finds exactly what the rule it replaced found: every excerpt with each query word, in any spelling.

The rule is kept here as the reference: each excerpt's text, speaker, role and its places' names
folded into one haystack, and each query word (or any one-word name of a place it names) starting
a word of it, a word of one or two letters the whole word.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.core.atlas import Atlas, reviewed_only
from geo.core.filters import _by_text, select
from geo.core.names import fold, has_word, tokens
from geo.core.records import Excerpt
from geo.data.load import load_atlas
from geo.tools.synth.year import write_year
from tests.support.datafolder import ARTICLE, place, source, write_folder

# Untrusted text that FTS5 would read as its syntax were it not quoted: each is words, or nothing.
SYNTAX = [
    "NEAR(",
    "NEAR(shelling hit, 2)",
    '"',
    '""',
    '"shelling',
    "*",
    "shel*",
    "-shelling",
    "^shelling",
    "shelling OR residents",
    "shelling AND NOT residents",
    "OR",
    "AND",
    "NOT",
    "body:shelling",
    "words:shelling",
    "{body}: shelling",
    "(shelling)",
    "shelling + hit",
    "rowid",
    "\x00shelling",
    "'",
]


def reference_keys(atlas: Atlas) -> dict[str, str]:
    """Each excerpt's haystack as the old search folded it: its words, speaker, role and places' names."""
    keys = {}
    for e in atlas.excerpts:
        texts = [e.text, e.speaker or "", e.role or ""]
        for place_id in e.places:
            place = atlas.places[place_id]
            texts += [place.name, place.name_ar, *place.aliases]
        keys[e.id] = fold(" ".join(texts))
    return keys


def reference(atlas: Atlas, keys: dict[str, str], text: str) -> list[Excerpt]:
    """The excerpts the old search kept for a query."""
    needles = tokens(text)
    spellings = atlas.spellings
    return [
        e
        for e in atlas.excerpts
        if all(any(has_word(word, keys[e.id]) for word in spellings.get(n, {n})) for n in needles)
    ]


def queries(atlas: Atlas, keys: dict[str, str], seed: int = 0) -> Iterator[str]:
    """Every word of the corpus, its first letters, place names as written, pairs of words, and FTS5 syntax."""
    rng = random.Random(seed)
    vocabulary = sorted({word for key in keys.values() for word in key.split()})
    for word in vocabulary:
        yield word
        yield word[:3]
        yield word[:2]
    yield from sorted({word[:1] for word in vocabulary})
    for named in atlas.places.values():
        yield from (named.name, named.name_ar, *named.aliases)
        yield named.name.upper()
    for excerpt in rng.sample(atlas.excerpts, min(200, len(atlas.excerpts))):
        words = excerpt.text.split()
        at = rng.randrange(len(words))
        yield " ".join(words[at : at + 2])
        yield " ".join(words[at : at + 3])
        yield f"{words[at]} {rng.choice(vocabulary)[:4]}"
    yield from SYNTAX


def mismatches(atlas: Atlas) -> list[str]:
    """The queries whose excerpts the word search and the reference disagree on."""
    keys = reference_keys(atlas)
    every = list(atlas.excerpts)
    return [q for q in dict.fromkeys(queries(atlas, keys)) if _by_text(atlas, every, q) != reference(atlas, keys, q)]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """A small year-shaped corpus: made-up names in both scripts and their other spellings."""
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    write_year(folder, places=120, sources=10, excerpts=800, seed=3)
    return load_atlas(folder)


def test_the_bundled_corpus_is_searched_as_before(bundled_atlas: Atlas) -> None:
    assert mismatches(bundled_atlas) == []


def test_a_synthetic_corpus_is_searched_as_before(synthetic: Atlas) -> None:
    assert mismatches(synthetic) == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Khan Sheikhoun", True),  # a place's name
        ("Khan Shaykhun", True),  # in another spelling
        ("خان شيخون", True),  # and in Arabic
        ("idleb", True),  # a one-word name stands for every one-word name of its place
        ("es", True),  # al-Ees, a whole word
        ("sheikho", True),  # the start of a word
        ("heikhoun", False),  # never its middle
        ("nobody zzzzqx", False),  # every word must be found
    ],
)
def test_queries_find_or_not(bundled_atlas: Atlas, query: str, found: bool) -> None:
    assert bool(select(bundled_atlas, text=query).excerpts) is found


@pytest.mark.parametrize("query", SYNTAX)
def test_fts5_syntax_is_searched_as_words(bundled_atlas: Atlas, query: str) -> None:
    keys = reference_keys(bundled_atlas)
    assert _by_text(bundled_atlas, list(bundled_atlas.excerpts), query) == reference(bundled_atlas, keys, query)


def test_a_readers_search_finds_no_draft(tmp_path: Path) -> None:
    draft = source("draft-source", status="draft")
    draft["excerpts"][0]["role"] = "a Zanzibarite reporter"
    folder = write_folder(tmp_path, sources={"test-source": (source(), ARTICLE), "draft-source": (draft, ARTICLE)})
    editors = load_atlas(folder)
    readers = reviewed_only(editors)
    # The editor's search opens the one index, which holds the draft's words too.
    assert [e.id for e in select(editors, text="zanzibarite", drafts=True).excerpts] == ["draft-source-shelling"]
    assert readers.words is editors.words
    assert select(readers, text="zanzibarite", drafts=True).excerpts == ()
    assert select(readers, text="shelling").excerpts == (readers.excerpts[0],)


def test_an_aliases_edit_needs_no_excerpt_indexed_again(tmp_path: Path) -> None:
    atlas = load_atlas(write_folder(tmp_path / "before"))
    indexed = atlas.words.open()._index
    assert indexed is not None
    assert not select(atlas, text="Alfa").excerpts
    places = [
        place("alpha", "Alpha", 36.6, 35.6, aliases=["Alfa"]),
        place("beta-crossing", "Beta crossing", 36.9, 35.8, kind="crossing", precision_m=5000, name_ar="بيتا"),
    ]
    edited = load_atlas(write_folder(tmp_path / "after", places=places))
    # The index as the first atlas left it: the excerpts are the same, so nothing is indexed again.
    edited.words.opener = lambda excerpts, keys: indexed  # type: ignore[assignment,return-value]
    assert [e.id for e in select(edited, text="Alfa").excerpts] == ["test-source-shelling", "test-source-dana"]


@pytest.mark.parametrize("query", ["idleb", "said", "es", "khan sheikhoun", "crossing residents"])
@pytest.mark.parametrize("step", [2, 3])
def test_a_search_keeps_only_the_excerpts_it_is_given(bundled_atlas: Atlas, query: str, step: int) -> None:
    # As after another filter: some of the atlas's excerpts, in its order.
    given = list(bundled_atlas.excerpts[::step])
    keys = reference_keys(bundled_atlas)
    expected = [e for e in reference(bundled_atlas, keys, query) if e in given]
    assert _by_text(bundled_atlas, given, query) == expected
