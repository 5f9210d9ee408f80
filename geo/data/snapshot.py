"""The atlas's snapshot in the folder's index: what a faultless load made of each file, keyed by the file's digest.

A restart takes a file's records from the snapshot when the file is the one they were made from:
by its stats, for a file long unchanged when the snapshot was made, or else by the digest of its
bytes. Only a file that differs is parsed and validated again. The checks that span files (an
excerpt's places, ids given twice, drafts' proposals) still run on the whole, in the reader.

The excerpts are kept as the atlas's table holds them (geo/core/excerpttable.py): one Arrow
file, after the sources' entries, which a restart maps into memory rather than reading. No
excerpt's record is made at a load; each file's entry names its run of rows.

The snapshot is never trusted: anything short of a file this version wrote and nobody spoiled
since (its header, the digest of its bytes, the decoder's strict types, the rows' schema, the
codes and dates the columns are made from, and no null where a record has a value) is ignored,
and the load reads the files instead and writes a new one. No pickle: msgpack, by msgspec, and
Arrow's own file format.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mmap
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from io import BufferedReader
from pathlib import Path
from typing import IO, Any

import msgspec
import pyarrow as pa
import pyarrow.compute as pc

from geo.core.excerpttable import KINDS, SCHEMA, VOICES, ExcerptTable
from geo.core.made import fields_given, made
from geo.core.records import Excerpt, Place, Source, check_partial_date
from geo.data.layout import INDEX_DIR

SNAPSHOT_FILE = Path(INDEX_DIR) / "atlas.snapshot"
# What earlier versions named it: removed once a snapshot of this version is written.
_FORMER = ("atlas.msgpack",)
# Raised whenever the layout below changes; the records' own schema is checked besides (schema()).
FORMAT = 3
MAGIC = b"geo atlas snapshot\n"
_DIGEST_SIZE = 32
_LENGTH_SIZE = 8
# Where the rows begin is rounded up to this, as Arrow's buffers are aligned within its file.
_ALIGN = 64
# A file changed within this long before the load that read it may change again with the same
# times (a file system keeps them to a clock tick, or to seconds): its stat is not trusted.
RACY_NS = 3_000_000_000

log = logging.getLogger(__name__)


def file_digest(data: bytes | memoryview) -> bytes:
    """The digest a file's bytes are known by in the snapshot."""
    return hashlib.blake2b(data, digest_size=_DIGEST_SIZE).digest()


@cache
def schema() -> str:
    """A short digest of the records' schema and the rows': a snapshot made under another one is not read."""
    schemas = [model.model_json_schema() for model in (Source, Place, Excerpt)]
    text = json.dumps(schemas, sort_keys=True) + SCHEMA.to_string()
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


class Entry(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """One source file: the digests of its two files, its source's given fields as JSON, and its run of rows."""

    name: str
    meta: bytes
    article: bytes
    source: bytes
    first: int
    count: int
    # The two files' stats as they were read (file_stats): the same again, the same bytes.
    stats: tuple[int, ...]


class _Snapshot(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    format: int
    schema: str
    places: bytes  # the digest of places.geojson the excerpts' places were checked against
    read_at: int  # when the load that read the files began, in nanoseconds since the epoch
    sources: list[Entry]
    # The sets of fields the rows' `given` numbers name.
    given: list[tuple[str, ...]]


_SNAPSHOT = msgspec.msgpack.Decoder(_Snapshot, strict=True)


@dataclass
class Known:
    """A snapshot read back: its source files by name, their rows, and the digest of the places they were checked by."""

    places: bytes
    given: list[tuple[str, ...]]
    read_at: int
    sources: dict[str, Entry] = field(repr=False)
    rows: pa.Table = field(repr=False)
    # Whether some records in it did not decode, though its digest was right: it is written again.
    spoiled: bool = False

    def match(self, name: str, meta: bytes, article: bytes) -> Entry | None:
        """The entry of a source file, if it was made from these very bytes of its two files."""
        entry = self.sources.get(name)
        return entry if entry is not None and entry.meta == meta and entry.article == article else None

    def settled(self, name: str, stats: tuple[int, ...]) -> Entry | None:
        """The entry of a source file whose two files have the stats they had when it was made, long unchanged then."""
        # As git trusts its index: a change to a file changes its change time (ctime), which no
        # one can set back, and its inode if it is replaced; one changed too near the load that
        # read it might since have changed within the same tick, so its bytes are read again.
        entry = self.sources.get(name)
        if entry is None or entry.stats != stats or len(stats) != 2 * len(_STAT_FIELDS):
            return None
        changed = (stats[_CTIME], stats[len(_STAT_FIELDS) + _CTIME])
        return entry if max(changed) < self.read_at - RACY_NS else None

    def records(self, entry: Entry) -> tuple[Source, pa.Table] | None:
        """An entry's source and its excerpts' rows, as the reader made them; None if they do not decode."""
        try:
            source = _source(msgspec.json.decode(entry.source))
        except (msgspec.MsgspecError, ValueError, RecursionError):  # a ValidationError is a ValueError
            if not self.spoiled:
                log.info("ignored the snapshot's records of %s (and any others): they do not decode", entry.name)
            self.spoiled = True
            return None
        return source, self.rows.slice(entry.first, entry.count)


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
        with path.open("rb") as file:
            known = _known(file)
    except OSError:  # none yet, or one that cannot be read: the files are read instead
        return None
    if known is None:
        # Quietly: a reader never sees it; the load that follows writes a good one.
        log.info("ignored %s: not a snapshot this version wrote, or spoiled", path)
    return known


def _known(file: BufferedReader) -> Known | None:
    """What an open snapshot holds, or None for anything but what write_snapshot wrote."""
    head = len(MAGIC) + _DIGEST_SIZE
    start = file.read(head)
    if not start.startswith(MAGIC) or len(start) < head:
        return None
    # Read through, not mapped, to be checked: the pages mapped stay counted as the process's
    # memory, and only the rows a page shows need be.
    if hashlib.file_digest(file, _hasher).digest() != start[len(MAGIC) :]:
        return None
    try:
        # The same open file as was checked, so that a snapshot written over it meanwhile is not read.
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        return _decoded(memoryview(mapped)[head:])
    except (msgspec.MsgspecError, pa.ArrowException, ValueError, IndexError, RecursionError):
        return None


def _hasher() -> Any:
    """The digest the snapshot's bytes are checked by."""
    return hashlib.blake2b(digest_size=_DIGEST_SIZE)


def _decoded(payload: memoryview) -> Known | None:
    """What a snapshot's checked bytes hold; an error, or None, for what this version did not write."""
    length = int.from_bytes(payload[:_LENGTH_SIZE], "big")
    snapshot = _SNAPSHOT.decode(payload[_LENGTH_SIZE : _LENGTH_SIZE + length])
    if snapshot.format != FORMAT or snapshot.schema != schema():
        return None
    rows = pa.ipc.open_file(pa.BufferReader(pa.py_buffer(payload[_rows_at(length) :]))).read_all()
    if not _sound(rows, snapshot):
        return None
    entries = {entry.name: entry for entry in snapshot.sources}
    return Known(snapshot.places, snapshot.given, snapshot.read_at, entries, rows)


def _rows_at(length: int) -> int:
    """Where the rows begin in a snapshot's payload, after its entries of `length` bytes."""
    head = len(MAGIC) + _DIGEST_SIZE
    end = head + _LENGTH_SIZE + length
    return -(-end // _ALIGN) * _ALIGN - head


def _sound(rows: pa.Table, snapshot: _Snapshot) -> bool:
    """Whether the rows are of the schema, their codes in range and the entries' runs within them, in order."""
    if not rows.schema.equals(SCHEMA):
        return False
    rows.validate()
    given = pc.min_max(rows.column("given")).as_py()
    kinds = set(pc.unique(rows.column("kind")).to_pylist())
    voices = set(pc.unique(rows.column("voice")).to_pylist())
    at = 0
    for entry in snapshot.sources:
        if entry.first != at or entry.count < 0:
            return False
        at += entry.count
    return (
        at == len(rows)
        and (not len(rows) or 0 <= given["min"] <= given["max"] < len(snapshot.given))
        and kinds <= set(KINDS)
        and voices <= set(VOICES)
        and not any(rows.column(name).null_count for name in _NEVER_NULL)
        and not pc.list_flatten(rows.column("places")).null_count
        and _dates(pc.unique(rows.column("event_date")).to_pylist())
    )


# The fields every record has a value of; the rest (speaker, role, event date, journeys) may be none.
_NEVER_NULL = ("id", "source", "places", "kind", "voice", "text", "guessed", "given")


def _dates(values: list[str | None]) -> bool:
    """Whether each of some event dates is none or a date of the calendar, as a record's must be."""
    try:
        for value in values:
            check_partial_date(value)
    except ValueError:
        return False
    return True


_STAT_FIELDS = ("st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")
_CTIME = _STAT_FIELDS.index("st_ctime_ns")


def file_stats(*stats: os.stat_result) -> tuple[int, ...]:
    """What the snapshot keeps of some files' stats: each one's inode, size, and times of change, in nanoseconds."""
    return tuple(getattr(stat, name) for stat in stats for name in _STAT_FIELDS)


@dataclass(frozen=True)
class Digested:
    """A source file as the reader read it: the digests of its two files' bytes, its source and how many excerpts.

    `stats` are its two files' (file_stats), taken before their bytes were read; none if not known.
    """

    meta: bytes
    article: bytes
    source: Source
    excerpts: int
    stats: tuple[int, ...] = ()


def source_keys(sources: Mapping[str, Digested]) -> dict[str, str]:
    """Each source with excerpts keyed by the digests of its two files' bytes and the records' schema."""
    # The word index keeps a source's rows under it: the same bytes read under the same schema
    # are the same excerpts, as the snapshot itself relies on.
    return {d.source.id: d.meta.hex() + d.article.hex() + schema() for d in sources.values() if d.excerpts}


def write_snapshot(
    data_dir: Path, places: bytes, sources: Mapping[str, Digested], table: ExcerptTable, read_at: int
) -> bool:
    """Write the snapshot of a faultless load, whole or not at all; False where the folder cannot take it.

    `table` holds every excerpt of `sources`, in their order; `read_at` is when the load that read them began.
    """
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
                _written(staged, places, sources, table, read_at)
                staged.close()
                os.replace(staged.name, folder / SNAPSHOT_FILE.name)
                for former in _FORMER:
                    (folder / former).unlink(missing_ok=True)
            except BaseException:
                Path(staged.name).unlink(missing_ok=True)
                raise
    except OSError as error:  # a read-only folder, a full disk: the load stands without a snapshot
        log.info("no snapshot written in %s: %s", folder, error)
        return False
    return True


def _written(out: IO[bytes], places: bytes, sources: Mapping[str, Digested], table: ExcerptTable, read_at: int) -> None:
    """Write a snapshot: its header, the digest of the rest, the entries' length and entries, and the rows."""
    at = 0
    entries = []
    for name, digested in sources.items():
        source = digested.source.model_dump_json(exclude_unset=True, by_alias=True).encode()
        entries.append(Entry(name, digested.meta, digested.article, source, at, digested.excerpts, digested.stats))
        at += digested.excerpts
    if at != len(table):
        raise ValueError("the table is not the sources' excerpts")
    meta = msgspec.msgpack.encode(_Snapshot(FORMAT, schema(), places, read_at, entries, list(table.given)))
    out.write(MAGIC + bytes(_DIGEST_SIZE))  # the digest's place, filled in once it is known
    out.write(len(meta).to_bytes(_LENGTH_SIZE, "big") + meta)
    out.write(bytes(_rows_at(len(meta)) - _LENGTH_SIZE - len(meta)))
    with pa.ipc.new_file(out, SCHEMA) as rows:
        rows.write_table(table.data)
    out.flush()
    # Read back to be digested rather than digested as written: Arrow writes the rows itself.
    out.seek(len(MAGIC) + _DIGEST_SIZE)
    digest = hashlib.file_digest(out, _hasher).digest()  # type: ignore[arg-type]
    out.seek(len(MAGIC))
    out.write(digest)


def unchanged(known: Known | None, places: bytes, reused: int, read: int) -> bool:
    """Whether a snapshot holds a load's every file and no other, all `read` of them `reused` from it whole."""
    return known is not None and not known.spoiled and places == known.places and reused == read == len(known.sources)


def placed(rows: pa.Table, places: Mapping[str, Any]) -> bool:
    """Whether every place some excerpts' rows name is among these."""
    named = pc.unique(pc.list_flatten(rows.column("places"))).to_pylist()
    return all(map(places.__contains__, named))
