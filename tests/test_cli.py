"""python -m geo: validate and export, with exit codes a script can trust."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.core.settings import BUNDLED_DATA
from tests.support.datafolder import write_folder


def test_validate_passes_the_bundled_data(bundled_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(bundled_data)]) == 0
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
def test_export_geojson(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sources: list[str], places: list[str]
) -> None:
    root = write_folder(tmp_path)
    assert main(["export", "--format", "geojson", "--data", str(root), *sources]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [f["properties"]["id"] for f in document["features"]] == places


def test_export_refuses_an_unknown_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_folder(tmp_path)
    assert main(["export", "--format", "csv", "--source", "nope", "--data", str(root)]) == 2
    assert "error: source 'nope' is not known (known: test-source)" in capsys.readouterr().err


def test_export_of_a_spoiled_folder_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text("{", encoding="utf-8")
    assert main(["export", "--format", "csv", "--data", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "places.geojson" in captured.err


def test_the_module_runs_as_a_command(bundled_data: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "export",
            "--format",
            "csv",
            "--source",
            "the-national-2019-05-idlib-residents",
            "--data",
            str(bundled_data),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=bundled_data.parent,
    )
    assert done.stdout.startswith("place_id,place_name")
    assert "Khaled Al Essa" in done.stdout and "Yuri Burenkov" not in done.stdout


def _exported_ids(capsys: pytest.CaptureFixture[str], *args: str) -> set[str]:
    """The excerpt ids a CSV export of the bundled data holds."""
    assert main(["export", "--format", "csv", "--data", str(BUNDLED_DATA), *args]) == 0
    return {row["excerpt_id"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}


@pytest.mark.parametrize(
    ("options", "link"),
    [
        (["--voice", "russia", "--voice", "state-media"], "?voice=russia&voice=state-media"),
        (["--place-kind", "crossing", "--kind", "statement"], "?place_kind=crossing&kind=statement"),
        (["--from", "2020-01-12", "--to", "2020-01-19"], "?from=2020-01-12&to=2020-01-19"),
        (["--search", "Ma'arrat al-Nu'man"], "?q=Ma%27arrat+al-Nu%27man"),
        (
            ["--search", "معرة النعمان", "--source", "the-national-2019-05-idlib-residents"],
            "http://localhost:8501/?q=%D9%85%D8%B9%D8%B1%D8%A9+%D8%A7%D9%84%D9%86%D8%B9%D9%85%D8%A7%D9%86"
            "&source=the-national-2019-05-idlib-residents",
        ),
    ],
)
def test_export_takes_the_page_filters_as_options_or_as_a_link(
    capsys: pytest.CaptureFixture[str], options: list[str], link: str
) -> None:
    by_options = _exported_ids(capsys, *options)
    assert by_options and by_options != _exported_ids(capsys), "the filter kept everything"
    assert _exported_ids(capsys, "--link", link) == by_options


def test_options_override_the_link(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exported_ids(capsys, "--link", "?voice=civilian", "--voice", "russia") == _exported_ids(
        capsys, "--voice", "russia"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "yesterday"], "from='yesterday' is not a date"),
        (["--link", "?voice=martian"], "voice 'martian' is not known"),
        (["--link", "?place_kind=ocean&utm=1"], "parameter 'utm' is not one this page uses"),
    ],
)
def test_export_refuses_a_filter_the_page_would_drop(
    bundled_data: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["export", "--format", "csv", "--data", str(bundled_data), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


def test_export_rejects_an_unknown_voice_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "csv", "--voice", "martian"])
    assert exit_.value.code == 2 and "invalid choice: 'martian'" in capsys.readouterr().err
