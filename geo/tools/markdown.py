"""The benchmarks' figures as the README keeps them: Markdown tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def markdown_table(headings: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table: its head, the rule under it, and a line for each row of cells."""
    lines = [_line(headings), "|" + "---|" * len(headings)]
    for cells in rows:
        if len(cells) != len(headings):
            raise ValueError(f"a row of {len(cells)} cells under {len(headings)} headings")
        lines.append(_line(cells))
    return "\n".join(lines)


def _line(cells: Sequence[str]) -> str:
    """One line of a table: its cells between bars."""
    return "| " + " | ".join(cells) + " |"
