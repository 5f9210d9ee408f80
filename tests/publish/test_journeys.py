"""The site's journeys: the app's movements in view, for any view the page's filters make, whole or per place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import geo.publish.payload as payload
from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.records import PlaceKind, Voice
from geo.core.viewstate import ViewState
from geo.map.journeys import journeys
from tests.publish.sites import claims, publish_to, read_json

# A journey as the app draws it: its ends' ids and who goes, in order.
Drawn = tuple[str, str | None, tuple[str, ...]]

# Filters a reader may set on the page, by ViewState field: each leaves some journeys, or none.
VIEWS: tuple[dict[str, Any], ...] = (
    {},
    *({"voices": [voice]} for voice in Voice),
    {"text": "corridors"},
    {"text": "Latamnah"},
    {"text": "idleb"},
    {"place_kinds": [PlaceKind.REGION]},
    {"place_kinds": [PlaceKind.CITY, PlaceKind.TOWN]},
    {"start": date(2019, 5, 1), "end": date(2019, 5, 31)},
)


@pytest.fixture(scope="module")
def site(bundled_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data published whole."""
    out = tmp_path_factory.mktemp("journeys") / "site"
    publish_to(bundled_atlas, out)
    return out


def in_app(selection: Selection) -> list[Drawn]:
    """The journeys the app draws for a selection."""
    return [(j.origin.id, j.destination.id if j.destination else None, tuple(j.who)) for j in journeys(selection)]


def on_page(
    site: Path, written: list[dict[str, Any]], view: Selection, published: Selection | None = None
) -> list[Drawn]:
    """The journeys the page draws, as FORMAT.md tells it: one excerpt telling it in view, both ends shown."""
    ids: list[str] = read_json(site, "data/places.json")["id"]
    # The site numbers the excerpts it holds: those of the view it was published with.
    held = (published or select(view.atlas)).excerpts
    kept = {n for n, e in enumerate(held) if e in set(view.excerpts)}
    shown = {p.id for p in view.places}
    drawn = []
    for journey in written:
        told = [who for number, who in journey["told"] if number in kept]
        origin, destination = ids[journey["from"]], None if journey["to"] is None else ids[journey["to"]]
        if told and origin in shown and (destination is None or destination in shown):
            drawn.append((origin, destination, tuple(dict.fromkeys(told))))
    return drawn


def test_every_journey_the_app_draws_is_written(site: Path, bundled_atlas: Atlas) -> None:
    written = read_json(site, "data/journeys.json")["journeys"]
    assert on_page(site, written, select(bundled_atlas)) == in_app(select(bundled_atlas))
    assert any(j["to"] is None for j in written) and any(j["to"] is not None for j in written)


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: ",".join(f"{k}={v}" for k, v in view.items()) or "all")
def test_the_page_shows_the_journeys_in_view(site: Path, bundled_atlas: Atlas, view: dict[str, Any]) -> None:
    written = read_json(site, "data/journeys.json")["journeys"]
    selection = select(bundled_atlas, **view)
    assert on_page(site, written, selection) == in_app(selection)


@pytest.mark.parametrize("view", VIEWS[:4], ids=lambda view: ",".join(f"{k}={v}" for k, v in view.items()) or "all")
def test_a_place_s_claims_hold_its_journeys_as_a_large_map_draws_them(
    site: Path, bundled_atlas: Atlas, view: dict[str, Any]
) -> None:
    places, _ = claims(site)
    selection = select(bundled_atlas, **view)
    for place in places.values():
        # The app's large map: the journeys told by the open place's excerpts in view.
        told_here = replace(selection, excerpts=selection.excerpts_at(place["id"]))
        assert on_page(site, place["journeys"], selection) == in_app(told_here), place["id"]


def test_a_large_map_has_no_file_of_every_journey(
    bundled_atlas: Atlas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(payload, "DENSE_FROM", 5)
    publish_to(bundled_atlas, tmp_path / "site")
    assert read_json(tmp_path / "site", "data/site.json")["dense"] is True
    assert not (tmp_path / "site" / "data" / "journeys.json").exists()
    places, _ = claims(tmp_path / "site")
    assert any(place["journeys"] for place in places.values())


def test_a_journey_with_an_end_out_of_the_site_is_not_written(bundled_atlas: Atlas, tmp_path: Path) -> None:
    # A published view of the regions alone: Latamnah and Maarat al-Numan are not in the site.
    publish_to(bundled_atlas, tmp_path / "site", ViewState(place_kinds=(PlaceKind.REGION,)))
    ids = read_json(tmp_path / "site", "data/places.json")["id"]
    written = read_json(tmp_path / "site", "data/journeys.json")["journeys"]
    assert written
    assert all(j["from"] < len(ids) and (j["to"] is None or j["to"] < len(ids)) for j in written)
    regions = select(bundled_atlas, place_kinds=[PlaceKind.REGION])
    assert on_page(tmp_path / "site", written, regions, regions) == in_app(regions)
    assert len(in_app(regions)) < len(in_app(select(bundled_atlas)))
