"""Whole JSON files read the quick way make the very atlas the full way makes, or are left to it."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.data.fields
import geo.data.load
import geo.data.reader
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.tools.synth import write_corpus
from tests.support.datafolder import ARTICLE, place, source, write_folder
from tests.support.odd_values import FINITE_JSON_VALUES, JSON_VALUES
from tests.support.spoil import edit

MOVEMENT = {"from": "alpha", "to": "beta-crossing", "who": "families"}


# Where the loader calls each quick reader from: a file's records, and a whole file.
QUICK_READERS = [
    (geo.data.reader, "quick_source"),
    (geo.data.reader, "quick_places"),
    (geo.data.fields, "quick_excerpt"),
    (geo.data.fields, "quick_place"),
]


def folder(
    root: Path,
    *,
    excerpts: list[dict[str, Any]] | None = None,
    features: list[dict[str, Any]] | None = None,
    **header: Any,
) -> Path:
    """A data folder whose source and places are JSON files, as a tool writes them."""
    document = source(**header)
    if excerpts is not None:
        document["excerpts"] = excerpts
    write_folder(root, places=features, sources={"test-source": (document, ARTICLE)})
    meta = root / "sources" / "test-source.yaml"
    meta.write_text(json.dumps(yaml.safe_load(meta.read_text(encoding="utf-8")), ensure_ascii=False), encoding="utf-8")
    return root


def default_features() -> list[dict[str, Any]]:
    return [
        place("alpha", "Alpha", 36.6, 35.6),
        place("beta-crossing", "Beta crossing", 36.9, 35.8, kind="crossing", precision_m=5000),
    ]


def read(root: Path, monkeypatch: pytest.MonkeyPatch, *, quick: bool) -> Any:
    """The atlas the folder loads to, or its problems: read the quick way where it can be, or by pydantic alone."""
    with monkeypatch.context() as patch:
        # The files themselves, each time: not the records a load before kept in the folder's index.
        patch.setattr(geo.data.load, "read_snapshot", lambda data_dir: None)
        patch.setattr(geo.data.load, "write_snapshot", lambda *args: False)
        if not quick:
            for module, name in QUICK_READERS:
                patch.setattr(module, name, lambda *args: None)
        try:
            atlas = load_atlas(root)
        except DataError as error:
            return error.problems
    records = [*atlas.sources.values(), *atlas.places.values(), *atlas.excerpts]
    # Equal records, and equal in what == does not look at: field order, types, fields given.
    return (
        atlas.sources,
        atlas.places,
        atlas.excerpts,
        atlas.articles,
        [(list(r.__dict__), [type(v) for v in r.__dict__.values()], r.model_fields_set) for r in records],
    )


def assert_same(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder reads the same both ways, and the files are unchanged by reading."""
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    quick, full = read(root, monkeypatch, quick=True), read(root, monkeypatch, quick=False)
    assert quick == full
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def spy(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each call of the quick readers returned."""
    answers: list[Any] = []
    for name in ("quick_source", "quick_places"):
        reader = getattr(geo.data.reader, name)
        monkeypatch.setattr(
            geo.data.reader, name, lambda *args, reader=reader: answers.append(reader(*args)) or answers[-1]
        )
    return answers


def test_a_tool_s_json_is_read_quickly_and_as_the_full_way_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    excerpts = source()["excerpts"]
    excerpts[0] = {**excerpts[0], "places": ["alpha", "beta-crossing"], "movements": [MOVEMENT], "guessed": ["voice"]}
    root = folder(
        tmp_path,
        excerpts=excerpts,
        features=[
            *default_features()[:1],
            place("beta-crossing", "Beta", 36.9, 35.8, geonames_id=170063, aliases=["Bayta"]),
        ],
    )
    answers = spy(monkeypatch)
    assert_same(root, monkeypatch)
    assert len(answers) == 2 and None not in answers, "both files were read quickly"


def test_a_reviewed_source_is_read_quickly_and_as_the_full_way_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = folder(tmp_path, reviewed_by="Rana Q", reviewed_at="2024-05-01T12:00:00Z")
    answers = spy(monkeypatch)
    assert_same(root, monkeypatch)
    assert len(answers) == 2 and None not in answers, "both files were read quickly"
    assert load_atlas(root).sources["test-source"].reviewed_by == "Rana Q"


@pytest.mark.parametrize("reviewed_at", ["2024-05-01", "2024-13-01T12:00:00Z", 1714564800])
def test_a_bad_review_time_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reviewed_at: Any) -> None:
    root = folder(tmp_path, reviewed_by="Rana Q", reviewed_at=reviewed_at)
    assert_same(root, monkeypatch)
    with pytest.raises(DataError, match="reviewed_at"):
        load_atlas(root)


def test_a_synthetic_corpus_is_read_quickly_throughout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The benchmark's corpus: each of its files takes the quick way, or the figures would not be this reader's.
    write_corpus(tmp_path / "data", 60, sources=3)
    answers = spy(monkeypatch)
    assert_same(tmp_path / "data", monkeypatch)
    assert len(answers) == 4 and None not in answers


EXCERPT_FIELDS = [
    "id",
    "source",
    "places",
    "kind",
    "speaker",
    "role",
    "voice",
    "event_date",
    "text",
    "movements",
    "guessed",
    "colour",
]


@pytest.mark.parametrize("field", EXCERPT_FIELDS)
def test_every_odd_value_in_an_excerpt_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    for index, value in enumerate(JSON_VALUES):
        excerpts = source()["excerpts"]
        excerpts[1] = {**excerpts[1], field: value}
        assert_same(folder(tmp_path / str(index), excerpts=excerpts), monkeypatch)


PROPERTY_FIELDS = [
    "id",
    "name",
    "name_ar",
    "aliases",
    "kind",
    "precision_m",
    "admin1",
    "geonames_id",
    "coord_source",
    "lat",
]


@pytest.mark.parametrize("field", PROPERTY_FIELDS)
def test_every_odd_value_in_a_place_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    for index, value in enumerate(JSON_VALUES):
        features = default_features()
        features[1]["properties"][field] = value
        assert_same(folder(tmp_path / str(index), features=features), monkeypatch)


@pytest.mark.parametrize("at", [0, 1])
def test_every_odd_value_in_a_point_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
    for index, value in enumerate(JSON_VALUES):
        features = default_features()
        features[0]["geometry"]["coordinates"][at] = value
        assert_same(folder(tmp_path / str(index), features=features), monkeypatch)


# The source file and the places file, each edited as text.
_text = partial(edit, "sources/test-source.yaml")
_places = partial(edit, "places.geojson")


# Each changes the JSON text in a way no record's value can: what the quick way must count,
# refuse or leave to the full way, which then says the same as ever.
TEXT_SPOILS = [
    (
        "a key twice in an excerpt",
        _text(lambda t: t.replace('"kind": "report",', '"kind": "report", "kind": "report",', 1)),
    ),
    (
        "a key twice in the header",
        _text(lambda t: t.replace('"outlet": "Test Outlet",', '"outlet": "Test Outlet", "outlet": "Test Outlet",')),
    ),
    (
        "a key twice, one spaced",
        _text(lambda t: t.replace('"kind": "report",', '"kind" : "report", "kind": "report",', 1)),
    ),
    ("a spaced key", _text(lambda t: t.replace('"kind": "report",', '"kind" :\n"report",', 1))),
    (
        "a key twice beside a key ending in a backslash",
        _text(lambda t: t.replace('"kind": "report",', '"kind": "report", "kind": "report", "x\\\\": 1,', 1)),
    ),
    ("text that looks like a key", _text(lambda t: t.replace('"author": "A. Writer"', '"author": "A. \\": Writer"'))),
    ("a value starting with a colon", _text(lambda t: t.replace('"author": "A. Writer"', '"author": ":A. Writer"'))),
    ("a float in the header", _text(lambda t: t.replace('"published": "2020-01"', '"published": 2020.5'))),
    ("an exponent in the header", _text(lambda t: t.replace('"language": "en"', '"language": 1e5'))),
    (
        "a header nested deeper than a walk of it can go",
        _text(lambda t: t.replace('"author": "A. Writer"', '"author": ' + "[" * 700 + "]" * 700)),
    ),
    (
        "a nested mapping in the header",
        _text(lambda t: t.replace('"author": "A. Writer"', '"author": {"a": 1, "a": 2}')),
    ),
    ("U+FFFE", _text(lambda t: t.replace("Town under fire", "Town \ufffe fire"))),
    ("a byte-order mark", _text(lambda t: "\ufeff" + t)),
    ("no excerpts", _text(lambda t: t[: t.index('"excerpts"')] + '"excerpts": []}')),
    (
        "an excerpt of another source",
        _text(lambda t: t.replace('"kind": "report",', '"kind": "report", "source": "other",', 1)),
    ),
    (
        "its own source written",
        _text(lambda t: t.replace('"kind": "report",', '"kind": "report", "source": "test-source",', 1)),
    ),
    (
        "a movement",
        _text(
            lambda t: t.replace(
                '"kind": "report",', '"kind": "report", "movements": [{"from": "alpha", "who": "families"}],', 1
            )
        ),
    ),
    (
        "a movement with a key twice",
        _text(
            lambda t: t.replace(
                '"kind": "report",',
                '"kind": "report", "movements": [{"from": "alpha", "from": "alpha", "who": "x"}],',
                1,
            )
        ),
    ),
    (
        "a movement to nowhere known",
        _text(
            lambda t: t.replace(
                '"kind": "report",',
                '"kind": "report", "movements": [{"from": "alpha", "to": "beta-crossing", "who": "x"}],',
                1,
            )
        ),
    ),
    (
        "a draft's proposed place",
        _text(
            lambda t: t.replace(
                '"language": "en"',
                '"language": "en", "status": "draft", "proposed_places": ['
                + json.dumps({**place("gamma", "Gamma", 36.0, 35.0)["properties"], "lat": 35.0, "lon": 36.0})
                + "]",
            )
        ),
    ),
    ("an edited article", edit("sources/test-source.txt", lambda t: t.replace("Beta", "Gamma"))),
    ("a key twice in a place", _places(lambda t: t.replace('"kind": "town",', '"kind": "town", "kind": "town",', 1))),
    (
        "a key twice in a point",
        _places(lambda t: t.replace('"type": "Point",', '"type": "Point", "type": "Point",', 1)),
    ),
    ("a place id twice", _places(lambda t: t.replace('"id": "beta-crossing"', '"id": "alpha"'))),
    (
        "a feature's own id",
        _places(lambda t: t.replace('{"type": "Feature",', '{"type": "Feature", "id": "alpha",', 1)),
    ),
    (
        "a feature id that differs",
        _places(lambda t: t.replace('{"type": "Feature",', '{"type": "Feature", "id": "beta",', 1)),
    ),
    (
        "a bounding box",
        _places(lambda t: t.replace('{"type": "Feature",', '{"type": "Feature", "bbox": [1, 2, 3, 4],', 1)),
    ),
    (
        "a collection's name",
        _places(
            lambda t: t.replace('{"type": "FeatureCollection",', '{"type": "FeatureCollection", "name": "places",')
        ),
    ),
    ("a height", _places(lambda t: t.replace("[36.6, 35.6]", "[36.6, 35.6, 100]"))),
    ("whole degrees", _places(lambda t: t.replace("[36.6, 35.6]", "[36, 35]"))),
    ("an exponent in a point", _places(lambda t: t.replace("[36.6, 35.6]", "[3.66e1, 35.6]"))),
    ("a huge number", _places(lambda t: t.replace("[36.6, 35.6]", "[1e400, 35.6]"))),
    ("a polygon", _places(lambda t: t.replace('"type": "Point"', '"type": "Polygon"', 1))),
    ("lat in the properties", _places(lambda t: t.replace('"kind": "town",', '"kind": "town", "lat": 35.6,', 1))),
    ("a place's escaped bidi override", _places(lambda t: t.replace('"name": "Alpha"', '"name": "Al\\u202epha"'))),
    ("a place's escaped letter", _places(lambda t: t.replace('"name": "Alpha"', '"name": "\\u0041lpha"'))),
    (
        "not UTF-8",
        lambda root: (root / "places.geojson").write_bytes(
            (root / "places.geojson").read_bytes().replace(b"Alpha", b"Alpha\xff")
        ),
    ),
]


@pytest.mark.parametrize("spoil", [s[1] for s in TEXT_SPOILS], ids=[s[0] for s in TEXT_SPOILS])
def test_what_only_the_text_can_say_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: Callable[[Path], None]
) -> None:
    root = folder(tmp_path)
    spoil(root)
    assert_same(root, monkeypatch)


def test_a_key_given_twice_is_never_read_quickly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # YAML refuses such a file, where a JSON parser keeps the last: the count must catch every one.
    root = folder(tmp_path)
    TEXT_SPOILS[0][1](root)
    answers = spy(monkeypatch)
    problems = read(root, monkeypatch, quick=True)
    assert answers[1] is None and any("'kind' is given twice" in str(p) for p in problems)


def quick_records(answers: list[Any]) -> int:
    """How many records the quick readers made, from what spy() caught: a source's excerpts, a file's places."""
    made = 0
    for answer in answers:
        if isinstance(answer, tuple):  # a source's own fields and its excerpts
            made += len(answer[1])
        elif answer is not None:  # a places file's places by id
            made += len(answer)
    return made


@st.composite
def changed(draw: st.DrawFn, records: list[dict[str, Any]], fields: list[str], most: int) -> None:
    """Leave each record as it is, or give up to `most` of its fields an odd value or another record's."""
    for record in records:
        if draw(st.booleans()):
            continue
        for field in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=most, unique=True)):
            others = [other[field] for other in records if field in other and other is not record]
            values = st.sampled_from(JSON_VALUES)
            record[field] = draw(values | st.sampled_from(others) if others else values)


@st.composite
def mixtures(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tiny source's excerpts and places, with odd values in some of their fields and a point."""
    excerpts = source()["excerpts"]
    draw(changed(excerpts, EXCERPT_FIELDS, 3))
    features = default_features()
    draw(changed([feature["properties"] for feature in features], PROPERTY_FIELDS, 2))
    if draw(st.booleans()):
        at = draw(st.sampled_from([0, 1]))
        features[0]["geometry"]["coordinates"][at] = draw(st.sampled_from(FINITE_JSON_VALUES))
    return excerpts, features


# How many records the random folders must have had read the quick way and compared: fewer,
# and the run has checked too little to pass.
FOLDERS = 120
COMPARED_AT_LEAST = 50


def test_random_mixtures_of_odd_values_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = spy(monkeypatch)
    compared = 0

    @settings(max_examples=FOLDERS, deadline=None)
    @given(mixtures())
    def reads_the_same(mixture: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        nonlocal compared
        excerpts, features = mixture
        answers.clear()
        with tempfile.TemporaryDirectory(dir=tmp_path) as root:
            assert_same(folder(Path(root), excerpts=excerpts, features=features), monkeypatch)
        compared += quick_records(answers)

    reads_the_same()
    assert compared >= COMPARED_AT_LEAST, f"only {compared} records were read the quick way and compared"
