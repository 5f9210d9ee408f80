"""The records made without pydantic are the very records pydantic makes, or are left to it."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from geo.data.quick.records import quick_excerpt, quick_place
from geo.core.records import SCANNED_CLEAN, Excerpt, Place

CLEAN = {SCANNED_CLEAN: True}

EXCERPTS: list[dict[str, Any]] = [
    {"id": "e1", "source": "s", "places": ["alpha"], "kind": "report", "voice": "journalist", "text": "Shelling hit."},
    {
        "id": "e2", "source": "s", "places": ["alpha", "beta"], "kind": "testimony", "speaker": "Dana",
        "role": "a mother", "voice": "civilian", "event_date": "2020-01-19", "text": "Nobody crossed.",
    },
    {
        "id": "e3", "source": "s", "places": ["beta"], "kind": "statement", "speaker": "SANA", "role": "",
        "voice": "state-media", "event_date": "2020-01", "text": "ممرات", "guessed": ["voice", "role"],
        "movements": [],
    },
]  # fmt: skip
PLACES: list[dict[str, Any]] = [
    {
        "id": "alpha", "name": "Alpha", "name_ar": "ألفا", "kind": "town", "lat": 35.6, "lon": 36.6,
        "precision_m": 1000, "admin1": "Idlib", "coord_source": "GeoNames",
    },
    {
        "id": "beta-crossing", "name": "Beta", "name_ar": "معبر بيتا", "aliases": ["Bayta", "al-Beta"],
        "kind": "crossing", "lat": -90.0, "lon": 180.0, "precision_m": 5000, "admin1": "Hama",
        "geonames_id": 170063, "coord_source": "OpenStreetMap",
    },
]  # fmt: skip

# Values a hand-written file, or a hostile one, could hold in any field.
ODD_VALUES: list[Any] = [
    None, "", " ", "x", " x", "x ", "\u00a0x", "x\u2003", "x\x1c", "\x1cx", "x\n", "Report", "report",
    "testimony", "civilian", "journalist", "town", "crossing", "alpha", "Not A Slug", "a--b", "-a", "a-",
    "2020", "2020-02-30", "2020-1", "2020-13", "2020-01-19", " 2020-01", "2020\n", "2020-02-30\n", "٢٠٢٠",
    "x\n", 2020, 0, 1, -1, 1000, True, False,
    1.5, 35.0, 91.0, -180.5, float("nan"), float("inf"), [], ["alpha"], ["alpha", "alpha"], ["alpha", " beta"],
    ["alpha", None], ["voice"], ["voice", "voice"], ["speaker", "colour"], ("alpha",), {"alpha"},
    {"from": "alpha"}, [{"from": "alpha", "who": "x"}], "ألفا", ["ألفا"], b"alpha",
]  # fmt: skip


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


def assert_agrees(model: type[BaseModel], quick: Callable[..., BaseModel | None], fields: dict[str, Any]) -> None:
    """The quick record is None, or equal to pydantic's in every field, type, order and set field."""
    before = copy.deepcopy(fields)
    made = quick(fields, CLEAN)
    assert fields == before, "the raw fields were changed"
    if made is None:
        return
    expected = outcome(model, fields)
    assert expected is not None, f"made a record pydantic refuses: {fields!r}"
    assert made == expected
    assert list(made.__dict__) == list(expected.__dict__)
    assert [type(v) for v in made.__dict__.values()] == [type(v) for v in expected.__dict__.values()]
    assert made.model_fields_set == expected.model_fields_set
    assert made.model_dump_json() == expected.model_dump_json()
    assert repr(made) == repr(expected)


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


@EACH_RECORD
def test_random_mixtures_of_odd_values_agree(
    model: type[BaseModel], quick: Callable[..., BaseModel | None], bases: list[dict[str, Any]]
) -> None:
    rng = random.Random(7)
    names = list(model.model_fields)
    for _ in range(3000):
        fields = dict(rng.choice(bases))
        for name in rng.sample(names, rng.randint(1, 4)):
            if rng.random() < 0.2:
                fields.pop(name, None)
            else:
                fields[name] = rng.choice(ODD_VALUES)
        assert_agrees(model, quick, fields)
