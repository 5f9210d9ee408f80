"""python -m geo: validate and export, with exit codes a script can trust."""

from __future__ import annotations

import csv
import getpass
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo.cli import main
from geo.core import wordindex
from geo.core.settings import BUNDLED_DATA
from geo.data.history import entries
from geo.data.load import load_atlas
from geo.data.store import ConflictError
from geo.data.wordfile import WORDS_FILE
from geo.ingest.gazetteer import Gazetteer
from tests.support.datafolder import data_folder, snapshot, write_folder


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


def _searched(capsys: pytest.CaptureFixture[str], root: Path, word: str) -> list[str]:
    """The excerpt ids a CSV export of a folder's search for a word holds."""
    assert main(["export", "--format", "csv", "--data", str(root), "--search", word]) == 0
    return [row["excerpt_id"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]


def test_export_searches_the_word_index_kept_beside_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_folder(tmp_path)
    found = _searched(capsys, root, "shelling")
    assert found and (root / WORDS_FILE).is_file(), "the first search makes the folder's index"

    def indexed_again(*args: object) -> None:
        raise AssertionError("a source was indexed again")

    monkeypatch.setattr(wordindex, "_add", indexed_again)
    assert _searched(capsys, root, "shelling") == found, "the next opens it, indexing nothing"


def test_export_searches_in_memory_where_the_folder_cannot_be_written_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_folder(tmp_path)
    expected = _searched(capsys, write_folder(tmp_path / "other"), "shelling")
    # Where the index's file should be is a folder: nothing can be made there (as in a read-only folder).
    (root / WORDS_FILE).mkdir(parents=True)
    assert expected and _searched(capsys, root, "shelling") == expected


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


# --- Reviewing drafts ------------------------------------------------------------------------------


DRAFT_ARTICLE = (
    "Shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n"
)


@pytest.fixture
def draft_folder(tmp_path: Path, gazetteer: Gazetteer, capsys: pytest.CaptureFixture[str]) -> Path:
    """A copy of the bundled places and one source, with a draft of two excerpts ingested into it.

    The gazetteer fixture builds the session's gazetteer, which ingest then finds ready.
    """
    root = data_folder(tmp_path / "data")
    article = tmp_path / "article.txt"
    article.write_text(DRAFT_ARTICLE, encoding="utf-8")
    ingest = ["ingest", str(article), "--id", "short-draft", "--title", "Shelling", "--outlet", "O"]
    assert main([*ingest, "--published", "2020-01", "--data", str(root)]) == 0
    capsys.readouterr()
    return root


def test_drafts_lists_a_line_per_draft(draft_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drafts", "--data", str(draft_folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "short-draft\tShelling\t2/2 excerpts undecided\t1 proposed places\t0 names to place"
    ]


def test_drafts_says_when_there_are_none(bundled_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["drafts", "--data", str(bundled_data)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no drafts to review" in captured.err


def test_accept_refuses_undecided_excerpts_without_all(draft_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(draft_folder)
    assert main(["accept", "short-draft", "--data", str(draft_folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: 2 of 2 excerpts of short-draft are undecided") and "--all" in err
    assert snapshot(draft_folder) == before


@pytest.mark.parametrize(("by", "reviewer"), [(["--by", "Rana Q"], "Rana Q"), ([], "os-user")])
def test_accept_all_makes_a_reviewed_source(
    draft_folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    by: list[str],
    reviewer: str,
) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "os-user")
    assert main(["accept", "short-draft", "--all", *by, "--data", str(draft_folder)]) == 0
    assert capsys.readouterr().out == f"accepted short-draft, reviewed by {reviewer}; added place(s) saraqib\n"
    atlas = load_atlas(draft_folder)
    assert (atlas.sources["short-draft"].status, atlas.sources["short-draft"].reviewed_by) == (None, reviewer)
    assert "saraqib" in atlas.places


def test_reject_deletes_the_draft_and_the_history_says_why(
    draft_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["reject", "short-draft", "--note", "an opinion piece", "--by", "Rana", "--data", str(draft_folder)]) == 0
    )
    assert "rejected short-draft" in capsys.readouterr().out
    assert not (draft_folder / "sources" / "short-draft.yaml").exists()
    assert main(["history", "short-draft", "--data", str(draft_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[1:] for line in lines if not line.startswith(" ")] == [
        [getpass.getuser(), "ingest", "short-draft"],
        ["Rana", "reject", "short-draft", "an opinion piece"],
    ]
    assert re.fullmatch(r"    sources/short-draft\.txt  [0-9a-f]{12} -> deleted", lines[-1])
    assert re.fullmatch(r"    sources/short-draft\.txt  new -> [0-9a-f]{12}", lines[1])


def test_history_lists_every_source_s_changes_oldest_first(
    draft_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["accept", "short-draft", "--all", "--by", "Rana", "--data", str(draft_folder)]) == 0
    capsys.readouterr()
    assert main(["history", "--data", str(draft_folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2] for line in lines if not line.startswith(" ")] == ["ingest", "accept"]
    assert "    places.geojson  " in "\n".join(lines)
    assert main(["history", "nothing-here", "--data", str(draft_folder)]) == 0
    assert "no history of nothing-here" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "fault"),
    [
        (["accept", "the-national-2019-05-idlib-residents", "--all"], "is a reviewed source, not a draft"),
        (["reject", "the-national-2019-05-idlib-residents"], "is a reviewed source, not a draft"),
        (["accept", "nothing-here"], "there is no source 'nothing-here'"),
        (["reject", "nothing-here"], "there is no source 'nothing-here'"),
        (["accept", "short-draft", "--all", "--by", " "], "say who is reviewing"),
    ],
)
def test_a_refused_review_exits_1_and_writes_nothing(
    draft_folder: Path, capsys: pytest.CaptureFixture[str], command: list[str], fault: str
) -> None:
    shutil.copy(BUNDLED_DATA / "sources" / "the-national-2019-05-idlib-residents.yaml", draft_folder / "sources")
    shutil.copy(BUNDLED_DATA / "sources" / "the-national-2019-05-idlib-residents.txt", draft_folder / "sources")
    before = snapshot(draft_folder)
    assert main([*command, "--data", str(draft_folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("error: ") and fault in captured.err
    assert snapshot(draft_folder) == before


@pytest.mark.parametrize("command", ["accept", "reject"])
def test_a_change_made_meanwhile_says_to_try_again(
    draft_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    def meanwhile(*args: Any, **kwargs: Any) -> None:
        raise ConflictError("sources/short-draft.yaml changed since you read it; reload and try again")

    monkeypatch.setattr(f"geo.ingest.review.{command}_source", meanwhile)
    assert (
        main([command, "short-draft", "--all" if command == "accept" else "--by=R", "--data", str(draft_folder)]) == 1
    )
    assert "error: sources/short-draft.yaml changed since you read it; reload and try again" in capsys.readouterr().err


def test_the_os_user_unknown_asks_for_by(
    draft_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def nobody() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", nobody)
    assert main(["reject", "short-draft", "--data", str(draft_folder)]) == 1
    assert "--by" in capsys.readouterr().err
    assert (draft_folder / "sources" / "short-draft.yaml").exists()


def test_ingest_records_who_ingested(tmp_path: Path, gazetteer: Gazetteer) -> None:
    root = data_folder(tmp_path / "data")
    article = tmp_path / "article.txt"
    article.write_text(DRAFT_ARTICLE, encoding="utf-8")
    meta = ["--title", "Shelling", "--outlet", "O", "--published", "2020-01", "--data", str(root)]
    assert main(["ingest", str(article), "--id", "by-desk", "--by", "Desk", *meta]) == 0
    assert [(e.by, e.action, e.subject) for e in entries(root)] == [("Desk", "ingest", "by-desk")]
