"""A selection written out as GeoJSON or CSV, for GIS tools and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from geo.atlas import Selection
from geo.model import Excerpt, Place

EXCERPT_FIELDS = ("id", "source", "kind", "speaker", "role", "voice", "event_date", "text")

CSV_COLUMNS = (
    "place_id", "place_name", "name_ar", "place_kind", "lat", "lon", "precision_m", "admin1",
    "geonames_id", "excerpt_id", "source", "excerpt_kind", "speaker", "role", "voice",
    "event_date", "text",
)  # fmt: skip

# A spreadsheet runs a cell that starts with one of these as a formula; article text is
# untrusted, so such cells get a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _excerpt_record(excerpt: Excerpt) -> dict[str, Any]:
    """An excerpt's exported fields, in EXCERPT_FIELDS order."""
    record = excerpt.model_dump(mode="json", include=set(EXCERPT_FIELDS))
    return {name: record[name] for name in EXCERPT_FIELDS}


def _place_feature(place: Place, excerpts: tuple[Excerpt, ...]) -> dict[str, Any]:
    """A place as a GeoJSON Feature carrying its excerpts."""
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "id": place.id,
            "name": place.name,
            "name_ar": place.name_ar,
            "aliases": list(place.aliases),
            "kind": place.kind.value,
            "precision_m": place.precision_m,
            "admin1": place.admin1,
            "geonames_id": place.geonames_id,
            "coord_source": place.coord_source,
            "excerpts": [_excerpt_record(e) for e in excerpts],
        },
    }


def to_geojson(selection: Selection) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Point per place in view, with its selected excerpts."""
    return {
        "type": "FeatureCollection",
        "features": [_place_feature(p, selection.excerpts_at(p.id)) for p in selection.places],
    }


def geojson_text(selection: Selection) -> str:
    """The GeoJSON export as UTF-8 text, Arabic kept readable."""
    return json.dumps(to_geojson(selection), ensure_ascii=False, indent=1) + "\n"


def _cell(value: Any) -> Any:
    """A cell a spreadsheet will show, not run."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_row(place: Place, excerpt: Excerpt) -> dict[str, Any]:
    """One place and one of its excerpts, as CSV_COLUMNS."""
    return {
        "place_id": place.id, "place_name": place.name, "name_ar": place.name_ar,
        "place_kind": place.kind.value, "lat": place.lat, "lon": place.lon,
        "precision_m": place.precision_m, "admin1": place.admin1, "geonames_id": place.geonames_id,
        "excerpt_id": excerpt.id, "source": excerpt.source, "excerpt_kind": excerpt.kind.value,
        "speaker": excerpt.speaker, "role": excerpt.role, "voice": excerpt.voice.value,
        "event_date": excerpt.event_date, "text": excerpt.text,
    }  # fmt: skip


def csv_text(selection: Selection) -> str:
    """One row per place and excerpt in view, with the place's coordinates on every row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for place in selection.places:
        for excerpt in selection.excerpts_at(place.id):
            writer.writerow({k: _cell(v) for k, v in _csv_row(place, excerpt).items()})
    return out.getvalue()


EXPORTERS = {"geojson": geojson_text, "csv": csv_text}
