"""Small widgets the pages share."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def page_of(items: Sequence[T], key: str, size: int, label: str) -> Sequence[T]:
    """One page of the items, with a page box above them when there is more than one page."""
    pages = max(1, math.ceil(len(items) / size))
    if st.session_state.get(key, 1) > pages:
        st.session_state[key] = 1  # the filters changed under the reader: back to the first page
    if pages == 1:
        return items
    page = st.number_input(
        f"Page (of {pages:,})",
        min_value=1,
        max_value=pages,
        step=1,
        key=key,
        help=f"{label}: {len(items):,} in all, {size} a page.",
    )
    first = (int(page) - 1) * size
    st.caption(f"{first + 1:,}–{min(first + size, len(items)):,} of {len(items):,}")
    return items[first : first + size]


# What Markdown would read as markup rather than as the characters themselves.
_MARKDOWN = frozenset("\\`*_{}[]<>()#+-.!|~$")


def markdown_text(text: str) -> str:
    """Text shown as itself in Markdown, whatever characters it holds (an article's, a visitor's)."""
    return "".join(f"\\{c}" if c in _MARKDOWN else c for c in text)
