"""The timeline of dated excerpts: when each voice says things happened, at the precision given."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from geo.core.atlas import Selection
from geo.core.dates import describe, span
from geo.core.excerpttable import VOICES
from geo.core.records import Excerpt, Voice
from geo.core.sides import SIDE_LABELS, SIDES, VOICE_LABELS, VOICE_ORDER
from geo.render.vocabulary import SIDE_STYLES

# The name of the brush; the page passes it to Streamlit as selection_mode.
BRUSH = "when"

COLUMNS = [
    "id",
    "source",
    "voice",
    "side",
    "speaker",
    "start",
    "end",
    "precision",
    "when",
    "text",
    "places",
    "count",
]

TOOLTIP = [
    alt.Tooltip("when:N", title="When"),
    alt.Tooltip("voice:N", title="Voice"),
    alt.Tooltip("speaker:N", title="Speaker"),
    alt.Tooltip("source:N", title="Outlet"),
    alt.Tooltip("places:N", title="Places"),
    alt.Tooltip("text:N", title="Says"),
]

# Tooltips of a timeline that counts excerpts per voice and date rather than drawing each.
COUNT_TOOLTIP = [
    alt.Tooltip("when:N", title="When"),
    alt.Tooltip("voice:N", title="Voice"),
    alt.Tooltip("count:Q", title="Excerpts", format=","),
]

# Above this many dated excerpts the timeline counts them per voice and date: a mark and a
# tooltip each would send megabytes to the browser and take seconds to draw.
DETAIL_LIMIT = 2_000
# Vega-Lite charts in Altair refuse more than 5,000 rows; counted by date, a year of nine
# voices can exceed that, so past this many the count is by month.
MOST_COUNTED_ROWS = 4_000

TEXT_LIMIT = 160
ROW_HEIGHT = 28
BASE_HEIGHT = 60
ONE_DAY = timedelta(days=1)


def shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    """The text on one line, cut at a word boundary before limit characters, marked with "…"."""
    short = textwrap.shorten(text, width=limit, placeholder="…", break_on_hyphens=False)
    if short == "…":  # one word longer than the limit: cut inside it rather than show nothing
        return " ".join(text.split())[: limit - 1] + "…"
    if short.endswith("…") and short != " ".join(text.split()):
        return short[:-1].rstrip(" ,;:.-–—") + "…"
    return short


def _row(excerpt: Excerpt, selection: Selection) -> dict[str, Any]:
    """The timeline row of one dated excerpt."""
    assert excerpt.event_date is not None
    atlas = selection.atlas
    days = span(excerpt.event_date)
    return {
        "id": excerpt.id,
        "source": atlas.sources[excerpt.source].outlet,
        "voice": VOICE_LABELS[excerpt.voice],
        "side": SIDE_LABELS[SIDES[excerpt.voice]],
        "speaker": excerpt.speaker or "Narration",
        "start": pd.Timestamp(days.start),
        "end": pd.Timestamp(days.end),
        "precision": days.precision,
        "when": describe(excerpt.event_date),
        "text": shorten(excerpt.text),
        "places": ", ".join(atlas.places[p].name for p in excerpt.places),
        "count": 1,
    }


def _count_row(voice: Voice, when: str, count: int) -> dict[str, Any]:
    """The timeline row of every excerpt in a voice about one date."""
    start, end, precision, described = _date_columns(when)
    return {
        "id": f"{voice}@{when}",
        "source": "",
        "voice": VOICE_LABELS[voice],
        "side": SIDE_LABELS[SIDES[voice]],
        "speaker": "",
        "start": start,
        "end": end,
        "precision": precision,
        "when": described,
        "text": "",
        "places": "",
        "count": count,
    }


@lru_cache(maxsize=4096)
def _date_columns(when: str) -> tuple[pd.Timestamp, pd.Timestamp, str, str]:
    """A date's first and last day, precision and wording; worked out once for every voice that gives it."""
    days = span(when)
    return pd.Timestamp(days.start), pd.Timestamp(days.end), days.precision, describe(when)


def timeline_frame(selection: Selection) -> pd.DataFrame:
    """One row per dated excerpt of the selection, or per voice and date when there are many.

    Undated excerpts have no place in time.
    """
    positions = _dated_positions(selection)
    dated: Sequence[Excerpt] = ()
    if positions is None:
        dated = [e for e in selection.excerpts if e.event_date]
    if (len(dated) if positions is None else len(positions)) <= DETAIL_LIMIT:
        shown = dated if positions is None else selection.atlas.table.take(positions)
        rows = [_row(e, selection) for e in shown]
    else:
        counted = _count_of(dated) if positions is None else _counted_in_columns(selection, positions)
        if len(counted) > MOST_COUNTED_ROWS:
            # Too many dates to mark each (and more rows than a chart takes): count by month.
            months: Counter[tuple[Voice, str]] = Counter()
            for (voice, when), count in counted.items():
                months[voice, when[:7]] += count
            counted = months
        rows = [_count_row(voice, when, n) for (voice, when), n in sorted(counted.items()) if when]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    # An empty frame would hold objects; keep the dates typed so the chart still reads them.
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _dated_positions(selection: Selection) -> np.ndarray | None:
    """The positions in the atlas's table of the selected excerpts that give a date; None for records of its own."""
    # Read off the table's columns: a year's million excerpts are counted with no record made.
    picked = selection.picked()
    if picked is None:
        return None
    return picked.among(np.flatnonzero(selection.atlas.table.columns.dates >= 0))


def _count_of(dated: Sequence[Excerpt]) -> Counter[tuple[Voice, str]]:
    """How many dated excerpts each voice has about each date."""
    return Counter((e.voice, e.event_date) for e in dated if e.event_date)


def _counted_in_columns(selection: Selection, positions: np.ndarray) -> Counter[tuple[Voice, str]]:
    """How many of the excerpts at some positions of the atlas's table each voice has about each date."""
    columns = selection.atlas.table.columns
    values = columns.date_values
    codes = columns.voices[positions] * len(values) + columns.dates[positions]
    found = np.bincount(codes, minlength=len(VOICES) * len(values))
    return Counter({(VOICES[c // len(values)], values[c % len(values)]): int(found[c]) for c in np.flatnonzero(found)})


def any_dated(selection: Selection) -> bool:
    """Whether any excerpt in view gives a date."""
    positions = _dated_positions(selection)
    return any(e.event_date for e in selection.excerpts) if positions is None else bool(len(positions))


def timeline_caption(selection: Selection | None = None) -> str:
    """What the marks mean; given the selection, also how many undated excerpts are not shown."""
    caption = (
        "Dots are events dated to the day; a bar spans the whole month or year when the "
        "article gives only that, so a rough date is not shown as one day. "
        "Drag across the chart to pick a range of days."
    )
    undated = 0 if selection is None else len(selection.excerpts) - _dated_count(selection)
    if selection is not None and len(selection.excerpts) - undated > DETAIL_LIMIT:
        caption += (
            f" With more than {DETAIL_LIMIT:,} dated excerpts in view, each mark counts a voice's "
            "excerpts about one date, or one month when there are too many dates: the larger the "
            "mark, the more excerpts."
        )
    if undated:
        caption += f" {undated} excerpt{'s' if undated != 1 else ''} without a date not shown."
    return caption


def _dated_count(selection: Selection) -> int:
    """How many excerpts in view give a date."""
    positions = _dated_positions(selection)
    return sum(1 for e in selection.excerpts if e.event_date) if positions is None else len(positions)


def _chart_data(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with dates in UTC, and the day after each span for bars to end on."""
    data = frame.copy()
    # Dates are days, not instants: fixed to UTC and drawn on a UTC scale, a day sits on
    # its own tick whatever the reader's time zone, and a brushed edge reads back the same.
    data["until"] = data["end"] + ONE_DAY
    for column in ("start", "end", "until"):
        data[column] = data[column].dt.tz_localize(UTC)
    return data


def _voices_present(frame: pd.DataFrame) -> list[str]:
    """The voice labels of the frame, in VOICE_ORDER."""
    present = set(frame["voice"])
    return [VOICE_LABELS[v] for v in VOICE_ORDER if VOICE_LABELS[v] in present]


def _side_scale() -> alt.Scale:
    """The side colours on a fixed domain, so a side keeps its colour whatever is in view."""
    sides = list(SIDE_LABELS)
    return alt.Scale(domain=[SIDE_LABELS[s] for s in sides], range=[SIDE_STYLES[s].colour for s in sides])


def _side_colour() -> alt.Color:
    """Colour by side, with a legend whose swatches are solid though the bars are not."""
    legend = alt.Legend(symbolOpacity=1, symbolStrokeWidth=0, labelLimit=240)
    return alt.Color("side:N", title="Side", scale=_side_scale(), legend=legend)


def _x() -> alt.X:
    """The time axis, in UTC days."""
    return alt.X("start:T", title="Date", scale=alt.Scale(type="utc"))


def _shaded_days(data: pd.DataFrame, start: date | None, end: date | None) -> tuple[date, date] | None:
    """The first day and the day after the last of the filtered range; an open end stops at the data."""
    if start is None and end is None:
        return None
    if (start is None or end is None) and data.empty:
        return None
    first = start if start is not None else data["start"].min().date()
    after = end + ONE_DAY if end is not None else data["until"].max().date()
    return first, after


def _range_band(first: date, after: date) -> alt.Chart:
    """A light band behind the marks over the days the page is filtered to."""
    band = pd.DataFrame({"start": [first], "until": [after]})
    for column in ("start", "until"):
        band[column] = pd.to_datetime(band[column]).dt.tz_localize(UTC)
    chart: alt.Chart = alt.Chart(band).mark_rect(color="#d0d7de", opacity=0.35)
    return chart.encode(x=_x(), x2="until:T")


def _counted(frame: pd.DataFrame) -> bool:
    """Whether the frame counts excerpts per voice and date (its rows have no text of their own)."""
    return not frame.empty and bool((frame["text"] == "").all())


def timeline_chart(selection: Selection, start: date | None = None, end: date | None = None) -> alt.LayerChart:
    """Dated excerpts by voice over time, with the filtered range [start, end] shaded."""
    data = _chart_data(timeline_frame(selection))
    voices = _voices_present(data)
    counted = _counted(data)
    tooltip = COUNT_TOOLTIP if counted else TOOLTIP
    y = alt.Y("voice:N", title=None, scale=alt.Scale(domain=voices), axis=alt.Axis(labelLimit=180))
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    spans = (
        alt.Chart(data[data["precision"] != "day"])
        # Translucent with a solid edge: it reads as a stretch of time, not as one heavy event.
        .mark_bar(fillOpacity=0.3, strokeWidth=1, size=12, cornerRadius=3)
        .encode(
            x=_x(),
            x2="until:T",
            y=y,
            color=_side_colour(),
            stroke=alt.Stroke("side:N", scale=_side_scale(), legend=None),
            tooltip=tooltip,
        )
    )
    days = (
        alt.Chart(data[data["precision"] == "day"])
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            x=_x(),
            y=y,
            color=_side_colour(),
            # Counted marks have no one outlet; their size says how many excerpts they stand for.
            **(
                {"size": alt.Size("count:Q", title="Excerpts", scale=alt.Scale(range=[30, 400]))}
                if counted
                else {"shape": alt.Shape("source:N", title="Outlet")}
            ),
            tooltip=tooltip,
        )
        .add_params(brush)
    )
    layers: list[alt.Chart] = [spans, days]
    if (shaded := _shaded_days(data, start, end)) is not None:
        layers.insert(0, _range_band(*shaded))
    return alt.LayerChart(layer=layers, width="container", height=BASE_HEIGHT + ROW_HEIGHT * len(voices))


def _instant(value: object) -> datetime | None:
    """A brushed edge as a UTC instant: epoch milliseconds or an ISO string; None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        try:
            return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=value)
        except OverflowError:
            return None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
            # A string without an offset is read as the UTC the chart is drawn in.
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        except (ValueError, OverflowError):
            return None
    return None


def _interval(when: Mapping[Any, Any]) -> Sequence[Any] | None:
    """The brushed [low, high] pair: the one on "start", or else the only one there is."""
    pairs = {
        key: value
        for key, value in when.items()
        if isinstance(value, Sequence) and not isinstance(value, str | bytes) and len(value) == 2
    }
    if "start" in pairs:
        return pairs["start"]
    return next(iter(pairs.values())) if len(pairs) == 1 else None


def _edges(state: Mapping[str, Any]) -> list[datetime | None]:
    """The two edges of the brush in a chart's selection state; nothing when there is no brush."""
    try:
        when = state["selection"][BRUSH]
    except (KeyError, TypeError, IndexError, AttributeError):
        return []
    pair = _interval(when) if isinstance(when, Mapping) else None
    return [] if pair is None else [_instant(value) for value in pair]


def brushed_span(state: Mapping[str, Any]) -> tuple[date, date] | None:
    """The whole days brushed on the timeline, earliest first; None when nothing is brushed."""
    edges = [edge for edge in _edges(state) if edge is not None]
    if len(edges) != 2:
        return None
    # A day is drawn at its midnight, so an edge at midnight still takes in that day.
    low, high = sorted(edges)
    return low.date(), high.date()
