"""The benchmarks' Markdown tables: a head, its rule, and a line of cells for each row."""

from __future__ import annotations

import pytest

from geo.tools.markdown import markdown_table


@pytest.mark.parametrize(
    "headings, rows, expected",
    [
        (("a",), [], "| a |\n|---|"),
        (("size", "time"), [["10", "1 s"]], "| size | time |\n|---|---|\n| 10 | 1 s |"),
        (("x", "y"), [["1", "2"], ["3", "4"]], "| x | y |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |"),
    ],
)
def test_a_table_has_its_head_rule_and_rows(headings: tuple[str, ...], rows: list[list[str]], expected: str) -> None:
    assert markdown_table(headings, rows) == expected


@pytest.mark.parametrize("cells", [["1"], ["1", "2", "3"]])
def test_a_row_of_another_width_is_refused(cells: list[str]) -> None:
    with pytest.raises(ValueError):
        markdown_table(("x", "y"), [cells])
