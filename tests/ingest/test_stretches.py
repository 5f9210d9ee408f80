"""Patterns run over the stretches of a text between marks find what they find in the whole text."""

from __future__ import annotations

import re

import pytest

from geo.ingest.stretches import Stretches

TEXT = (
    "Sarmada was shelled. Hish and Kafr Sajna were shelled; Atmeh, too (Ariha was shelled).\n"
    "“Talmenes was shelled,” he said: nothing else was shelled. Maarzita was shelled"
)
SHELLED = re.compile(r"(?P<list>[A-Z]\w+(?:,?\s+(?:and\s+)?[A-Z]\w+)*)\s+(?:was|were)\s+shelled\b")
TRIGGER = re.compile(r"\bshelled\b")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (TEXT, ["Sarmada", "Hish and Kafr Sajna", "Ariha", "Talmenes", "Maarzita"]),
        ("Nothing here.", []),
        ("", []),
        ("Saraqib was shelled", ["Saraqib"]),  # no mark after the last stretch
    ],
)
def test_triggered_finds_what_the_whole_text_holds(text: str, found: list[str]) -> None:
    got = [m.group("list") for m in Stretches(text).triggered(SHELLED, TRIGGER)]
    assert got == [m.group("list") for m in SHELLED.finditer(text)] == found


def test_only_the_stretches_holding_an_offset_are_searched() -> None:
    stretches = Stretches(TEXT)
    ariha = TEXT.index("Ariha")
    assert [m.group("list") for m in stretches.finditer(SHELLED, [ariha, ariha + 2])] == ["Ariha"]


@pytest.mark.parametrize(
    ("offset", "stretch"),
    [(0, "Sarmada was shelled"), (TEXT.index("Kafr"), " Hish and Kafr Sajna were shelled"), (len(TEXT) - 1, None)],
)
def test_holding(offset: int, stretch: str | None) -> None:
    start, end = Stretches(TEXT).holding(offset)
    assert TEXT[start:end] == (stretch if stretch is not None else TEXT[TEXT.rindex(".") + 1 :])
