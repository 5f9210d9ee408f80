"""A selection written out as GeoJSON, CSV or KML, for GIS tools, spreadsheets and globes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from geo.atlas import Selection
from geo.model import Excerpt, Place, Source
from geo.popup import escape
from geo.voices import VOICE_LABELS

EXCERPT_FIELDS = ("id", "source", "kind", "speaker", "role", "voice", "event_date", "text")

CSV_COLUMNS = (
    "place_id", "place_name", "name_ar", "place_kind", "lat", "lon", "precision_m", "admin1",
    "geonames_id", "excerpt_id", "source", "excerpt_kind", "speaker", "role", "voice",
    "event_date", "text",
)  # fmt: skip

# A spreadsheet runs a cell that starts with one of these as a formula; article text is
# untrusted, so such cells get a leading apostrophe (OWASP's advice for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"

KML_DOCUMENT_NAME = "Idlib: who says what, where"

# The CSV columns a Placemark carries as ExtendedData; lat and lon are its Point instead.
KML_DATA_COLUMNS = tuple(c for c in CSV_COLUMNS if c not in ("lat", "lon"))


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


def _sub(parent: ET.Element, tag: str, text: str) -> None:
    """A child element holding text, which the XML writer escapes."""
    ET.SubElement(parent, tag).text = text


def _kml_description(excerpt: Excerpt, source: Source) -> str:
    """Who says it, for whom, where and when, then the excerpt: escaped HTML, one fact a line."""
    # Google Earth and most KML viewers show a description as HTML, so the untrusted text is
    # escaped as HTML here, on top of the XML escaping the writer does.
    lines = [
        f"Speaker: {excerpt.speaker}" if excerpt.speaker else None,
        f"Role: {excerpt.role}" if excerpt.role else None,
        f"Voice: {VOICE_LABELS[excerpt.voice]}",
        f"Source: {source.outlet}, {source.title}",
        f"Date: {excerpt.event_date}" if excerpt.event_date else None,
    ]
    facts = "<br>".join(escape(line) for line in lines if line)
    return f"{facts}<br><br>{escape(excerpt.text)}"


def _kml_placemark(folder: ET.Element, place: Place, excerpt: Excerpt, source: Source) -> None:
    """One place and one of its excerpts, as a Placemark with the CSV row's columns."""
    placemark = ET.SubElement(folder, "Placemark")
    _sub(placemark, "name", place.name)
    _sub(placemark, "description", _kml_description(excerpt, source))
    extended = ET.SubElement(placemark, "ExtendedData")
    row = _csv_row(place, excerpt)
    for column in KML_DATA_COLUMNS:
        # A missing value is an empty <value>, so every Placemark has the same fields.
        value = row[column]
        _sub(ET.SubElement(extended, "Data", name=column), "value", "" if value is None else str(value))
    point = ET.SubElement(placemark, "Point")
    # repr of a float reads back as the same float, so the point is exactly the place's.
    _sub(point, "coordinates", f"{place.lon!r},{place.lat!r}")


def _kml_folders(document: ET.Element, selection: Selection) -> dict[str, ET.Element]:
    """A Folder named for its outlet and title per source with excerpts in view, by source id."""
    in_view = {e.source for e in selection.excerpts}
    folders = {}
    for source in selection.atlas.sources.values():
        if source.id in in_view:
            folders[source.id] = ET.SubElement(document, "Folder")
            _sub(folders[source.id], "name", f"{source.outlet}: {source.title}")
    return folders


def to_kml(selection: Selection) -> ET.Element:
    """A KML 2.2 <kml>: one Folder per source, one Placemark per row of the CSV export."""
    # The namespace is declared as the default one so that tags stay bare (<Placemark>, not
    # <ns0:Placemark>), which is how KML readers expect to see them.
    root = ET.Element("kml", xmlns=KML_NAMESPACE)
    document = ET.SubElement(root, "Document")
    _sub(document, "name", KML_DOCUMENT_NAME)
    folders = _kml_folders(document, selection)
    for place in selection.places:
        for excerpt in selection.excerpts_at(place.id):
            source = selection.atlas.sources[excerpt.source]
            _kml_placemark(folders[source.id], place, excerpt, source)
    return root


def kml_text(selection: Selection) -> str:
    """The KML export as UTF-8 text with its XML declaration, Arabic kept readable."""
    tree = ET.ElementTree(to_kml(selection))
    ET.indent(tree, space=" ")
    out = io.BytesIO()
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue().decode("utf-8") + "\n"


EXPORTERS = {"geojson": geojson_text, "csv": csv_text, "kml": kml_text}
