"""What the server does beside the pages: pop-ups fetched when a place is opened, and loading at the start."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from geo.core.atlas import Atlas, Selection
from geo.core.filters import FILTERS, keeps_place
from geo.core.tallies import NONE, atlas_counts, page_at, tally_at
from geo.core.viewstate import ViewState, date_bounds, parse_query
from geo.data.problems import DataError
from geo.map.assets import MapAssets
from geo.map.build import build_map
from geo.map.dense import SCALE, clicked_place, points_folder
from geo.render.popup import POPUP_PAGE, check_page, place_popup_html
from geo.web.access import POPUP_KEY, valid_popup_key
from geo.web.cache import cached_timeline, cached_view, current_atlas, filters_of, index_in_background, start

POPUP_PATH = "/api/popup"
# The most a pop-up's query may hold: far more than any view's filters, far less than a flood.
MOST_QUERY_BYTES = 16_384
MOST_QUERY_VALUES = 500
# The pop-up's own keys; every other key of its query is a filter, as in the page's link.
_POINT_KEYS = ("lat", "lon")
_PAGE_KEY = "page"
_OWN_KEYS = (*_POINT_KEYS, _PAGE_KEY)
# Pop-ups follow the data and the filters, so a browser must ask again each time.
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_DRAFTS_KEY = next(row.key for row in FILTERS if row.field == "drafts")


def popup_for(
    atlas: Atlas, params: Mapping[str, Sequence[str]], view_of: Callable[[ViewState], Selection]
) -> tuple[str, str]:
    """The id and pop-up HTML of the place a request names, under the filters it carries.

    A request names its place by id (`place`), or by the point of a clicked dot in whole
    1e-5 degrees (`lat` and `lon`), read as a click on the map is, and may ask for a page of
    its excerpts other than the first (`page`). ValueError if the request is malformed, names
    a place the data lacks or a page its excerpts do not fill, LookupError if no place is at
    its point.
    """
    if "place" in params and any(key in params for key in _POINT_KEYS):
        raise ValueError("name a place or a point, not both")
    page = _whole(params, _PAGE_KEY) if _PAGE_KEY in params else 1
    filters = {key: list(values) for key, values in params.items() if key not in _OWN_KEYS}
    state, notices = parse_query(filters, atlas)
    if notices:
        raise ValueError("; ".join(notices))
    view = view_of(filters_of(state))
    if state.place is not None:
        place_id = state.place
    else:
        lat, lon = (_whole(params, key) for key in _POINT_KEYS)
        found = clicked_place(atlas, lat / SCALE, lon / SCALE, (p.id for p in view.places))
        # A place the filters do not draw (a country while countries are hidden) has no dot to click.
        if found is None or not keeps_place(atlas.places[found], state.value):
            raise LookupError("no place at that point")
        place_id = found
    place = atlas.places[place_id]
    # Named, such a place has none of its excerpts in view, as the map draws it none.
    tally = tally_at(view, place_id) if keeps_place(place, state.value) else NONE
    check_page(page, tally.total)
    # The view's counts, kept with it, and a page of the excerpts: only those are read, escaped
    # and sent, however many the place has.
    shown = page_at(view, place_id, (page - 1) * POPUP_PAGE, POPUP_PAGE) if tally.total else ()
    return place_id, place_popup_html(place, tally, shown, atlas.sources, page)


def _whole(params: Mapping[str, Sequence[str]], key: str) -> int:
    """The one whole number a query gives for a key; ValueError otherwise."""
    values = params.get(key, ())
    if len(values) != 1 or not values[0].lstrip("-").isdigit() or len(values[0]) > 12:
        raise ValueError(f"{key} must be one whole number")
    return int(values[0])


def place_popup(request: Request) -> Response:
    """The pop-up of one place, as HTML, with the place's id in the X-Place header."""
    # A plain function: Starlette runs it on a worker thread, off the server's event loop.
    try:
        params = query_values(request.url.query)
    except ValueError as error:
        return PlainTextResponse(f"Bad request: {error}", 400, headers=_HEADERS)
    # Drafts only for a key an editor's page was given; a reader's request, whatever it asks, never sees one.
    keys = params.pop(POPUP_KEY, [])
    editor = len(keys) == 1 and valid_popup_key(keys[0])
    if _DRAFTS_KEY in params and not editor:
        return PlainTextResponse("Unreviewed drafts are for editors.", 403, headers=_HEADERS)
    try:
        atlas, folder = current_atlas(drafts=editor)
    except DataError:
        return PlainTextResponse("The data folder cannot be loaded; the page lists why.", 503, headers=_HEADERS)
    try:
        place_id, html = popup_for(atlas, params, lambda state: cached_view(folder, state))
    except ValueError as error:
        return PlainTextResponse(f"Bad request: {error}", 400, headers=_HEADERS)
    except LookupError as error:
        return PlainTextResponse(f"Not found: {error}", 404, headers=_HEADERS)
    return Response(html, media_type="text/html", headers={**_HEADERS, "X-Place": place_id})


def query_values(query: str) -> dict[str, list[str]]:
    """A query string's values by key, read in one pass; ValueError for one far longer than a view's."""
    # A pop-up's query is a view's filters and a place: some dozens of values at the most.
    # Refused before it is read, a long one costs no more than a short one; and read in one
    # pass, not a scan of every value for each key, whose cost grew with the keys' square.
    if len(query) > MOST_QUERY_BYTES:
        raise ValueError(f"the query is longer than {MOST_QUERY_BYTES:,} bytes")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=MOST_QUERY_VALUES)
    except ValueError:
        raise ValueError(f"the query holds more than {MOST_QUERY_VALUES} values") from None
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        values.setdefault(key, []).append(value)
    return values


def popup_url(base_url_path: str) -> str:
    """The path the pop-up route answers at, under the server's base URL path."""
    base = base_url_path.strip("/")
    return f"/{base}{POPUP_PATH}" if base else POPUP_PATH


@asynccontextmanager
async def lifespan(app: object) -> AsyncIterator[None]:
    """At the server's start, begin loading the data, so that the first reader need not wait for all of it."""
    start(warm_up, "warm-up")
    yield


def warm_up() -> None:
    """Load the data folder and work out what every first page reads of it, then its search index."""
    try:
        atlas, folder = current_atlas()
    except DataError:
        return  # not cached: the first page loads it again and lists every fault
    unfiltered = ViewState()
    # Each a walk of every excerpt or place, which the first page would otherwise make.
    date_bounds(atlas)
    cached_timeline(folder, unfiltered)
    # The map's parts that are worked out once per atlas, and a large map's points file.
    build_map(cached_view(folder, unfiltered), _warming_assets())
    # Every place's counts by voice, which its pop-up and panel read.
    atlas_counts(atlas)
    # A server is mostly started before its readers come, so the search index is built now
    # rather than after the first page; a page asked for meanwhile shares the processor.
    index_in_background(atlas)


def routes(base_url_path: str) -> list[Route]:
    """The routes the app serves beside Streamlit's own."""
    return [Route(popup_url(base_url_path), place_popup, methods=["GET"])]


def _warming_assets() -> MapAssets:
    """What a map is built with to warm the caches: it is never sent, so it needs no real URLs."""
    return MapAssets(js=(), css=(), points=(points_folder(), ""), popups=POPUP_PATH)
