"""The ingest benchmark's articles: seeded, within their size, varied, and naming the places given."""

from __future__ import annotations

import pytest

from geo.core.settings import MAX_ARTICLE_BYTES
from geo.tools.ingestbench import Figures
from geo.tools.synth.reports import report

PLACES = ["Saraqib", "Maarat al-Numan", "Ariha", "Jisr al-Shughur", "Kafr Nabl", "Khan Sheikhoun", "Sarmin"]


@pytest.mark.parametrize("size", [2_000, 10_000, 100_000])
def test_a_report_is_nearly_its_size_and_never_more(size: int) -> None:
    text = report(size, PLACES, seed=3)
    assert size - 1_500 < len(text.encode("utf-8")) <= size


def test_a_report_is_the_same_for_a_seed_and_repeats_no_paragraph() -> None:
    text = report(60_000, PLACES, seed=5)
    assert text == report(60_000, PLACES, seed=5) != report(60_000, PLACES, seed=6)
    paragraphs = text.split("\n\n")
    assert len(set(paragraphs)) == len(paragraphs)


def test_a_report_quotes_speakers_and_names_the_places() -> None:
    text = report(30_000, PLACES, seed=1)
    assert "told" in text and "“" in text and "according to" in text
    assert all(place in text for place in PLACES)


def test_the_largest_benchmarked_article_is_one_ingest_accepts() -> None:
    assert 1_000_000 <= MAX_ARTICLE_BYTES


def test_figures_per_kilobyte() -> None:
    assert Figures(size_bytes=200_000, seconds=1.0, peak_mb=None, excerpts=1).us_per_kb == 5_000
