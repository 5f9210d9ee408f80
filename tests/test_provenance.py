"""The verbatim check: quotes and white space are forgiven, nothing else."""

import pytest

from geo.provenance import locate, normalise

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
