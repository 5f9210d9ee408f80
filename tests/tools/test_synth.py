"""The synthetic corpus: a data folder the loader accepts whole, the same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from geo.core.atlas import Atlas
from geo.core.provenance import locate
from geo.core.records import ExcerptKind, PlaceKind
from geo.core.sides import SIDES, Side, is_contested
from geo.data.layout import INDEX_DIR
from geo.data.load import check_data, load_atlas
from geo.tools.synth import EAST, NORTH, SOUTH, WEST, write_corpus

PLACES = 50


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file in a folder, by its path inside it; but the index a load of it keeps."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).parts[0] != INDEX_DIR
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of 50 places written with the defaults."""
    folder = tmp_path_factory.mktemp("synth") / "data"
    write_corpus(folder, PLACES, seed=7)
    return folder


@pytest.fixture(scope="module")
def atlas(corpus: Path) -> Atlas:
    """The corpus, loaded."""
    return load_atlas(corpus)


def test_the_loader_finds_no_fault(corpus: Path) -> None:
    assert check_data(corpus) == []


def test_counts_are_as_asked(atlas: Atlas) -> None:
    assert len(atlas.places) == PLACES
    assert len(atlas.excerpts) == 3 * PLACES
    assert len(atlas.sources) == 2
    assert {p for e in atlas.excerpts for p in e.places} == set(atlas.places)


def test_counts_follow_the_arguments(tmp_path: Path) -> None:
    write_corpus(tmp_path / "data", 30, excerpts_per_place=1.5, sources=4, seed=1)
    atlas = load_atlas(tmp_path / "data")
    assert (len(atlas.places), len(atlas.excerpts), len(atlas.sources)) == (30, 45, 4)
    assert all(any(e.source == s for e in atlas.excerpts) for s in atlas.sources)


def test_same_arguments_same_bytes(tmp_path: Path, corpus: Path) -> None:
    write_corpus(tmp_path / "again", PLACES, seed=7)
    assert digests(tmp_path / "again") == digests(corpus)


def test_another_seed_another_corpus(tmp_path: Path, corpus: Path) -> None:
    write_corpus(tmp_path / "other", PLACES, seed=8)
    ours, theirs = digests(corpus), digests(tmp_path / "other")
    assert ours["places.geojson"] != theirs["places.geojson"]
    assert ours["boundaries/syria-governorates.geojson"] == theirs["boundaries/syria-governorates.geojson"]


def test_every_excerpt_is_in_its_article_word_for_word(corpus: Path, atlas: Atlas) -> None:
    for excerpt in atlas.excerpts:
        article = (corpus / "sources" / f"{excerpt.source}.txt").read_text(encoding="utf-8")
        assert excerpt.text in article
        assert locate(article, excerpt.text) is not None


def test_articles_match_their_fingerprints(corpus: Path, atlas: Atlas) -> None:
    for source in atlas.sources.values():
        article = (corpus / "sources" / f"{source.id}.txt").read_bytes()
        assert hashlib.sha256(article).hexdigest() == source.text_sha256


def test_places_have_both_scripts_and_honest_points(atlas: Atlas) -> None:
    ids = [p.id for p in atlas.places.values()]
    assert len(ids) == len(set(ids))
    for place in atlas.places.values():
        assert re.search(r"[\u0600-\u06FF]", place.name_ar), place
        assert re.fullmatch(r"[A-Za-z][A-Za-z' /-]+", place.name), place
        assert SOUTH <= place.lat <= NORTH and WEST <= place.lon <= EAST
        assert place.admin1 in {"Idlib", "Aleppo", "Hama", "Latakia", "Tartus", "Homs"}
        assert place.geonames_id is None and place.coord_source.startswith("synthetic")
        assert place.precision_m >= 800


def test_a_mix_of_kinds_voices_and_sides(atlas: Atlas) -> None:
    kinds = {e.kind for e in atlas.excerpts}
    assert kinds == set(ExcerptKind)
    sides = {SIDES[e.voice] for e in atlas.excerpts}
    assert sides == set(Side)
    assert len({p.kind for p in atlas.places.values()}) >= 3
    assert {p.kind for p in atlas.places.values()} <= set(PlaceKind)
    assert any(e.event_date for e in atlas.excerpts) and any(not e.event_date for e in atlas.excerpts)
    assert all(e.speaker for e in atlas.excerpts if e.kind is not ExcerptKind.REPORT)
    assert any(e.movements for e in atlas.excerpts)
    assert any(p.aliases for p in atlas.places.values())


def test_some_places_are_contested(atlas: Atlas) -> None:
    contested = [p for p in atlas.places if is_contested(e for e in atlas.excerpts if p in e.places)]
    assert 0 < len(contested) < PLACES


def test_excerpts_are_of_realistic_length(atlas: Atlas) -> None:
    lengths = [len(e.text) for e in atlas.excerpts]
    assert min(lengths) >= 80 and max(lengths) <= 400
    assert 150 <= sum(lengths) / len(lengths) <= 260


def test_files_are_in_the_bundled_layout(corpus: Path) -> None:
    written = sorted(p.name for p in corpus.iterdir() if p.name != INDEX_DIR)  # the index: a load's, not synth's
    assert written == ["boundaries", "places.geojson", "sources"]
    collection = json.loads((corpus / "places.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == PLACES
    for meta in (corpus / "sources").glob("*.yaml"):
        document = yaml.safe_load(meta.read_text(encoding="utf-8"))
        assert document["id"] == meta.stem and (corpus / "sources" / f"{meta.stem}.txt").exists()
        assert "synthetic" in document["published_note"].lower()


def test_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_corpus(tmp_path, 5)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("places, sources", [(0, None), (3, 4), (5, 0)])
def test_refuses_impossible_sizes(tmp_path: Path, places: int, sources: int | None) -> None:
    with pytest.raises(ValueError):
        write_corpus(tmp_path / "data", places, sources=sources)
