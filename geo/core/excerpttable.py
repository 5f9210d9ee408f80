"""The atlas's excerpts held as columns (Apache Arrow), each record made only when something reads it.

A year's coverage is a million excerpts. As Python records they took seconds to make at every
start and a gigabyte to hold, and the filters' and counts' columns were read off them again.
Here they are one Arrow table (at a restart, the folder index's own, read by a memory map) and a
few columns of numbers made from it once. Filters, counts, search and the timeline read those;
a record is made only for an excerpt that a page shows, and the last hundred thousand made are
kept, so that what pages read again is not made again.

Arrow rather than Polars or DuckDB: Streamlit already depends on it, its file format is read
through a memory map with nothing to decode, and a row is taken out by its position with no
query engine in between.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Any, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from geo.core.made import fields_given, made
from geo.core.records import Excerpt, ExcerptKind, Movement, Voice

VOICES = tuple(Voice)
KINDS = tuple(ExcerptKind)
EXCERPT_FIELDS = tuple(Excerpt.model_fields)

# One row an excerpt; `given` numbers the set of fields its record was given (its file's
# fields, which a save writes back), in the table's list of them.
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("places", pa.list_(pa.string())),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("role", pa.string()),
        ("voice", pa.string()),
        ("event_date", pa.string()),
        ("text", pa.large_string()),
        # Each journey as its file gives it (by the fields' aliases, "from" and "to"), as JSON;
        # null for none, as most excerpts tell of none.
        ("movements", pa.string()),
        ("guessed", pa.list_(pa.string())),
        ("given", pa.int16()),
    ]
)
_KIND_OF = {kind.value: kind for kind in ExcerptKind}
_VOICE_OF = {voice.value: voice for voice in Voice}
_MOVEMENT_FIELDS = {(f.alias or name): name for name, f in Movement.model_fields.items()}
_NO_POSITIONS = np.empty(0, dtype=np.int64)


# How many records made from rows are kept: pages read a few at a time, and a server that kept
# every record it ever made would hold the million again, a gigabyte, after weeks of readers.
RECORDS_KEPT = 100_000


class _Store:
    """The rows of every excerpt, the records it was given, and those made of its rows lately, by position."""

    def __init__(
        self, data: pa.Table, given: Sequence[tuple[str, ...]], records: Sequence[Excerpt | None] | None
    ) -> None:
        """Rows whose `given` numbers name a set of fields in `given`; `records`, if made already, in their order."""
        # Left in its chunks: combined, rows mapped from the index's file would be copied into memory.
        self.data = data
        self.given = tuple(given)
        # The records it was given, kept for its life (None where a row has none); those made, lately.
        self.pinned: list[Excerpt | None] | None = list(records) if records is not None else None
        self.made: OrderedDict[int, Excerpt] = OrderedDict()
        # Held while records are made and kept: two threads making one excerpt would make two of it.
        self.lock = threading.Lock()

    def records(self, positions: Sequence[int]) -> list[Excerpt]:
        """The records at some positions: each one given, or made the first time it is asked for and kept a while."""
        found: dict[int, Excerpt] = {}
        pinned = self.pinned
        with self.lock:
            for position in positions:
                record = pinned[position] if pinned is not None else None
                if record is None and (record := self.made.get(position)) is not None:
                    self.made.move_to_end(position)
                if record is not None:
                    found[position] = record
            missing = [p for p in dict.fromkeys(positions) if p not in found]
            if missing:
                rows = self.data.take(pa.array(missing, pa.int64())).to_pylist()
                for position, row in zip(missing, rows, strict=True):
                    found[position] = self.made[position] = self._record(row)
                while len(self.made) > RECORDS_KEPT:
                    self.made.popitem(last=False)
        return [found[p] for p in positions]

    def __len__(self) -> int:
        """How many rows."""
        return len(self.data)

    @cached_property
    def columns(self) -> _Columns:
        """The columns of numbers of every row, read once for every table of its rows."""
        return _Columns.read(self.data)

    def count_made(self) -> int:
        """How many records it holds: given, and made of its rows lately."""
        return len(self.made) + (0 if self.pinned is None else sum(r is not None for r in self.pinned))

    def _record(self, row: dict[str, Any]) -> Excerpt:
        """The record of one row, as validation made it when the row was written."""
        movements = row["movements"]
        values = {
            "id": row["id"],
            "source": row["source"],
            "places": tuple(row["places"]),
            "kind": _KIND_OF[row["kind"]],
            "speaker": row["speaker"],
            "role": row["role"],
            "voice": _VOICE_OF[row["voice"]],
            "event_date": row["event_date"],
            "text": row["text"],
            "movements": () if movements is None else tuple(map(_movement, json.loads(movements))),
            "guessed": tuple(row["guessed"]),
        }
        return made(Excerpt, values, fields_given(self.given[row["given"]]))


def _movement(fields: dict[str, str | None]) -> Movement:
    """A journey's record from the fields its file gave it, by alias."""
    values = {"origin": fields["from"], "destination": fields.get("to"), "who": fields["who"]}
    return made(Movement, values, fields_given(tuple(_MOVEMENT_FIELDS[alias] for alias in fields)))


class _Records(Sequence[Excerpt]):
    """Excerpts by position, their records made only as they are read: indexed, sliced, walked and compared alike."""

    def _records(self, positions: np.ndarray) -> tuple[Excerpt, ...]:
        """The records at some of its positions, in the order given."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Excerpt: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Excerpt, ...]: ...

    def __getitem__(self, index: int | slice) -> Excerpt | tuple[Excerpt, ...]:
        """One excerpt's record, or those of a slice."""
        if isinstance(index, slice):
            return self._records(np.arange(*index.indices(len(self))))
        at = index + len(self) if index < 0 else index
        if not 0 <= at < len(self):
            raise IndexError("no excerpt at that index")
        return self._records(np.array([at]))[0]

    def __iter__(self) -> Iterator[Excerpt]:
        """Every record in order, made a batch at a time as it goes."""
        for first in range(0, len(self), _BATCH):
            yield from self._records(np.arange(first, min(first + _BATCH, len(self))))

    def __eq__(self, other: object) -> bool:
        """Whether it holds the same excerpts as another sequence of them, in the same order."""
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]


class ExcerptTable(_Records):
    """Excerpts in an order of their own: their columns, and their records made as they are read.

    A table may be a part of another (a reader's atlas holds its editor's excerpts but the
    drafts'): it then reads its rows, and shares its records, with the whole.
    """

    def __init__(self, store: _Store, base: np.ndarray | None = None) -> None:
        """The excerpts of a store, or of those of its positions given in `base`, ascending."""
        self._store = store
        self._base = base

    @classmethod
    def of(cls, excerpts: Sequence[Excerpt]) -> ExcerptTable:
        """A table of records made already, which it keeps and hands back as they are."""
        data, given = arrow_of(excerpts)
        return cls(_Store(data, given, excerpts))

    @classmethod
    def from_arrow(cls, data: pa.Table, given: Sequence[tuple[str, ...]]) -> ExcerptTable:
        """A table of rows of SCHEMA, none of whose records is made until it is read."""
        if not data.schema.equals(SCHEMA):
            raise ValueError("not a table of excerpts")
        return cls(_Store(data, given, None))

    @classmethod
    def joined(cls, parts: Sequence[ExcerptTable | tuple[pa.Table, Sequence[tuple[str, ...]]]]) -> ExcerptTable:
        """One table of several in order: tables, or rows of SCHEMA with the sets of fields their numbers name."""
        given: dict[tuple[str, ...], int] = {}
        pieces: list[pa.Table] = []
        records: list[Excerpt | None] = []
        sets: Sequence[tuple[str, ...]]
        for part in parts:
            if isinstance(part, ExcerptTable):
                data, sets = part.data, part.given
                pinned = part._store.pinned
                records += [None] * len(part) if pinned is None else [pinned[p] for p in part.roots().tolist()]
            else:
                data, sets = part
                records += [None] * len(data)
            renumbered = np.array([given.setdefault(names, len(given)) for names in sets] or [0], dtype=np.int16)
            numbers = renumbered[data.column("given").to_numpy(zero_copy_only=False).astype(np.int64)]
            pieces.append(data.set_column(SCHEMA.get_field_index("given"), "given", pa.array(numbers, pa.int16())))
        data = pa.concat_tables(pieces) if pieces else SCHEMA.empty_table()
        return cls(_Store(data, list(given), records))

    @property
    def data(self) -> pa.Table:
        """The rows of this table's excerpts, in its order."""
        rows = self._store.data
        return rows if self._base is None else rows.take(pa.array(self._base))

    @property
    def given(self) -> tuple[tuple[str, ...], ...]:
        """The sets of fields the rows' `given` numbers name."""
        return self._store.given

    def __len__(self) -> int:
        """How many excerpts."""
        return len(self._store) if self._base is None else len(self._base)

    def _records(self, positions: np.ndarray) -> tuple[Excerpt, ...]:
        """The records at some of its positions."""
        return self.take(positions)

    def __eq__(self, other: object) -> bool:
        """Whether it holds the same excerpts as another sequence of them, in the same order."""
        if isinstance(other, ExcerptTable) and other._store is self._store:
            return np.array_equal(self.roots(), other.roots())
        return super().__eq__(other)

    def __repr__(self) -> str:
        """A short account of the table, not its every excerpt."""
        return f"<ExcerptTable of {len(self):,} excerpts>"

    def records_made(self) -> int:
        """How many records its store holds, given or made lately (those of a whole it is part of included)."""
        return self._store.count_made()

    def roots(self) -> np.ndarray:
        """Each excerpt's position among its store's rows."""
        return np.arange(len(self), dtype=np.int64) if self._base is None else self._base

    def take(self, positions: np.ndarray | Sequence[int]) -> tuple[Excerpt, ...]:
        """The records at some positions, in the order given."""
        chosen = np.asarray(positions, dtype=np.int64)
        roots = chosen if self._base is None else self._base[chosen]
        return tuple(self._store.records(roots.tolist()))

    def subset(self, positions: np.ndarray) -> ExcerptTable:
        """The table of some of its excerpts (positions ascending), sharing its rows and records."""
        return ExcerptTable(self._store, self.roots()[np.asarray(positions, dtype=np.int64)])

    @cached_property
    def columns(self) -> _Columns:
        """This table's columns of numbers."""
        whole = self._store.columns
        return whole if self._base is None else whole.subset(self._base)

    def at(self, place_id: str) -> np.ndarray:
        """The positions of the excerpts about a place, ascending."""
        return self.columns.at(place_id)

    def find(self, excerpt_id: str) -> int | None:
        """The position of the excerpt of an id, or None if none has it."""
        found = pc.index(self._store.data.column("id"), excerpt_id).as_py()
        if found < 0:
            return None
        if self._base is None:
            return int(found)
        at = int(np.searchsorted(self._base, found))
        return at if at < len(self._base) and self._base[at] == found else None

    def of_source(self, source_id: str) -> np.ndarray:
        """The positions of a source's excerpts, ascending."""
        columns = self.columns
        if source_id not in columns.source_ids:
            return _NO_POSITIONS
        return np.flatnonzero(columns.sources == columns.source_ids.index(source_id))

    def runs(self) -> list[tuple[str, int, int]]:
        """Each run of excerpts of one source, as a load reads them file by file: its source, start and length."""
        codes = self.columns.sources
        if not len(codes):
            return []
        starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
        ends = np.append(starts[1:], len(codes))
        ids = self.columns.source_ids
        return [(ids[codes[s]], int(s), int(e - s)) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]

    def searchable(self, first: int, count: int) -> Iterator[tuple[str, str | None, str | None]]:
        """The text, speaker and role of a run of excerpts, read from the rows without making records."""
        # Not roots()[...]: a whole table's roots are made anew on each call, a million for a run of fifty.
        roots = np.arange(first, first + count) if self._base is None else self._base[first : first + count]
        rows = self._store.data.select(["text", "speaker", "role"]).take(pa.array(roots))
        for start in range(0, len(rows), _BATCH):
            batch = rows.slice(start, _BATCH).to_pydict()
            yield from zip(batch["text"], batch["speaker"], batch["role"], strict=True)


# Rows read into Python at a time by a walk over every excerpt: a few megabytes of text.
_BATCH = 4096


class _Columns:
    """Each excerpt's codes as numbers, and each pair of an excerpt and a place it is about."""

    def __init__(
        self,
        voices: np.ndarray,
        kinds: np.ndarray,
        sources: np.ndarray,
        source_ids: list[str],
        dates: np.ndarray,
        date_values: list[str],
        offsets: np.ndarray,
        places: np.ndarray,
        place_ids: list[str],
        movers: np.ndarray,
    ) -> None:
        """Columns of one table."""
        self.voices = voices  # each excerpt's voice's number in VOICES
        self.kinds = kinds  # its kind's number in KINDS
        self.sources, self.source_ids = sources, source_ids  # its source's number in source_ids
        self.dates, self.date_values = dates, date_values  # its event date's number in date_values; -1 for none
        self.offsets = offsets  # where its places start among the pairs' (and the next's begin)
        self.places, self.place_ids = places, place_ids  # each pair's place's number in place_ids
        self.movers = movers  # the positions of the excerpts that tell of a journey

    @classmethod
    def read(cls, data: pa.Table) -> _Columns:
        """The columns of every row of a table."""
        sources, source_ids = _encoded(data.column("source"))
        dates, date_values = _encoded(data.column("event_date"))
        lists = data.column("places").combine_chunks()
        offsets = lists.offsets.to_numpy().astype(np.int64)
        places, place_ids = _encoded(lists.flatten())
        movers = np.flatnonzero(data.column("movements").is_valid().to_numpy(zero_copy_only=False))
        return cls(
            voices=_ordered(data.column("voice"), VOICES),
            kinds=_ordered(data.column("kind"), KINDS),
            sources=sources,
            source_ids=source_ids,
            dates=dates,
            date_values=date_values,
            offsets=offsets - offsets[0],
            places=places,
            place_ids=place_ids,
            movers=movers.astype(np.int64),
        )

    def subset(self, base: np.ndarray) -> _Columns:
        """The columns of some of the rows, by their positions, ascending."""
        lengths = np.diff(self.offsets)[base]
        offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        pairs = np.repeat(self.offsets[:-1][base] - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
        return _Columns(
            voices=self.voices[base],
            kinds=self.kinds[base],
            sources=self.sources[base],
            source_ids=self.source_ids,
            dates=self.dates[base],
            date_values=self.date_values,
            offsets=offsets,
            places=self.places[pairs],
            place_ids=self.place_ids,
            movers=np.flatnonzero(np.isin(base, self.movers)),
        )

    def __len__(self) -> int:
        """How many excerpts."""
        return len(self.voices)

    @cached_property
    def owners(self) -> np.ndarray:
        """Each pair's excerpt, by its position."""
        return np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))

    @cached_property
    def _gathered(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """Each place's number, where its excerpts start among the gathered, and the gathered excerpts' positions."""
        order = np.argsort(self.places, kind="stable")
        counts = np.bincount(self.places, minlength=len(self.place_ids))
        starts = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return {place: n for n, place in enumerate(self.place_ids)}, starts, self.owners[order]

    def gather(self) -> None:
        """Gather each place's excerpts now, rather than at the first place asked for."""
        _ = self._gathered

    def at(self, place_id: str) -> np.ndarray:
        """The positions of the excerpts about a place, ascending."""
        numbers, starts, gathered = self._gathered
        number = numbers.get(place_id)
        return _NO_POSITIONS if number is None else gathered[starts[number] : starts[number + 1]]

    def place_counts(self) -> dict[str, int]:
        """How many excerpts each place has, for every place some excerpt is about."""
        counts = np.bincount(self.places, minlength=len(self.place_ids))
        return {place: int(n) for place, n in zip(self.place_ids, counts.tolist(), strict=True) if n}


def _encoded(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str]]:
    """Each value's number among the distinct values, in order of first appearance (-1 for null), and those values."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks() if encoded.num_chunks else pa.array([], pa.string()).dictionary_encode()
    numbers = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return numbers, encoded.dictionary.to_pylist()


def _ordered(column: pa.ChunkedArray, order: tuple[str, ...]) -> np.ndarray:
    """Each value's number in a fixed order of every value it may take."""
    numbers, values = _encoded(column)
    into = np.array([order.index(value) for value in values] or [0], dtype=np.int64)
    return into[numbers] if len(numbers) else numbers


_FIELDS_SET = attrgetter("__pydantic_fields_set__")


def arrow_of(excerpts: Sequence[Excerpt]) -> tuple[pa.Table, list[tuple[str, ...]]]:
    """The rows of some records, and the sets of fields their `given` numbers name."""
    # A column at a time, each read off the records by map() in C: a loop over a million records
    # appending to every column took 6 s.
    # Each made an Arrow array at once, so that only one column is ever held as Python lists.
    columns: dict[str, pa.Array] = {}
    for name in EXCERPT_FIELDS:
        values = list(map(attrgetter(name), excerpts))
        if name == "movements":
            values = [_journeys(moves) if moves else None for moves in values]
        columns[name] = pa.array(values, SCHEMA.field(name).type)
    # Most records share their set of fields (made.fields_given): each set is numbered once, by identity.
    sets = list(map(_FIELDS_SET, excerpts))
    given: dict[tuple[str, ...], int] = {}
    numbers: dict[int, int] = {}
    for fields_set in {id(s): s for s in sets}.values():
        names = tuple(name for name in EXCERPT_FIELDS if name in fields_set)
        numbers[id(fields_set)] = given.setdefault(names, len(given))
    columns["given"] = pa.array(list(map(numbers.__getitem__, map(id, sets))), pa.int16())
    return pa.table(columns, schema=SCHEMA), list(given)


def _journeys(moves: tuple[Movement, ...]) -> str:
    """An excerpt's journeys as its row holds them: JSON, each by the fields its file gave."""
    return json.dumps([m.model_dump(exclude_unset=True, by_alias=True) for m in moves])


class Picked(_Records):
    """Some of a table's excerpts, by their positions in it, whose records are made only as they are read."""

    def __init__(self, table: ExcerptTable, positions: np.ndarray | None = None) -> None:
        """The excerpts at some positions of a table, ascending; every one of them for None."""
        self.table = table
        self._positions = positions

    @property
    def whole(self) -> bool:
        """Whether it holds every excerpt of its table."""
        return self._positions is None

    @property
    def positions(self) -> np.ndarray:
        """The excerpts' positions in the table, ascending."""
        return np.arange(len(self.table), dtype=np.int64) if self._positions is None else self._positions

    @cached_property
    def marks(self) -> np.ndarray:
        """Which of the table's excerpts it holds."""
        marks = np.zeros(len(self.table), dtype=bool)
        marks[self.positions] = True
        return marks

    def among(self, positions: np.ndarray) -> np.ndarray:
        """Those of some of the table's positions that it holds."""
        return positions if self._positions is None else positions[self.marks[positions]]

    def __len__(self) -> int:
        """How many excerpts."""
        return len(self.table) if self._positions is None else len(self._positions)

    def _records(self, positions: np.ndarray) -> tuple[Excerpt, ...]:
        """The records at some of its positions: at those positions among the ones it picked from its table."""
        return self.table.take(positions if self._positions is None else self._positions[positions])

    def __repr__(self) -> str:
        """A short account, not its every excerpt."""
        return f"<Picked {len(self):,} of {len(self.table):,} excerpts>"
