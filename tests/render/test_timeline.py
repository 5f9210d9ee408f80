"""The timeline: dated excerpts at their own precision, the chart, and the brushed range."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.elements.vega_charts import VegaLiteStateSerde

from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.sides import SIDE_LABELS, VOICE_LABELS, VOICE_ORDER
from geo.data.load import load_atlas
from geo.render.timeline import brushed_span, shorten, timeline_caption, timeline_chart, timeline_frame
from geo.render.vocabulary import SIDE_STYLES
from tests.support.datafolder import ARTICLE, source, write_folder

# Epoch milliseconds (UTC) of some instants, as the chart's brush reports them.
JAN_19 = 1579392000000  # 2020-01-19 00:00
JAN_19_8AM = 1579420800000
JAN_21_10AM = 1579600800000
JAN_22 = 1579651200000  # 2020-01-22 00:00


@pytest.fixture(scope="module")
def bundled_view(bundled_atlas: Atlas) -> Selection:
    """The bundled atlas with nothing filtered out."""
    return select(bundled_atlas)


def excerpt(excerpt_id: str, voice: str, event_date: str | None, **extra: Any) -> dict[str, Any]:
    """An excerpt of the tiny source, on place alpha."""
    document = {
        "id": excerpt_id,
        "places": ["alpha"],
        "kind": "report",
        "voice": voice,
        "text": "Shelling hit Alpha town on Jan. 5, residents said.",
        **extra,
    }
    if event_date is not None:
        document["event_date"] = event_date
    return document


@pytest.fixture
def tiny(tmp_path: Path):
    """A selection of four excerpts: a day, a month, a year and no date, from three voices."""
    excerpts = [
        excerpt("t-day", "journalist", "2020-01-05"),
        excerpt("t-month", "civilian", "2019-04", kind="testimony", speaker="Dana Q"),
        excerpt("t-year", "government", "2018", kind="statement", speaker="Officials"),
        excerpt("t-undated", "russia", None, kind="statement", speaker="A spokesman"),
    ]
    document = source(excerpts=excerpts)
    return select(load_atlas(write_folder(tmp_path, sources={"test-source": (document, ARTICLE)})))


def rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The frame's rows keyed by excerpt id."""
    return {row["id"]: row for row in frame.to_dict("records")}


def test_one_row_per_dated_excerpt_on_the_real_data(bundled_view: Selection) -> None:
    frame = timeline_frame(bundled_view)
    dated = [e.id for e in bundled_view.excerpts if e.event_date]
    assert list(frame["id"]) == dated
    assert len(dated) < len(bundled_view.excerpts)  # the data does hold undated excerpts
    assert not set(frame["id"]) & {e.id for e in bundled_view.excerpts if not e.event_date}


def test_undated_excerpts_are_left_out(tiny) -> None:
    frame = timeline_frame(tiny)
    assert list(frame["id"]) == ["t-day", "t-month", "t-year"]


@pytest.mark.parametrize(
    ("excerpt_id", "start", "end", "precision", "when"),
    [
        ("t-day", "2020-01-05", "2020-01-05", "day", "5 January 2020"),
        ("t-month", "2019-04-01", "2019-04-30", "month", "April 2019"),
        ("t-year", "2018-01-01", "2018-12-31", "year", "2018"),
    ],
)
def test_a_date_spans_its_precision(tiny, excerpt_id, start, end, precision, when) -> None:
    row = rows(timeline_frame(tiny))[excerpt_id]
    assert (row["start"], row["end"]) == (pd.Timestamp(start), pd.Timestamp(end))
    assert (row["precision"], row["when"]) == (precision, when)


def test_the_real_month_and_days(bundled_view: Selection) -> None:
    frame = rows(timeline_frame(bundled_view))
    april = frame["tn-killed-displaced-since-assault"]
    assert (april["start"], april["end"], april["precision"]) == (
        pd.Timestamp("2019-04-01"),
        pd.Timestamp("2019-04-30"),
        "month",
    )
    nineteenth = [row for row in frame.values() if row["when"] == "19 January 2020"]
    assert sorted(row["id"] for row in nineteenth) == ["amc-abu-dafna-attack", "amc-rasheed-abu-dafna"]
    for row in nineteenth:
        assert row["precision"] == "day"
        assert row["start"] == row["end"] == pd.Timestamp("2020-01-19")


def test_rows_carry_labels_speaker_outlet_and_places(tiny) -> None:
    frame = rows(timeline_frame(tiny))
    assert frame["t-day"]["speaker"] == "Narration"
    assert frame["t-month"]["speaker"] == "Dana Q"
    assert frame["t-month"]["voice"] == "Civilian"
    assert frame["t-month"]["side"] == "Opposition, civilians and NGOs"
    assert frame["t-year"]["side"] == "Government side"
    assert frame["t-day"]["source"] == "Test Outlet"
    assert frame["t-day"]["places"] == "Alpha"


def test_an_empty_selection_gives_an_empty_typed_frame_and_a_chart(bundled_view: Selection) -> None:
    empty = select(bundled_view.atlas, [])
    frame = timeline_frame(empty)
    assert frame.empty
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    assert json.dumps(timeline_chart(empty, date(2020, 1, 1), date(2020, 1, 31)).to_dict())


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Short one", "Short one"),
        ("Lines\n  and", "Lines and"),
        ("one two three four", "one two…"),
        ("one two, three", "one two…"),
        ("abcdefghijklmnop", "abcdefghi…"),
        ("abc defgh ijk", "abc defgh…"),
        ("onetwo three", "onetwo…"),
    ],
)
def test_shorten(text: str, short: str) -> None:
    assert shorten(text, limit=10) == short
    assert len(shorten(text, limit=10)) <= 10


def test_text_is_shortened_in_the_frame(bundled_view: Selection) -> None:
    texts = timeline_frame(bundled_view)["text"]
    assert texts.str.len().max() <= 160
    assert texts.str.endswith("…").any()


def chart_spec(selection, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """The chart's Vega-Lite spec, as JSON would carry it."""
    spec: dict[str, Any] = json.loads(json.dumps(timeline_chart(selection, start, end).to_dict()))
    return spec


def marks(spec: dict[str, Any]) -> list[str]:
    """The mark type of each layer, back to front."""
    return [layer["mark"]["type"] for layer in spec["layer"]]


def test_voices_follow_voice_order(bundled_view: Selection) -> None:
    spec = chart_spec(bundled_view)
    present = {VOICE_LABELS[e.voice] for e in bundled_view.excerpts if e.event_date}
    expected = [VOICE_LABELS[v] for v in VOICE_ORDER if VOICE_LABELS[v] in present]
    assert expected == ["Russia", "State media", "Opposition activist", "Journalist"]
    for layer in spec["layer"][-2:]:
        assert layer["encoding"]["y"]["scale"]["domain"] == expected
    assert spec["height"] == 60 + 28 * len(expected)


def test_the_when_brush_is_an_interval_on_x(bundled_view: Selection) -> None:
    params = chart_spec(bundled_view)["params"]
    assert [p["name"] for p in params] == ["when"]
    assert params[0]["select"] == {"type": "interval", "encodings": ["x"]}


def test_side_colours_are_fixed_whatever_is_in_view(bundled_view: Selection, tiny) -> None:
    only_journalists = select(bundled_view.atlas, ["the-national-2019-05-idlib-residents"])
    for selection in (bundled_view, tiny, only_journalists):
        for layer in chart_spec(selection)["layer"]:
            if "color" in layer["encoding"]:
                scale = layer["encoding"]["color"]["scale"]
                assert scale["domain"] == list(SIDE_LABELS.values())
                assert scale["range"] == [style.colour for style in SIDE_STYLES.values()]


def test_days_are_points_and_rough_dates_are_bars_over_their_span(tiny) -> None:
    spec = chart_spec(tiny)
    assert marks(spec) == ["bar", "point"]
    bars, points = (spec["datasets"][layer["data"]["name"]] for layer in spec["layer"])
    assert [row["id"] for row in points] == ["t-day"]
    spans = {row["id"]: (row["start"][:10], row["until"][:10]) for row in bars}
    # A bar runs to the end of the last day, so April covers all thirty days.
    assert spans == {"t-month": ("2019-04-01", "2019-05-01"), "t-year": ("2018-01-01", "2019-01-01")}
    assert spec["layer"][0]["encoding"]["x2"] == {"field": "until"}
    assert spec["layer"][1]["mark"]["size"] == 90
    assert "month or year" in timeline_caption()
    assert timeline_caption(tiny) == timeline_caption() + " 1 excerpt without a date not shown."


@pytest.mark.parametrize(
    ("start", "end", "shaded"),
    [
        (None, None, None),
        (date(2020, 1, 1), date(2020, 1, 15), ("2020-01-01", "2020-01-16")),
        (date(2019, 4, 1), None, ("2019-04-01", "2020-01-20")),  # open: to the last day shown
        (None, date(2019, 4, 30), ("2018-09-01", "2019-05-01")),
    ],
)
def test_the_filtered_range_is_a_rect_behind_the_marks(bundled_view: Selection, start, end, shaded) -> None:
    spec = chart_spec(bundled_view, start, end)
    if shaded is None:
        assert "rect" not in marks(spec)
        return
    assert marks(spec) == ["rect", "bar", "point"]
    (band,) = spec["datasets"][spec["layer"][0]["data"]["name"]]
    assert (band["start"][:10], band["until"][:10]) == shaded


def test_the_chart_fills_the_width_and_has_no_title(bundled_view: Selection) -> None:
    spec = chart_spec(bundled_view)
    assert spec["width"] == "container"
    assert "title" not in spec


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # What Streamlit holds: epoch milliseconds keyed by the x field, low edge first.
        ({"selection": {"when": {"start": [JAN_19_8AM, JAN_21_10AM]}}}, (date(2020, 1, 19), date(2020, 1, 21))),
        (
            {"selection": {"when": {"start": [JAN_19_8AM + 0.5, JAN_21_10AM - 0.25]}}},
            (date(2020, 1, 19), date(2020, 1, 21)),
        ),
        ({"selection": {"when": {"start": [JAN_21_10AM, JAN_19_8AM]}}}, (date(2020, 1, 19), date(2020, 1, 21))),
        # An edge at midnight takes in that day: a day's dot is drawn at its midnight.
        ({"selection": {"when": {"start": [JAN_19, JAN_22]}}}, (date(2020, 1, 19), date(2020, 1, 22))),
        ({"selection": {"when": {"start": [JAN_19, JAN_19]}}}, (date(2020, 1, 19), date(2020, 1, 19))),
        # ISO strings, with or without a time or an offset.
        (
            {"selection": {"when": {"start": ["2020-01-19T08:00:00.000Z", "2020-01-21T10:00:00.000Z"]}}},
            (date(2020, 1, 19), date(2020, 1, 21)),
        ),
        ({"selection": {"when": {"start": ["2019-04-30", "2019-04-01"]}}}, (date(2019, 4, 1), date(2019, 4, 30))),
        (
            {"selection": {"when": {"start": ["2020-01-19T01:00:00+03:00", JAN_21_10AM]}}},
            (date(2020, 1, 18), date(2020, 1, 21)),
        ),
        # Another field name, when it is the only interval there.
        ({"selection": {"when": {"yearmonthdate_start": (JAN_19, JAN_22)}}}, (date(2020, 1, 19), date(2020, 1, 22))),
        # Nothing brushed, or nothing to read.
        ({"selection": {"when": {}}}, None),
        ({"selection": {}}, None),
        ({}, None),
        ({"selection": None}, None),
        ({"selection": {"when": None}}, None),
        ({"selection": {"when": []}}, None),
        ({"selection": {"when": {"start": [JAN_19]}}}, None),
        ({"selection": {"when": {"start": [JAN_19, JAN_22, JAN_22]}}}, None),
        ({"selection": {"when": {"start": "2020-01-19"}}}, None),
        ({"selection": {"when": {"start": b"ab"}}}, None),
        ({"selection": {"when": {"start": ["soon", "later"]}}}, None),
        ({"selection": {"when": {"start": ["2020-02-30", JAN_19]}}}, None),
        ({"selection": {"when": {"start": ["0001-01-01T00:00:00+03:00", JAN_19]}}}, None),
        ({"selection": {"when": {"start": [True, False]}}}, None),
        ({"selection": {"when": {"start": [float("nan"), JAN_19]}}}, None),
        ({"selection": {"when": {"start": [float("inf"), JAN_19]}}}, None),
        ({"selection": {"when": {"start": [1e300, JAN_19]}}}, None),
        ({"selection": {"when": {"start": [None, JAN_19]}}}, None),
        ({"selection": {"when": {"start": [{"x": 1}, JAN_19]}}}, None),
        ({"selection": {"when": {"a": [JAN_19, JAN_22], "b": [JAN_19, JAN_22]}}}, None),
        ({"selection": "when"}, None),
        ({"selection": ["when"]}, None),
        (None, None),
        ("garbage", None),
    ],
)
def test_brushed_span(state: Any, expected: tuple[date, date] | None) -> None:
    assert brushed_span(state) == expected


@pytest.mark.parametrize(
    ("ui_value", "expected"),
    [
        (None, None),
        (json.dumps({"selection": {"when": {}}}), None),
        (
            json.dumps({"selection": {"when": {"start": [JAN_19_8AM, JAN_21_10AM]}}}),
            (date(2020, 1, 19), date(2020, 1, 21)),
        ),
    ],
)
def test_brushed_span_reads_streamlits_own_state(ui_value: str | None, expected) -> None:
    state = VegaLiteStateSerde(["when"]).deserialize(ui_value)
    assert brushed_span(state) == expected


def _many_dated(days: int) -> Selection:
    """A selection of one excerpt per voice for each of so many days from 1 January 2019."""
    from datetime import timedelta

    from geo.core.atlas import Atlas
    from geo.core.records import Excerpt, ExcerptKind, Voice

    first = date(2019, 1, 1)
    excerpts = tuple(
        Excerpt(
            id=f"e{d}-{v.value}",
            source="s",
            places=("p",),
            kind=ExcerptKind.REPORT,
            voice=v,
            event_date=(first + timedelta(days=d)).isoformat(),
            text="Shelling went on.",
        )
        for d in range(days)
        for v in Voice
    )
    atlas = Atlas(sources={}, places={}, excerpts=excerpts, articles={})
    return Selection(atlas=atlas, places=(), excerpts=excerpts)


@pytest.mark.parametrize(("days", "by"), [(300, "day"), (900, "month")])
def test_many_dated_excerpts_are_counted_within_what_a_chart_takes(days: int, by: str) -> None:
    view = _many_dated(days)
    frame = timeline_frame(view)
    assert frame["count"].sum() == len(view.excerpts), "every excerpt is counted once"
    assert len(frame) <= 5_000
    assert set(frame["precision"]) == {by}
    spec = timeline_chart(view).to_dict()  # Altair refuses more than 5,000 rows
    assert spec["layer"]
