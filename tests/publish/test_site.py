"""The published site's files: what FORMAT.md lists, parsed, counted and checked against the data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.provenance import normalise
from geo.core.records import Voice
from geo.core.sides import SIDES
from geo.core.viewstate import ViewState
from geo.map.dense import pack_points
from geo.publish.payload import CHUNK
from geo.publish.site import site_zip
from geo.publish.tiles import Tiles
from tests.publish.sites import TITLE, claims, files, publish_to, read_json

LISTED = (
    "index.html",
    "sources.html",
    "assets/leaflet/leaflet.js",
    "assets/leaflet/leaflet.css",
    "assets/popup.css",
    "assets/dense.js",
    "data/site.json",
    "data/points.bin",
    "data/places.json",
    "data/outlines.json",
    "data/journeys.json",
    "data/claims/0000.json",
    "data/excerpts.json",
    "data/search/index.json",
    "data/spellings/index.json",
    "assets/journeys.js",
    "articles/al-monitor-2020-01-idlib-crossings.txt",
    "articles/the-national-2019-05-idlib-residents.txt",
    "downloads/places.geojson",
    "downloads/excerpts.csv",
    "downloads/places.kml",
)


@pytest.fixture(scope="module")
def site(bundled_atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data published whole."""
    out = tmp_path_factory.mktemp("site") / "site"
    publish_to(bundled_atlas, out)
    return out


def test_every_listed_file_is_written_and_parses(site: Path) -> None:
    written = files(site)
    assert set(LISTED) <= set(written)
    for path, data in written.items():
        if path.endswith(".json") or path.endswith(".geojson"):
            read_json(site, path)
        if path.endswith((".html", ".json", ".txt", ".css", ".js", ".csv", ".kml")):
            data.decode("utf-8")


def test_site_json_counts_the_view(site: Path, bundled_atlas: Atlas) -> None:
    document = read_json(site, "data/site.json")
    assert document["format"] == 1
    assert document["title"] == TITLE
    assert document["counts"] == {"places": 17, "excerpts": len(bundled_atlas.excerpts), "sources": 2}
    assert document["dense"] is False
    assert document["chunk"] == CHUNK
    assert [s["id"] for s in document["sources"]] == list(bundled_atlas.sources)
    assert document["view"] == {
        "source": [],
        "voice": [],
        "kind": [],
        "place_kind": [],
        "from": None,
        "to": None,
        "q": "",
        "countries": False,
    }
    assert document["countries"] is None  # the bundled data names no country
    (south, west), (north, east) = document["bounds"]
    assert all(south <= p.lat <= north and west <= p.lon <= east for p in bundled_atlas.places.values())


def test_points_are_packed_as_the_app_packs_them(site: Path, bundled_atlas: Atlas) -> None:
    places = select(bundled_atlas).places
    assert (site / "data" / "points.bin").read_bytes() == pack_points(places)
    assert read_json(site, "data/places.json")["id"] == [p.id for p in places]


def test_claims_hold_each_place_s_excerpts_and_where_they_stand(site: Path, bundled_atlas: Atlas) -> None:
    everything = select(bundled_atlas)
    numbers = {e.id: n for n, e in enumerate(everything.excerpts)}
    places, excerpts = claims(site)
    assert [places[n]["id"] for n in sorted(places)] == [p.id for p in everything.places]
    for number, place in enumerate(everything.places):
        held = everything.excerpts_at(place.id)
        assert places[number]["excerpts"] == [numbers[e.id] for e in held]
    for excerpt in everything.excerpts:
        claim = excerpts[numbers[excerpt.id]]
        start, end = claim["span"]
        assert normalise(bundled_atlas.articles[excerpt.source][start:end]) == normalise(excerpt.text)
        assert claim["voice"] == excerpt.voice.value
        assert claim["side"] == SIDES[excerpt.voice].value


def test_a_contested_place_says_so(site: Path) -> None:
    places, _ = claims(site)
    contested = [p for p in places.values() if p["contested"]]
    assert contested
    assert all("geo-contested-note" in p["heading"] for p in contested)
    assert not any("geo-contested-note" in p["heading"] for p in places.values() if not p["contested"])


def test_a_view_holds_its_places_and_excerpts_alone(bundled_atlas: Atlas, tmp_path: Path) -> None:
    view = ViewState(voices=(Voice.RUSSIA,))
    report = publish_to(bundled_atlas, tmp_path / "site", view=view)
    chosen = select(bundled_atlas, voices=(Voice.RUSSIA,))
    document = read_json(tmp_path / "site", "data/site.json")
    assert document["counts"]["excerpts"] == len(chosen.excerpts) == report.excerpts
    assert document["view"]["voice"] == ["russia"]
    assert read_json(tmp_path / "site", "data/places.json")["id"] == [p.id for p in chosen.places]
    assert len(read_json(tmp_path / "site", "data/excerpts.json")["voice"]) == len(chosen.excerpts)


def test_the_same_data_gives_the_same_bytes(bundled_atlas: Atlas, tmp_path: Path) -> None:
    publish_to(bundled_atlas, tmp_path / "one")
    publish_to(bundled_atlas, tmp_path / "two")
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_the_zip_is_the_site_and_the_same_every_time(site: Path, bundled_atlas: Atlas) -> None:
    made = site_zip(bundled_atlas, ViewState(), TITLE, Tiles())
    assert made == site_zip(bundled_atlas, ViewState(), TITLE, Tiles())
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == files(site)


def test_excerpt_columns_cover_the_event_date_s_days(site: Path, bundled_atlas: Atlas) -> None:
    columns = read_json(site, "data/excerpts.json")
    everything = select(bundled_atlas).excerpts
    for number, excerpt in enumerate(everything):
        if excerpt.event_date is None:
            assert columns["start"][number] is None and columns["end"][number] is None
        else:
            assert columns["start"][number] <= columns["end"][number]
            assert columns["start"][number].startswith(excerpt.event_date[:7])
