"""The site's governorate outlines: every governorate, valid, close to its outline, small, in the app's style."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from shapely.geometry import shape

from geo.core.atlas import Atlas
from geo.map.build import OUTLINE_STYLE
from geo.publish.outlines import GRID_DEG, TOLERANCE_DEG
from tests.publish.sites import publish_to, read_json

# The outlines are fetched at the page's start: they must stay a small part of it.
MOST_BYTES = 20_000


@pytest.fixture(scope="module")
def site(bundled_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data published whole."""
    out = tmp_path_factory.mktemp("outlines") / "site"
    publish_to(bundled_atlas, out)
    return out


def test_every_governorate_is_outlined_and_valid(site: Path, bundled_atlas: Atlas) -> None:
    assert bundled_atlas.boundaries is not None
    outlines = read_json(site, "data/outlines.json")
    assert outlines["type"] == "FeatureCollection"
    names = [feature["properties"]["name"] for feature in outlines["features"]]
    assert names == list(bundled_atlas.boundaries["name"])
    for feature, original in zip(outlines["features"], bundled_atlas.boundaries.geometry, strict=True):
        outline = shape(feature["geometry"])
        assert outline.is_valid and not outline.is_empty, feature["properties"]["name"]
        assert outline.geom_type in ("Polygon", "MultiPolygon")
        # No further from the original than the simplification and the grid allow.
        assert outline.hausdorff_distance(original) <= TOLERANCE_DEG + GRID_DEG, feature["properties"]["name"]


def test_the_outlines_are_small(site: Path, bundled_atlas: Atlas) -> None:
    assert bundled_atlas.boundaries is not None
    size = (site / "data" / "outlines.json").stat().st_size
    assert size < MOST_BYTES
    whole = bundled_atlas.boundaries[["name", "geometry"]].to_json()
    assert size < len(whole) / 3


def test_the_page_draws_them_in_the_app_s_style(site: Path) -> None:
    assert read_json(site, "data/site.json")["outlines"] == OUTLINE_STYLE


def test_data_without_outlines_publishes_none(bundled_atlas: Atlas, tmp_path: Path) -> None:
    publish_to(replace(bundled_atlas, boundaries=None), tmp_path / "site")
    assert read_json(tmp_path / "site", "data/site.json")["outlines"] is None
    assert not (tmp_path / "site" / "data" / "outlines.json").exists()
