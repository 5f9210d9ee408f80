"""The records reject what a reader could be misled by."""

from typing import Any

import pytest
from pydantic import ValidationError

from geo.model import Excerpt, Place, Source

PLACE: dict[str, Any] = dict(
    id="alpha", name="Alpha", name_ar="ألفا", kind="town", lat=35.6, lon=36.6,
    precision_m=1000, admin1="Idlib", coord_source="test",
)  # fmt: skip
EXCERPT: dict[str, Any] = dict(
    id="e1", source="s", places=["alpha"], kind="report", voice="journalist", text="x"
)
SOURCE: dict[str, Any] = dict(id="s", title="T", outlet="O", published="2020-01", text_sha256="0" * 64)


@pytest.mark.parametrize(
    ("record", "changes", "fault"),
    [
        (Place, {"id": "Not A Slug"}, "id"),
        (Place, {"id": "a/../b"}, "id"),
        (Place, {"lat": 91}, "lat"),
        (Place, {"lon": -181}, "lon"),
        (Place, {"precision_m": 0}, "precision_m"),
        (Place, {"name_ar": "Alpha"}, "Arabic script"),
        (Place, {"kind": "planet"}, "kind"),
        (Place, {"colour": "red"}, "colour"),
        (Excerpt, {"kind": "testimony"}, "needs a speaker"),
        (Excerpt, {"kind": "statement", "speaker": "  "}, "needs a speaker"),
        (Excerpt, {"places": []}, "places"),
        (Excerpt, {"voice": "rebels"}, "voice"),
        (Excerpt, {"event_date": "Jan. 19"}, "YYYY"),
        (Excerpt, {"event_date": "2020-13"}, "YYYY"),
        (Excerpt, {"text": ""}, "text"),
        (Source, {"published": "2020-1-5"}, "YYYY"),
        (Source, {"url": "javascript:alert(1)"}, "http"),
        (Source, {"title": ""}, "title"),
        (Source, {"text_sha256": "abc"}, "text_sha256"),
        (Place, {"precision_m": True}, "precision_m"),
        (Place, {"geonames_id": "170063"}, "geonames_id"),
        (Excerpt, {"event_date": "2019-02-30"}, "not a day of the calendar"),
        (Excerpt, {"places": ["alpha", "alpha"]}, "more than once"),
        (Excerpt, {"text": "safe\u202e text"}, "hidden character U\\+202E"),
        (Place, {"aliases": ["ok", "bad\x00"]}, "hidden character U\\+0000"),
        (Source, {"outlet": "Out\u2066let"}, "hidden character U\\+2066"),
        (Excerpt, {"movements": [{"from": "alpha", "to": "beta", "who": "a family"}]}, "'beta' is not among"),
        (Excerpt, {"places": ["alpha", "beta"], "movements": [{"from": "alpha", "to": "alpha", "who": "x"}]}, "somewhere other"),
        (Excerpt, {"movements": [{"from": "alpha", "who": ""}]}, "who"),
        (Excerpt, {"movements": [{"from": "alpha", "who": "a\u202efamily"}]}, "hidden character U\\+202E"),
        (Excerpt, {"movements": [{"from": "alpha", "who": "x", "via": "beta"}]}, "via"),
    ],
)
def test_records_reject_bad_fields(record: type, changes: dict[str, Any], fault: str) -> None:
    base = {Place: PLACE, Excerpt: EXCERPT, Source: SOURCE}[record]
    with pytest.raises(ValidationError, match=fault):
        record(**{**base, **changes})


@pytest.mark.parametrize("date", ["2019", "2019-05", "2020-01-19"])
def test_dates_keep_their_precision(date: str) -> None:
    assert Excerpt(**{**EXCERPT, "event_date": date}).event_date == date
    assert Source(**{**SOURCE, "published": date}).published == date


def test_yaml_dates_stay_iso_text() -> None:
    import datetime

    assert Excerpt(**{**EXCERPT, "event_date": datetime.date(2020, 1, 19)}).event_date == "2020-01-19"


def test_tabs_and_newlines_are_not_hidden_characters() -> None:
    assert Excerpt(**{**EXCERPT, "text": "line one\n\tline two"}).text == "line one\n\tline two"


def test_a_movement_reads_from_and_to_from_yaml_keys() -> None:
    excerpt = Excerpt(**{**EXCERPT, "places": ["alpha", "beta"], "movements": [{"from": "alpha", "to": "beta", "who": "a family"}]})
    [movement] = excerpt.movements
    assert (movement.origin, movement.destination, movement.who) == ("alpha", "beta", "a family")
    assert Excerpt(**{**EXCERPT, "movements": [{"from": "alpha", "who": "people"}]}).movements[0].destination is None
