"""The year benchmark runs end to end on a tiny corpus and prints every figure; its panel is the page's."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

import pytest

from geo.cli import main
from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.data.load import load_atlas
from geo.render.popup import excerpt_html
from geo.tools.synth import write_year
from geo.tools.yearbench import COLUMNS, YearFigures, heaviest_place, panel_html, table

SIZES = {"places": 60, "sources": 8, "excerpts": 400}


@pytest.fixture(scope="module")
def printed() -> str:
    """What `python -m geo bench --year` prints for a tiny corpus."""
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["bench", "--year", "--repeat", "1", *(f"--{k}={v}" for k, v in SIZES.items())])
    assert status == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def figures(printed: str) -> dict[str, object]:
    """The figures the benchmark printed as JSON."""
    line = next(line for line in printed.splitlines() if line.startswith("year shape: "))
    found: dict[str, object] = json.loads(line.removeprefix("year shape: "))
    return found


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """The tiny corpus, loaded."""
    folder = tmp_path_factory.mktemp("year") / "data"
    write_year(folder, SIZES["places"], SIZES["sources"], SIZES["excerpts"])
    return load_atlas(folder)


def test_every_figure_is_printed(figures: dict[str, object]) -> None:
    assert tuple(figures) == COLUMNS


@pytest.mark.parametrize("count", ["places", "sources", "excerpts"])
def test_the_corpus_is_the_size_asked(figures: dict[str, object], count: str) -> None:
    assert figures[count] == SIZES[count]


@pytest.mark.parametrize("figure", [name for name in COLUMNS if name != "heaviest"])
def test_every_figure_is_measured(figures: dict[str, object], figure: str) -> None:
    value = figures[figure]
    assert isinstance(value, int | float)
    # A step of a tiny corpus may take less of the processor than its clock can tell.
    assert value > 0 or (figure.endswith("_cpu_s") and value == 0)


def test_the_table_has_a_cell_for_every_heading(printed: str) -> None:
    head, rule, row = printed.strip().splitlines()[-3:]
    assert head.startswith("| places / articles / excerpts |") and set(rule) == {"|", "-"}
    assert row.count("|") == head.count("|") == rule.count("|")
    assert row.startswith(f"| {SIZES['places']} / {SIZES['sources']} / {SIZES['excerpts']} |")


def test_the_heaviest_place_has_the_most_excerpts(atlas: Atlas, figures: dict[str, object]) -> None:
    heaviest = heaviest_place(atlas)
    assert all(len(found) <= len(atlas.by_place[heaviest]) for found in atlas.by_place.values())
    assert figures["heaviest"] in atlas.places


@pytest.mark.parametrize("page_size", [1, 5, 25])
def test_the_panel_holds_one_page_of_the_place(atlas: Atlas, page_size: int) -> None:
    place = heaviest_place(atlas)
    view = select(atlas)
    html = panel_html(atlas, view, place, page_size)
    shown = [e for e in view.excerpts_at(place) if excerpt_html(e, atlas.sources[e.source]) in html]
    assert len(shown) == min(page_size, len(view.excerpts_at(place)))
    assert atlas.places[place].name in html


def test_the_table_is_the_printed_one(printed: str, figures: dict[str, object]) -> None:
    assert table([YearFigures(**figures)]) in printed  # type: ignore[arg-type]


def test_bench_refuses_impossible_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--year", "--places", "1", "--sources", "1", "--excerpts", "5"]) == 2
    assert "error:" in capsys.readouterr().err
