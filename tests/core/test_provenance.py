"""The verbatim check: quotes and white space are forgiven, nothing else."""

import pytest

from geo.core.provenance import Article, locate, normalise

ARTICLE = "He said, “Civilians never used it.”\n\nThe crossing’s  gate\tstayed shut."


@pytest.mark.parametrize(
    ("passage", "found"),
    [
        ("Civilians never used it.", "Civilians never used it."),
        ('"Civilians never used it."', "“Civilians never used it.”"),
        ("The crossing's gate stayed shut.", "The crossing’s  gate\tstayed shut."),
        ("it.”\nThe crossing", "it.”\n\nThe crossing"),
        ("  He said,  ", "He said,"),
    ],
)
def test_locate_finds_passages_up_to_quotes_and_spacing(passage: str, found: str) -> None:
    span = locate(ARTICLE, passage)
    assert span is not None
    assert ARTICLE[span[0] : span[1]] == found


@pytest.mark.parametrize(
    "passage",
    [
        "civilians never used it.",  # case is not forgiven
        "Civilians never used it!",  # punctuation is not forgiven
        "Civilians never use it.",  # a changed word
        "The crossings gate stayed shut.",  # a dropped apostrophe
        "",
        "   ",
        "ivilians never used it.",  # begins inside a word
        "The crossing’s ga",  # ends inside a word
    ],
)
def test_locate_rejects_anything_else(passage: str) -> None:
    assert locate(ARTICLE, passage) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“a”  ‘b’\n\nc", "\"a\" 'b' c"),
        ("\t x \n", "x"),
        ("«x» „y“", '"x" "y"'),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_a_passage_inside_a_longer_word_is_found_where_it_stands_whole() -> None:
    article = "It is unlikely. It is likely."
    assert locate(article, "likely.") == (22, 29)


HELD = [
    "Civilians never used it.",
    '"Civilians never used it."',
    "The crossing's gate stayed shut.",
    "it.”\nThe crossing",
    "He said,",
]
NOT_HELD = [
    "civilians never used it.",
    "Civilians never use it.",
    "",
    "   ",
    "ivilians never used it.",
    "The crossing’s ga",
]


@pytest.mark.parametrize(("passage", "held"), [(p, True) for p in HELD] + [(p, False) for p in NOT_HELD])
def test_an_article_holds_what_locate_finds(passage: str, held: bool) -> None:
    assert Article(ARTICLE).holds(passage) is held
    assert (locate(ARTICLE, passage) is not None) is held


def test_one_article_answers_many_passages_in_any_order_as_locate_does() -> None:
    article = Article(ARTICLE)
    passages = [*HELD, *NOT_HELD, *reversed(HELD)]
    assert [article.holds(p) for p in passages] == [locate(ARTICLE, p) is not None for p in passages]
    article = Article(ARTICLE)
    assert [article.find(p) for p in passages] == [locate(ARTICLE, p) for p in passages]


def test_passages_that_need_folding_are_found_after_many_that_do() -> None:
    # Each passage typed with plain quotes is missed as written; past a few misses only the
    # folded article is searched, and every answer stays the same.
    paragraphs = [f"“Line {n} said it,” he said." for n in range(40)]
    text = "\n\n".join(paragraphs)
    article = Article(text)
    assert all(article.holds(f'"Line {n} said it," he said.') for n in range(40))
    assert article.holds("“Line 39 said it,” he said.")
    assert not article.holds('"Line 40 said it," he said.')
