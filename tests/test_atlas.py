"""Selecting by source: which excerpts and places stay in view."""

from pathlib import Path

import pytest

from geo.atlas import UnknownSourceError, excerpt_frame, select
from geo.load import load_atlas
from tests.datafolder import ARTICLE, source, write_folder


@pytest.fixture
def atlas(tmp_path: Path):
    other = source(
        "other-source",
        excerpts=[
            {"id": "other-1", "places": ["beta-crossing"], "kind": "report", "voice": "journalist",
             "text": "Officials said the Beta crossing was open."},
        ],
    )  # fmt: skip
    return load_atlas(write_folder(tmp_path, sources={"test-source": (source(), ARTICLE), "other-source": (other, ARTICLE)}))


@pytest.mark.parametrize(
    ("sources", "places", "excerpts"),
    [
        (None, ["alpha", "beta-crossing"], ["other-1", "test-source-shelling", "test-source-dana", "test-source-officials"]),
        (["other-source"], ["beta-crossing"], ["other-1"]),
        (["test-source"], ["alpha", "beta-crossing"], ["test-source-shelling", "test-source-dana", "test-source-officials"]),
        ([], [], []),
    ],
)  # fmt: skip
def test_select_by_source(atlas, sources, places, excerpts) -> None:
    selection = select(atlas, sources)
    assert [p.id for p in selection.places] == places
    assert [e.id for e in selection.excerpts] == excerpts


def test_unknown_source_is_refused_with_the_known_ones(atlas) -> None:
    with pytest.raises(UnknownSourceError, match="nope.*known: other-source, test-source"):
        select(atlas, ["nope"])


def test_excerpts_at_a_place(atlas) -> None:
    selection = select(atlas, ["test-source"])
    assert [e.id for e in selection.excerpts_at("alpha")] == ["test-source-shelling", "test-source-dana"]
    assert select(atlas, ["other-source"]).excerpts_at("alpha") == ()


def test_excerpt_frame_has_a_row_per_excerpt(atlas) -> None:
    frame = excerpt_frame(select(atlas, ["test-source"]))
    assert len(frame) == 3
    assert frame.loc[1, "speaker"] == "Dana Q"
    assert frame.loc[0, "places"] == "Alpha"
    assert frame.loc[0, "source"] == "Test Outlet"
