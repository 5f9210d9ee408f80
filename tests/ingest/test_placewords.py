"""The one list of generic first words of place names, and the forms ingest reads it in."""

from __future__ import annotations

import re

import pytest

from geo.core.names import fold
from geo.ingest.placewords import FOLDED, PLACE_FIRST_WORDS, place_first_words_pattern


@pytest.mark.parametrize(
    ("word", "opens_an_unknown_place"),
    [
        ("Tell", True),
        ("Kafr", True),
        ("Ma'arrat", True),
        ("Sheikh", True),
        ("Abu", False),
        ("Bab", False),
        ("Town", False),
    ],
)
def test_the_words_an_unknown_name_may_begin_with(word: str, opens_an_unknown_place: bool) -> None:
    pattern = re.compile(rf"(?:{place_first_words_pattern()})\b")
    assert bool(pattern.fullmatch(word)) is opens_an_unknown_place


@pytest.mark.parametrize("word", ["tell", "Kfar", "kefr", "Umm", "Khan", "Qalaat", "تل", "معرة"])
def test_every_spelling_folds_into_the_set(word: str) -> None:
    assert fold(word) in FOLDED


def test_no_word_is_listed_twice() -> None:
    assert len(PLACE_FIRST_WORDS) == len(set(PLACE_FIRST_WORDS))
