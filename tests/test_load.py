"""Loading a data folder: what loads, and a clear message for each way to spoil it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from geo.load import DataError, _DataLoader, _loader_for, check_data, fingerprint, load_atlas
from tests.datafolder import ARTICLE, place, source, write_folder


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to prove a check changed nothing."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_valid_folder_loads(tmp_path: Path) -> None:
    atlas = load_atlas(write_folder(tmp_path))
    assert list(atlas.sources) == ["test-source"]
    assert list(atlas.places) == ["alpha", "beta-crossing"]
    assert [e.id for e in atlas.excerpts] == ["test-source-shelling", "test-source-dana", "test-source-officials"]
    assert atlas.articles["test-source"] == ARTICLE
    assert atlas.boundaries is None


def _edit(path: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def spoil(root: Path) -> None:
        target = root / path
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")

    return spoil


def _places(*features: dict) -> Callable[[Path], None]:
    def spoil(root: Path) -> None:
        (root / "places.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8"
        )

    return spoil


def _excerpt(**changes: object) -> Callable[[Path], None]:
    def spoil(root: Path) -> None:
        import yaml

        path = root / "sources" / "test-source.yaml"
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        document["excerpts"][0].update(changes)
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    return spoil


ALPHA = place("alpha", "Alpha", 36.6, 35.6)
BETA = place("beta-crossing", "Beta", 36.9, 35.8, kind="crossing")

SPOILS = [
    ("broken JSON", _edit("places.geojson", lambda t: t[:-5]), "places.geojson", "broken JSON"),
    ("not a collection", _edit("places.geojson", lambda t: "[]"), "places.geojson", "FeatureCollection"),
    ("latitude out of range", _places(place("alpha", "A", 36.6, 95.0), BETA), "places.geojson", "latitude 95.0"),
    ("longitude not a number", _places(place("alpha", "A", "36.6", 35.6), BETA), "places.geojson", "[longitude, latitude]"),  # type: ignore[arg-type]
    ("three coordinates", _places({**ALPHA, "geometry": {"type": "Point", "coordinates": [1, 2, 3]}}, BETA), "places.geojson", "[longitude, latitude]"),
    ("not a point", _places({**ALPHA, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}, BETA), "places.geojson", "Point"),
    ("duplicate place id", _places(ALPHA, ALPHA, BETA), "places.geojson", "duplicate place id 'alpha'"),
    ("place field wrong", _places(place("alpha", "A", 36.6, 35.6, kind="planet"), BETA), "places.geojson", "field kind"),
    ("place missing a field", _places({**ALPHA, "properties": {"id": "alpha"}}, BETA), "places.geojson", "field name"),
    ("broken YAML", _edit("sources/test-source.yaml", lambda t: t + "\n  bad: [unclosed\n"), "test-source.yaml", "broken YAML"),
    ("YAML not a mapping", _edit("sources/test-source.yaml", lambda t: "- a list\n"), "test-source.yaml", "YAML mapping"),
    ("source id differs from file", _edit("sources/test-source.yaml", lambda t: t.replace("id: test-source\n", "id: other-source\n")), "test-source.yaml", "must match the file name"),
    ("bad published date", _edit("sources/test-source.yaml", lambda t: t.replace("published: 2020-01", "published: last year")), "test-source.yaml", "field published"),
    ("unknown place", _excerpt(places=["gamma"]), "test-source.yaml", "unknown place id(s): gamma"),
    ("not verbatim", _excerpt(text="Shelling hit Alpha city on Jan. 5, residents said."), "test-source.yaml", "does not occur verbatim"),
    ("testimony without speaker", _excerpt(kind="testimony"), "test-source.yaml", "needs a speaker"),
    ("foreign source", _excerpt(source="elsewhere"), "test-source.yaml", "differs from the file's"),
    ("duplicate excerpt id", _excerpt(id="test-source-dana"), "test-source.yaml", "duplicate excerpt id"),
    ("missing article", lambda root: (root / "sources" / "test-source.txt").unlink(), "test-source.txt", "missing"),
    ("article not UTF-8", lambda root: (root / "sources" / "test-source.txt").write_bytes(b"\xff\xfe\x00bad"), "test-source.txt", "not UTF-8"),
    ("article without metadata", lambda root: (root / "sources" / "orphan.txt").write_text("x"), "orphan.txt", "no metadata file"),
    ("no places file", lambda root: (root / "places.geojson").unlink(), "places.geojson", "missing"),
    ("impossible unquoted date", _edit("sources/test-source.yaml", lambda t: t.replace("event_date: '2020-01-05'", "event_date: 2019-02-30")), "test-source.yaml", "not a day of the calendar"),
    ("key given twice", _edit("sources/test-source.yaml", lambda t: t.replace("outlet: Test Outlet", "outlet: Test Outlet\noutlet: Other")), "test-source.yaml", "'outlet' is given twice"),
    ("YAML nested too deep", _edit("sources/test-source.yaml", lambda t: t + "deep: " + "[" * 100_000), "test-source.yaml", "YAML"),
    ("JSON nested too deep", _edit("places.geojson", lambda t: "[" * 100_000 + "]" * 100_000), "places.geojson", "JSON"),
    ("a 5,000-digit number", _edit("places.geojson", lambda t: t.replace("36.6", "1" * 5000, 1)), "places.geojson", "not usable JSON"),
    ("a coordinate too large for a float", _edit("places.geojson", lambda t: t.replace("36.6", "1" + "0" * 400, 1)), "places.geojson", "too large"),
    ("a boolean for a number", _places(place("alpha", "A", 36.6, 35.6, precision_m=True), BETA), "places.geojson", "field precision_m"),
    ("lat among the properties", _places({**ALPHA, "properties": {**ALPHA["properties"], "lat": 35.6}}, BETA), "places.geojson", "must not hold lat or lon"),
    ("a place listed twice", _excerpt(places=["alpha", "alpha"]), "test-source.yaml", "more than once"),
    ("a passage cut mid-word", _excerpt(text="helling hit Alpha town on Jan. 5, residents said."), "test-source.yaml", "does not occur verbatim"),
    ("an article edited afterwards", lambda root: (root / "sources" / "test-source.txt").write_text(ARTICLE + "Added.\n", encoding="utf-8"), "test-source.yaml", "test-source.txt has changed"),
    ("a bidi override in a title", _edit("sources/test-source.yaml", lambda t: t.replace("title: Town under fire", "title: Town \u202eerif rednu")), "test-source.yaml", "hidden character U+202E"),
    ("boundaries that are points", lambda root: _points_as_boundaries(root), "syria-governorates.geojson", "must hold polygons"),
]  # fmt: skip


def _points_as_boundaries(root: Path) -> None:
    (root / "boundaries").mkdir()
    (root / "boundaries" / "syria-governorates.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [ALPHA]}), encoding="utf-8"
    )


@pytest.mark.parametrize(("spoil", "file", "message"), [s[1:] for s in SPOILS], ids=[s[0] for s in SPOILS])
def test_each_fault_names_the_file_and_changes_nothing(
    tmp_path: Path, spoil: Callable[[Path], None], file: str, message: str
) -> None:
    root = write_folder(tmp_path)
    spoil(root)
    before = snapshot(root)
    problems = check_data(root)
    assert snapshot(root) == before
    assert any(p.file.endswith(file) and message in str(p) for p in problems), problems
    with pytest.raises(DataError) as error:
        load_atlas(root)
    assert message in str(error.value)


def test_broken_json_gives_line_and_column(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text('{"type": "FeatureCollection",\n "features": [,]}')
    [problem] = check_data(root)
    assert problem.where == "line 2, column 15"


def test_a_faulty_place_is_reported_once_not_by_every_excerpt(tmp_path: Path) -> None:
    root = write_folder(tmp_path, places=[place("alpha", "A", 36.6, 99.0), BETA])
    assert [p.message for p in check_data(root)] == ["latitude 99.0 is outside -90..90"]


def test_faults_in_metadata_do_not_hide_faults_in_excerpts(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    _excerpt(text="Shelling hit Alpha city.")(root)
    _edit("sources/test-source.yaml", lambda t: t.replace("published: 2020-01", "published: soon"))(root)
    messages = " | ".join(str(p) for p in check_data(root))
    assert "field published" in messages and "does not occur verbatim" in messages


def test_a_missing_folder_is_one_clear_problem(tmp_path: Path) -> None:
    assert [str(p) for p in check_data(tmp_path / "nowhere")] == [f"{tmp_path / 'nowhere'}: no such data folder"]


def test_fingerprint_changes_when_a_file_changes(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    before = fingerprint(root)
    (root / "sources" / "test-source.txt").write_text(ARTICLE + "More.\n", encoding="utf-8")
    assert fingerprint(root) != before
    assert len(before) == 3


def test_boundaries_load_when_present(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "boundaries").mkdir()
    square = {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 36], [36, 35]]]}
    (root / "boundaries" / "syria-governorates.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": square, "properties": {"name": "Idlib"}}]})
    )
    atlas = load_atlas(root)
    assert atlas.boundaries is not None
    assert list(atlas.boundaries["name"]) == ["Idlib"]


def test_spoiled_boundaries_are_named(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "boundaries").mkdir()
    (root / "boundaries" / "syria-governorates.geojson").write_text("{not json")
    assert any(p.file.endswith("syria-governorates.geojson") for p in check_data(root))


def test_two_sources_load_side_by_side(tmp_path: Path) -> None:
    second = source("second-source")
    root = write_folder(tmp_path, sources={"test-source": (source(), ARTICLE), "second-source": (second, ARTICLE)})
    assert sorted(load_atlas(root).sources) == ["second-source", "test-source"]


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("id: a\nexcerpts:\n  - text: '[sic] a {b}'\n", True),
        ("deep: " + "[" * 100_000, False),  # libyaml would crash the process on this
        ("- " * 100_000 + "x", False),
        ("deep:\n" + "".join(" " * i + "- a:\n" for i in range(0, 12_000, 4)), False),
    ],
)
def test_libyaml_reads_only_what_cannot_nest_deep_enough_to_crash_it(text: str, fast: bool) -> None:
    assert (_loader_for(text) is not _DataLoader) is fast
