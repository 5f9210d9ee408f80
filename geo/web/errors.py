"""How a page says that the data folder cannot be loaded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from geo.core.settings import data_dir
from geo.data.problems import DataError, Problem


def shown(problem: Problem, root: Path) -> str:
    """A problem as a visitor may read it: its file named within the data folder, not where it is on the server."""
    file = Path(problem.file)
    return str(replace(problem, file=str(file.relative_to(root) if file.is_relative_to(root) else file.name)))


def show_data_error(error: DataError, advice: str) -> None:
    """The count of problems, what to do, and every problem listed."""
    st.error(f"**The data folder cannot be loaded:** {len(error.problems)} problem(s), listed below. {advice}")
    # Plain text, not Markdown: the messages quote the data, which may hold links or markup.
    root = data_dir()
    st.code("\n".join(shown(problem, root) for problem in error.problems), language=None, wrap_lines=True)
