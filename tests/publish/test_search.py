"""The search shards find what the app's search finds: an excerpt by a word of its text, a place by any spelling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.names import fold
from geo.publish.payload import SEARCH_SHARD
from geo.publish.search import shard_of
from tests.publish.sites import publish_to, read_json


@pytest.fixture(scope="module")
def site(bundled_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data published whole."""
    out = tmp_path_factory.mktemp("search") / "site"
    publish_to(bundled_atlas, out)
    return out


def search(site: Path, query: str) -> set[int]:
    """The excerpts a query keeps, as FORMAT.md tells the page to search: every word begins an indexed word."""
    shards = read_json(site, "data/search/index.json")
    found: set[int] | None = None
    for word in fold(query).split():
        names = [shard_of(word)] if len(word) >= SEARCH_SHARD else [n for n in shards if n.startswith(shard_of(word))]
        held: set[int] = set()
        for name in names:
            if name in shards:
                words = json.loads((site / "data" / "search" / f"{name}.json").read_bytes())
                held.update(n for key, numbers in words.items() if key.startswith(word) for n in numbers)
        found = held if found is None else found & held
    return found or set()


def test_shard_names_are_hex_code_points() -> None:
    assert shard_of("ab") == "61-62"
    assert shard_of("a") == "61"
    assert shard_of("معره") == "645-639"


def test_an_excerpt_is_found_by_a_word_of_its_text(site: Path, bundled_atlas: Atlas) -> None:
    excerpts = select(bundled_atlas).excerpts
    for number, excerpt in enumerate(excerpts):
        word = max(fold(excerpt.text).split(), key=len)
        assert number in search(site, word), (excerpt.id, word)


@pytest.mark.parametrize("spelling", ["Maarat al-Numan", "maarat numan", "معرة النعمان", "Ma'arrat al-Nu'man"])
def test_a_place_is_found_by_any_spelling(site: Path, bundled_atlas: Atlas, spelling: str) -> None:
    excerpts = select(bundled_atlas).excerpts
    about = {n for n, e in enumerate(excerpts) if "maarat-al-numan" in e.places}
    assert about
    assert about <= search(site, spelling)


def test_a_search_for_nothing_there_finds_nothing(site: Path) -> None:
    assert search(site, "zzyzx") == set()
