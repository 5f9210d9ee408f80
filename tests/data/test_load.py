"""Loading a data folder: what loads, and a clear message for each way to spoil it."""

from __future__ import annotations

import gc
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import geo.data.reader
from geo.core.atlas import Atlas
from geo.data.documents import DataLoader, loader_for
from geo.data.layout import fingerprint
from geo.data.load import check_data, load_atlas, load_resident_atlas
from geo.data.problems import DataError
from tests.support.datafolder import ARTICLE, place, source, write_folder
from tests.support.spoil import edit, with_first_excerpt, with_places


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


ALPHA = place("alpha", "Alpha", 36.6, 35.6)
BETA = place("beta-crossing", "Beta", 36.9, 35.8, kind="crossing")

SPOILS = [
    ("broken JSON", edit("places.geojson", lambda t: t[:-5]), "places.geojson", "broken JSON"),
    ("not a collection", edit("places.geojson", lambda t: "[]"), "places.geojson", "FeatureCollection"),
    ("latitude out of range", with_places(place("alpha", "A", 36.6, 95.0), BETA), "places.geojson", "latitude 95.0"),
    (
        "longitude not a number",
        with_places(place("alpha", "A", "36.6", 35.6), BETA),
        "places.geojson",
        "[longitude, latitude]",
    ),  # type: ignore[arg-type]
    (
        "three coordinates",
        with_places({**ALPHA, "geometry": {"type": "Point", "coordinates": [1, 2, 3]}}, BETA),
        "places.geojson",
        "[longitude, latitude]",
    ),
    (
        "not a point",
        with_places({**ALPHA, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}, BETA),
        "places.geojson",
        "Point",
    ),
    ("duplicate place id", with_places(ALPHA, ALPHA, BETA), "places.geojson", "duplicate place id 'alpha'"),
    (
        "place field wrong",
        with_places(place("alpha", "A", 36.6, 35.6, kind="planet"), BETA),
        "places.geojson",
        "field kind",
    ),
    (
        "place missing a field",
        with_places({**ALPHA, "properties": {"id": "alpha"}}, BETA),
        "places.geojson",
        "field name",
    ),
    (
        "broken YAML",
        edit("sources/test-source.yaml", lambda t: t + "\n  bad: [unclosed\n"),
        "test-source.yaml",
        "broken YAML",
    ),
    (
        "YAML not a mapping",
        edit("sources/test-source.yaml", lambda t: "- a list\n"),
        "test-source.yaml",
        "YAML mapping",
    ),
    (
        "source id differs from file",
        edit("sources/test-source.yaml", lambda t: t.replace("id: test-source\n", "id: other-source\n")),
        "test-source.yaml",
        "must match the file name",
    ),
    (
        "bad published date",
        edit("sources/test-source.yaml", lambda t: t.replace("published: 2020-01", "published: last year")),
        "test-source.yaml",
        "field published",
    ),
    ("unknown place", with_first_excerpt(places=["gamma"]), "test-source.yaml", "unknown place id(s): gamma"),
    (
        "not verbatim",
        with_first_excerpt(text="Shelling hit Alpha city on Jan. 5, residents said."),
        "test-source.yaml",
        "does not occur verbatim",
    ),
    ("testimony without speaker", with_first_excerpt(kind="testimony"), "test-source.yaml", "needs a speaker"),
    ("foreign source", with_first_excerpt(source="elsewhere"), "test-source.yaml", "differs from the file's"),
    ("duplicate excerpt id", with_first_excerpt(id="test-source-dana"), "test-source.yaml", "duplicate excerpt id"),
    ("missing article", lambda root: (root / "sources" / "test-source.txt").unlink(), "test-source.txt", "missing"),
    (
        "article not UTF-8",
        lambda root: (root / "sources" / "test-source.txt").write_bytes(b"\xff\xfe\x00bad"),
        "test-source.txt",
        "not UTF-8",
    ),
    (
        "article without metadata",
        lambda root: (root / "sources" / "orphan.txt").write_text("x"),
        "orphan.txt",
        "no metadata file",
    ),
    ("no places file", lambda root: (root / "places.geojson").unlink(), "places.geojson", "missing"),
    (
        "impossible unquoted date",
        edit("sources/test-source.yaml", lambda t: t.replace("event_date: '2020-01-05'", "event_date: 2019-02-30")),
        "test-source.yaml",
        "not a day of the calendar",
    ),
    (
        "key given twice",
        edit(
            "sources/test-source.yaml", lambda t: t.replace("outlet: Test Outlet", "outlet: Test Outlet\noutlet: Other")
        ),
        "test-source.yaml",
        "'outlet' is given twice",
    ),
    (
        "YAML nested too deep",
        edit("sources/test-source.yaml", lambda t: t + "deep: " + "[" * 100_000),
        "test-source.yaml",
        "YAML",
    ),
    ("JSON nested too deep", edit("places.geojson", lambda t: "[" * 100_000 + "]" * 100_000), "places.geojson", "JSON"),
    (
        "a 5,000-digit number",
        edit("places.geojson", lambda t: t.replace("36.6", "1" * 5000, 1)),
        "places.geojson",
        "not usable JSON",
    ),
    (
        "a coordinate too large for a float",
        edit("places.geojson", lambda t: t.replace("36.6", "1" + "0" * 400, 1)),
        "places.geojson",
        "too large",
    ),
    (
        "a boolean for a number",
        with_places(place("alpha", "A", 36.6, 35.6, precision_m=True), BETA),
        "places.geojson",
        "field precision_m",
    ),
    (
        "lat among the properties",
        with_places({**ALPHA, "properties": {**ALPHA["properties"], "lat": 35.6}}, BETA),
        "places.geojson",
        "must not hold lat or lon",
    ),
    ("a place listed twice", with_first_excerpt(places=["alpha", "alpha"]), "test-source.yaml", "more than once"),
    (
        "a passage cut mid-word",
        with_first_excerpt(text="helling hit Alpha town on Jan. 5, residents said."),
        "test-source.yaml",
        "does not occur verbatim",
    ),
    (
        "an article edited afterwards",
        lambda root: (root / "sources" / "test-source.txt").write_text(ARTICLE + "Added.\n", encoding="utf-8"),
        "test-source.yaml",
        "test-source.txt has changed",
    ),
    (
        "a bidi override in a title",
        edit("sources/test-source.yaml", lambda t: t.replace("title: Town under fire", "title: Town \u202eerif rednu")),
        "test-source.yaml",
        "hidden character U+202E",
    ),
    (
        "boundaries that are points",
        lambda root: _points_as_boundaries(root),
        "syria-governorates.geojson",
        "must hold polygons",
    ),
]


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
    with_first_excerpt(text="Shelling hit Alpha city.")(root)
    edit("sources/test-source.yaml", lambda t: t.replace("published: 2020-01", "published: soon"))(root)
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
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "geometry": square, "properties": {"name": "Idlib"}}],
            }
        )
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
    assert (loader_for(text) is not DataLoader) is fast


# Source files in JSON form: YAML reads JSON too, and the json module reads it many times faster.


def _as_json(path: Path, **dump: Any) -> None:
    """Rewrite a source's YAML file as JSON holding the same document."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(document, **{"ensure_ascii": False, "indent": 1, **dump}), encoding="utf-8")


def _same_atlas(first: Atlas, second: Atlas) -> None:
    assert first.sources == second.sources
    assert first.places == second.places
    assert first.excerpts == second.excerpts
    assert first.articles == second.articles


@pytest.mark.parametrize("dump", [{}, {"ensure_ascii": True}, {"indent": None}], ids=["utf-8", "ascii", "one line"])
def test_a_json_source_loads_the_same_atlas_as_its_yaml(tmp_path: Path, dump: dict[str, Any]) -> None:
    root = write_folder(tmp_path)
    from_yaml = load_atlas(root)
    _as_json(root / "sources" / "test-source.yaml", **dump)
    _same_atlas(load_atlas(root), from_yaml)


def test_the_bundled_data_in_json_form_loads_the_same_atlas(
    tmp_path: Path, bundled_data: Path, bundled_atlas: Atlas
) -> None:
    root = tmp_path / "data"
    shutil.copytree(bundled_data, root)
    for path in (root / "sources").glob("*.yaml"):
        _as_json(path)
    _same_atlas(load_atlas(root), bundled_atlas)


def test_a_yaml_flow_mapping_that_is_not_json_still_loads(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    from_yaml = load_atlas(root)
    path = root / "sources" / "test-source.yaml"
    path.write_text(yaml.safe_dump(yaml.safe_load(path.read_text(encoding="utf-8")), default_flow_style=True, width=80))
    assert path.read_text().startswith("{")
    _same_atlas(load_atlas(root), from_yaml)


def test_a_json_source_is_read_without_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_folder(tmp_path)
    _as_json(root / "sources" / "test-source.yaml")
    monkeypatch.setattr(yaml, "load", lambda *args, **kwargs: pytest.fail("read as YAML"))
    assert [e.id for e in load_atlas(root).excerpts] == [
        "test-source-shelling",
        "test-source-dana",
        "test-source-officials",
    ]


def _json_source(change: Callable[[str], str]) -> Callable[[Path], None]:
    """The source file in JSON form (one field a line, as a person would lay it out), then changed."""

    def spoil(root: Path) -> None:
        path = root / "sources" / "test-source.yaml"
        _as_json(path, ensure_ascii=True)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return spoil


# Each spoils a JSON-form source; the same faults must be reported, in the same words, as when
# the file is read as YAML, as it always was.
JSON_SPOILS = [
    (
        "a key given twice",
        _json_source(lambda t: t.replace('"outlet": "Test Outlet",', '"outlet": "Test Outlet",\n "outlet": "Other",')),
        "'outlet' is given twice",
    ),
    (
        "a key given twice in an excerpt",
        _json_source(lambda t: t.replace('"kind": "report",', '"kind": "report", "kind": "report",', 1)),
        "'kind' is given twice",
    ),
    ("broken JSON", _json_source(lambda t: t[: len(t) // 2]), "broken YAML"),
    ("a JSON-looking YAML flow mapping that is broken", _json_source(lambda t: "{id: test-source, [\n"), "broken YAML"),
    (
        "nested too deep",
        _json_source(lambda t: t.replace('"title":', '"deep": ' + "[" * 100_000 + "]" * 100_000 + ',\n "title":')),
        "YAML",
    ),
    (
        "a 5,000-digit number",
        _json_source(lambda t: t.replace('"language": "en"', '"language": ' + "1" * 5000)),
        "not usable YAML",
    ),
    (
        "an exponent YAML reads as text",
        _json_source(lambda t: t.replace('"language": "en"', '"language": 1e5')),
        "field language",
    ),
    (
        "NaN, which YAML reads as text",
        _json_source(lambda t: t.replace('"language": "en"', '"language": NaN')),
        "field language",
    ),
    ("a float", _json_source(lambda t: t.replace('"language": "en"', '"language": 1.5')), "field language"),
    (
        "an escaped bidi override",
        _json_source(lambda t: t.replace("Town under fire", "Town \\u202eerif")),
        "hidden character U+202E",
    ),
    (
        "a raw bidi override",
        _json_source(lambda t: t.replace("Town under fire", "Town \u2066erif")),
        "hidden character U+2066",
    ),
    (
        "an escaped backspace in an excerpt",
        _json_source(lambda t: t.replace('"Dana Q"', '"Dana\\bQ"')),
        "hidden character U+0008",
    ),
    (
        "an escaped C1 control",
        _json_source(lambda t: t.replace('"Dana Q"', '"Dana\\u0085Q"')),
        "hidden character U+0085",
    ),
    (
        "a surrogate pair",
        _json_source(lambda t: t.replace("Town under fire", "Town \\ud83d\\udd25")),
        "test-source.yaml",
    ),
    (
        "not verbatim",
        _json_source(lambda t: t.replace("Shelling hit Alpha town", "Shelling hit Alpha city")),
        "does not occur verbatim",
    ),
    ("unknown place", _json_source(lambda t: t.replace('"beta-crossing"', '"gamma"')), "unknown place id(s): gamma"),
    (
        "a foreign source",
        _json_source(lambda t: t.replace('"kind": "testimony"', '"kind": "testimony", "source": "elsewhere"')),
        "differs from the file's",
    ),
    (
        "an excerpt that is not a mapping",
        _json_source(lambda t: t.replace('"excerpts": [', '"excerpts": [\n  "just text",')),
        "must be a mapping",
    ),
]


@pytest.mark.parametrize(("spoil", "message"), [s[1:] for s in JSON_SPOILS], ids=[s[0] for s in JSON_SPOILS])
def test_a_json_source_is_faulted_as_its_yaml_reading_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Callable[[Path], None], message: str
) -> None:
    root = write_folder(tmp_path)
    spoil(root)
    before = snapshot(root)
    problems = check_data(root)
    assert snapshot(root) == before
    assert any(p.file.endswith("test-source.yaml") and message in str(p) for p in problems), problems
    monkeypatch.setattr(geo.data.reader, "json_document", lambda text, data: None)
    assert check_data(root) == problems


def test_an_escaped_hidden_character_in_places_is_caught(tmp_path: Path) -> None:
    root = write_folder(tmp_path, places=[place("alpha", "Al\u202epha", 36.6, 35.6), BETA])
    (root / "places.geojson").write_text(
        (root / "places.geojson").read_text(encoding="utf-8").replace("\u202e", "\\u202e"), encoding="utf-8"
    )
    assert "\\u202e" in (root / "places.geojson").read_text(encoding="utf-8")
    assert [(p.where, p.message) for p in check_data(root)] == [
        ("feature 0 'alpha'", "name holds the hidden character U+202E")
    ]


@pytest.mark.parametrize(("escape", "loads"), [("\\ud800", False), ("\\ud83d\\ude00", True)], ids=["half", "pair"])
def test_a_surrogate_s_escape_in_places_is_validated(tmp_path: Path, escape: str, loads: bool) -> None:
    # Half a pair is no character: a place named with one is a fault, as it was before quick records.
    root = write_folder(tmp_path)
    text = (root / "places.geojson").read_text(encoding="utf-8").replace('"Alpha"', f'"Al{escape}pha"', 1)
    (root / "places.geojson").write_text(text, encoding="utf-8")
    problems = check_data(root)
    if loads:
        assert problems == [] and load_atlas(root).places["alpha"].name == "Al\U0001f600pha"
    else:
        assert [p.where for p in problems] == ["feature 0 'alpha', field name"]


def test_the_collector_is_left_as_it_was(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    load_atlas(root)
    assert gc.isenabled()
    gc.disable()
    try:
        load_atlas(root)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_places_file_has_a_larger_limit_than_other_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_folder(tmp_path)
    monkeypatch.setattr(geo.data.reader, "MAX_FILE_BYTES", 200)
    assert [p.message for p in check_data(root) if p.file.endswith(".geojson")] == []
    assert any(p.file.endswith("test-source.yaml") and "the limit is 200" in p.message for p in check_data(root))
    monkeypatch.setattr(geo.data.reader, "MAX_PLACES_BYTES", 200)
    assert any(p.file.endswith("places.geojson") and "the limit is 200" in p.message for p in check_data(root))


def test_an_excerpt_with_a_number_for_a_key_is_named(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    edit("sources/test-source.yaml", lambda t: t.replace("  kind: report\n", "  kind: report\n  5: five\n", 1))(root)
    assert [(p.where, p.message) for p in check_data(root)] == [
        ("excerpt 'test-source-shelling'", "keywords must be strings")
    ]


def test_a_source_written_as_json_loads_as_its_yaml_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # JSON files (as tools write them) take the quick way to their records; YAML the validated one.
    quick: list[Any] = []
    read_quickly = geo.data.reader.quick_source
    monkeypatch.setattr(geo.data.reader, "quick_source", lambda *args: quick.append(read_quickly(*args)) or quick[-1])
    yaml_root = write_folder(tmp_path / "yaml")
    json_root = write_folder(tmp_path / "json")
    meta = json_root / "sources" / "test-source.yaml"
    meta.write_text(json.dumps(yaml.safe_load(meta.read_text(encoding="utf-8")), ensure_ascii=False), encoding="utf-8")
    from_yaml, from_json = load_atlas(yaml_root), load_atlas(json_root)
    assert from_json.excerpts == from_yaml.excerpts
    assert [e.model_fields_set for e in from_json.excerpts] == [e.model_fields_set for e in from_yaml.excerpts]
    assert from_json.places == from_yaml.places and from_json.sources == from_yaml.sources
    assert [q is not None for q in quick] == [False, True], "the YAML file was read the full way, the JSON one quickly"
    assert quick[1][1] == list(from_json.excerpts)


def test_a_resident_atlas_is_kept_out_of_the_collectors_walks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Frozen while the collector is still off: its first pass would otherwise walk the whole load.
    collector_on_at_freeze: list[bool] = []
    freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: collector_on_at_freeze.append(gc.isenabled()) or freeze())
    try:
        atlas = load_resident_atlas(write_folder(tmp_path))
        assert collector_on_at_freeze == [False]
        assert gc.isenabled()
        # Every record is among the frozen objects, which no collection walks.
        assert gc.get_freeze_count() > len(atlas.excerpts) + len(atlas.places)
    finally:
        gc.unfreeze()  # the rest of the tests run as they would without the app


def test_a_resident_atlas_that_fails_to_load_leaves_the_collector_on(tmp_path: Path) -> None:
    root = write_folder(tmp_path)
    (root / "places.geojson").write_text("{", encoding="utf-8")
    with pytest.raises(DataError, match="broken JSON"):
        load_resident_atlas(root)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
