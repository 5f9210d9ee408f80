"""Fixtures shared by the ingest tests: the bundled atlas and its gazetteer, built once a session."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from geo.data.load import load_atlas
from geo.core.settings import BUNDLED_DATA

DATA = BUNDLED_DATA


@pytest.fixture(scope="session")
def bundled_atlas() -> Atlas:
    """The atlas of the bundled data folder."""
    return load_atlas(DATA)


@pytest.fixture(scope="session")
def gazetteer(bundled_atlas: Atlas) -> Gazetteer:
    """Our places and the GeoNames towns around them; some 3 s to build, so built once.

    gazetteer_for keeps it for the process, so ingest and evaluate run in-process on the
    bundled places use this same one rather than building their own.
    """
    return gazetteer_for(bundled_atlas)
