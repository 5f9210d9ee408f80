"""The data the page starts from: site.json, the packed points, the places' and the excerpts' columns."""

from __future__ import annotations

from typing import Any

from geo.core.dates import describe, span
from geo.core.filters import FILTERS, Control, about_countries_alone
from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.core.settings import DENSE_FROM
from geo.core.sides import SIDE_LABELS, SIDES, VOICE_LABELS, VOICE_ORDER, Side
from geo.map.dense import KIND_CODES, SCALE, pack_points
from geo.map.symbols import MARKER_STYLES
from geo.publish.contents import Contents
from geo.publish.outlines import OUTLINE_STYLE
from geo.publish.tiles import Tiles
from geo.render.vocabulary import EXCERPT_KIND_LABELS, KIND_LABELS, SIDE_STYLES

FORMAT_VERSION = 1
# Places a claims file holds: small enough to fetch at a click, few enough files at 100,000 places.
CHUNK = 256
# The characters of a word that name its search shard.
SEARCH_SHARD = 2
# The switches of a reader's view the page offers; drafts are an editor's, and a site never holds one.
READERS_SWITCHES = frozenset({"countries"})
EXCERPT_KINDS: tuple[ExcerptKind, ...] = tuple(ExcerptKind)
PLACE_KINDS: tuple[PlaceKind, ...] = tuple(PlaceKind)


def points_bin(contents: Contents) -> bytes:
    """The places' points and kinds, packed as the app packs them."""
    return pack_points(contents.places)


def site_json(contents: Contents, title: str, tiles: Tiles) -> dict[str, Any]:
    """What the page needs to start: the title, tiles, counts, vocabularies, sources and the view."""
    return {
        "format": FORMAT_VERSION,
        "title": title,
        "tiles": {"url": tiles.url, "attribution": tiles.attribution},
        "unit": SCALE,
        "dense": is_dense(contents),
        "bounds": _bounds(contents),
        "counts": {
            "places": len(contents.places),
            "excerpts": len(contents.excerpts),
            "sources": len(contents.sources),
        },
        "chunk": CHUNK,
        "kinds": [_kind(kind) for kind in KIND_CODES],
        "voices": [_voice(voice) for voice in VOICE_ORDER],
        "sides": [{"id": side.value, "label": SIDE_LABELS[side]} for side in Side],
        "excerpt_kinds": [{"id": kind.value, "label": EXCERPT_KIND_LABELS[kind]} for kind in EXCERPT_KINDS],
        "place_kinds": [{"id": kind.value, "label": KIND_LABELS[kind]} for kind in PLACE_KINDS],
        "sources": [
            {"id": s.id, "label": f"{s.outlet}, {describe(s.published)}", "title": s.title} for s in contents.sources
        ],
        "dates": _dates(contents),
        "view": view_keys(contents),
        "countries": countries_json(contents),
        "search_shard": SEARCH_SHARD,
        # The governorates' outlines' style, the app's; null when the data has no outlines.
        "outlines": None if contents.selection.atlas.boundaries is None else OUTLINE_STYLE,
    }


def is_dense(contents: Contents) -> bool:
    """Whether the site's map is the canvas of dots, as the app's is from DENSE_FROM places."""
    return len(contents.places) >= DENSE_FROM


def _bounds(contents: Contents) -> list[list[float]] | None:
    """The south-west and north-east corners round the places; None when there are none."""
    # A country is never framed (a site published with countries shown would open on the world);
    # a site of countries alone frames them.
    framed = [p for p in contents.places if p.kind is not PlaceKind.COUNTRY] or contents.places
    if not framed:
        return None
    lats = [p.lat for p in framed]
    lons = [p.lon for p in framed]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _kind(kind: PlaceKind) -> dict[str, str]:
    """A kind of place as the map draws it."""
    style = MARKER_STYLES[kind]
    return {"id": kind.value, "label": KIND_LABELS[kind], "colour": style.colour, "shape": style.shape}


def _voice(voice: Voice) -> dict[str, str]:
    """A voice, its side, and the glyph and colour of its badge."""
    side = SIDES[voice]
    style = SIDE_STYLES[side]
    return {
        "id": voice.value,
        "label": VOICE_LABELS[voice],
        "side": side.value,
        "glyph": style.glyph,
        "colour": style.badge,
    }


def _dates(contents: Contents) -> dict[str, str] | None:
    """The first and last day the excerpts' event dates can mean; None when none is dated."""
    spans = [span(e.event_date) for e in contents.excerpts if e.event_date]
    if not spans:
        return None
    return {"min": min(s.start for s in spans).isoformat(), "max": max(s.end for s in spans).isoformat()}


def view_keys(contents: Contents) -> dict[str, Any]:
    """The filters the site was published with, by the app's link keys."""
    keys: dict[str, Any] = {}
    for row in FILTERS:
        value = contents.view.value(row)
        if row.control is Control.CHOICE:
            keys[row.key] = [str(v) for v in value or ()]
        elif row.control in (Control.FROM, Control.TO):
            keys[row.key] = None if value is None else value.isoformat()
        elif row.control is Control.TEXT:
            keys[row.key] = value
        elif row.field in READERS_SWITCHES:
            keys[row.key] = bool(value)
    return keys


def countries_json(contents: Contents) -> dict[str, list[int]] | None:
    """The places that are countries and the excerpts about countries alone, by number; None without a country.

    So the page hides them (the app's _countries and _drawn_unless_a_country) before it has
    fetched a single excerpt: the map opens with countries hidden unless the view showed them.
    """
    places = [n for n, place in enumerate(contents.places) if place.kind is PlaceKind.COUNTRY]
    if not places:
        return None
    atlas = contents.selection.atlas
    excerpts = [n for n, excerpt in enumerate(contents.excerpts) if about_countries_alone(atlas, excerpt)]
    return {"places": places, "excerpts": excerpts}


def places_json(contents: Contents) -> dict[str, list[Any]]:
    """The places' columns: id, name, precision and whether the sides contradict each other there."""
    places = contents.places
    return {
        "id": [p.id for p in places],
        "name": [p.name for p in places],
        "precision_m": [p.precision_m for p in places],
        "contested": [int(contents.contested(p)) for p in places],
    }


def excerpts_json(contents: Contents) -> dict[str, list[Any]]:
    """The excerpts' filter columns: places, source, voice, kind, and the days the event date covers."""
    voices = {voice: index for index, voice in enumerate(VOICE_ORDER)}
    kinds = {kind: index for index, kind in enumerate(EXCERPT_KINDS)}
    numbers = contents.place_number
    columns: dict[str, list[Any]] = {"places": [], "source": [], "voice": [], "kind": [], "start": [], "end": []}
    for excerpt in contents.excerpts:
        # A place a place-kind filter left out of view is left out here too.
        columns["places"].append([numbers[p] for p in excerpt.places if p in numbers])
        columns["source"].append(contents.source_number[excerpt.source])
        columns["voice"].append(voices[excerpt.voice])
        columns["kind"].append(kinds[excerpt.kind])
        when = span(excerpt.event_date) if excerpt.event_date else None
        columns["start"].append(None if when is None else when.start.isoformat())
        columns["end"].append(None if when is None else when.end.isoformat())
    return columns
