"""Exports read back in GDAL with what was selected, and nothing else."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from geo.cli import main
from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.records import Place
from geo.data.export import (
    CHUNKERS,
    CSV_COLUMNS,
    EXPORTERS,
    KML_DATA_COLUMNS,
    KML_NAMESPACE,
    csv_text,
    geojson_chunks,
    geojson_text,
    kml_chunks,
    kml_text,
    to_geojson,
    write_export,
)
from geo.data.load import load_atlas
from geo.render.popup import escape
from tests.support.datafolder import XSS_NAME, XSS_TEXT, write_folder, write_xss_folder

SOURCES = [None, ["al-monitor-2020-01-idlib-crossings"], ["the-national-2019-05-idlib-residents"]]
KML = "{" + KML_NAMESPACE + "}"
NS = {"kml": KML_NAMESPACE}


@pytest.mark.parametrize("sources", SOURCES)
def test_geojson_reads_back_in_gdal(bundled_atlas: Atlas, tmp_path: Path, sources) -> None:
    selection = select(bundled_atlas, sources)
    path = tmp_path / "export.geojson"
    path.write_text(geojson_text(selection), encoding="utf-8")
    frame = gpd.read_file(path)
    assert list(frame["id"]) == [p.id for p in selection.places]
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.x.tolist() == [p.lon for p in selection.places]
    for column in ("name", "name_ar", "aliases", "kind", "precision_m", "excerpts"):
        assert column in frame.columns


def test_geojson_keeps_only_selected_excerpts(bundled_atlas: Atlas) -> None:
    document = to_geojson(select(bundled_atlas, ["the-national-2019-05-idlib-residents"]))
    excerpts = [e for f in document["features"] for e in f["properties"]["excerpts"]]
    assert excerpts and {e["source"] for e in excerpts} == {"the-national-2019-05-idlib-residents"}
    assert set(excerpts[0]) == {"id", "source", "kind", "speaker", "role", "voice", "event_date", "text"}
    assert all(f["properties"]["excerpts"] for f in document["features"]), "no place without excerpts"


def test_geojson_keeps_arabic_readable(bundled_atlas: Atlas) -> None:
    assert "خان شيخون" in geojson_text(select(bundled_atlas))


def test_csv_has_a_row_per_place_and_excerpt(bundled_atlas: Atlas, tmp_path: Path) -> None:
    selection = select(bundled_atlas)
    frame = pd.read_csv(io.StringIO(csv_text(selection)))
    assert tuple(frame.columns) == CSV_COLUMNS
    assert len(frame) == sum(len(e.places) for e in selection.excerpts)
    path = tmp_path / "export.csv"
    path.write_text(csv_text(selection), encoding="utf-8")
    assert len(gpd.read_file(path)) == len(frame)


def test_csv_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    root = write_xss_folder(tmp_path)
    path = root / "sources" / "test-source.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("speaker: <b", "speaker: =HYPERLINK(1)<b"), encoding="utf-8"
    )
    frame = pd.read_csv(io.StringIO(csv_text(select(load_atlas(root)))))
    assert frame.loc[0, "speaker"].startswith("'=HYPERLINK")
    assert frame.loc[0, "lon"] == 36.6


def test_an_empty_selection_exports_an_empty_collection(tmp_path: Path) -> None:
    selection = select(load_atlas(write_folder(tmp_path)), [])
    assert json.loads(geojson_text(selection)) == {"type": "FeatureCollection", "features": []}
    assert csv_text(selection).strip() == ",".join(CSV_COLUMNS)


def read_kml(selection: Selection, tmp_path: Path) -> dict[str, gpd.GeoDataFrame]:
    """The KML export as GDAL reads it: one frame per layer, which is one per Folder."""
    path = tmp_path / "export.kml"
    path.write_text(kml_text(selection), encoding="utf-8")
    return {name: gpd.read_file(path, layer=name) for name, _ in pyogrio.list_layers(path)}


@pytest.mark.parametrize("sources", SOURCES)
def test_kml_reads_back_in_gdal_as_the_csv_rows(bundled_atlas: Atlas, tmp_path: Path, sources) -> None:
    selection = select(bundled_atlas, sources)
    layers = read_kml(selection, tmp_path)
    chosen = [s for s in bundled_atlas.sources.values() if sources is None or s.id in sources]
    assert list(layers) == [f"{s.outlet}: {s.title}" for s in chosen], "a layer per source, named for it"
    assert all(layer.crs.to_epsg() == 4326 for layer in layers.values())
    frame = pd.concat(layers.values(), ignore_index=True)
    rows = pd.read_csv(io.StringIO(csv_text(selection)))
    assert len(frame) == len(rows) > 0
    assert sorted(zip(frame["place_id"], frame["excerpt_id"], strict=True)) == sorted(
        zip(rows["place_id"], rows["excerpt_id"], strict=True)
    )
    assert set(KML_DATA_COLUMNS) <= set(frame.columns)
    places = [bundled_atlas.places[p] for p in frame["place_id"]]
    assert frame.geometry.x.tolist() == [p.lon for p in places]
    assert frame.geometry.y.tolist() == [p.lat for p in places]
    assert frame["Name"].tolist() == [p.name for p in places]


def test_kml_keeps_arabic_intact(bundled_atlas: Atlas, tmp_path: Path) -> None:
    selection = select(bundled_atlas)
    assert "خان شيخون" in kml_text(selection)
    frame = pd.concat(read_kml(selection, tmp_path).values(), ignore_index=True)
    assert frame["name_ar"].tolist() == [bundled_atlas.places[p].name_ar for p in frame["place_id"]]
    assert "خان شيخون" in set(frame["name_ar"])


def test_kml_description_says_who_speaks_then_quotes(bundled_atlas: Atlas) -> None:
    root = ET.fromstring(kml_text(select(bundled_atlas, ["the-national-2019-05-idlib-residents"])))
    lines = root.findtext(".//kml:Placemark/kml:description", namespaces=NS, default="").split("<br>")
    assert [line.partition(": ")[0] for line in lines[:4]] == ["Speaker", "Role", "Voice", "Source"]
    assert lines[3] == "Source: The National, Idlib residents defy death to take a stand against Assad&#x27;s assault"
    assert lines[4] == "" and lines[5].startswith("I will not let go of my land")


def test_kml_of_script_payloads_is_well_formed_and_inert(tmp_path: Path) -> None:
    text = kml_text(select(load_atlas(write_xss_folder(tmp_path))))
    assert "<script>" not in text and "<img " not in text and "<b " not in text
    tags = {element.tag.removeprefix(KML) for element in ET.fromstring(text).iter()}
    assert tags == {
        "kml",
        "Document",
        "Folder",
        "name",
        "Placemark",
        "description",
        "ExtendedData",
        "Data",
        "value",
        "Point",
        "coordinates",
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "kml:Folder/kml:name",
            'Test Outlet: <img src=x onerror="window.__xss=5">Title '
            "https://x.example/p www.example.com :material/home:",
        ),
        ("kml:Folder/kml:Placemark/kml:name", XSS_NAME),
        ("kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='text']/kml:value", XSS_TEXT),
        (
            "kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='name_ar']/kml:value",
            "<script>window.__xss=8</script>ألفا",
        ),
        (
            "kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='speaker']/kml:value",
            '<b onmouseover="window.__xss=6">Eve</b>',
        ),
    ],
)
def test_kml_keeps_markup_as_literal_text(tmp_path: Path, path: str, expected: str) -> None:
    root = ET.fromstring(kml_text(select(load_atlas(write_xss_folder(tmp_path)))))
    assert [e.text for e in root.iterfind(f"kml:Document/{path}", NS)] == [expected]


def test_kml_description_is_escaped_for_viewers_that_render_it_as_html(tmp_path: Path) -> None:
    root = ET.fromstring(kml_text(select(load_atlas(write_xss_folder(tmp_path)))))
    description = root.findtext(".//kml:description", namespaces=NS, default="")
    assert description.startswith("Speaker: &lt;b onmouseover=&quot;window.__xss=6&quot;&gt;Eve&lt;/b&gt;<br>")
    assert description.endswith("<br><br>" + escape(XSS_TEXT))
    # The only markup left is the line breaks this module writes.
    assert set(re.findall(r"<[^>]*>", description)) == {"<br>"}


def test_kml_of_an_empty_selection_is_an_empty_document(tmp_path: Path) -> None:
    root = ET.fromstring(kml_text(select(load_atlas(write_folder(tmp_path)), [])))
    assert root.tag == f"{KML}kml"
    assert root.findtext("kml:Document/kml:name", namespaces=NS) and root.find(".//kml:Folder", NS) is None


def test_the_module_exports_kml(bundled_data: Path, bundled_atlas: Atlas) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "export",
            "--format",
            "kml",
            "--source",
            "the-national-2019-05-idlib-residents",
            "--data",
            str(bundled_data),
        ],
        capture_output=True,
        check=True,
        cwd=bundled_data.parent,
    )
    assert done.stdout.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<kml ")
    # Parsed from the bytes, so it is the declared UTF-8 that decodes the Arabic.
    placemarks = ET.fromstring(done.stdout).findall(".//kml:Placemark", NS)
    rows = pd.read_csv(io.StringIO(csv_text(select(bundled_atlas, ["the-national-2019-05-idlib-residents"]))))
    assert len(placemarks) == len(rows) > 0
    names_ar = {p.findtext("kml:ExtendedData/kml:Data[@name='name_ar']/kml:value", namespaces=NS) for p in placemarks}
    assert "خان شيخون" in names_ar


FORMATS = sorted(CHUNKERS)


@pytest.mark.parametrize("sources", SOURCES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_streaming_to_a_file_writes_the_text_byte_for_byte(
    bundled_atlas: Atlas, tmp_path: Path, fmt: str, sources
) -> None:
    selection = select(bundled_atlas, sources)
    path = tmp_path / f"export.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_export(selection, fmt, out)
    assert path.read_bytes() == EXPORTERS[fmt](selection).encode("utf-8")
    assert len(list(CHUNKERS[fmt](selection))) > len(selection.places), "a chunk a place at least, not one whole text"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_streams_the_text(
    bundled_data: Path, bundled_atlas: Atlas, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(["export", "--format", fmt, "--data", str(bundled_data)]) == 0
    assert capsys.readouterr().out == EXPORTERS[fmt](select(bundled_atlas))


class WatchedPlace:
    """A place that notes when anything but its id is read, as writing it out must."""

    def __init__(self, place: Place, read: list[str]) -> None:
        self._place, self._read = place, read

    @property
    def id(self) -> str:
        return self._place.id

    def __getattr__(self, name: str):
        if self._place.id not in self._read:
            self._read.append(self._place.id)
        return getattr(self._place, name)


@pytest.mark.parametrize("fmt", FORMATS)
def test_chunks_come_before_the_later_places_are_read(bundled_atlas: Atlas, fmt: str) -> None:
    chosen = select(bundled_atlas)
    read: list[str] = []
    places = tuple(WatchedPlace(p, read) for p in chosen.places)
    watched = Selection(atlas=bundled_atlas, places=places, excerpts=chosen.excerpts)
    chunks = CHUNKERS[fmt](watched)
    taken = [next(chunks)]
    while not read:
        taken.append(next(chunks))
    # The chunk that read a place holds that place and no other has been read yet.
    assert len(read) == 1 and len(chosen.places) > 10
    assert bundled_atlas.places[read[0]].id in taken[-1]
    taken += list(chunks)
    assert sorted(read) == sorted(p.id for p in chosen.places)
    assert "".join(taken) == EXPORTERS[fmt](chosen)


@pytest.mark.parametrize("sources", [*SOURCES, []])
def test_geojson_chunks_join_into_the_json_of_the_collection(bundled_atlas: Atlas, sources) -> None:
    selection = select(bundled_atlas, sources)
    text = "".join(geojson_chunks(selection))
    # Byte for byte what json.dumps writes of the whole collection, as the export always was.
    assert text == json.dumps(to_geojson(selection), ensure_ascii=False, indent=1) + "\n"
    assert json.loads(text) == to_geojson(selection)


def _elementtree_kml(root: ET.Element) -> str:
    """The KML that ElementTree itself writes of a parsed tree, tags bare under the default namespace."""
    for element in root.iter():
        element.tag = element.tag.removeprefix(KML)
    root.set("xmlns", KML_NAMESPACE)
    tree = ET.ElementTree(root)
    ET.indent(tree, space=" ")
    out = io.BytesIO()
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue().decode("utf-8") + "\n"


@pytest.mark.parametrize("sources", [*SOURCES, []])
def test_kml_chunks_parse_and_are_what_elementtree_writes(bundled_atlas: Atlas, sources) -> None:
    text = "".join(kml_chunks(select(bundled_atlas, sources)))
    root = ET.fromstring(text)
    assert root.tag == f"{KML}kml"
    rows = pd.read_csv(io.StringIO(csv_text(select(bundled_atlas, sources))))
    assert len(root.findall(".//kml:Placemark", NS)) == len(rows)
    # Written by hand, escaped and laid out as the ElementTree writer did before.
    assert text == _elementtree_kml(root)


def test_kml_of_script_payloads_is_what_elementtree_writes(tmp_path: Path) -> None:
    text = kml_text(select(load_atlas(write_xss_folder(tmp_path))))
    assert text == _elementtree_kml(ET.fromstring(text))
    assert "&lt;script&gt;" in text
