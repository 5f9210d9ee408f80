"""How a page says that the data folder cannot be loaded."""

from __future__ import annotations

import streamlit as st

from geo.data.problems import DataError


def show_data_error(error: DataError, advice: str) -> None:
    """The count of problems, what to do, and every problem listed."""
    st.error(f"**The data folder cannot be loaded:** {len(error.problems)} problem(s), listed below. {advice}")
    # Plain text, not Markdown: the messages quote the data, which may hold links or markup.
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
