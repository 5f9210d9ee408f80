"""The sidebar's list of sources: the first few of a large atlas, and how many more the filter finds."""

from __future__ import annotations

from dataclasses import replace

import pytest

import geo.web.sidebar
from geo.core.atlas import Atlas
from geo.web.sidebar import _sources_list


def test_the_sources_listed_are_the_first_and_the_rest_are_counted(
    bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(geo.web.sidebar, "SOURCES_LISTED", 1)
    atlas = replace(bundled_atlas)  # an atlas of its own, whose list is not made yet
    first, second = atlas.sources
    html = _sources_list(atlas)
    assert first in html and second not in html
    assert "And 1 more: the Source articles filter above finds any of them." in html


def test_every_source_is_listed_when_they_are_few(bundled_atlas: Atlas) -> None:
    html = _sources_list(replace(bundled_atlas))
    assert all(source in html for source in bundled_atlas.sources) and "more:" not in html
