"""The folium map: local assets only, a marker per place, a view that frames the places."""

import math
import re
from pathlib import Path

import folium
import pytest

from geo.core.atlas import Atlas, Selection, place_at
from geo.core.filters import select
from geo.core.records import Excerpt, ExcerptKind, Movement, PlaceKind, Voice
from geo.core.sides import SIDE_LABELS
from geo.data.load import load_atlas
from geo.map.assets import ASSET_FOLDERS, local_assets
from geo.map.build import build_map
from geo.map.framing import initial_view
from geo.map.journeys import journeys, movements_layer, screen_angle
from geo.map.legend import LEGEND_FOLD_BELOW_PX, legend_html
from geo.map.markers import places_layer
from geo.map.projection import mercator_y
from geo.map.scripts import ScriptCall, js_value
from geo.map.symbols import JOURNEY_COLOUR, MARKER_STYLES, marker_svg
from geo.render.popup import JOURNEY_PARTIES_SHOWN, JOURNEY_STORIES_SHOWN, escape
from tests.support.datafolder import ARTICLE, XSS_NAME, XSS_TEXT, XSS_WHO, place, source, write_folder, write_xss_folder

ASSETS = local_assets({name: f"/served/{name}" for name in ASSET_FOLDERS})
AL_MONITOR = "al-monitor-2020-01-idlib-crossings"
THE_NATIONAL = "the-national-2019-05-idlib-residents"


def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def markers(layer: folium.FeatureGroup) -> list[folium.Marker]:
    # folium.Circle is a Marker too; only the true markers are wanted.
    return [c for c in layer._children.values() if type(c) is folium.Marker]


def icon_of(marker: folium.Marker) -> folium.DivIcon:
    return next(c for c in marker._children.values() if isinstance(c, folium.DivIcon))


def classes(marker: folium.Marker) -> list[str]:
    return icon_of(marker).options["class_name"].split()


def place_marker(layer: folium.FeatureGroup, place_id: str) -> folium.Marker:
    (found,) = [m for m in markers(layer) if f"geo-place-{place_id}" in classes(m)]
    return found


def tooltip_text(element) -> str:
    return next(c for c in element._children.values() if isinstance(c, folium.Tooltip)).text


def popup_text(element) -> str:
    popup = next(c for c in element._children.values() if isinstance(c, folium.Popup))
    return "".join(html.data for html in popup.html._children.values())


def journey_marks(layer: folium.FeatureGroup) -> list[dict]:
    """What the movements layer's one script call draws: an entry a journey."""
    (call,) = [c for c in layer._children.values() if isinstance(c, ScriptCall) and c.function == "drawJourneys"]
    colour, marks = call.arguments
    assert colour == JOURNEY_COLOUR
    return marks


def casings(layer: folium.FeatureGroup) -> dict[str, dict]:
    """Each journey drawn as an arrow, by its 'origin--destination' key."""
    return {mark["key"]: mark for mark in journey_marks(layer) if "to" in mark}


def departures(layer: folium.FeatureGroup) -> list[dict]:
    """Each departure mark: people leaving a place for somewhere not stated."""
    return [mark for mark in journey_marks(layer) if "at" in mark]


def normalised(fmap: folium.Map) -> str:
    """The rendered map with folium's random element names made equal."""
    return re.sub(r"_[0-9a-f]{32}(?![0-9a-f])", "_ID", fmap.get_root().render())


@pytest.fixture(scope="module")
def selection(bundled_atlas: Atlas) -> Selection:
    return select(bundled_atlas)


@pytest.fixture(scope="module")
def layers(selection):
    return build_map(selection, ASSETS)[1]


def test_every_script_and_stylesheet_is_served_locally(selection) -> None:
    fmap, layers = build_map(selection, ASSETS)
    for layer in layers:
        layer.add_to(fmap)
    links = [
        url for element in walk(fmap) for attr in ("default_js", "default_css") for _, url in getattr(element, attr, [])
    ]
    assert links and all(url.startswith("/served/") for url in links)
    html = fmap.get_root().render()
    assert "cdn" not in html.lower() and "https://code.jquery" not in html


def test_asset_files_exist() -> None:
    found = 0
    for name, folder in ASSET_FOLDERS.items():
        for _, url in (*ASSETS.js, *ASSETS.css):
            if url.startswith(f"/served/{name}/"):
                # A query (the map's scripts carry their digest) is not part of the file's name.
                assert (folder / url.removeprefix(f"/served/{name}/").partition("?")[0]).is_file()
                found += 1
    assert found == len(ASSETS.js) + len(ASSETS.css)


def test_one_marker_per_place_with_its_kind(selection, layers) -> None:
    places = markers(layers[0])
    assert len(places) == len(selection.places)
    for marker, shown in zip(places, selection.places, strict=True):
        assert marker.location == [shown.lat, shown.lon]
        assert f"geo-place-{shown.id}" in classes(marker)
        assert f"geo-kind-{shown.kind.value}" in classes(marker)


def test_base_map_does_not_depend_on_the_selection(selection) -> None:
    atlas = selection.atlas
    one, _ = build_map(select(atlas, [THE_NATIONAL]), ASSETS)
    both, _ = build_map(selection, ASSETS)
    assert one.location == both.location
    assert one.options["zoom"] == both.options["zoom"]


@pytest.mark.parametrize(
    ("sources", "options"),
    [
        ([THE_NATIONAL], {}),
        (None, {"selected": "khan-sheikhoun"}),
        (None, {"selected": "al-habit-crossing", "movements": False}),
        ([AL_MONITOR], {"movements": False}),
    ],
)
def test_base_map_script_ignores_selection_selected_place_and_movements(selection, sources, options) -> None:
    # Any change to the base map's script would remount the map in the browser.
    plain, _ = build_map(selection, ASSETS)
    other, _ = build_map(select(selection.atlas, sources), ASSETS, **options)
    assert normalised(other) == normalised(plain)


def test_outlines_are_drawn_when_boundaries_exist(selection, tmp_path: Path) -> None:
    fmap, _ = build_map(selection, ASSETS)
    assert any(isinstance(c, folium.GeoJson) for c in fmap._children.values())
    bare, _ = build_map(select(load_atlas(write_folder(tmp_path))), ASSETS)
    assert not any(isinstance(c, folium.GeoJson) for c in bare._children.values())


def test_each_kind_has_its_own_look() -> None:
    assert set(MARKER_STYLES) == set(PlaceKind)
    assert len({marker_svg(kind) for kind in PlaceKind}) == len(PlaceKind)
    assert MARKER_STYLES[PlaceKind.CROSSING].shape != MARKER_STYLES[PlaceKind.TOWN].shape


class P:
    def __init__(self, lat: float, lon: float):
        self.lat, self.lon = lat, lon


@pytest.mark.parametrize(
    ("points", "centre", "zoom"),
    [
        ([P(35.0, 36.0), P(36.0, 37.0)], (35.5, 36.5), 9),
        ([P(35.44, 36.65)], (35.44, 36.65), 11),
        ([P(32.6, 36.1), P(36.2, 37.2)], (34.4, 36.65), 7),
        ([], (0.0, 0.0), 2),
    ],
)
def test_initial_view_frames_the_points(points, centre, zoom) -> None:
    (lat, lon), z = initial_view(points)
    assert (round(lat, 1), round(lon, 2)) == (round(centre[0], 1), round(centre[1], 2))
    assert z == zoom


def test_bundled_view_frames_idlib(selection) -> None:
    fmap, _ = build_map(selection, ASSETS)
    lat, lon = fmap.location
    assert 35.3 < lat < 36.3 and 35.9 < lon < 37.2, "centred on the Idlib area, not on Deraa"
    assert fmap.options["zoom"] >= 8


def test_marker_carries_its_label_side(layers) -> None:
    sides = [next(c for c in classes(m) if c.startswith("geo-label-")) for m in markers(layers[0])]
    assert set(sides) <= {"geo-label-right", "geo-label-left", "geo-label-below", "geo-label-above"}
    assert len(sides) == len(markers(layers[0]))
    assert set(sides) != {"geo-label-right"}, "the bundled map has crowded places"


def test_a_place_at_the_pole_does_not_break_the_map(tmp_path: Path) -> None:
    root = write_folder(
        tmp_path, places=[place("alpha", "Alpha", 36.6, -90.0), place("beta-crossing", "B", 36.9, 35.8)]
    )
    fmap, layers = build_map(select(load_atlas(root)), ASSETS)
    assert len(markers(layers[0])) == 2 and -90 < fmap.location[0] < 0


# Contested places: both the government side and the opposition side make claims.


@pytest.mark.parametrize(
    ("sources", "place_id", "contested"),
    [
        (None, "abu-al-duhur-crossing", True),
        (None, "al-habit-crossing", True),
        (None, "al-hadr-al-eis-crossing", True),
        (None, "idlib-province", True),
        (None, "abu-dafna", False),  # an opposition activist and the narration only
        (None, "khan-sheikhoun", False),  # civilians only
        (None, "khmeimim-air-base", False),  # Russia only
        ([AL_MONITOR], "al-habit-crossing", True),
        ([THE_NATIONAL], "kafr-nabudah", True),
        # The National quotes no one from the government side about the province.
        ([THE_NATIONAL], "idlib-province", False),
    ],
)
def test_contested_places_are_ringed_and_say_so(selection, sources, place_id, contested) -> None:
    layer = places_layer(select(selection.atlas, sources), zoom=9)
    marker = place_marker(layer, place_id)
    assert ("geo-contested" in classes(marker)) is contested
    assert ('class="geo-halo"' in icon_of(marker).options["html"]) is contested
    assert ("Contested" in tooltip_text(marker)) is contested


def test_contested_halo_is_black_and_white_and_dashed(layers) -> None:
    html = icon_of(place_marker(layers[0], "al-habit-crossing")).options["html"]
    halo = html[: html.index("</svg>")]
    assert 'stroke="#000"' in halo and 'stroke="#fff"' in halo and "stroke-dasharray" in halo


# The selected place.


def test_the_selected_place_is_ringed_and_drawn_on_top(selection) -> None:
    layer = places_layer(selection, zoom=9, selected="khan-sheikhoun")
    chosen = [m for m in markers(layer) if "geo-selected" in classes(m)]
    assert chosen == [place_marker(layer, "khan-sheikhoun")]
    assert "#FFD400" in icon_of(chosen[0]).options["html"]
    assert chosen[0].options["z_index_offset"] > 0


@pytest.mark.parametrize("selected", [None, "no-such-place", "deraa"])
def test_nothing_is_ringed_when_the_selected_place_is_not_in_view(selection, selected) -> None:
    in_view = select(selection.atlas, [AL_MONITOR])  # Deraa is only in The National
    layer = places_layer(in_view, zoom=9, selected=selected)
    assert not any("geo-selected" in classes(m) for m in markers(layer))


def test_build_map_passes_the_selected_place_on(selection) -> None:
    _, layers = build_map(selection, ASSETS, selected="al-habit-crossing")
    marker = place_marker(layers[0], "al-habit-crossing")
    assert {"geo-selected", "geo-contested"} <= set(classes(marker))


# Precision circles.


def test_a_dashed_circle_shows_the_precision_of_each_place_but_regions(selection, layers) -> None:
    circles = [c for c in layers[0]._children.values() if isinstance(c, folium.Circle)]
    points = [p for p in selection.places if p.kind is not PlaceKind.REGION]
    assert len(circles) == len(points) < len(selection.places)
    for circle, point in zip(circles, points, strict=True):
        assert circle.location == [point.lat, point.lon]
        assert circle.options["radius"] == point.precision_m
        assert circle.options["dashArray"] and circle.options["color"] == MARKER_STYLES[point.kind].colour
        assert circle.options["interactive"] is False


def test_circles_are_drawn_beneath_the_markers(layers) -> None:
    kinds = [type(c) for c in layers[0]._children.values()]
    assert kinds.index(folium.Marker) > max(i for i, kind in enumerate(kinds) if kind is folium.Circle)


# Movements.


def test_build_map_returns_the_movements_layer_unless_turned_off(selection) -> None:
    _, layers = build_map(selection, ASSETS)
    assert [layer.layer_name for layer in layers] == ["Places", "Movements"]
    _, layers = build_map(selection, ASSETS, movements=False)
    assert [layer.layer_name for layer in layers] == ["Places"]


@pytest.mark.parametrize(
    ("origin", "destination", "who"),
    [
        ("latamnah", "harem-mountains", "Mariam Ghlo, her husband and three children"),
        ("deraa", "maarat-al-numan", "Jamal Barode"),
        ("eastern-ghouta", "idlib-province", "people who took the corridors out of Ghouta"),
    ],
)
def test_an_arrow_runs_from_origin_to_destination(selection, layers, origin, destination, who) -> None:
    places = selection.atlas.places
    start, end = places[origin], places[destination]
    arrow = casings(layers[1])[f"{origin}--{destination}"]
    assert (arrow["from"], arrow["to"]) == ([start.lat, start.lon], [end.lat, end.lon])
    assert f"<strong>{escape(who)}</strong>: {start.name} → {end.name}" in arrow["tooltip"]
    assert "<svg" in arrow["head"] and arrow["half"] > 0


def test_repeated_journeys_are_one_arrow_that_lists_every_telling(selection, layers) -> None:
    keys = [mark["key"] for mark in journey_marks(layers[1]) if "to" in mark]
    assert len(keys) == len(set(keys)) and keys.count("aleppo--idlib-province") == 1
    arrow = casings(layers[1])["aleppo--idlib-province"]
    excerpts = {e.id: e for e in selection.excerpts}
    popup = arrow["popup"]
    for excerpt_id in ("tn-barode-corridors-out", "tn-abdullah-former-displaced"):
        assert escape(excerpts[excerpt_id].text) in popup
    assert "Jamal Barode" in popup and "Mousa Abdullah" in popup and "The National" in popup
    assert arrow["tooltip"].count("Aleppo → Idlib province") == 2, "one line for each party"


def test_a_departure_without_destination_is_drawn_as_arrows_out_all_round(selection, layers) -> None:
    maarat = selection.atlas.places["maarat-al-numan"]
    (mark,) = departures(layers[1])
    assert mark["key"] == "maarat-al-numan"
    assert mark["at"] == pytest.approx([maarat.lat, maarat.lon], abs=1e-4)
    # A click on the mark must not read as a click on the place beneath it.
    assert place_at(selection.atlas, *mark["at"]) is None
    assert place_at(selection.atlas, maarat.lat, maarat.lon) == "maarat-al-numan"
    assert "destination not stated" in mark["tooltip"]
    assert "Reuters" in mark["popup"] and "Al-Monitor" in mark["popup"]
    assert mark["mark"].count("rotate(") == 2 * 8, "eight arrows, each with its casing"
    assert not any(key.startswith("maarat-al-numan--") for key in casings(layers[1])), "no made-up direction"


def test_movements_follow_the_selection(selection) -> None:
    only_al_monitor = movements_layer(select(selection.atlas, [AL_MONITOR]))
    assert casings(only_al_monitor) == {}
    assert len(departures(only_al_monitor)) == 1  # the departure from Maarat al-Numan
    only_the_national = movements_layer(select(selection.atlas, [THE_NATIONAL]))
    assert departures(only_the_national) == []


def told(atlas: Atlas, ends: list[tuple[str, str | None]], times: int) -> Selection:
    """Every place of the atlas in view, and each journey between the given ends told `times` times."""
    source_id = next(iter(atlas.sources))
    excerpts = tuple(
        Excerpt(
            id=f"told-{n}-{i}",
            source=source_id,
            places=tuple(dict.fromkeys(p for p in (origin, destination) if p)),
            kind=ExcerptKind.REPORT,
            voice=Voice.JOURNALIST,
            text=f"Telling {i} of the journey.",
            movements=(Movement(origin=origin, destination=destination, who=f"Party {i % 40}"),),
        )
        for n, (origin, destination) in enumerate(ends)
        for i in range(times)
    )
    return Selection(atlas, tuple(atlas.places.values()), excerpts)


def test_a_journey_told_thousands_of_times_is_one_arrow_of_bounded_size(bundled_atlas: Atlas) -> None:
    ends: list[tuple[str, str | None]] = [("aleppo", "idlib-province"), ("maarat-al-numan", None)]
    layer = movements_layer(told(bundled_atlas, ends, 5_000))
    assert len(layer._children) == 1, "one script call draws the whole layer"
    marks = journey_marks(layer)
    assert [mark["key"] for mark in marks] == ["aleppo--idlib-province", "maarat-al-numan"]
    for mark in marks:
        assert "Told in 5,000 excerpts" in mark["popup"]
        assert mark["popup"].count("<blockquote") == JOURNEY_STORIES_SHOWN
        assert f"{5_000 - JOURNEY_STORIES_SHOWN:,} more excerpts tell of it" in mark["popup"]
        assert mark["tooltip"].count("<strong>") == JOURNEY_PARTIES_SHOWN and "and 35 more" in mark["tooltip"]
        assert len(mark["popup"]) + len(mark["tooltip"]) < 5_000


def journey_folder(tmp_path: Path, lon: float, lat: float, **excerpt: object) -> Path:
    """A data folder with a journey from Alpha to a place at (lon, lat)."""
    text = "Shelling hit Alpha town on Jan. 5, residents said."
    document = source(
        excerpts=[
            {
                "id": "journey",
                "places": ["alpha", "beta-crossing"],
                "kind": "report",
                "voice": "journalist",
                "text": text,
                "movements": [{"from": "alpha", "to": "beta-crossing", "who": "Families"}],
                **excerpt,
            }
        ]
    )
    places = [place("alpha", "Alpha", 36.6, 35.6), place("beta-crossing", "Beta crossing", lon, lat, kind="crossing")]
    return write_folder(tmp_path, places=places, sources={"test-source": (document, ARTICLE)})


@pytest.mark.parametrize(
    ("lon", "lat", "angle"),
    [
        (36.6, 36.4, -90.0),  # due north: up the screen
        (37.5, 35.6, 0.0),  # due east
        (36.6, 34.9, 90.0),  # due south
        (35.7, 35.6, 180.0),  # due west
    ],
)
def test_the_arrowhead_points_the_way_the_journey_goes(tmp_path: Path, lon, lat, angle) -> None:
    atlas = load_atlas(journey_folder(tmp_path, lon, lat))
    assert screen_angle(atlas.places["alpha"], atlas.places["beta-crossing"]) == pytest.approx(angle)
    (arrow,) = journey_marks(movements_layer(select(atlas)))
    assert f'transform="rotate({angle:.1f})"' in arrow["head"]


def test_a_northeast_journey_is_measured_on_the_screen_not_in_degrees(tmp_path: Path) -> None:
    # A degree of longitude is shorter on the map than a degree of latitude this far north.
    atlas = load_atlas(journey_folder(tmp_path, 37.6, 36.6))
    assert screen_angle(atlas.places["alpha"], atlas.places["beta-crossing"]) < -45


def test_a_movement_popup_shows_payloads_as_text(tmp_path: Path) -> None:
    document = source(
        excerpts=[
            {
                "id": "xss-journey",
                "places": ["alpha", "beta-crossing"],
                "kind": "testimony",
                "speaker": '<b onmouseover="window.__xss=6">Eve</b>',
                "voice": "civilian",
                "text": XSS_TEXT,
                "movements": [{"from": "alpha", "to": "beta-crossing", "who": XSS_NAME}],
            }
        ]
    )
    article = f"Report.\n\n{XSS_TEXT}\n"
    places = [place("alpha", XSS_NAME, 36.6, 35.6), place("beta-crossing", "`${window.__xss=9}`", 36.9, 35.8)]
    atlas = load_atlas(write_folder(tmp_path, places=places, sources={"test-source": (document, article)}))
    fmap, layers = build_map(select(atlas), ASSETS)
    arrow = casings(layers[1])["alpha--beta-crossing"]
    for html in (arrow["popup"], arrow["tooltip"]):
        for raw in (XSS_NAME, "<img", "<script", "<b onmouseover", "`", "${"):
            assert raw not in html
    assert escape(XSS_TEXT) in arrow["popup"] and escape(XSS_NAME) in arrow["tooltip"]
    for layer in layers:
        layer.add_to(fmap)
    rendered = fmap.get_root().render()
    assert "window.__xss" in rendered, "the payloads are on the page, as text"
    assert "<img src=x" not in rendered and "<script>window" not in rendered and "${window" not in rendered


# The legend.


def test_the_legend_explains_every_mark_and_side(selection) -> None:
    html = legend_html()
    # The key is drawn by the base map's script, which is given this HTML.
    fmap, _ = build_map(selection, ASSETS)
    call = f"geoMap.addLegend({fmap.get_name()}, {js_value(html)}, {js_value(LEGEND_FOLD_BELOW_PX)});"
    assert fmap.get_root().render().count(call) == 1
    assert html.startswith("<details open>")
    for kind in PlaceKind:
        assert marker_svg(kind) in html
    for words in (
        "Contested: both sides make claims",
        "Dashed circle: how far off",
        "Arrow: a journey",
        "destination not stated",
    ):
        assert words in html
    for label in SIDE_LABELS.values():
        assert escape(label) in html


def test_an_arrow_is_drawn_only_between_places_on_the_map(bundled_atlas: Atlas) -> None:
    atlas = bundled_atlas
    cities = select(atlas, place_kinds=[PlaceKind.CITY])
    shown = {p.id for p in cities.places}
    found = journeys(cities)
    assert found, "Deraa to Maarat al-Numan is not a city-to-city journey, but the departure from Maarat is"
    for journey in found:
        assert journey.origin.id in shown and (journey.destination is None or journey.destination.id in shown)
    assert not any(j.destination and j.destination.id == "idlib-province" for j in found)


def test_a_departure_mark_of_the_script_folder_shows_its_party_as_text(tmp_path: Path) -> None:
    selection = select(load_atlas(write_xss_folder(tmp_path)))
    layer = movements_layer(selection)
    fmap = folium.Map()
    layer.add_to(fmap)
    rendered = fmap.get_root().render()
    assert XSS_WHO not in rendered and "<img src=x" not in rendered and "${window" not in rendered
    (mark,) = departures(layer)
    assert escape(XSS_WHO) in mark["tooltip"] and js_value(mark["tooltip"]) in rendered


def test_pop_ups_do_not_fade_so_a_redrawn_place_never_shows_two(bundled_atlas: Atlas) -> None:
    atlas = bundled_atlas
    fmap, _ = build_map(select(atlas), ASSETS, selected="al-habit-crossing")
    assert '"fadeAnimation": false' in fmap.get_root().render()


@pytest.mark.parametrize("height", [320, 420, 620, 900])
def test_a_map_opens_framing_its_places_in_its_own_height(selection, height: int) -> None:
    fmap, _ = build_map(selection, ASSETS, height_px=height)
    zoom = fmap.options["zoom"]
    points = [p for p in selection.atlas.places.values() if p.kind is not PlaceKind.REGION]
    lats, lons = [p.lat for p in points], [p.lon for p in points]
    # The places' spans in pixels at the opening zoom, with room left for the controls.
    tall = (mercator_y(max(lats)) - mercator_y(min(lats))) * 256 * 2**zoom / (2 * math.pi)
    wide = (max(lons) - min(lons)) * 256 * 2**zoom / 360
    assert tall <= height - 100 and wide <= 760
    assert tall * 2 > height - 100 or wide * 2 > 760 or zoom == 11, "one zoom closer would still have fitted"
