"""Exports read back in GDAL with what was selected, and nothing else."""

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

from geo.atlas import Selection, select
from geo.export import CSV_COLUMNS, KML_DATA_COLUMNS, KML_NAMESPACE, csv_text, geojson_text, kml_text, to_geojson
from geo.load import load_atlas
from geo.popup import escape
from tests.datafolder import XSS_NAME, XSS_TEXT, write_folder, write_xss_folder

DATA = Path(__file__).parent.parent / "data"
ATLAS = load_atlas(DATA)
SOURCES = [None, ["al-monitor-2020-01-idlib-crossings"], ["the-national-2019-05-idlib-residents"]]
KML = "{" + KML_NAMESPACE + "}"
NS = {"kml": KML_NAMESPACE}


@pytest.mark.parametrize("sources", SOURCES)
def test_geojson_reads_back_in_gdal(tmp_path: Path, sources) -> None:
    selection = select(ATLAS, sources)
    path = tmp_path / "export.geojson"
    path.write_text(geojson_text(selection), encoding="utf-8")
    frame = gpd.read_file(path)
    assert list(frame["id"]) == [p.id for p in selection.places]
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.x.tolist() == [p.lon for p in selection.places]
    for column in ("name", "name_ar", "aliases", "kind", "precision_m", "excerpts"):
        assert column in frame.columns


def test_geojson_keeps_only_selected_excerpts() -> None:
    document = to_geojson(select(ATLAS, ["the-national-2019-05-idlib-residents"]))
    excerpts = [e for f in document["features"] for e in f["properties"]["excerpts"]]
    assert excerpts and {e["source"] for e in excerpts} == {"the-national-2019-05-idlib-residents"}
    assert set(excerpts[0]) == {"id", "source", "kind", "speaker", "role", "voice", "event_date", "text"}
    assert all(f["properties"]["excerpts"] for f in document["features"]), "no place without excerpts"


def test_geojson_keeps_arabic_readable() -> None:
    assert "خان شيخون" in geojson_text(select(ATLAS))


def test_csv_has_a_row_per_place_and_excerpt(tmp_path: Path) -> None:
    selection = select(ATLAS)
    frame = pd.read_csv(io.StringIO(csv_text(selection)))
    assert tuple(frame.columns) == CSV_COLUMNS
    assert len(frame) == sum(len(e.places) for e in selection.excerpts)
    path = tmp_path / "export.csv"
    path.write_text(csv_text(selection), encoding="utf-8")
    assert len(gpd.read_file(path)) == len(frame)


def test_csv_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    root = write_xss_folder(tmp_path)
    path = root / "sources" / "test-source.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("speaker: <b", "speaker: =HYPERLINK(1)<b"), encoding="utf-8")
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
def test_kml_reads_back_in_gdal_as_the_csv_rows(tmp_path: Path, sources) -> None:
    selection = select(ATLAS, sources)
    layers = read_kml(selection, tmp_path)
    chosen = [s for s in ATLAS.sources.values() if sources is None or s.id in sources]
    assert list(layers) == [f"{s.outlet}: {s.title}" for s in chosen], "a layer per source, named for it"
    assert all(layer.crs.to_epsg() == 4326 for layer in layers.values())
    frame = pd.concat(layers.values(), ignore_index=True)
    rows = pd.read_csv(io.StringIO(csv_text(selection)))
    assert len(frame) == len(rows) > 0
    assert sorted(zip(frame["place_id"], frame["excerpt_id"])) == sorted(zip(rows["place_id"], rows["excerpt_id"]))
    assert set(KML_DATA_COLUMNS) <= set(frame.columns)
    places = [ATLAS.places[p] for p in frame["place_id"]]
    assert frame.geometry.x.tolist() == [p.lon for p in places]
    assert frame.geometry.y.tolist() == [p.lat for p in places]
    assert frame["Name"].tolist() == [p.name for p in places]


def test_kml_keeps_arabic_intact(tmp_path: Path) -> None:
    selection = select(ATLAS)
    assert "خان شيخون" in kml_text(selection)
    frame = pd.concat(read_kml(selection, tmp_path).values(), ignore_index=True)
    assert frame["name_ar"].tolist() == [ATLAS.places[p].name_ar for p in frame["place_id"]]
    assert "خان شيخون" in set(frame["name_ar"])


def test_kml_description_says_who_speaks_then_quotes() -> None:
    root = ET.fromstring(kml_text(select(ATLAS, ["the-national-2019-05-idlib-residents"])))
    lines = root.findtext(".//kml:Placemark/kml:description", namespaces=NS, default="").split("<br>")
    assert [line.partition(": ")[0] for line in lines[:4]] == ["Speaker", "Role", "Voice", "Source"]
    assert lines[3] == "Source: The National, Idlib residents defy death to take a stand against Assad&#x27;s assault"
    assert lines[4] == "" and lines[5].startswith("I will not let go of my land")


def test_kml_of_script_payloads_is_well_formed_and_inert(tmp_path: Path) -> None:
    text = kml_text(select(load_atlas(write_xss_folder(tmp_path))))
    assert "<script>" not in text and "<img " not in text and "<b " not in text
    tags = {element.tag.removeprefix(KML) for element in ET.fromstring(text).iter()}
    assert tags == {"kml", "Document", "Folder", "name", "Placemark", "description", "ExtendedData", "Data", "value", "Point", "coordinates"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("kml:Folder/kml:name", 'Test Outlet: <img src=x onerror="window.__xss=5">Title https://x.example/p www.example.com :material/home:'),
        ("kml:Folder/kml:Placemark/kml:name", XSS_NAME),
        ("kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='text']/kml:value", XSS_TEXT),
        ("kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='name_ar']/kml:value", "<script>window.__xss=8</script>ألفا"),
        ("kml:Folder/kml:Placemark/kml:ExtendedData/kml:Data[@name='speaker']/kml:value", '<b onmouseover="window.__xss=6">Eve</b>'),
    ],
)  # fmt: skip
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


def test_the_module_exports_kml() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--format", "kml", "--source", "the-national-2019-05-idlib-residents", "--data", str(DATA)],
        capture_output=True, check=True, cwd=DATA.parent,
    )  # fmt: skip
    assert done.stdout.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<kml ")
    # Parsed from the bytes, so it is the declared UTF-8 that decodes the Arabic.
    placemarks = ET.fromstring(done.stdout).findall(".//kml:Placemark", NS)
    rows = pd.read_csv(io.StringIO(csv_text(select(ATLAS, ["the-national-2019-05-idlib-residents"]))))
    assert len(placemarks) == len(rows) > 0
    names_ar = {p.findtext("kml:ExtendedData/kml:Data[@name='name_ar']/kml:value", namespaces=NS) for p in placemarks}
    assert "خان شيخون" in names_ar
