"""The excerpt editor's rows: the editor's changes applied, and carried across a new reading of the article."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from geo.web.excerpt_rows import EDITABLE, carry_edits, listed, with_edits

QUOTE = "“We left with nothing,” said Umm Khaled."
SHELLING = "Shelling hit Kafr Batikh, west of Maarat al-Numan."
ROAD = "The army secured the road near Khan Sheikhoun."


def row(text: str, places: str, **cells: Any) -> dict[str, Any]:
    """A row as draft_rows makes it."""
    base = {"keep": True, "id": f"x-{len(text)}", "places": places, "kind": "report", "speaker": "", "role": ""}
    return base | {"voice": "journalist", "guessed": "", "text": text} | cells


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    """Rows as the editor holds them."""
    return pd.DataFrame(list(rows))


READ = frame(
    row(QUOTE, "saraqib", kind="testimony", speaker="Umm Khaled", voice="civilian", guessed="voice"),
    row(SHELLING, "maarat-al-numan"),
    row(ROAD, "khan-sheikhoun", voice="government"),
)
# Read again once Kafr Batikh was placed: the shelling names it too, and the rows come in another order.
AGAIN = frame(
    row(ROAD, "khan-sheikhoun", voice="government"),
    row(QUOTE, "saraqib", kind="testimony", speaker="Umm Khaled", voice="civilian", guessed="voice"),
    row(SHELLING, "kafr-batikh, maarat-al-numan"),
)


def test_the_editors_state_changes_the_cells_it_names() -> None:
    state = {"edited_rows": {0: {"keep": False}, 2: {"speaker": "an officer", "id": "y-1"}}}
    edited = with_edits(READ, state)
    assert list(edited["keep"]) == [False, True, True]
    assert list(edited["speaker"]) == ["Umm Khaled", "", "an officer"]
    assert list(edited["id"]) == list(READ["id"]), "the id is the reading's, never the editor's"
    assert READ.at[0, "keep"], "the rows as read are left as they were"
    assert with_edits(READ, None).equals(READ)


@pytest.mark.parametrize(
    ("text", "changes", "carried"),
    [
        (QUOTE, {"keep": False}, {"keep": False}),
        (QUOTE, {"guessed": ""}, {"guessed": ""}),
        (QUOTE, {"speaker": "Umm Khalid", "role": "a mother of four"}, {"speaker": "Umm Khalid"}),
        (ROAD, {"voice": "russia", "kind": "statement"}, {"voice": "russia", "kind": "statement"}),
        # The places the editor gave, and the one the new reading found since, each once.
        (SHELLING, {"places": "maarat-al-numan, idlib"}, {"places": "maarat-al-numan, idlib, kafr-batikh"}),
        (SHELLING, {"places": "kafr-batikh"}, {"places": "kafr-batikh"}),
    ],
)
def test_a_change_is_carried_to_the_same_excerpt_read_again(
    text: str, changes: dict[str, Any], carried: dict[str, Any]
) -> None:
    edited = READ.copy()
    for column, value in changes.items():
        edited.loc[edited["text"] == text, column] = value
    rows, unmatched = carry_edits(READ, edited, AGAIN)
    assert unmatched == []
    [after] = rows[rows["text"] == text].to_dict("records")
    for column, value in carried.items():
        assert after[column] == value
    untouched = AGAIN[AGAIN["text"] != text]
    assert rows[rows["text"] != text].equals(untouched), "the other rows are as read again"


def test_a_row_left_as_read_takes_the_new_reading() -> None:
    rows, unmatched = carry_edits(READ, READ.copy(), AGAIN)
    assert rows.equals(AGAIN) and unmatched == []
    assert listed(rows.at[2, "places"]) == ["kafr-batikh", "maarat-al-numan"]


def test_a_passage_read_again_longer_or_shorter_still_takes_its_changes() -> None:
    edited = READ.copy()
    edited.at[1, "keep"] = False
    longer = frame(row(ROAD, "khan-sheikhoun"), row(SHELLING + " Two people died.", "kafr-batikh"))
    rows, unmatched = carry_edits(READ, edited, longer)
    assert list(rows["keep"]) == [True, False] and unmatched == []


def test_a_changed_excerpt_the_new_reading_lacks_is_handed_back_with_its_changes() -> None:
    edited = READ.copy()
    edited.at[0, "speaker"] = "Umm Khalid"
    rows, unmatched = carry_edits(READ, edited, AGAIN[AGAIN["text"] != QUOTE].reset_index(drop=True))
    assert len(rows) == 2
    [lost] = unmatched
    assert (lost["text"], lost["speaker"]) == (QUOTE, "Umm Khalid")


def test_twin_passages_are_matched_in_order() -> None:
    twice = frame(row(ROAD, "khan-sheikhoun"), row(ROAD, "khan-sheikhoun"))
    edited = twice.copy()
    edited.at[1, "voice"] = "russia"
    rows, _ = carry_edits(twice, edited, twice)
    assert list(rows["voice"]) == ["journalist", "russia"]


def test_every_editable_column_is_one_the_rows_hold() -> None:
    assert set(EDITABLE) < set(READ.columns)
