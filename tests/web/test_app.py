"""The page under AppTest: it runs, every filter narrows the view and lives in the URL."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.provenance import normalise
from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.core.settings import BUNDLED_DATA, DENSE_FROM
from geo.core.viewstate import parse_query, selection
from geo.data.load import load_atlas
from geo.tools.synth import write_corpus
from tests.support.datafolder import write_folder, write_xss_folder

APP = str(BUNDLED_DATA.parent / "app.py")
MONITOR, NATIONAL = "al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"


def run(
    monkeypatch: pytest.MonkeyPatch, data: Path = BUNDLED_DATA, *, drawn: bool = True, **params: list[str]
) -> AppTest:
    """The page as a new session opens it, and with `drawn`, as the run the drawn map asks for leaves it."""
    monkeypatch.setenv("GEO_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    at.run()
    # The first run draws the map and the panel alone; in a browser the map asks for the rest.
    return at.run() if drawn else at


def counts(at: AppTest) -> tuple[int, int]:
    places, excerpts = (int(m.value.replace(",", "")) for m in at.metric)  # written 1,234
    return places, excerpts


def expected(atlas: Atlas, sources: list[str] | None) -> tuple[int, int]:
    """The counts of places and excerpts of the atlas's view of the sources."""
    selection = select(atlas, sources)
    return len(selection.places), len(selection.excerpts)


def test_the_page_runs_on_the_bundled_data(bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch)
    assert not at.exception and not at.error
    assert at.multiselect(key="source").value == [], "no filter: every source"
    assert counts(at) == expected(bundled_atlas, None)
    assert at.dataframe[0].value.shape[0] == len(bundled_atlas.excerpts)
    assert not at.get("html") or not any("geo-notices" in h.proto.body for h in at.get("html"))
    assert dict(at.query_params) == {}, "the default view has a bare URL"


def test_the_page_prints_nothing_stray(monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit's "magic" draws any bare expression in the script; none may reach the page.
    at = run(monkeypatch)
    assert not at.get("json") and not at.get("help")
    assert not [m for m in at.markdown if m.value.startswith("{")]


def query_of(at: AppTest) -> dict[str, list[str]]:
    """The page's query string, every value as a list."""
    return {k: v if isinstance(v, list) else [v] for k, v in dict(at.query_params).items()}


def expected_for(atlas: Atlas, query: dict[str, list[str]]) -> tuple[int, int, set[str]]:
    """The counts and excerpt ids a link's view of the atlas must show."""
    state, notices = parse_query(query, atlas)
    assert not notices
    view = selection(atlas, state)
    return len(view.places), len(view.excerpts), {e.id for e in view.excerpts}


def shown(at: AppTest) -> tuple[int, int, set[str]]:
    """The counts and excerpt ids the page shows."""
    places, excerpts = counts(at)
    return places, excerpts, set(at.dataframe[0].value["id"])


# Each filter set through its widget, and the query string it must write.
WIDGET_FILTERS = [
    ("multiselect", "source", [NATIONAL], {"source": [NATIONAL]}),
    ("multiselect", "voice", [Voice.RUSSIA, Voice.STATE_MEDIA], {"voice": ["russia", "state-media"]}),
    ("multiselect", "kind", [ExcerptKind.TESTIMONY], {"kind": ["testimony"]}),
    ("multiselect", "place_kind", [PlaceKind.CROSSING], {"place_kind": ["crossing"]}),
    ("date_input", "from", date(2020, 1, 12), {"from": ["2020-01-12"]}),
    ("date_input", "to", date(2019, 12, 31), {"to": ["2019-12-31"]}),
    ("text_input", "q", "Ma'arrat al-Nu'man", {"q": ["Ma'arrat al-Nu'man"]}),
    ("text_input", "q", "معرة النعمان", {"q": ["معرة النعمان"]}),
    ("selectbox", "place", "latamnah", {"place": ["latamnah"]}),
    ("toggle", "movements", False, {"movements": ["off"]}),
]


@pytest.mark.parametrize(("widget", "key", "value", "query"), WIDGET_FILTERS)
def test_each_filter_narrows_the_view_and_writes_the_url(
    bundled_atlas: Atlas,
    monkeypatch: pytest.MonkeyPatch,
    widget: str,
    key: str,
    value: object,
    query: dict[str, list[str]],
) -> None:
    at = run(monkeypatch)
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    assert query_of(at) == query
    assert shown(at) == expected_for(bundled_atlas, query)
    if key not in ("place", "movements"):
        assert counts(at)[1] < len(bundled_atlas.excerpts), "the filter kept everything"


SHARED_LINKS = [
    {"source": [MONITOR], "voice": ["russia", "state-media", "opposition-armed"], "place_kind": ["crossing"]},
    {"kind": ["testimony", "statement"], "from": ["2019-01-01"], "to": ["2019-12-31"], "q": ["regime"]},
    {"q": ["maarat numan"], "place": ["maarat-al-numan"], "movements": ["off"]},
    {"voice": ["civilian"], "place_kind": ["city", "town", "mountains"], "place": ["harem-mountains"]},
]


@pytest.mark.parametrize("query", SHARED_LINKS)
def test_a_shared_link_reproduces_the_view_and_keeps_its_url(
    bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch, query: dict[str, list[str]]
) -> None:
    at = run(monkeypatch, **query)
    assert not at.exception
    assert shown(at) == expected_for(bundled_atlas, query)
    assert query_of(at) == query, "the page rewrote a valid link"
    if "place" in query:
        assert at.selectbox(key="place").value == query["place"][0]
    # The widgets show the link's values, and a rerun keeps them.
    at.run()
    assert shown(at) == expected_for(bundled_atlas, query) and query_of(at) == query


def test_invalid_link_values_are_dropped_with_a_notice(bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(
        monkeypatch,
        source=["no-such-source", NATIONAL],
        voice=["martian"],
        **{"from": ["yesterday"]},
        place=["atlantis"],
    )
    assert not at.exception and not at.error
    assert at.multiselect(key="source").value == [NATIONAL]
    assert counts(at) == expected(bundled_atlas, [NATIONAL])
    [notice] = [h.proto.body for h in at.get("html") if "geo-notices" in h.proto.body]
    for fault in (
        "&#x27;no-such-source&#x27; is not known",
        "voice &#x27;martian&#x27;",
        "from=&#x27;yesterday&#x27;",
        "&#x27;atlantis&#x27;",
    ):
        assert fault in notice
    assert query_of(at) == {"source": [NATIONAL]}, "the dropped values leave the URL"


def test_a_notice_quoting_the_link_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch, place=["<img src=x onerror=alert(1)>"])
    [notice] = [h.proto.body for h in at.get("html") if "geo-notices" in h.proto.body]
    assert "&lt;img src=x onerror=alert(1)&gt;" in notice and "<img" not in notice


def test_a_search_that_finds_nothing_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch, q=["no such words anywhere"])
    assert counts(at) == (0, 0)
    assert "Nothing matches" in at.info[0].value


def test_reset_clears_the_filters_but_keeps_the_place(bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run(monkeypatch, voice=["russia"], q=["crossing"], place=["al-habit-crossing"])
    [reset] = [b for b in at.button if b.label == "Reset filters"]
    reset.click().run()
    assert query_of(at) == {"place": ["al-habit-crossing"]}
    assert counts(at) == expected(bundled_atlas, None)


def test_the_panel_sets_the_two_sides_claims_side_by_side(
    bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run(monkeypatch, place=["al-habit-crossing"])
    bodies = [h.proto.body for h in at.main.get("html")]
    assert any("Contested." in b for b in bodies)
    government = next(i for i, b in enumerate(bodies) if "geo-side-heading geo-side-government" in b)
    opposition = next(i for i, b in enumerate(bodies) if "geo-side-heading geo-side-opposition" in b)
    assert government < opposition
    excerpts = select(bundled_atlas).excerpts_at("al-habit-crossing")
    quoted = [b for b in bodies if b.startswith('<div class="geo-excerpt">')]
    assert len(quoted) == len(excerpts)
    assert len([b for b in at.button if b.label == "Read in context"]) == len(excerpts)


def test_read_in_context_shows_the_article_with_the_passage_marked(
    bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = run(monkeypatch, place=["latamnah"])
    excerpt = select(bundled_atlas).excerpts_at("latamnah")[0]
    [button] = [b for b in at.button if b.key == f"context-{excerpt.id}"]
    button.click().run()
    [dialog] = at.get("dialog")
    [context] = [h.proto.body for h in at.get("html") if "geo-context" in h.proto.body]
    marked = " ".join(re.findall(r"<mark>(.*?)</mark>", context.split("<details")[0], flags=re.S))
    assert normalise(html.unescape(marked)) == normalise(excerpt.text)
    assert "The National" in context and "not known" in context, "the source card says what is unknown"


def test_a_spoiled_folder_shows_an_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text("{broken", encoding="utf-8")
    at = run(monkeypatch, data=root)
    assert not at.exception
    [error] = at.error
    assert "1 problem(s)" in error.value
    [listing] = at.code
    # Named within the data folder: a visitor is not shown where the folder is on the server.
    assert listing.value.startswith("places.geojson (line 1, column 2): broken JSON")
    assert str(root) not in listing.value
    assert not at.metric, "nothing else is drawn from a folder that did not load"


def test_source_details_are_escaped_html_not_markdown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    at = run(monkeypatch, data=write_xss_folder(tmp_path))
    assert not at.exception
    [sources] = at.sidebar.get("html")
    assert "&lt;img src=x onerror=" in sources.proto.body
    assert not at.sidebar.markdown, "no data text goes through Markdown"
    assert not [c.value for c in at.sidebar.caption if "xss" in c.value or "onerror" in c.value]


@pytest.mark.parametrize("chosen", [[NATIONAL], [MONITOR, NATIONAL]])
def test_downloads_are_offered_for_the_view(
    bundled_atlas: Atlas, monkeypatch: pytest.MonkeyPatch, chosen: list[str]
) -> None:
    at = run(monkeypatch, source=chosen)
    downloads = [b.proto.label for b in at.sidebar.get("download_button") if "download-" in b.proto.id]
    assert downloads == ["GeoJSON", "CSV", "KML"]
    assert counts(at) == expected(bundled_atlas, chosen), "the buttons sit beside the counts of the same selection"


@pytest.mark.parametrize("large", [False, True], ids=["bundled", "large"])
def test_the_first_run_leaves_all_but_the_map_to_the_next(
    bundled_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, large: bool
) -> None:
    # Drawn beside the map, the sidebar, timeline and table held it up; the map, once drawn,
    # asks for the next run.
    folder = tmp_path / "data" if large else bundled_data
    if large:
        write_corpus(folder, DENSE_FROM, seed=3)
    at = run(monkeypatch, folder, drawn=False, voice=["civilian"])
    assert not at.exception and not at.error
    assert at.get("component_instance"), "the map itself is on the first run"
    assert not at.get("vega_lite_chart") and not at.dataframe
    assert not at.multiselect and not at.text_input and not at.metric
    assert [c.value for c in at.caption].count("Shown once the map has drawn its places.") == 2
    assert "The filters appear once the map has drawn its places." in [c.value for c in at.sidebar.caption]
    at.run()
    assert not at.exception and not at.error
    assert at.dataframe[0].value.shape[0] > 0
    assert at.get("vega_lite_chart") or "No excerpt in view gives a date." in [c.value for c in at.caption]
    # The link's filter, read on the first run, holds on the second, where its widget is drawn.
    assert at.multiselect(key="voice").value == ["civilian"]
    view = select(load_atlas(folder), voices={Voice.CIVILIAN})
    assert counts(at) == (len(view.places), len(view.excerpts))
    assert not [c for c in at.caption if "once the map has drawn" in c.value]
