"""Exports read back in GDAL with what was selected, and nothing else."""

import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.atlas import select
from geo.export import CSV_COLUMNS, csv_text, geojson_text, to_geojson
from geo.load import load_atlas
from tests.datafolder import write_folder, write_xss_folder

DATA = Path(__file__).parent.parent / "data"
ATLAS = load_atlas(DATA)


@pytest.mark.parametrize("sources", [None, ["al-monitor-2020-01-idlib-crossings"], ["the-national-2019-05-idlib-residents"]])
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
