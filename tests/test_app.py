"""The page under AppTest: it runs, filters change what is shown, a URL preselects."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas import select
from geo.load import load_atlas
from tests.datafolder import write_folder, write_xss_folder

APP = str(Path(__file__).parent.parent / "app.py")
DATA = Path(__file__).parent.parent / "data"
ATLAS = load_atlas(DATA)
MONITOR, NATIONAL = "al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"


def run(monkeypatch: pytest.MonkeyPatch, data: Path = DATA, **params: list[str]) -> AppTest:
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    return at.run()


def counts(at: AppTest) -> tuple[int, int]:
    places, excerpts = (int(m.value) for m in at.metric)
    return places, excerpts


def expected(sources: list[str] | None) -> tuple[int, int]:
    selection = select(ATLAS, sources)
    return len(selection.places), len(selection.excerpts)


def test_the_page_runs_on_the_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch)
    assert not at.exception and not at.error
    assert at.multiselect(key="source").value == [MONITOR, NATIONAL]
    assert counts(at) == expected(None)
    assert at.dataframe[0].value.shape[0] == len(ATLAS.excerpts)


@pytest.mark.parametrize("chosen", [[MONITOR], [NATIONAL], [MONITOR, NATIONAL]])
def test_the_source_filter_changes_what_is_shown(monkeypatch: pytest.MonkeyPatch, chosen: list[str]) -> None:
    at = run(monkeypatch)
    at.multiselect(key="source").set_value(chosen).run()
    assert counts(at) == expected(chosen)
    table = at.dataframe[0].value
    assert set(table["id"]) == {e.id for e in select(ATLAS, chosen).excerpts}


def test_no_source_chosen_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch)
    at.multiselect(key="source").set_value([]).run()
    assert counts(at) == (0, 0)
    assert "No source article is chosen" in at.info[0].value


@pytest.mark.parametrize("chosen", [[NATIONAL], [MONITOR]])
def test_a_source_url_preselects(monkeypatch: pytest.MonkeyPatch, chosen: list[str]) -> None:
    at = run(monkeypatch, source=chosen)
    assert at.multiselect(key="source").value == chosen
    assert counts(at) == expected(chosen)


def test_an_unknown_source_in_the_url_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch, source=["no-such-source", NATIONAL])
    assert not at.exception
    assert at.multiselect(key="source").value == [NATIONAL]


def test_a_spoiled_folder_shows_an_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text("{broken", encoding="utf-8")
    at = run(monkeypatch, data=root)
    assert not at.exception
    [error] = at.error
    assert "1 problem(s)" in error.value
    [listing] = at.code
    assert listing.value.startswith(f"{root / 'places.geojson'} (line 1, column 2): broken JSON")
    assert not at.metric, "nothing else is drawn from a folder that did not load"


def test_source_details_are_escaped_html_not_markdown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run(monkeypatch, data=write_xss_folder(tmp_path))
    assert not at.exception
    [sources] = at.sidebar.get("html")
    assert "&lt;img src=x onerror=" in sources.proto.body
    assert not at.sidebar.markdown and not at.sidebar.caption[1:], "no data text goes through Markdown"


@pytest.mark.parametrize("chosen", [[NATIONAL], [MONITOR, NATIONAL]])
def test_downloads_are_offered_for_the_view(monkeypatch: pytest.MonkeyPatch, chosen: list[str]) -> None:
    at = run(monkeypatch, source=chosen)
    assert [b.proto.label for b in at.sidebar.get("download_button")] == ["GeoJSON", "CSV"]
    assert counts(at) == expected(chosen), "the buttons sit beside the counts of the same selection"
