"""The pages' own CSS, kept in css/ beside this module."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_CSS = Path(__file__).parent / "css"


@cache
def page_css() -> str:
    """The style element every page adds to Streamlit's layout."""
    return f"<style>\n{(_CSS / 'page.css').read_text(encoding='utf-8')}</style>"
