"""The records made without pydantic are the very records pydantic makes, or are left to it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from geo.core.records import SCANNED_CLEAN, Excerpt, Place
from geo.data.quick.records import quick_excerpt, quick_place
from tests.support.odd_values import ODD_VALUES

CLEAN = {SCANNED_CLEAN: True}

EXCERPTS: list[dict[str, Any]] = [
    {"id": "e1", "source": "s", "places": ["alpha"], "kind": "report", "voice": "journalist", "text": "Shelling hit."},
    {
        "id": "e2",
        "source": "s",
        "places": ["alpha", "beta"],
        "kind": "testimony",
        "speaker": "Dana",
        "role": "a mother",
        "voice": "civilian",
        "event_date": "2020-01-19",
        "text": "Nobody crossed.",
    },
    {
        "id": "e3",
        "source": "s",
        "places": ["beta"],
        "kind": "statement",
        "speaker": "SANA",
        "role": "",
        "voice": "state-media",
        "event_date": "2020-01",
        "text": "ممرات",
        "guessed": ["voice", "role"],
        "movements": [],
    },
]
PLACES: list[dict[str, Any]] = [
    {
        "id": "alpha",
        "name": "Alpha",
        "name_ar": "ألفا",
        "kind": "town",
        "lat": 35.6,
        "lon": 36.6,
        "precision_m": 1000,
        "admin1": "Idlib",
        "coord_source": "GeoNames",
    },
    {
        "id": "beta-crossing",
        "name": "Beta",
        "name_ar": "معبر بيتا",
        "aliases": ["Bayta", "al-Beta"],
        "kind": "crossing",
        "lat": -90.0,
        "lon": 180.0,
        "precision_m": 5000,
        "admin1": "Hama",
        "geonames_id": 170063,
        "coord_source": "OpenStreetMap",
    },
]


# Each kind of record the quick path makes, with the clean fields it starts from.
EACH_RECORD = pytest.mark.parametrize(
    ("model", "quick", "bases"),
    [(Excerpt, quick_excerpt, EXCERPTS), (Place, quick_place, PLACES)],
    ids=["excerpt", "place"],
)


def outcome(model: type[BaseModel], fields: dict[str, Any]) -> BaseModel | None:
    """What pydantic makes of the fields from a clean file, or None when it refuses them."""
    try:
        return model.model_validate(copy.deepcopy(fields), context=CLEAN)
    except ValidationError:
        return None


def assert_agrees(model: type[BaseModel], quick: Callable[..., BaseModel | None], fields: dict[str, Any]) -> bool:
    """The quick record is None, or equal to pydantic's in every field, type, order and set field; whether made."""
    before = copy.deepcopy(fields)
    made = quick(fields, CLEAN)
    assert fields == before, "the raw fields were changed"
    if made is None:
        return False
    expected = outcome(model, fields)
    assert expected is not None, f"made a record pydantic refuses: {fields!r}"
    assert made == expected
    assert list(made.__dict__) == list(expected.__dict__)
    assert [type(v) for v in made.__dict__.values()] == [type(v) for v in expected.__dict__.values()]
    assert made.model_fields_set == expected.model_fields_set
    assert made.model_dump_json() == expected.model_dump_json()
    assert repr(made) == repr(expected)
    return True


@pytest.mark.parametrize("fields", EXCERPTS, ids=lambda e: e["id"])
def test_a_clean_excerpt_is_made_quickly_and_as_pydantic_makes_it(fields: dict[str, Any]) -> None:
    assert quick_excerpt(fields, CLEAN) is not None
    assert_agrees(Excerpt, quick_excerpt, fields)


@pytest.mark.parametrize("fields", PLACES, ids=lambda p: p["id"])
def test_a_clean_place_is_made_quickly_and_as_pydantic_makes_it(fields: dict[str, Any]) -> None:
    assert quick_place(fields, CLEAN) is not None
    assert_agrees(Place, quick_place, fields)


@pytest.mark.parametrize(
    ("quick", "fields"),
    [(quick_excerpt, EXCERPTS[0]), (quick_place, PLACES[0])],
)
@pytest.mark.parametrize("context", [None, {}, {SCANNED_CLEAN: False}])
def test_records_from_a_file_not_scanned_clean_are_left_to_pydantic(
    quick: Callable[..., BaseModel | None], fields: dict[str, Any], context: dict[str, bool] | None
) -> None:
    # Only pydantic's validator scans each field for hidden characters.
    assert quick(fields, context) is None


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({**EXCERPTS[0], "movements": [{"from": "alpha", "who": "x"}]}, "a movement's ends are checked"),
        ({**EXCERPTS[0], "text": " Shelling hit."}, "pydantic strips"),
        ({**EXCERPTS[0], "event_date": 2020}, "pydantic turns a number into a date"),
        ({**EXCERPTS[0], "kind": "testimony"}, "a testimony needs a speaker"),
        ({**EXCERPTS[0], "places": ["alpha", "alpha"]}, "a place twice"),
        ({**EXCERPTS[0], "colour": "red"}, "an unknown field"),
    ],
)
def test_what_needs_more_than_a_comparison_is_left_to_pydantic(fields: dict[str, Any], why: str) -> None:
    assert quick_excerpt(fields, CLEAN) is None, why


@EACH_RECORD
def test_every_odd_value_in_every_field_agrees(
    model: type[BaseModel], quick: Callable[..., BaseModel | None], bases: list[dict[str, Any]]
) -> None:
    made = 0
    for base in bases:
        for name in model.model_fields:
            for value in ODD_VALUES:
                fields = {**base, name: value}
                assert_agrees(model, quick, fields)
                made += quick(fields, CLEAN) is not None
            assert_agrees(model, quick, {k: v for k, v in base.items() if k != name})
        assert_agrees(model, quick, {**base, "colour": "red"})
    # Many of the odd values are still good ones, and those are made quickly.
    assert made > len(bases) * 5


@st.composite
def mixtures(draw: st.DrawFn, model: type[BaseModel], bases: list[dict[str, Any]]) -> dict[str, Any]:
    """One of the clean records with some fields set to odd values or to another record's, and some left out."""
    names = list(model.model_fields)
    fields = dict(draw(st.sampled_from(bases)))
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        values = st.sampled_from(ODD_VALUES)
        others = [base[name] for base in bases if name in base]
        fields[name] = draw(values | st.sampled_from(others) if others else values)
    for name in draw(st.sets(st.sampled_from(names), max_size=2)):
        fields.pop(name, None)
    return fields


# How many of the random mixtures each run must see made quickly and compared: fewer, and the
# run has checked too little to pass.
MIXTURES = 1000
COMPARED_AT_LEAST = 60


@EACH_RECORD
def test_random_mixtures_of_odd_values_agree(
    model: type[BaseModel], quick: Callable[..., BaseModel | None], bases: list[dict[str, Any]]
) -> None:
    compared = 0

    @settings(max_examples=MIXTURES, deadline=None)
    @given(mixtures(model, bases))
    def agrees(fields: dict[str, Any]) -> None:
        nonlocal compared
        compared += assert_agrees(model, quick, fields)

    agrees()
    assert compared >= COMPARED_AT_LEAST, f"only {compared} mixtures were made quickly and compared"
