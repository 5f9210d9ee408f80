"""The site's scripts run in node, as the page runs them: node found, or the test skipped (failed on CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SITE_FOLDER = Path(__file__).resolve().parents[2] / "geo" / "publish" / "site"


def node() -> str:
    """The node executable; a CI run must have it, elsewhere the comparison is skipped without it."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the site's JavaScript, and CI is set")
        pytest.skip("node is not installed: the site's JavaScript is not checked")
    return found
