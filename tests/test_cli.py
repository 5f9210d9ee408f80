"""python -m geo: validate and export, with exit codes a script can trust."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.__main__ import main
from tests.datafolder import write_folder

DATA = Path(__file__).parent.parent / "data"


def test_validate_passes_the_bundled_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(DATA)]) == 0
    assert "2 sources, 17 places" in capsys.readouterr().out


def test_validate_names_file_and_fault(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_folder(tmp_path)
    (root / "sources" / "test-source.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert main(["validate", "--data", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{root / 'sources' / 'test-source.yaml'} (line 2, column 1): broken YAML" in err
    assert "1 problem(s)" in err


@pytest.mark.parametrize(
    ("sources", "places"),
    [([], ["alpha", "beta-crossing"]), (["--source", "test-source"], ["alpha", "beta-crossing"])],
)
def test_export_geojson(tmp_path: Path, capsys: pytest.CaptureFixture[str], sources: list[str], places: list[str]) -> None:
    root = write_folder(tmp_path)
    assert main(["export", "--format", "geojson", "--data", str(root), *sources]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [f["properties"]["id"] for f in document["features"]] == places


def test_export_refuses_an_unknown_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_folder(tmp_path)
    assert main(["export", "--format", "csv", "--source", "nope", "--data", str(root)]) == 2
    assert "unknown source id(s): nope" in capsys.readouterr().err


def test_export_of_a_spoiled_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text("{", encoding="utf-8")
    assert main(["export", "--format", "csv", "--data", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "places.geojson" in captured.err


def test_the_module_runs_as_a_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--format", "csv", "--source", "the-national-2019-05-idlib-residents", "--data", str(DATA)],
        capture_output=True, text=True, check=True, cwd=DATA.parent,
    )  # fmt: skip
    assert done.stdout.startswith("place_id,place_name")
    assert "Khaled Al Essa" in done.stdout and "Yuri Burenkov" not in done.stdout
