"""The editors' Publish box: a view naming drafts is offered the site of its reviewed sources, or none."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.publish.test_readers import DRAFT_ID, _draft_folder


def publish_box_of(folder: str, sources: list[str]) -> None:
    """The Publish box alone, for an editor whose view shows drafts and names these sources."""
    from pathlib import Path

    from geo.core.viewstate import ViewState
    from geo.data.load import load_atlas
    from geo.web.access import Access
    from geo.web.publishing import publish_box

    editor = Access(editor=True, who="editor", sign_in=False, signed_in=False, email=None)
    publish_box(load_atlas(Path(folder)), ViewState(sources=tuple(sources), drafts=True), editor)


def _box(folder: Path, sources: list[str]) -> AppTest:
    """The box run once for a view of these sources."""
    return AppTest.from_function(publish_box_of, args=(str(folder), sources), default_timeout=60).run()


def test_a_view_of_drafts_alone_is_offered_no_site(tmp_path: Path) -> None:
    at = _box(_draft_folder(tmp_path / "data"), [DRAFT_ID])
    assert not at.exception
    [button] = at.get("download_button")
    assert button.proto.disabled
    assert any("only drafts; nothing to publish" in caption.value for caption in at.caption)


def test_a_view_naming_a_draft_beside_a_reviewed_source_is_offered_that_source_s_site(tmp_path: Path) -> None:
    at = _box(_draft_folder(tmp_path / "data"), ["test-source", DRAFT_ID])
    assert not at.exception
    [button] = at.get("download_button")
    assert not button.proto.disabled
    assert not any("only drafts" in caption.value for caption in at.caption)
