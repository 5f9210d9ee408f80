"""The pop-up route: the place a request names, under its filters, escaped, with clear refusals."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest
from starlette.requests import Request

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.viewstate import ViewState, selection, to_query
from geo.map.dense import quantised
from geo.render.popup import POPUP_PAGE, popup_html
from geo.web.cache import filters_of
from geo.web.routes import MOST_QUERY_VALUES, POPUP_PATH, place_popup, popup_for, popup_url, query_values, routes
from tests.support.datafolder import XSS_NAME, XSS_TEXT, source, write_folder, write_xss_folder


def view_of(atlas: Atlas):  # type: ignore[no-untyped-def]
    return lambda state: selection(atlas, state)


def busiest_place(atlas: Atlas) -> str:
    """The place with excerpts from the most sources, so a source filter changes its pop-up."""
    return max(atlas.places, key=lambda pid: len({e.source for e in atlas.by_place.get(pid, ())}))


def test_a_place_named_by_id_gets_the_pop_up_the_map_would_build(bundled_atlas: Atlas) -> None:
    place_id = busiest_place(bundled_atlas)
    found, html = popup_for(bundled_atlas, {"place": [place_id]}, view_of(bundled_atlas))
    place = bundled_atlas.places[place_id]
    assert found == place_id
    assert html == popup_html(place, select(bundled_atlas).excerpts_at(place_id), bundled_atlas.sources)


def test_the_filters_in_the_request_narrow_the_pop_up(bundled_atlas: Atlas) -> None:
    place_id = busiest_place(bundled_atlas)
    sources = sorted({e.source for e in bundled_atlas.by_place[place_id]})
    assert len(sources) > 1, "the busiest place should be told of by more than one source"
    _, everything = popup_for(bundled_atlas, {"place": [place_id]}, view_of(bundled_atlas))
    _, one_source = popup_for(bundled_atlas, {"place": [place_id], "source": [sources[0]]}, view_of(bundled_atlas))
    narrowed = select(bundled_atlas, sources={sources[0]}).excerpts_at(place_id)
    assert one_source == popup_html(bundled_atlas.places[place_id], narrowed, bundled_atlas.sources)
    assert one_source != everything


def test_a_clicked_point_finds_the_place_drawn_there(bundled_atlas: Atlas) -> None:
    for place in bundled_atlas.places.values():
        lat, lon = quantised(place.lat, place.lon)
        found, _ = popup_for(bundled_atlas, {"lat": [str(lat)], "lon": [str(lon)]}, view_of(bundled_atlas))
        # Places may share a point; the one found is then one of them, at that very point.
        assert quantised(bundled_atlas.places[found].lat, bundled_atlas.places[found].lon) == (lat, lon)


@pytest.mark.parametrize(
    ("params", "fault"),
    [
        ({"place": ["no-such-place"]}, "not in the data"),
        ({"lat": ["35.5"], "lon": ["3660000"]}, "lat must be one whole number"),
        ({"lat": ["3550000"]}, "lon must be one whole number"),
        ({"lat": ["1", "2"], "lon": ["3660000"]}, "lat must be one whole number"),
        ({"lat": ["9" * 40], "lon": ["3660000"]}, "lat must be one whole number"),
        ({"place": ["x"], "colour": ["red"]}, "colour"),
        ({"source": ["nowhere"], "lat": ["3550000"], "lon": ["3660000"]}, "nowhere"),
        ({"place": ["x"], "lat": ["3550000"], "lon": ["3660000"]}, "not both"),
        ({"place": ["al-habit-crossing"], "page": ["2"]}, "page must be a whole number from 1 to 1"),
        ({"place": ["al-habit-crossing"], "page": ["0"]}, "page must be"),
        ({"place": ["al-habit-crossing"], "page": ["-3"]}, "page must be"),
        ({"place": ["al-habit-crossing"], "page": ["two"]}, "page must be one whole number"),
        ({"place": ["al-habit-crossing"], "page": ["1", "2"]}, "page must be one whole number"),
    ],
)
def test_a_malformed_request_is_refused_with_its_fault(
    bundled_atlas: Atlas, params: dict[str, list[str]], fault: str
) -> None:
    with pytest.raises(ValueError, match=fault):
        popup_for(bundled_atlas, params, view_of(bundled_atlas))


def test_a_point_with_no_place_is_not_found(bundled_atlas: Atlas) -> None:
    with pytest.raises(LookupError):
        popup_for(bundled_atlas, {"lat": ["0"], "lon": ["0"]}, view_of(bundled_atlas))


def request(query: dict[str, str]) -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": POPUP_PATH, "headers": [], "query_string": urlencode(query).encode()}
    )


def test_the_route_answers_with_escaped_html_and_the_place_id(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(write_xss_folder(tmp_path / "data")))
    response = place_popup(request({"place": "alpha"}))
    body = bytes(response.body).decode()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["x-place"] == "alpha"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    # The data's markup arrives as text, never as tags the browser would run.
    assert "Shelling" in body and "Alpha" in body
    for payload in (XSS_TEXT, XSS_NAME, "<script", "<img"):
        assert payload not in body


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"place": "alpha", "lat": "x"}, 400),
        ({"lat": "0", "lon": "0"}, 404),
        ({"place": "nope"}, 400),
        ({"place": "alpha", "page": "2"}, 400),
        ({"place": "alpha", "page": ""}, 400),
    ],
)
def test_the_route_refuses_with_a_status_and_a_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, query: dict[str, str], status: int
) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(write_folder(tmp_path / "data")))
    response = place_popup(request(query))
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert bytes(response.body).decode().split(":")[0] in {"Bad request", "Not found"}


def test_a_spoiled_folder_is_a_service_error_not_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = write_folder(tmp_path / "data")
    (root / "places.geojson").write_text("{broken", encoding="utf-8")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    response = place_popup(request({"place": "alpha"}))
    assert response.status_code == 503
    assert "cannot be loaded" in bytes(response.body).decode()
    assert (root / "places.geojson").read_text(encoding="utf-8") == "{broken"


@pytest.mark.parametrize(
    ("base", "path"),
    [("", "/api/popup"), ("/", "/api/popup"), ("atlas", "/atlas/api/popup"), ("/a/b/", "/a/b/api/popup")],
)
def test_the_route_sits_under_the_base_url_path(base: str, path: str) -> None:
    assert popup_url(base) == path
    [route] = routes(base)
    assert route.path == path


def test_the_view_a_request_asks_for_is_the_pages_own(bundled_atlas: Atlas) -> None:
    # The route's views are cached by the same filters the page caches its views by.
    asked: list[ViewState] = []

    def remember(state: ViewState):  # type: ignore[no-untyped-def]
        asked.append(state)
        return selection(bundled_atlas, state)

    popup_for(bundled_atlas, {"place": [busiest_place(bundled_atlas)], "voice": ["civilian"]}, remember)
    [state] = asked
    assert state.place is None and state.movements
    assert state.voices == ("civilian",)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(voices=("civilian", "journalist"), text="Khan & Sheikhoun + خان"),  # type: ignore[arg-type]
        ViewState(start=date(2019, 4, 1), end=date(2019, 8, 31), kinds=("testimony",), place_kinds=("town",)),  # type: ignore[arg-type]
    ],
)
def test_the_query_a_map_sends_gives_the_route_the_pages_view(bundled_atlas: Atlas, state: ViewState) -> None:
    # The map sends the page's filters as a link gives them; read back, they must be the very
    # filters the page cached its view by, or the route would work the view out again.
    state = replace(state, sources=(next(iter(bundled_atlas.sources)),))
    asked: list[ViewState] = []

    def remember(seen: ViewState):  # type: ignore[no-untyped-def]
        asked.append(seen)
        return selection(bundled_atlas, seen)

    query = parse_qs(urlencode(to_query(filters_of(state)), doseq=True), keep_blank_values=True)
    popup_for(bundled_atlas, {**query, "place": [busiest_place(bundled_atlas)]}, remember)
    assert asked == [filters_of(state)]
    assert hash(asked[0]) == hash(filters_of(state))


@pytest.mark.parametrize(
    ("query", "fault"),
    [
        ("&".join(f"k{i}=v" for i in range(20_000)), "longer than"),
        ("&".join(f"k{i}=" for i in range(MOST_QUERY_VALUES + 1)), "more than"),
    ],
)
def test_a_flood_of_query_values_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, query: str, fault: str
) -> None:
    # Each key once cost a scan of every value: 10,000 keys took seconds, 20,000 four times as long.
    monkeypatch.setenv("GEO_DATA_DIR", str(write_folder(tmp_path / "data")))
    scope = {"type": "http", "method": "GET", "path": POPUP_PATH, "headers": [], "query_string": query.encode()}
    response = place_popup(Request(scope))
    assert response.status_code == 400
    assert fault in bytes(response.body).decode()


def test_query_values_keep_every_value_of_a_key_in_order() -> None:
    assert query_values("voice=russia&place=alpha&voice=ngo&q=") == {
        "voice": ["russia", "ngo"],
        "place": ["alpha"],
        "q": [""],
    }


def busy_folder(root: Path, count: int) -> Path:
    """A data folder whose Alpha has `count` excerpts, numbered in their text."""
    lines = [f"Shelling number {i} hit Alpha town." for i in range(count)]
    excerpts = [
        {"id": f"shelling-{i}", "places": ["alpha"], "kind": "report", "voice": "journalist", "text": line}
        for i, line in enumerate(lines)
    ]
    article = "Town under fire\n\n" + "\n\n".join(lines) + "\n"
    return write_folder(root, sources={"test-source": (source(excerpts=excerpts), article)})


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"place": "alpha"}, range(0, POPUP_PAGE)),
        ({"place": "alpha", "page": "1"}, range(0, POPUP_PAGE)),
        ({"place": "alpha", "page": "2"}, range(POPUP_PAGE, POPUP_PAGE + 5)),
        ({"lat": "3560000", "lon": "3660000", "page": "2"}, range(POPUP_PAGE, POPUP_PAGE + 5)),
    ],
    ids=["first", "page-1", "page-2", "point-page-2"],
)
def test_the_route_answers_the_page_it_is_asked_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, query: dict[str, str], shown: range
) -> None:
    monkeypatch.setenv("GEO_DATA_DIR", str(busy_folder(tmp_path / "data", POPUP_PAGE + 5)))
    response = place_popup(request(query))
    body = bytes(response.body).decode()
    assert response.status_code == 200 and response.headers["x-place"] == "alpha"
    assert [int(n) for n in re.findall(r"Shelling number (\d+) hit", body)] == list(shown)
    assert f"of {POPUP_PAGE + 5}" in body
