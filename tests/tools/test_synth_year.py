"""The year-shaped corpus: exact counts, the Zipf law and the province's share, the same bytes for a seed."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from geo.cli import main
from geo.core.atlas import Atlas
from geo.core.dates import span
from geo.core.records import Voice
from geo.core.sides import SIDES, Side
from geo.data.load import check_data, load_atlas
from geo.tools.synth import PROVINCE, PROVINCE_SHARE, ZIPF_S, write_year, zipf_counts
from geo.tools.synth.year import article_sizes, province
from tests.tools.test_synth import digests

PLACES, SOURCES, EXCERPTS, SEED = 300, 200, 5_000, 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small year-shaped corpus."""
    folder = tmp_path_factory.mktemp("year") / "data"
    write_year(folder, PLACES, SOURCES, EXCERPTS, seed=SEED)
    return folder


@pytest.fixture(scope="module")
def atlas(corpus: Path) -> Atlas:
    """The corpus, loaded."""
    return load_atlas(corpus)


def primaries(atlas: Atlas) -> Counter[str]:
    """How many excerpts are first of all about each place."""
    return Counter(e.places[0] for e in atlas.excerpts)


def test_the_loader_finds_no_fault(corpus: Path) -> None:
    assert check_data(corpus) == []


def test_validate_passes(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(corpus)]) == 0
    assert f"{SOURCES} sources, {PLACES} places, {EXCERPTS} excerpts" in capsys.readouterr().out


def test_counts_are_exact(atlas: Atlas) -> None:
    assert (len(atlas.places), len(atlas.sources), len(atlas.excerpts)) == (PLACES, SOURCES, EXCERPTS)
    assert len({e.source for e in atlas.excerpts}) == SOURCES


def test_same_seed_same_bytes_another_seed_another_corpus(tmp_path: Path, corpus: Path) -> None:
    write_year(tmp_path / "again", PLACES, SOURCES, EXCERPTS, seed=SEED)
    write_year(tmp_path / "other", PLACES, SOURCES, EXCERPTS, seed=SEED + 1)
    assert digests(tmp_path / "again") == digests(corpus)
    assert digests(tmp_path / "other")["places.geojson"] != digests(corpus)["places.geojson"]


def test_the_province_holds_its_share(atlas: Atlas) -> None:
    assert atlas.places[PROVINCE] == province()
    assert primaries(atlas)[PROVINCE] == round(EXCERPTS * PROVINCE_SHARE)
    # Reports that name a second place add a few more.
    assert round(EXCERPTS * PROVINCE_SHARE) <= len(atlas.by_place[PROVINCE]) <= 1.2 * EXCERPTS * PROVINCE_SHARE


def test_the_heaviest_place_holds_what_zipf_predicts(atlas: Atlas) -> None:
    rest = EXCERPTS - round(EXCERPTS * PROVINCE_SHARE)
    predicted = rest / sum(k**-ZIPF_S for k in range(1, PLACES))
    counts = primaries(atlas)
    del counts[PROVINCE]
    ranked = [n for _, n in counts.most_common()]
    assert abs(ranked[0] - predicted) <= 1
    # The tenth place holds a tenth to the power s of the first's.
    assert ranked[9] == pytest.approx(predicted * 10**-ZIPF_S, abs=1)


@pytest.mark.parametrize("voice", list(Voice))
def test_every_voice_speaks(atlas: Atlas, voice: Voice) -> None:
    assert any(e.voice is voice for e in atlas.excerpts)


def test_foreign_states_hold_a_small_share(atlas: Atlas) -> None:
    share = sum(e.voice is Voice.FOREIGN_STATE for e in atlas.excerpts) / EXCERPTS
    assert 0.01 <= share <= 0.03
    assert all(SIDES[e.voice] is Side.OTHER for e in atlas.excerpts if e.voice is Voice.FOREIGN_STATE)


def test_every_excerpt_is_in_its_article(corpus: Path, atlas: Atlas) -> None:
    articles = {s: (corpus / "sources" / f"{s}.txt").read_text(encoding="utf-8") for s in atlas.sources}
    assert all(e.text in articles[e.source] for e in atlas.excerpts)


def test_articles_fall_within_a_year(atlas: Atlas) -> None:
    starts = [span(s.published).start for s in atlas.sources.values()]
    assert date(2019, 1, 1) <= min(starts) and max(starts) <= date(2019, 12, 31)


def test_an_article_tells_of_some_fifty_places(tmp_path: Path) -> None:
    write_year(tmp_path / "data", 2_000, 40, 2_000, seed=1)
    corpus = load_atlas(tmp_path / "data")
    told = {s: {p for e in corpus.excerpts if e.source == s for p in e.places} for s in corpus.sources}
    middle = sorted(len(places) for places in told.values())[len(told) // 2]
    assert 35 <= middle <= 60


@pytest.mark.parametrize("total, ranks", [(1_000_000, 19_999), (4_750, 299), (7, 3), (10, 50)])
def test_zipf_counts_add_up_and_fall_with_rank(total: int, ranks: int) -> None:
    counts = zipf_counts(total, ranks)
    assert len(counts) == ranks and int(counts.sum()) == total
    assert all(np.diff(counts) <= 0)
    exact = total / sum(k**-ZIPF_S for k in range(1, ranks + 1))
    assert abs(int(counts[0]) - exact) < 1


@pytest.mark.parametrize("total, count", [(1_000_000, 20_000), (5_000, 200), (21, 4), (5, 5), (9, 3)])
def test_article_sizes_add_up_and_leave_none_empty(total: int, count: int) -> None:
    sizes = article_sizes(np.random.Generator(np.random.PCG64(0)), total, count)
    assert len(sizes) == count and int(sizes.sum()) == total and int(sizes.min()) >= 1
    assert int(sizes.max()) <= 1.5 * -(-total // count)


def test_refuses_a_folder_that_holds_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_year(tmp_path, 10, 2, 20)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("places, sources, excerpts", [(1, 1, 5), (10, 0, 5), (10, 6, 5)])
def test_refuses_impossible_sizes(tmp_path: Path, places: int, sources: int, excerpts: int) -> None:
    with pytest.raises(ValueError):
        write_year(tmp_path / "data", places, sources, excerpts)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    "shape, sizes, counts",
    [
        ("year", ["--places", "40", "--sources", "5", "--excerpts", "300"], (40, 5, 300)),
        ("three", ["--places", "40"], (40, 2, 120)),
        ("three", ["--places", "40", "--sources", "4", "--excerpts", "100"], (40, 4, 100)),
    ],
)
def test_the_command_writes_each_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str, sizes: list[str], counts: tuple[int, int, int]
) -> None:
    out = tmp_path / "data"
    assert main(["synth", "--shape", shape, *sizes, "--out", str(out), "--seed", "2"]) == 0
    assert f"wrote {out} ({shape} shape, seed 2)" in capsys.readouterr().out
    written = load_atlas(out)
    assert (len(written.places), len(written.sources), len(written.excerpts)) == counts


def test_the_command_refuses_a_folder_that_holds_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["synth", "--shape", "year", "--places", "10", "--out", str(tmp_path)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_the_province_is_the_bundled_one() -> None:
    bundled = Path(__file__).parents[2] / "data" / "places.geojson"
    features = json.loads(bundled.read_text(encoding="utf-8"))["features"]
    (feature,) = [f for f in features if f["id"] == PROVINCE]
    assert feature["properties"]["kind"] == "region" and feature["properties"]["admin1"] == "Idlib"
    assert province().name == feature["properties"]["name"]
