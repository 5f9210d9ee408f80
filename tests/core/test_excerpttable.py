"""The excerpts as columns: every record made back from its row is the record it was, and made only when read."""

from __future__ import annotations

import numpy as np
import pytest

import geo.core.excerpttable
from geo.core.atlas import Atlas
from geo.core.excerpttable import KINDS, VOICES, ExcerptTable, Picked
from geo.core.records import Excerpt

RECORDS = [
    Excerpt(id="a1", source="one", places=("idlib", "saraqib"), kind="report", voice="journalist", text="Shelling."),
    Excerpt.model_validate(
        {
            "id": "a2",
            "source": "one",
            "places": ["saraqib", "idlib"],
            "kind": "testimony",
            "speaker": "Umm Ahmad",
            "role": "a mother of four",
            "voice": "civilian",
            "event_date": "2020-01",
            "text": "We left at night, with nothing.",
            "movements": [{"from": "saraqib", "to": "idlib", "who": "families"}, {"from": "idlib", "who": "some"}],
            "guessed": ["voice", "places"],
        }
    ),
    Excerpt(
        id="b1",
        source="two",
        places=("atarib",),
        kind="statement",
        speaker="SANA",
        voice="state-media",
        event_date="2019-12-24",
        text="Terrorists were driven out — بالكامل.",
    ),  # fmt: skip
    Excerpt(id="b2", source="two", places=("idlib",), kind="report", voice="journalist", text="Quiet."),
]


def rows_back(records: list[Excerpt]) -> ExcerptTable:
    """A table of the records' rows alone, as a restart reads them from the snapshot."""
    made = ExcerptTable.of(records)
    return ExcerptTable.from_arrow(made.data, made.given)


def test_a_table_of_records_hands_back_the_very_records() -> None:
    table = ExcerptTable.of(RECORDS)
    assert len(table) == 4 and table[1] is RECORDS[1] and table[-1] is RECORDS[-1]
    assert list(table) == RECORDS and table[1:3] == tuple(RECORDS[1:3])
    with pytest.raises(IndexError):
        table[4]


def test_each_record_made_from_its_row_is_the_record_it_was() -> None:
    table = rows_back(RECORDS)
    assert table.records_made() == 0, "no record is made until one is read"
    again = table[1]
    assert table.records_made() == 1
    assert again == RECORDS[1] and again is not RECORDS[1]
    assert list(again.__dict__) == list(RECORDS[1].__dict__), "the fields in the model's order"
    assert [type(v) for v in again.__dict__.values()] == [type(v) for v in RECORDS[1].__dict__.values()]
    assert again.model_fields_set == RECORDS[1].model_fields_set, "a save writes back the fields given"
    assert [m.model_fields_set for m in again.movements] == [m.model_fields_set for m in RECORDS[1].movements]
    assert table[1] is again, "one excerpt is one object however often it is read"
    assert list(table) == RECORDS


def test_only_the_records_made_lately_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo.core.excerpttable, "RECORDS_KEPT", 2)
    table = rows_back(RECORDS)
    first = table[0]
    assert list(table) == RECORDS and table.records_made() == 2, "no more than RECORDS_KEPT are held"
    assert table[0] == first and table[0] is not first, "made again from its row once let go"
    given = ExcerptTable.of(RECORDS)
    assert list(given) == RECORDS and given.records_made() == 4, "records given are kept for the table's life"


def test_the_columns_are_the_records_codes() -> None:
    table = rows_back(RECORDS)
    columns = table.columns
    assert [VOICES[v] for v in columns.voices] == [e.voice for e in RECORDS]
    assert [KINDS[k] for k in columns.kinds] == [e.kind for e in RECORDS]
    assert [columns.source_ids[s] for s in columns.sources] == [e.source for e in RECORDS]
    assert [columns.date_values[d] if d >= 0 else None for d in columns.dates] == [e.event_date for e in RECORDS]
    assert columns.movers.tolist() == [1]
    for place in ("idlib", "saraqib", "atarib", "nowhere"):
        assert table.at(place).tolist() == [n for n, e in enumerate(RECORDS) if place in e.places]
    assert table.records_made() == 0, "the columns are read off the rows"


def test_a_part_of_a_table_shares_its_rows_and_records() -> None:
    table = rows_back(RECORDS)
    part = table.subset(np.array([1, 3]))
    assert list(part) == [RECORDS[1], RECORDS[3]] and part[0] is table[1]
    assert part.at("idlib").tolist() == [0, 1] and part.at("atarib").tolist() == []
    assert part.columns.movers.tolist() == [0]
    assert part.find("b2") == 1 and part.find("b1") is None and table.find("b1") == 2
    assert part.of_source("one").tolist() == [0] and table.of_source("two").tolist() == [2, 3]
    assert part.runs() == [("one", 0, 1), ("two", 1, 1)]


def test_tables_joined_are_one_table_in_order() -> None:
    joined = ExcerptTable.joined([rows_back(RECORDS[:2]), ExcerptTable.of(RECORDS[2:])])
    assert list(joined) == RECORDS
    assert [e.model_fields_set for e in joined] == [e.model_fields_set for e in RECORDS]
    assert joined[3] is RECORDS[3], "records made already are kept"


def test_a_selection_picks_positions_and_makes_records_only_as_they_are_read() -> None:
    table = rows_back(RECORDS)
    picked = Picked(table, np.array([0, 2]))
    assert len(picked) == 2 and table.records_made() == 0
    assert picked.marks.tolist() == [True, False, True, False]
    assert picked.among(np.array([0, 1, 2, 3])).tolist() == [0, 2]
    assert picked == (RECORDS[0], RECORDS[2]) and picked[-1] == RECORDS[2]
    assert table.records_made() == 2


def test_an_atlas_of_records_reads_them_through_its_table(bundled_atlas: Atlas) -> None:
    table = bundled_atlas.table
    assert all(table[n] is e for n, e in enumerate(bundled_atlas.excerpts))
    for place in bundled_atlas.places:
        assert table.take(table.at(place)) == bundled_atlas.by_place.get(place, ())
