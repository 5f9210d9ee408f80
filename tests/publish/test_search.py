"""The site's search finds what the app's search finds: by a word's start, a short word whole, a place by any spelling.

The search index and the spellings are read as FORMAT.md says the page reads them, in Python, and
by the page's own filter code run in node; both must keep exactly the excerpts geo.core.filters.select
keeps for the same query.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.names import fold
from geo.publish.search import shard_of
from tests.publish.nodejs import on_site
from tests.publish.sites import publish_to, read_json

# Spellings of a place's one-word names, Arabic, words under three letters (whole words), an
# article alone (no word at all), a word's start, and words together.
QUERIES = (
    "idleb", "Idlib", "edlib", "Halab", "aleppo", "alep", "daraa", "deraa", "maarat numan", "Ma'arrat al-Nu'man",
    "معرة النعمان", "ادلب", "حلب", "said", "sai", "al", "el", "es", "un", "a", "on", "russia", "russian",
    "idleb said", "halab corridors", "idleb russia", "civilians fled", "zzyzx", "idleb zzyzx", "الل",
)  # fmt: skip

# For each query of a list, the excerpts the page keeps.
KEPT = """
async function answer(queries) {
    const kept = [];
    for (const q of queries) {
        const state = Object.assign(site.emptyState(), {q: q});
        const view = await site.select(state);
        const all = Array.from({length: site.info.counts.excerpts}, (_, n) => n);
        kept.push(view ? all.filter((n) => view.excerpts[n] === 1) : all);
    }
    return kept;
}
"""


@pytest.fixture(scope="module")
def site(bundled_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data published whole."""
    out = tmp_path_factory.mktemp("search") / "site"
    publish_to(bundled_atlas, out)
    return out


def in_app(atlas: Atlas, query: str) -> set[int]:
    """The excerpts the app's search keeps, by their numbers in the site."""
    numbers = {e.id: n for n, e in enumerate(select(atlas).excerpts)}
    return {numbers[e.id] for e in select(atlas, text=query).excerpts}


def filed(site: Path, folder: str, word: str) -> object:
    """What a sharded folder (search or spellings) files under a word, or None."""
    if shard_of(word) not in read_json(site, f"data/{folder}/index.json"):
        return None
    return read_json(site, f"data/{folder}/{shard_of(word)}.json").get(word)


def holding(site: Path, word: str) -> set[int]:
    """The excerpts with a word that begins with this one, or is it when it has under three letters."""
    if shard_of(word) not in read_json(site, "data/search/index.json"):
        return set()
    words: dict[str, list[int]] = read_json(site, f"data/search/{shard_of(word)}.json")
    whole = len(word) < 3
    return {n for key, numbers in words.items() if (key == word if whole else key.startswith(word)) for n in numbers}


def search(site: Path, query: str, count: int) -> set[int]:
    """The excerpts a query keeps, as FORMAT.md tells the page to search: every word, in any of its spellings."""
    found = set(range(count))
    for word in fold(query).split():
        others = filed(site, "spellings", word) or []
        assert isinstance(others, list)
        found &= set().union(*(holding(site, spelling) for spelling in [word, *others]))
    return found


def searched_in_node(site: Path, queries: Sequence[str]) -> list[set[int]]:
    """The excerpts the page's own filter code keeps for each query, run in node on the site's files."""
    return [set(kept) for kept in on_site(site, KEPT, list(queries))]


def test_shard_names_are_hex_code_points() -> None:
    assert shard_of("ab") == "61-62"
    assert shard_of("a") == "61"
    assert shard_of("معره") == "645-639"


def test_the_spellings_are_the_apps(site: Path, bundled_atlas: Atlas) -> None:
    spellings = bundled_atlas.spellings
    assert filed(site, "spellings", "idleb") == ["edlib", "idlib"]
    for word, others in spellings.items():
        assert set(filed(site, "spellings", word) or []) == others - {word}, word


def test_a_name_with_no_other_spelling_is_left_out(site: Path) -> None:
    for name in read_json(site, "data/spellings/index.json"):
        for word, others in read_json(site, f"data/spellings/{name}.json").items():
            assert others and word not in others and others == sorted(others)


@pytest.mark.parametrize("query", QUERIES)
def test_the_format_finds_what_the_app_finds(site: Path, bundled_atlas: Atlas, query: str) -> None:
    count = len(select(bundled_atlas).excerpts)
    assert search(site, query, count) == in_app(bundled_atlas, query)


def test_the_page_finds_what_the_app_finds(site: Path, bundled_atlas: Atlas) -> None:
    found = searched_in_node(site, QUERIES)
    assert {q: sorted(kept) for q, kept in zip(QUERIES, found, strict=True)} == {
        q: sorted(in_app(bundled_atlas, q)) for q in QUERIES
    }


def test_a_spelling_finds_more_than_its_own_word(site: Path, bundled_atlas: Atlas) -> None:
    # "idleb" finds every excerpt saying "Idlib", whatever place it is filed under, as in the app.
    count = len(select(bundled_atlas).excerpts)
    assert holding(site, "idleb") < search(site, "idleb", count) == in_app(bundled_atlas, "idleb")


def test_a_short_word_is_whole(site: Path) -> None:
    # "es" (al-Ees) must not find "escalation", as the app's has_word says; "esc" does.
    shard: dict[str, list[int]] = read_json(site, f"data/search/{shard_of('es')}.json")
    longer = {n for word, numbers in shard.items() if word != "es" for n in numbers}
    assert longer and not longer <= holding(site, "es")
    assert holding(site, "es") == set(shard.get("es", []))


def test_an_excerpt_is_found_by_a_word_of_its_text(site: Path, bundled_atlas: Atlas) -> None:
    excerpts = select(bundled_atlas).excerpts
    for number, excerpt in enumerate(excerpts):
        word = max(fold(excerpt.text).split(), key=len)
        assert number in search(site, word, len(excerpts)), (excerpt.id, word)


@pytest.mark.parametrize("spelling", ["Maarat al-Numan", "maarat numan", "معرة النعمان", "Ma'arrat al-Nu'man"])
def test_a_place_is_found_by_any_spelling(site: Path, bundled_atlas: Atlas, spelling: str) -> None:
    excerpts = select(bundled_atlas).excerpts
    about = {n for n, e in enumerate(excerpts) if "maarat-al-numan" in e.places}
    assert about
    assert about <= search(site, spelling, len(excerpts))


def test_a_search_for_nothing_there_finds_nothing(site: Path) -> None:
    assert search(site, "zzyzx", 1) == set()
