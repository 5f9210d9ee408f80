"""The records reject what a reader could be misled by."""

import json
from typing import Any

import pytest
from pydantic import ValidationError

from geo.core.records import SCANNED_CLEAN, Excerpt, Movement, Place, Source
from geo.data.quick.scan import json_context, json_may_hide

PLACE: dict[str, Any] = dict(
    id="alpha",
    name="Alpha",
    name_ar="ألفا",
    kind="town",
    lat=35.6,
    lon=36.6,
    precision_m=1000,
    admin1="Idlib",
    coord_source="test",
)
EXCERPT: dict[str, Any] = dict(id="e1", source="s", places=["alpha"], kind="report", voice="journalist", text="x")
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
        (Excerpt, {"event_date": "2020-02-30\n"}, "YYYY"),
        (Excerpt, {"event_date": "٢٠٢٠"}, "YYYY"),
        (Excerpt, {"text": ""}, "text"),
        (Source, {"published": "2020-1-5"}, "YYYY"),
        (Source, {"url": "javascript:alert(1)"}, "http"),
        (Source, {"title": ""}, "title"),
        (Source, {"text_sha256": "abc"}, "text_sha256"),
        (Source, {"reviewed_by": "ed", "reviewed_at": "2024-05-01 12:00:00"}, "YYYY-MM-DDTHH:MM:SSZ"),
        (Source, {"reviewed_by": "ed", "reviewed_at": "2024-05-01T12:00:00+02:00"}, "YYYY-MM-DDTHH:MM:SSZ"),
        (Source, {"reviewed_by": "ed", "reviewed_at": "2024-02-30T12:00:00Z"}, "not a time of the calendar"),
        (Source, {"reviewed_by": "ed"}, "given together"),
        (Source, {"reviewed_by": "", "reviewed_at": "2024-05-01T12:00:00Z"}, "reviewed_by"),
        (Source, {"status": "draft", "reviewed_by": "ed", "reviewed_at": "2024-05-01T12:00:00Z"}, "not drafts"),
        (Place, {"precision_m": True}, "precision_m"),
        (Place, {"geonames_id": "170063"}, "geonames_id"),
        (Excerpt, {"event_date": "2019-02-30"}, "not a day of the calendar"),
        (Excerpt, {"places": ["alpha", "alpha"]}, "more than once"),
        (Excerpt, {"text": "safe\u202e text"}, "hidden character U\\+202E"),
        (Place, {"aliases": ["ok", "bad\x00"]}, "hidden character U\\+0000"),
        (Source, {"outlet": "Out\u2066let"}, "hidden character U\\+2066"),
        (Excerpt, {"movements": [{"from": "alpha", "to": "beta", "who": "a family"}]}, "'beta' is not among"),
        (
            Excerpt,
            {"places": ["alpha", "beta"], "movements": [{"from": "alpha", "to": "alpha", "who": "x"}]},
            "somewhere other",
        ),
        (Excerpt, {"movements": [{"from": "alpha", "who": ""}]}, "who"),
        (Excerpt, {"movements": [{"from": "alpha", "who": "a\u202efamily"}]}, "hidden character U\\+202E"),
        (Excerpt, {"movements": [{"from": "alpha", "who": "x", "via": "beta"}]}, "via"),
    ],
)
def test_records_reject_bad_fields(record: type, changes: dict[str, Any], fault: str) -> None:
    base = {Place: PLACE, Excerpt: EXCERPT, Source: SOURCE}[record]
    with pytest.raises(ValidationError, match=fault):
        record(**{**base, **changes})


def test_a_reviewed_source_says_who_and_when() -> None:
    source = Source(**SOURCE, reviewed_by="Rana", reviewed_at="2024-05-01T12:00:00Z")
    assert (source.reviewed_by, source.reviewed_at) == ("Rana", "2024-05-01T12:00:00Z")


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
    excerpt = Excerpt(
        **{**EXCERPT, "places": ["alpha", "beta"], "movements": [{"from": "alpha", "to": "beta", "who": "a family"}]}
    )
    [movement] = excerpt.movements
    assert (movement.origin, movement.destination, movement.who) == ("alpha", "beta", "a family")
    assert Excerpt(**{**EXCERPT, "movements": [{"from": "alpha", "who": "people"}]}).movements[0].destination is None


HIDDEN = [
    chr(c)
    for c in [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
]
SHOWN = [
    "a",
    "\t",
    "\n",
    "\r",
    " ",
    "\u00a0",
    "é",
    "ع",
    "“",
    "’",
    "\u2028",
    "\u2065",
    "\u206a",
    "\u202f",
    "😀",
    '"',
    "\\",
    "/",
]


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("ascii", [False, True], ids=["raw", "escaped"])
def test_a_json_file_with_a_hidden_character_is_not_clean(char: str, ascii: bool) -> None:
    data = json.dumps({"text": f"a{char}z"}, ensure_ascii=ascii).encode("utf-8")
    assert json_may_hide(data)
    assert json_context(data) == {SCANNED_CLEAN: False}


@pytest.mark.parametrize("char", SHOWN, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("ascii", [False, True], ids=["raw", "escaped"])
def test_a_json_file_without_one_is_clean(char: str, ascii: bool) -> None:
    data = json.dumps({"text": f"a{char}z"}, ensure_ascii=ascii).encode("utf-8")
    # Escaped, a character beyond U+FFFF is a surrogate pair: those files go to validation whole.
    assert json_context(data) == {SCANNED_CLEAN: not (ascii and ord(char) > 0xFFFF)}


@pytest.mark.parametrize("escape", ["\\ud83d\\ude00", "\\ud800", "\\uDFFF", "\\udbff x"])
def test_a_json_file_with_a_surrogate_s_escape_is_not_clean(escape: str) -> None:
    # Half a pair is no character at all; only validation refuses it, and it reads every field.
    assert json_context(f'{{"text": "a{escape}z"}}'.encode()) == {SCANNED_CLEAN: False}


@pytest.mark.parametrize("context", [None, {}, {SCANNED_CLEAN: False}])
def test_records_are_scanned_unless_their_file_was_found_clean(context: dict[str, bool] | None) -> None:
    with pytest.raises(ValidationError, match="hidden character U\\+202E"):
        Excerpt.model_validate({**EXCERPT, "text": "safe\u202e text"}, context=context)
    with pytest.raises(ValidationError, match="hidden character U\\+2066"):
        Place.model_validate({**PLACE, "aliases": ["x\u2066"]}, context=context)


def test_checks_across_fields_run_on_a_clean_file_too() -> None:
    clean = {SCANNED_CLEAN: True}
    with pytest.raises(ValidationError, match="needs a speaker"):
        Excerpt.model_validate({**EXCERPT, "kind": "testimony"}, context=clean)
    with pytest.raises(ValidationError, match="somewhere other"):
        Movement.model_validate({"from": "alpha", "to": "alpha", "who": "x"}, context=clean)
    with pytest.raises(ValidationError, match="belong to drafts"):
        Source.model_validate({**SOURCE, "names_not_found": ["x"]}, context=clean)


@pytest.mark.parametrize(
    ("changes", "fault"),
    [
        ({"text": "a\u202eb", "kind": "testimony"}, "hidden character"),
        ({"kind": "testimony", "movements": [{"from": "alpha", "to": "beta", "who": "x"}]}, "'beta' is not among"),
    ],
)
def test_the_first_failing_check_across_fields_is_the_one_reported(changes: dict[str, Any], fault: str) -> None:
    with pytest.raises(ValidationError) as error:
        Excerpt(**{**EXCERPT, **changes})
    [only] = error.value.errors()
    assert fault in only["msg"]


def test_a_bad_date_is_refused_every_time_it_is_seen() -> None:
    for _ in range(2):
        with pytest.raises(ValidationError, match="not a day of the calendar"):
            Excerpt(**{**EXCERPT, "event_date": "2019-02-30"})
