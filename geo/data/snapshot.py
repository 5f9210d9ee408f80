"""The atlas's snapshot in the folder's index: what a faultless load made of each file, keyed by the file's digest.

A restart reads every file of the folder again (their digests are what key the snapshot), but
only a file whose bytes differ from those the snapshot was made from is parsed and validated
again: every other one's records come from the snapshot. The checks that span files (an
excerpt's places, ids given twice, drafts' proposals) still run on the whole, in the reader.

The snapshot is never trusted: anything short of a file this version wrote and nobody spoiled
since (its header, the digest of its bytes, the decoder's strict types) is ignored, and the
load reads the files instead and writes a new one. No pickle: msgpack, by msgspec.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, TypedDict

import msgspec

from geo.core.records import Excerpt, ExcerptKind, Movement, Place, Source, Voice
from geo.data.layout import INDEX_DIR
from geo.data.quick.records import fields_given, made

SNAPSHOT_FILE = Path(INDEX_DIR) / "atlas.msgpack"
# Raised whenever the layout below changes; the records' own schema is checked besides (schema()).
FORMAT = 2
MAGIC = b"geo atlas snapshot\n"
_DIGEST_SIZE = 32

log = logging.getLogger(__name__)


def file_digest(data: bytes | memoryview) -> bytes:
    """The digest a file's bytes are known by in the snapshot."""
    return hashlib.blake2b(data, digest_size=_DIGEST_SIZE).digest()


@cache
def schema() -> str:
    """A short digest of the records' schema: a snapshot made under another one is not read."""
    schemas = [model.model_json_schema() for model in (Source, Place, Excerpt)]
    return hashlib.blake2b(json.dumps(schemas, sort_keys=True).encode(), digest_size=8).hexdigest()


class _Excerpt(TypedDict):
    """An excerpt's fields, as its record holds them: decoded into the very dict the record keeps as its own."""

    # The keys are written in the model's order, and a decoded dict keeps the order it reads.
    id: str
    source: str  # its file's name, which each record shares once read
    places: tuple[str, ...]
    kind: ExcerptKind
    speaker: str | None
    role: str | None
    voice: Voice
    event_date: str | None
    text: str
    # Each journey as its file gives it, by the fields' aliases ("from", "to").
    movements: tuple[dict[str, str | None], ...]
    guessed: tuple[str, ...]


class _Entry(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """One source file: the digests of its two files, its source's given fields as JSON, and its excerpts."""

    name: str
    meta: bytes
    article: bytes
    source: bytes
    # Each excerpt's fields given (its number in the snapshot's table of them), and the excerpts:
    # left encoded until the load asks for them, so that a file changed since is never decoded.
    excerpts: msgspec.Raw


class _Snapshot(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    format: int
    schema: str
    places: bytes  # the digest of places.geojson the excerpts' places were checked against
    sources: list[_Entry]
    # Last, as it is known only once every excerpt is written (_written).
    given: list[tuple[str, ...]]


_EXCERPTS = msgspec.msgpack.Decoder(tuple[list[int], list[_Excerpt]], strict=True)
_SNAPSHOT = msgspec.msgpack.Decoder(_Snapshot, strict=True)
_EXCERPT_FIELDS = tuple(Excerpt.model_fields)
_EXCERPT_ORDER = list(_EXCERPT_FIELDS)


@dataclass
class Known:
    """A snapshot read back: its source files by name, and the digest of the places they were checked against."""

    places: bytes
    given: list[tuple[str, ...]]
    sources: dict[str, _Entry] = field(repr=False)
    # Whether some records in it did not decode, though its digest was right: it is written again.
    spoiled: bool = False

    def match(self, name: str, meta: bytes, article: bytes) -> _Entry | None:
        """The entry of a source file, if it was made from these very bytes of its two files."""
        entry = self.sources.get(name)
        return entry if entry is not None and entry.meta == meta and entry.article == article else None

    def records(self, entry: _Entry) -> tuple[Source, list[Excerpt]] | None:
        """An entry's source and excerpts, as the reader made them from its files; None if they do not decode."""
        try:
            return self._records(entry)
        except (msgspec.MsgspecError, ValueError, IndexError, RecursionError):  # a ValidationError is a ValueError
            if not self.spoiled:
                log.info("ignored the snapshot's records of %s (and any others): they do not decode", entry.name)
            self.spoiled = True
            return None

    def _records(self, entry: _Entry) -> tuple[Source, list[Excerpt]]:
        """An entry's source and excerpts, decoded."""
        source = _source(msgspec.json.decode(entry.source))
        given = [fields_given(fields) for fields in self.given]
        numbers, rows = _EXCERPTS.decode(entry.excerpts)
        if len(numbers) != len(rows):
            raise ValueError("not the excerpts of a snapshot")
        source_id = entry.name
        excerpts = []
        # Each decoded dict becomes its record's own: at a million excerpts, a dict made anew cost seconds.
        for number, row in zip(numbers, rows, strict=True):
            values: dict[str, Any] = row  # type: ignore[assignment]
            if list(values) != _EXCERPT_ORDER:
                raise ValueError("an excerpt's fields out of the model's order")
            values["source"] = source_id
            if values["movements"]:
                values["movements"] = tuple(map(_movement, values["movements"]))
            excerpts.append(made(Excerpt, values, given[number]))
        return source, excerpts


_MOVEMENT_NAMES = {(f.alias or name): name for name, f in Movement.model_fields.items()}


def _movement(fields: dict[str, str | None]) -> Movement:
    """The Movement of the fields a faultless load gave it, by alias; made directly when of the shape written."""
    # Tens of thousands of journeys in a year's excerpts: validating each again took a second.
    if not (_MOVEMENT_NAMES.keys() >= fields.keys() >= {"from", "who"}) or not _texts(fields["from"], fields["who"]):
        return Movement.model_validate(fields)
    given = tuple(_MOVEMENT_NAMES[alias] for alias in fields)
    values = {"origin": fields["from"], "destination": fields.get("to"), "who": fields["who"]}
    return made(Movement, values, fields_given(given))


def _texts(*values: Any) -> bool:
    """Whether every one of the values is text."""
    return all(type(value) is str for value in values)


_SOURCE_DEFAULTS = {name: None if f.is_required() else f.default for name, f in Source.model_fields.items()}
_SOURCE_REQUIRED = frozenset(name for name, f in Source.model_fields.items() if f.is_required())
_SOURCE_LISTS = ("removed_lines", "proposed_places", "ambiguous", "names_not_found")
_SOURCE_TEXTS = frozenset(_SOURCE_DEFAULTS) - set(_SOURCE_LISTS)


def _source(fields: Any) -> Source:
    """The Source of the fields a faultless load gave it; made directly when it is a plain one, of texts alone."""
    # Validating each source again was a second of a load of 20,000. A draft's records within
    # it, and anything not of the shape written, are left to pydantic.
    if (
        type(fields) is not dict
        or not _SOURCE_REQUIRED <= fields.keys() <= _SOURCE_DEFAULTS.keys()
        or any(fields.get(name) for name in _SOURCE_LISTS[1:])
        or not all(type(fields[name]) is str or fields[name] is None for name in _SOURCE_TEXTS & fields.keys())
        or type(lines := fields.get("removed_lines", [])) is not list
        or not all(type(line) is str for line in lines)
    ):
        return Source.model_validate(fields)
    values = {**_SOURCE_DEFAULTS, **fields}
    for name in _SOURCE_LISTS:
        values[name] = tuple(values[name])
    return made(Source, values, fields_given(tuple(fields)))


def read_snapshot(data_dir: Path) -> Known | None:
    """The folder's snapshot, if one is there that this version wrote and nothing spoiled; else None."""
    path = data_dir / SNAPSHOT_FILE
    try:
        data = path.read_bytes()
    except OSError:  # none yet, or one that cannot be read: the files are read instead
        return None
    known = _known(data)
    if known is None:
        # Quietly: a reader never sees it; the load that follows writes a good one.
        log.info("ignored %s: not a snapshot this version wrote, or spoiled", path)
    return known


def _known(data: bytes) -> Known | None:
    """What a snapshot's bytes hold, or None for anything but what write_snapshot wrote."""
    head = len(MAGIC) + _DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if file_digest(payload) != data[len(MAGIC) : head]:
        return None
    try:
        snapshot = _SNAPSHOT.decode(payload)
    except (msgspec.MsgspecError, ValueError, RecursionError):
        return None
    if snapshot.format != FORMAT or snapshot.schema != schema():
        return None
    return Known(snapshot.places, snapshot.given, {entry.name: entry for entry in snapshot.sources})


@dataclass(frozen=True)
class Digested:
    """A source file as the reader read it: the digests of its two files' bytes, and its records."""

    meta: bytes
    article: bytes
    source: Source
    excerpts: list[Excerpt]


def source_keys(sources: Mapping[str, Digested]) -> dict[str, str]:
    """Each source with excerpts keyed by the digests of its two files' bytes and the records' schema."""
    # The word index keeps a source's rows under it: the same bytes read under the same schema
    # are the same excerpts, as the snapshot itself relies on.
    return {d.source.id: d.meta.hex() + d.article.hex() + schema() for d in sources.values() if d.excerpts}


def write_snapshot(data_dir: Path, places: bytes, sources: Mapping[str, Digested]) -> bool:
    """Write the snapshot of a faultless load, whole or not at all; False where the folder cannot take it."""
    folder = data_dir / INDEX_DIR
    try:
        folder.mkdir(exist_ok=True)
        # Staged beside it and renamed over it: a reader sees the old snapshot or the new, and of
        # two loads writing at once the last rename wins, each whole. Not forced to the disk: one
        # a power cut leaves torn fails its digest and is made again.
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".atlas.", suffix=".part", delete=False) as staged:
            try:
                # Readable as the folder's other files are (a temporary file is its owner's alone).
                os.chmod(staged.name, 0o644)
                _written(staged, places, sources)
                staged.close()
                os.replace(staged.name, folder / SNAPSHOT_FILE.name)
            except BaseException:
                Path(staged.name).unlink(missing_ok=True)
                raise
    except OSError as error:  # a read-only folder, a full disk: the load stands without a snapshot
        log.info("no snapshot written in %s: %s", folder, error)
        return False
    return True


def _written(out: IO[bytes], places: bytes, sources: Mapping[str, Digested]) -> None:
    """Write a snapshot: its header, the digest of the rest, and the rest, a _Snapshot as msgpack encodes it."""
    # Encoded a file's entry at a time, not whole: the whole and its parts at once were a
    # gigabyte more at a million excerpts. msgpack writes a struct of array_like as an array of
    # its fields, and an array as its length and then its items one after another.
    out.write(MAGIC + bytes(_DIGEST_SIZE))  # the digest's place, filled in once it is known
    hasher = hashlib.blake2b(digest_size=_DIGEST_SIZE)

    def put(data: bytes) -> None:
        hasher.update(data)
        out.write(data)

    put(_array(len(_Snapshot.__struct_fields__)))
    put(msgspec.msgpack.encode((FORMAT, schema(), places))[1:])  # the three fields, without their array's length
    put(_array(len(sources)))
    given = _Given()
    for name, digested in sources.items():
        put(msgspec.msgpack.encode(_entry(name, digested, given)))
    put(msgspec.msgpack.encode(list(given.table)))
    out.seek(len(MAGIC))
    out.write(hasher.digest())


def _array(length: int) -> bytes:
    """The head of a msgpack array of this length, in its longest form, which a decoder reads as any other."""
    return b"\xdd" + length.to_bytes(4, "big")


class _Given:
    """The table of the sets of fields excerpts were given with, each set numbered once."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], int] = {}
        # Most records share their set (geo/data/quick/records.py): numbered by identity, each once.
        self._numbers: dict[int, int] = {}
        # Each set numbered, kept so that its id is not another's while the table is made.
        self._sets: list[set[str]] = []

    def numbers(self, excerpts: list[Excerpt]) -> list[int]:
        """The number of each excerpt's set of fields in the table, any new set added."""
        # In C's loops (map, zip) rather than a call per excerpt: seconds at a million.
        sets = list(map(_FIELDS_SET, excerpts))
        for fields_set in dict(zip(map(id, sets), sets, strict=True)).values():
            if id(fields_set) not in self._numbers:
                fields = tuple(name for name in _EXCERPT_FIELDS if name in fields_set)
                self._numbers[id(fields_set)] = self.table.setdefault(fields, len(self.table))
                self._sets.append(fields_set)
        return list(map(self._numbers.__getitem__, map(id, sets)))


def _entry(name: str, digested: Digested, given: _Given) -> _Entry:
    """The snapshot's entry of one source file."""
    source = digested.source.model_dump_json(exclude_unset=True, by_alias=True).encode()
    numbers = given.numbers(digested.excerpts)
    # A record's own dict, as it is (its enumerations are text in msgpack), unless _row must change it.
    rows = [
        values if values["text"].isascii() and not values["movements"] else _row(values)
        for values in map(_DICT, digested.excerpts)
    ]
    return _Entry(name, digested.meta, digested.article, source, msgspec.Raw(msgspec.msgpack.encode((numbers, rows))))


_FIELDS_SET = attrgetter("__pydantic_fields_set__")
_DICT = attrgetter("__dict__")


def _row(values: dict[str, Any]) -> dict[str, Any]:
    """An excerpt's fields as the snapshot writes them."""
    text, movements = values["text"], values["movements"]
    # Encoding text that is not ASCII leaves a UTF-8 copy of it on the text itself (CPython keeps
    # it for the life of the string): 130 MB more for as long as a year's atlas is loaded. A
    # copy of the text, dropped once written, is encoded instead.
    if not text.isascii() or movements:
        values = {**values, "text": text if text.isascii() else text.encode().decode()}
    if movements:
        values["movements"] = tuple(m.model_dump(exclude_unset=True, by_alias=True) for m in movements)
    return values


def unchanged(known: Known | None, places: bytes, reused: int, read: int) -> bool:
    """Whether a snapshot holds a load's every file and no other, all `read` of them `reused` from it whole."""
    return known is not None and not known.spoiled and places == known.places and reused == read == len(known.sources)


def placed(excerpts: Iterable[Excerpt], places: Mapping[str, Any]) -> bool:
    """Whether every place the excerpts name is among these."""
    return all(map(places.__contains__, (p for e in excerpts for p in e.places)))
