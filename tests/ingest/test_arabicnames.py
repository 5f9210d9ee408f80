"""Names in Arabic script that a generic first word (تل، كفر، جبل، دير، عين، خربة) shows to be places."""

from __future__ import annotations

import pytest

from geo.ingest.arabicnames import REASON, arabic_names
from geo.ingest.evaluation import label_of
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.reading import read_places


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Each first word, with the letters Arabic writes onto its front.
        ("قصفت قوات النظام قرية تل مرديخ", ["تل مرديخ"]),
        ("وقرية كفر عويد", ["كفر عويد"]),
        ("نزح الأهالي من خربة الجوز وعين لاروز ودير سنبل", ["خربة الجوز", "عين لاروز", "دير سنبل"]),
        ("بجبل الأربعين", ["جبل الأربعين"]),
        # A word of grammar after a first word is no name.
        ("رأى الدمار في جبل من الركام", []),
        ("عين على الطريق", []),
        # Words that begin people's names, or are as often a common noun, make no place alone.
        ("قال أبو أحمد إن الطريق مقطوع", []),
        ("أغلق باب المنزل", []),
        # English text, and an English name of the same shape, are left to the English rules.
        ("Shelling hit Tell Mardikh.", []),
    ],
)
def test_arabic_names_with_a_first_word_of_place(text: str, names: list[str]) -> None:
    kept, found = arabic_names(text, [])
    assert [c.name for c in found] == names
    assert all(c.reason == REASON and text[c.start : c.end] == c.name for c in found)
    assert kept == []


@pytest.mark.parametrize(
    ("text", "tied", "listed"),
    [
        # Names no gazetteer knows are listed to place.
        ("قصفت قوات النظام قرية تل مرديخ وقرية كفر عويد", set(), ["تل مرديخ", "كفر عويد"]),
        # A known name after a first word is part of a village of its own, not the place it names alone.
        ("استهدفت الغارات أطراف تل الكرامة", set(), ["تل الكرامة"]),
        # A name the gazetteer knows whole is tied, not listed.
        ("سقطت قذيفة في جبل الزاوية", {"region:jabal-al-zawiya"}, []),
        # An Arabic spelling beside the English one is listed as well.
        ("Shelling hit Kafr Uwayd (كفر عويد) on Monday.", set(), ["Kafr Uwayd", "كفر عويد"]),
    ],
)
def test_arabic_names_are_listed_to_place(gazetteer: Gazetteer, text: str, tied: set[str], listed: list[str]) -> None:
    reading = read_places(text, gazetteer)
    assert {label_of(r.entry) for _, r in reading.placed} == tied
    assert [n.name for n in reading.to_place] == listed


def test_a_speakers_span_is_no_name_to_place(gazetteer: Gazetteer) -> None:
    text = "قال دير سنبل إن القصف توقف"
    start = text.index("دير")
    assert read_places(text, gazetteer, skip=[(start, start + len("دير سنبل"))]).to_place == ()
