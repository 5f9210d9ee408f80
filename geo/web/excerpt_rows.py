"""The draft's excerpts as the rows of the Add article page's editor, and the editor's changes kept across a reading."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from geo.ingest.draft import Draft

# The columns an editor may change; the id and the text are the reading's.
EDITABLE = ("keep", "places", "kind", "speaker", "role", "voice", "guessed")
# The columns that hold comma-separated lists.
LISTED = ("places", "guessed")
# The session's keys: the excerpt editor's own state, and the rows it starts from when they are not as read.
EDITOR_KEY = "draft-excerpts"
_ROWS = "draft-rows"


def draft_rows(made: Draft) -> pd.DataFrame:
    """The draft's excerpts as editable rows."""
    rows = [
        {
            "keep": True,
            "id": e.id,
            "places": ", ".join(e.places),
            "kind": e.kind.value,
            "speaker": e.speaker or "",
            "role": e.role or "",
            "voice": e.voice.value,
            "guessed": ", ".join(e.guessed),
            "text": e.text,
        }
        for e in made.excerpts
    ]
    return pd.DataFrame(rows, columns=["keep", "id", *EDITABLE[1:], "text"])


def listed(cell: Any) -> list[str]:
    """The comma-separated items of an edited cell."""
    return [item.strip() for item in str(cell).split(",") if item.strip()]


def edited_excerpts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The kept rows of the excerpt editor as excerpt fields."""
    return [
        {
            "id": row["id"],
            "places": listed(row["places"]),
            "kind": row["kind"],
            "speaker": row["speaker"] or None,
            "role": row["role"] or None,
            "voice": row["voice"],
            "guessed": listed(row["guessed"]),
            "text": row["text"],
        }
        for row in frame.to_dict("records")
        if row["keep"]
    ]


def with_edits(frame: pd.DataFrame, state: Mapping[str, Any] | None) -> pd.DataFrame:
    """The rows as st.data_editor's state says the editor changed them (its rows are fixed: cells alone change)."""
    edited = frame.copy()
    for position, cells in ((state or {}).get("edited_rows") or {}).items():
        for column, value in cells.items():
            if column in EDITABLE and int(position) < len(edited):
                edited.iat[int(position), edited.columns.get_loc(column)] = value
    return edited


def carry_edits(
    read: pd.DataFrame, edited: pd.DataFrame, again: pd.DataFrame
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The rows of a new reading with what the editor changed in the last one; and the changed rows it lacks.

    read is the last reading's rows as read, edited the same rows as the editor left them, again
    the new reading's. A row is matched by its excerpt's text, verbatim from the article; failing
    that, by a text holding the other (the new reading may cut a passage longer or shorter).
    """
    carried = again.copy()
    olds = _records(read)
    changes = [_changed(before, after) for before, after in zip(olds, _records(edited), strict=True)]
    matches = _matches([old["text"] for old in olds], list(carried["text"]), [bool(c) for c in changes])
    unmatched = []
    for old, change, found in zip(olds, changes, matches, strict=True):
        if not change:
            continue
        if found is None:
            unmatched.append({**old, **change})
            continue
        for column, value in change.items():
            if column == "places":
                # Places the new reading found since, beyond the ones the editor had, are kept too.
                found_now = listed(carried.iat[found, carried.columns.get_loc("places")])
                new = [p for p in found_now if p not in listed(old["places"])]
                value = ", ".join(dict.fromkeys([*listed(value), *new]))
            carried.iat[found, carried.columns.get_loc(column)] = value
    return carried, unmatched


def _matches(olds: list[str], news: list[str], changed: list[bool]) -> list[int | None]:
    """For each old text, the new row that is the same passage, or None where no row is."""
    # The same text, in order; else, for a text the editor changed, a text holding it or held in it.
    taken: set[int] = set()
    found: list[int | None] = []
    # Every row claims its verbatim twin first, so that a twin passage is matched in order.
    for text in olds:
        position = next((p for p, new in enumerate(news) if p not in taken and new == text), None)
        if position is not None:
            taken.add(position)
        found.append(position)
    for index, text in enumerate(olds):
        if found[index] is None and changed[index]:
            position = next((p for p, new in enumerate(news) if p not in taken and (text in new or new in text)), None)
            if position is not None:
                taken.add(position)
            found[index] = position
    return found


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, in order."""
    records: list[dict[str, Any]] = frame.to_dict("records")
    return records


def _changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The editable cells whose value the editor changed."""
    return {
        column: after[column] for column in EDITABLE if _cell(after[column], column) != _cell(before[column], column)
    }


def _cell(value: Any, column: str) -> Any:
    """A cell's value as compared: a list's items, whatever their spacing; a blank as empty text."""
    if column in LISTED:
        return listed(value)
    return "" if value is None else value


def rows_of(made: Draft) -> pd.DataFrame:
    """The rows the excerpt editor starts from: as the draft was read, or with the edits carried into it."""
    held = st.session_state.get(_ROWS)
    return held[1] if held is not None and held[0] is made else draft_rows(made)


def unmatched_of(made: Draft) -> list[dict[str, Any]]:
    """The rows the editor changed that the draft, read again, no longer holds."""
    held = st.session_state.get(_ROWS)
    return held[2] if held is not None and held[0] is made else []


def keep_rows(made: Draft, rows: pd.DataFrame, unmatched: list[dict[str, Any]]) -> None:
    """Start the excerpt editor afresh from these rows for this draft."""
    st.session_state[_ROWS] = (made, rows, unmatched)
    # Its changes were to the rows before, by position: they are in these rows now.
    st.session_state.pop(EDITOR_KEY, None)
