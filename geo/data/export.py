"""A selection written out as GeoJSON, CSV or KML, for GIS tools, spreadsheets and globes.

Each format is a generator of text chunks, a place or a placemark at a time, so that an export
of any size streams to a file without its whole text, or a tree of it, in memory.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from geo.core.atlas import Selection
from geo.core.records import Excerpt, Place, Source
from geo.core.settings import TITLE
from geo.core.sides import VOICE_LABELS
from geo.data.geojson import place_feature

EXCERPT_FIELDS = ("id", "source", "kind", "speaker", "role", "voice", "event_date", "text")

CSV_COLUMNS = (
    "place_id",
    "place_name",
    "name_ar",
    "place_kind",
    "lat",
    "lon",
    "precision_m",
    "admin1",
    "geonames_id",
    "excerpt_id",
    "source",
    "excerpt_kind",
    "speaker",
    "role",
    "voice",
    "event_date",
    "text",
)

# A spreadsheet runs a cell that starts with one of these as a formula; article text is
# untrusted, so such cells get a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"

KML_DOCUMENT_NAME = TITLE

# The CSV columns a Placemark carries as ExtendedData; lat and lon are its Point instead.
KML_DATA_COLUMNS = tuple(c for c in CSV_COLUMNS if c not in ("lat", "lon"))


def _excerpt_record(excerpt: Excerpt) -> dict[str, Any]:
    """An excerpt's exported fields, in EXCERPT_FIELDS order."""
    record = excerpt.model_dump(mode="json", include=set(EXCERPT_FIELDS))
    return {name: record[name] for name in EXCERPT_FIELDS}


def _place_feature(place: Place, excerpts: tuple[Excerpt, ...]) -> dict[str, Any]:
    """A place as a GeoJSON Feature carrying its excerpts."""
    return place_feature(place, excerpts=[_excerpt_record(e) for e in excerpts])


def to_geojson(selection: Selection) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Point per place in view, with its selected excerpts."""
    return {
        "type": "FeatureCollection",
        "features": [_place_feature(p, selection.excerpts_at(p.id)) for p in selection.places],
    }


def _feature_text(place: Place, excerpts: tuple[Excerpt, ...]) -> str:
    """A Feature as json.dumps(indent=1) lays it out two levels down, in the features list."""
    text = json.dumps(_place_feature(place, excerpts), ensure_ascii=False, indent=1)
    # JSON escapes the newlines inside strings, so every newline in the text is layout.
    return text.replace("\n", "\n  ")


def geojson_chunks(selection: Selection) -> Iterator[str]:
    """The GeoJSON export a Feature at a time: the text json.dumps writes of to_geojson."""
    yield '{\n "type": "FeatureCollection",\n "features": ['
    empty = True
    for place in selection.places:
        yield ("\n  " if empty else ",\n  ") + _feature_text(place, selection.excerpts_at(place.id))
        empty = False
    # json.dumps writes an empty list as [] and closes a full one on a line of its own.
    yield "]\n}\n" if empty else "\n ]\n}\n"


def geojson_text(selection: Selection) -> str:
    """The GeoJSON export as UTF-8 text, Arabic kept readable."""
    return "".join(geojson_chunks(selection))


def _cell(value: Any) -> Any:
    """A cell a spreadsheet will show, not run."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv_row(place: Place, excerpt: Excerpt) -> dict[str, Any]:
    """One place and one of its excerpts, as CSV_COLUMNS."""
    return {
        "place_id": place.id,
        "place_name": place.name,
        "name_ar": place.name_ar,
        "place_kind": place.kind.value,
        "lat": place.lat,
        "lon": place.lon,
        "precision_m": place.precision_m,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
        "excerpt_id": excerpt.id,
        "source": excerpt.source,
        "excerpt_kind": excerpt.kind.value,
        "speaker": excerpt.speaker,
        "role": excerpt.role,
        "voice": excerpt.voice.value,
        "event_date": excerpt.event_date,
        "text": excerpt.text,
    }


def _drain(buffer: io.StringIO) -> str:
    """What the buffer holds, leaving it empty for the next rows."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_chunks(selection: Selection) -> Iterator[str]:
    """The CSV export a place at a time: the header, then each place's rows."""
    # One writer on a buffer emptied after every place: the csv module does the quoting,
    # and only one place's rows are ever held.
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield _drain(buffer)
    for place in selection.places:
        for excerpt in selection.excerpts_at(place.id):
            writer.writerow({k: _cell(v) for k, v in _csv_row(place, excerpt).items()})
        if rows := _drain(buffer):
            yield rows


def csv_text(selection: Selection) -> str:
    """One row per place and excerpt in view, with the place's coordinates on every row."""
    return "".join(csv_chunks(selection))


def _leaf(depth: int, tag: str, text: str) -> str:
    """An element holding text, on its own line at its depth, as ET.indent(space=" ") lays it out."""
    # ElementTree writes an element without text as <tag />; so does this, byte for byte.
    if not text:
        return f"{' ' * depth}<{tag} />\n"
    return f"{' ' * depth}<{tag}>{xml_escape(text)}</{tag}>\n"


def _kml_description(excerpt: Excerpt, source: Source) -> str:
    """Who says it, for whom, where and when, then the excerpt: escaped HTML, one fact a line."""
    # Google Earth and most KML viewers show a description as HTML, so the untrusted text is
    # escaped as HTML here, on top of the XML escaping _leaf does.
    lines = [
        f"Speaker: {excerpt.speaker}" if excerpt.speaker else None,
        f"Role: {excerpt.role}" if excerpt.role else None,
        f"Voice: {VOICE_LABELS[excerpt.voice]}",
        f"Source: {source.outlet}, {source.title}",
        f"Date: {excerpt.event_date}" if excerpt.event_date else None,
    ]
    facts = "<br>".join(html.escape(line) for line in lines if line)
    return f"{facts}<br><br>{html.escape(excerpt.text)}"


def _kml_data(row: dict[str, Any]) -> str:
    """The row's KML_DATA_COLUMNS as the <Data> elements of an ExtendedData."""
    # A missing value is an empty <value />, so every Placemark has the same fields.
    return "".join(
        f"     <Data name={quoteattr(column)}>\n"
        + _leaf(6, "value", "" if row[column] is None else str(row[column]))
        + "     </Data>\n"
        for column in KML_DATA_COLUMNS
    )


def _kml_placemark(place: Place, excerpt: Excerpt, source: Source) -> str:
    """One place and one of its excerpts, as a Placemark with the CSV row's columns."""
    return (
        "   <Placemark>\n"
        + _leaf(4, "name", place.name)
        + _leaf(4, "description", _kml_description(excerpt, source))
        + "    <ExtendedData>\n"
        + _kml_data(_csv_row(place, excerpt))
        + "    </ExtendedData>\n"
        + "    <Point>\n"
        # repr of a float reads back as the same float, so the point is exactly the place's.
        + _leaf(5, "coordinates", f"{place.lon!r},{place.lat!r}")
        + "    </Point>\n"
        + "   </Placemark>\n"
    )


def _kml_folders(selection: Selection) -> dict[str, set[int]]:
    """Each source with excerpts in view, and the positions in selection.places of its places."""
    position = {place.id: index for index, place in enumerate(selection.places)}
    folders: dict[str, set[int]] = {}
    for excerpt in selection.excerpts:
        found = folders.setdefault(excerpt.source, set())
        found.update(position[p] for p in excerpt.places if p in position)
    return folders


def _kml_folder(selection: Selection, source: Source, positions: set[int]) -> Iterator[str]:
    """A source's Folder, a Placemark at a time, its places in the selection's order."""
    yield "  <Folder>\n" + _leaf(3, "name", f"{source.outlet}: {source.title}")
    for index in sorted(positions):
        place = selection.places[index]
        for excerpt in selection.excerpts_at(place.id):
            if excerpt.source == source.id:
                yield _kml_placemark(place, excerpt, source)
    yield "  </Folder>\n"


def kml_chunks(selection: Selection) -> Iterator[str]:
    """The KML 2.2 export a Placemark at a time: a Folder per source, a Placemark per CSV row."""
    # The namespace is the default one so that tags stay bare (<Placemark>, not
    # <ns0:Placemark>), which is how KML readers expect to see them.
    yield (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f"<kml xmlns={quoteattr(KML_NAMESPACE)}>\n <Document>\n" + _leaf(2, "name", KML_DOCUMENT_NAME)
    )
    # Folders come in the atlas's order of sources, so a source's placemarks are written
    # together; only the places' positions are gathered first, not their placemarks.
    folders = _kml_folders(selection)
    for source in selection.atlas.sources.values():
        if source.id in folders:
            yield from _kml_folder(selection, source, folders[source.id])
    yield " </Document>\n</kml>\n"


def kml_text(selection: Selection) -> str:
    """The KML export as UTF-8 text with its XML declaration, Arabic kept readable."""
    return "".join(kml_chunks(selection))


@dataclass(frozen=True)
class Format:
    """An export format: how the page offers it, and the function that writes it a chunk at a time."""

    label: str
    file_name: str
    mime: str
    about: str
    chunks: Callable[[Selection], Iterator[str]]


FORMATS: dict[str, Format] = {
    "geojson": Format(
        "GeoJSON", "idlib-places.geojson", "application/geo+json", "Places, each with its excerpts", geojson_chunks
    ),
    "csv": Format("CSV", "idlib-excerpts.csv", "text/csv", "A row per excerpt and place, for spreadsheets", csv_chunks),
    "kml": Format(
        "KML",
        "idlib-excerpts.kml",
        "application/vnd.google-earth.kml+xml",
        "A placemark per excerpt and place, for Google Earth and GIS",
        kml_chunks,
    ),
}

EXPORTERS: dict[str, Callable[[Selection], str]] = {"geojson": geojson_text, "csv": csv_text, "kml": kml_text}
CHUNKERS: dict[str, Callable[[Selection], Iterator[str]]] = {fmt: f.chunks for fmt, f in FORMATS.items()}


def write_export(selection: Selection, fmt: str, out: TextIO) -> None:
    """Write the export in fmt to out a chunk at a time, never holding its whole text."""
    for chunk in CHUNKERS[fmt](selection):
        out.write(chunk)
