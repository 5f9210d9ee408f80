"""Countries on the published site: held as data whatever the view, hidden unless asked for, as the app hides them.

The page's own filter code runs in node on a published site's files, reading each view from a
link as the page does; the places and excerpts it keeps must be those geo.core.filters.select
keeps for the same link, and the link it writes back the app's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from geo.core.atlas import Atlas
from geo.core.viewstate import ViewState, parse_query, selection, to_query
from geo.data.load import load_atlas
from tests.publish.nodejs import on_site
from tests.publish.sites import publish_to, read_json
from tests.support.countries import AT_THE_TOWN, COUNTRIES_ALONE, write_countries_folder

# Links a reader may open or make on the page, each with and without the countries: every
# filter that narrows the excerpts or the places beside the switch.
LINKS = (
    "",
    "voice=government",
    "voice=journalist",
    "kind=report",
    "place_kind=country",
    "place_kind=town",
    "place_kind=town&place_kind=country",
    "q=turkey",
    "q=sochi",
    "q=alpha",
    "from=2020-01-01",
)

# For each link of a list, the view the page reads from it, the link it writes back, and the places
# and excerpts it keeps (null for all of them).
VIEWS = """
// The places' kinds, as site.js reads them from points.bin: a byte a place after the points.
site.loadPlaces = () => {
    const bytes = fs.readFileSync(path.join(root, "data/points.bin")), n = site.info.counts.places;
    site.places = {count: n, kind: Uint8Array.from(bytes.subarray(8 * n, 9 * n))};
    return Promise.resolve(site.places);
};
const numbers = (mask) => mask ? Array.from(mask.keys()).filter((n) => mask[n] === 1) : null;
async function answer(links) {
    const out = [];
    for (const link of links) {
        const read = site.readHash("#" + link), view = await site.select(read.state);
        out.push({countries: read.state.countries, notices: read.notices, hash: site.hashOf(read.state),
            places: view && numbers(view.places), excerpts: view && numbers(view.excerpts),
            counts: view ? view.counts : {places: site.info.counts.places, excerpts: site.info.counts.excerpts}});
    }
    return out;
}
"""


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(write_countries_folder(tmp_path_factory.mktemp("countries") / "data"))


@pytest.fixture(scope="module")
def hidden_site(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site published with countries hidden, as a view opens by default."""
    out = tmp_path_factory.mktemp("hidden") / "site"
    publish_to(atlas, out, ViewState())
    return out


@pytest.fixture(scope="module")
def shown_site(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site published with countries shown."""
    out = tmp_path_factory.mktemp("shown") / "site"
    publish_to(atlas, out, ViewState(countries=True))
    return out


def sites(hidden_site: Path, shown_site: Path) -> dict[bool, Path]:
    """The two sites by whether they were published with countries shown."""
    return {False: hidden_site, True: shown_site}


def in_node(site: Path, links: list[str]) -> list[dict[str, Any]]:
    """What the page's own code makes of each link, run in node on the site's files."""
    result: list[dict[str, Any]] = on_site(site, VIEWS, links)
    return result


def in_app(atlas: Atlas, site: Path, link: str) -> tuple[list[int], list[int]]:
    """The places and excerpts the app keeps for a link, by their numbers in the site."""
    state, notices = parse_query(_query(link), atlas)
    assert notices == []
    kept = selection(atlas, state)
    place_numbers = {pid: n for n, pid in enumerate(read_json(site, "data/places.json")["id"])}
    every = selection(atlas, ViewState(countries=True)).excerpts
    excerpt_numbers = {e.id: n for n, e in enumerate(every)}
    return sorted(place_numbers[p.id] for p in kept.places), sorted(excerpt_numbers[e.id] for e in kept.excerpts)


def _query(link: str) -> dict[str, list[str]]:
    """A link's values by key, as the page reads its fragment."""
    query: dict[str, list[str]] = {}
    for pair in filter(None, link.split("&")):
        key, _, value = pair.partition("=")
        query.setdefault(key, []).append(value)
    return query


@pytest.mark.parametrize("shown", [False, True], ids=["published-hidden", "published-shown"])
def test_the_site_holds_the_countries_whatever_the_view(
    hidden_site: Path, shown_site: Path, atlas: Atlas, shown: bool
) -> None:
    site = sites(hidden_site, shown_site)[shown]
    ids: list[str] = read_json(site, "data/places.json")["id"]
    assert ids == ["alpha", "beta-crossing", "turkey", "russia"]
    document = read_json(site, "data/site.json")
    assert document["view"]["countries"] is shown
    excerpts = [e.id for e in selection(atlas, ViewState(countries=True)).excerpts]
    assert document["countries"] == {
        "places": [ids.index("turkey"), ids.index("russia")],
        "excerpts": [excerpts.index(COUNTRIES_ALONE)],
    }
    assert AT_THE_TOWN in excerpts  # at Alpha, and counted there, whether or not countries are shown
    assert document["counts"]["places"] == 4 and document["counts"]["excerpts"] == len(excerpts)
    # Never framed: the map opens on the towns, as the app's does.
    assert document["bounds"] == [[35.6, 36.6], [35.8, 36.9]]


@pytest.mark.parametrize("shown", [False, True], ids=["published-hidden", "published-shown"])
def test_the_page_keeps_what_the_app_keeps_for_every_link(
    hidden_site: Path, shown_site: Path, atlas: Atlas, shown: bool
) -> None:
    site = sites(hidden_site, shown_site)[shown]
    links = [f"{link}{'&' if link else ''}countries={switch}" for link in LINKS for switch in ("on", "off")]
    for link, page in zip(links, in_node(site, links), strict=True):
        places, excerpts = in_app(atlas, site, link)
        assert page["notices"] == [], link
        assert page["countries"] is link.endswith("=on"), link
        if page["places"] is None:  # nothing filtered: every place and excerpt of the site
            page["places"] = list(range(read_json(site, "data/site.json")["counts"]["places"]))
            page["excerpts"] = list(range(read_json(site, "data/site.json")["counts"]["excerpts"]))
        assert (page["places"], page["excerpts"]) == (places, excerpts), link
        assert page["counts"] == {"places": len(places), "excerpts": len(excerpts)}, link


@pytest.mark.parametrize(
    ("shown", "link", "countries"),
    [
        (False, "", False),
        (True, "", True),
        (False, "voice=government", False),
        (True, "voice=government", True),
    ],
)
def test_a_link_without_the_switch_starts_where_the_site_was_published(
    hidden_site: Path, shown_site: Path, atlas: Atlas, shown: bool, link: str, countries: bool
) -> None:
    site = sites(hidden_site, shown_site)[shown]
    (page,) = in_node(site, [link])
    assert page["countries"] is countries
    assert page["hash"] == (f"#{link}" if link else "")
    places, excerpts = in_app(atlas, site, f"{link}&countries={'on' if countries else 'off'}")
    assert page["counts"] == {"places": len(places), "excerpts": len(excerpts)}


@pytest.mark.parametrize("shown", [False, True], ids=["published-hidden", "published-shown"])
def test_the_link_says_the_switch_only_when_the_reader_changed_it(
    hidden_site: Path, shown_site: Path, atlas: Atlas, shown: bool
) -> None:
    site = sites(hidden_site, shown_site)[shown]
    on, off = in_node(site, ["voice=government&countries=on", "voice=government&countries=off"])
    # Written as the app writes it where the site starts as the app does (hidden); else only the change.
    changed, kept = (off, on) if shown else (on, off)
    assert kept["hash"] == "#voice=government"
    assert changed["hash"] == "#voice=government&countries=" + ("off" if shown else "on")
    if not shown:
        state, _ = parse_query({"voice": ["government"], "countries": ["on"]}, atlas)
        assert changed["hash"] == "#" + urlencode(to_query(state), doseq=True)


def test_a_switch_neither_on_nor_off_is_noted_and_left(hidden_site: Path) -> None:
    (page,) = in_node(hidden_site, ["countries=maybe"])
    assert page["notices"] == ["countries='maybe' is neither on nor off"]
    assert page["countries"] is False


def test_a_site_without_countries_offers_no_switch_and_ignores_the_link(tmp_path: Path, bundled_atlas: Atlas) -> None:
    publish_to(bundled_atlas, tmp_path / "site")
    assert read_json(tmp_path / "site", "data/site.json")["countries"] is None
    (page,) = in_node(tmp_path / "site", ["countries=on"])
    # As the app's link where the data holds no country: no notice, and nothing hidden.
    assert page["notices"] == [] and page["countries"] is False and page["places"] is None
    assert page["hash"] == ""
