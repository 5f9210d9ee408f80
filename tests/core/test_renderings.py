"""English renderings of Arabic place names, read back as the Arabic pattern."""

from __future__ import annotations

import pytest

from geo.core.renderings import arabic_pattern


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("Madiq Castle", "qalat Madiq"),
        ("Aleppo Citadel", "qalat Aleppo"),
        ("Mount Zawiya", "jabal Zawiya"),
        ("Mt. Zawiya", "jabal Zawiya"),
        ("Mt Hermon", "jabal Hermon"),
        ("Akrad Mountains", "jabal Akrad"),
        ("Turkmen mountain", "jabal Turkmen"),
        ("Ghab Plain", "sahl Ghab"),
        ("Barada Valley", "wadi Barada"),
        ("al-Ghab plain", "sahl al-Ghab"),
        # No rendering: one word alone, or no English word at either end.
        ("Castle", None),
        ("Mount", None),
        ("Qal'at al-Madiq", None),
        ("Castle Madiq", None),
        ("Madiq Castle Road", None),
        ("", None),
    ],
)
def test_arabic_pattern(name: str, pattern: str | None) -> None:
    assert arabic_pattern(name) == pattern
