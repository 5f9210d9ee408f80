"""The reader of a data folder: what it holds and every fault in it, collected in one pass."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyarrow as pa
import pyarrow.compute as pc
import yaml
from pydantic import ValidationError

from geo.core.atlas import Atlas
from geo.core.excerpttable import ExcerptTable
from geo.core.provenance import Article
from geo.core.records import SCANNED_CLEAN, Excerpt, Place, Source
from geo.core.settings import MAX_FILE_BYTES, MAX_PLACES_BYTES
from geo.data.articles import ArticleTexts
from geo.data.documents import json_document, loader_for
from geo.data.fields import all_placed_and_verbatim, excerpt_where, excerpts_together, place_fields, places_together
from geo.data.layout import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.data.problems import Problem, validation_problems
from geo.data.quick import quick_places, quick_source
from geo.data.quick.scan import json_context
from geo.data.snapshot import Digested, Entry, Known, file_digest, file_stats, placed


class Reader:
    """Collects what a data folder holds and what is wrong with it, in one pass."""

    def __init__(self, data_dir: Path, *, sources_optional: bool = False, known: Known | None = None):
        self.data_dir = data_dir
        self.sources_optional = sources_optional
        self.problems: list[Problem] = []
        # The folder's snapshot (geo/data/snapshot.py), whose records stand in for a file's if its bytes match.
        self.known = known
        # What a snapshot of this load would hold: the digests of the bytes read, and their records.
        self.places_digest: bytes | None = None
        self.digested: dict[str, Digested] = {}
        self.reused = 0
        # When the read began, before any file's stat was taken: its snapshot trusts a stat older.
        self.began = time.time_ns()
        # Each source file's two stats (file_stats), taken before its bytes are read.
        self._stats: dict[str, tuple[int, ...]] = {}
        # Whether an excerpt's id is given twice and a file's excerpts came from the snapshot.
        self.twice = False
        # Places that are in the file but faulty: reported once, not again by each excerpt.
        self.rejected_places: set[str] = set()

    def _name(self, path: Path) -> str:
        """A file's name as the user gave the folder, so messages point at it."""
        return str(self.data_dir / path.relative_to(self.data_dir))

    def _fault(self, path: Path, where: str, message: str) -> None:
        self.problems.append(Problem(self._name(path), where, message))

    def read(self) -> Atlas | None:
        if not self.data_dir.is_dir():
            self.problems.append(Problem(str(self.data_dir), "", "no such data folder"))
            return None
        places = self._read_places(self.data_dir / PLACES_FILE)
        sources, parts, articles = self._read_sources(self.data_dir / SOURCES_DIR, places)
        table = self._table(parts)
        if table is None:
            # An id of a file taken from the snapshot is given twice: the files are to be read
            # the full way, which names the file that gives it again (load_atlas does).
            self.twice = True
            return None
        # Places that drafts propose come after ours, so a hidden draft's places sort last. A place
        # ours already (a draft accepted) or proposed by an earlier draft keeps its first form.
        places = dict(places or {})
        for place in (p for s in sources.values() for p in s.proposed_places):
            places.setdefault(place.id, place)
        boundaries = self._read_boundaries(self.data_dir / BOUNDARIES_FILE)
        return Atlas(
            sources=sources,
            places=places,
            excerpts=table,
            articles=articles,
            boundaries=boundaries,
        )

    def _read_bytes(self, path: Path, limit: int | None = None) -> bytes | None:
        """A file's bytes, or None with the fault recorded."""
        limit = MAX_FILE_BYTES if limit is None else limit
        try:
            size = path.stat().st_size
            if size > limit:
                self._fault(path, "", f"file is {size:,} bytes; the limit is {limit:,}")
                return None
            return path.read_bytes()
        except FileNotFoundError:
            self._fault(path, "", "file is missing")
        except OSError as error:
            self._fault(path, "", f"cannot be read: {error.strerror}")
        return None

    def _decoded(self, path: Path, data: bytes) -> str | None:
        """A file's bytes as UTF-8 text, or None with the fault recorded."""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self._fault(path, f"byte {error.start}", "not UTF-8 text")
        return None

    def _read_places(self, path: Path) -> dict[str, Place] | None:
        """The places by id; None when the file as a whole is unreadable."""
        data = self._read_bytes(path, MAX_PLACES_BYTES)
        if data is None:
            return None
        self.places_digest = file_digest(data)
        quick = quick_places(data)
        if quick is not None:
            return quick
        text = self._decoded(path, data)
        if text is None:
            return None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self._fault(path, f"line {error.lineno}, column {error.colno}", f"broken JSON: {error.msg}")
            return None
        except (ValueError, RecursionError) as error:  # a 5,000-digit number, nesting too deep
            self._fault(path, "", f"not usable JSON: {error}")
            return None
        if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
            self._fault(path, "", "must be a GeoJSON FeatureCollection")
            return None
        features = document.get("features")
        if not isinstance(features, list):
            self._fault(path, "", "features must be a list")
            return None
        context = json_context(data)
        together = places_together(features, context)
        return together if together is not None else self._places_one_by_one(path, features, context)

    def _places_one_by_one(self, path: Path, features: list[Any], context: dict[str, bool]) -> dict[str, Place]:
        """The places that pass every check, each fault recorded with its feature."""
        places: dict[str, Place] = {}
        for index, feature in enumerate(features):
            place = self._read_place(path, index, feature, context)
            if place is None:
                properties = feature.get("properties") if isinstance(feature, dict) else None
                if isinstance(properties, dict) and isinstance(properties.get("id"), str):
                    self.rejected_places.add(properties["id"])
                continue
            if place.id in places:
                self._fault(path, f"feature {index}", f"duplicate place id {place.id!r}")
                continue
            places[place.id] = place
        return places

    def _read_place(self, path: Path, index: int, feature: Any, context: dict[str, bool]) -> Place | None:
        """One feature's place, or None with its fault recorded."""
        where, fields = place_fields(index, feature)
        if isinstance(fields, str):
            self._fault(path, where, fields)
            return None
        try:
            return Place.model_validate(fields, context=context)
        except ValidationError as error:
            self.problems.extend(validation_problems(self._name(path), where, error))
        return None

    def _table(self, parts: list[list[Excerpt] | pa.Table]) -> ExcerptTable | None:
        """The table of every excerpt read, in order; None if an excerpt taken from the snapshot gives an id twice."""
        known = self.known
        if known is None or not any(isinstance(part, pa.Table) for part in parts):
            return ExcerptTable.of([e for part in parts for e in part])
        if self.reused == len(parts) == len(known.sources) and sum(map(len, parts)) == len(known.rows):
            # The snapshot's every file, unchanged and in order: its rows, as they are.
            return ExcerptTable.from_arrow(known.rows, known.given)
        table = ExcerptTable.joined(_runs(parts, known))
        ids = table.data.column("id")
        return table if pc.count_distinct(ids).as_py() == len(ids) else None

    def _read_sources(
        self, folder: Path, places: dict[str, Place] | None
    ) -> tuple[dict[str, Source], list[list[Excerpt] | pa.Table], ArticleTexts]:
        sources: dict[str, Source] = {}
        excerpts: list[list[Excerpt] | pa.Table] = []
        if not folder.is_dir():
            self._fault(folder, "", "folder of sources is missing")
            return sources, excerpts, ArticleTexts(folder, {})
        excerpt_ids: set[str] = set()
        proposed: dict[str, Place] = {}
        # Sorted by name, as Paths of one folder sort, without Path's own comparison: a second at 20,000 files.
        for meta_path in sorted(folder.glob("*.yaml"), key=lambda path: path.name):
            read = self._read_source(meta_path, places)
            if read is None:
                continue
            source, source_excerpts = read
            if not self._proposals_agree(meta_path, source, proposed):
                continue
            sources[source.id] = source
            if isinstance(source_excerpts, pa.Table):
                # Taken from the snapshot: its ids are checked against the others' in _table.
                excerpts.append(source_excerpts)
            else:
                excerpts.append(self._new_excerpts(meta_path, source_excerpts, excerpt_ids))
        for article_path in sorted(folder.glob("*.txt"), key=lambda path: path.name):
            if not article_path.with_suffix(".yaml").exists():
                self._fault(article_path, "", f"article has no metadata file {article_path.stem}.yaml")
        if not sources and not self.sources_optional and not any(p.file.startswith(str(folder)) for p in self.problems):
            self._fault(folder, "", "holds no sources (<id>.yaml with <id>.txt)")
        # Read again when asked for, not held: the digests say the bytes each must still be.
        return sources, excerpts, ArticleTexts(folder, {s: self.digested[s].article for s in sources})

    def _new_excerpts(self, path: Path, excerpts: list[Excerpt], seen: set[str]) -> list[Excerpt]:
        """The excerpts whose ids no excerpt before had, each other one reported; the ids are added to seen."""
        ids = [excerpt.id for excerpt in excerpts]
        unique = set(ids)
        # Set operations over a file's ids at once, rather than a test per excerpt.
        if len(unique) == len(ids) and seen.isdisjoint(unique):
            seen |= unique
            return excerpts
        kept = []
        for excerpt in excerpts:
            if excerpt.id in seen:
                self._fault(path, f"excerpt {excerpt.id!r}", "duplicate excerpt id")
                continue
            seen.add(excerpt.id)
            kept.append(excerpt)
        return kept

    def _proposals_agree(self, path: Path, source: Source, proposed: dict[str, Place]) -> bool:
        """Whether a draft proposes each of its places as any earlier draft does, if it proposes it too."""
        for place in source.proposed_places:
            if not _same_place(proposed.setdefault(place.id, place), place):
                self._fault(path, f"proposed place {place.id!r}", "another draft proposes a different place of this id")
                return False
        return True

    def _own_places(
        self, path: Path, source: Source | None, places: dict[str, Place] | None
    ) -> dict[str, Place] | None:
        """The places a source's excerpts may name: the folder's, and those the source proposes."""
        if source is None or not source.proposed_places or places is None:
            return places
        clashes = [p.id for p in source.proposed_places if p.id in places and not _same_place(places[p.id], p)]
        for place_id in clashes:
            self._fault(path, f"proposed place {place_id!r}", f"{PLACES_FILE} already has a place of this id")
        return places | {p.id: p for p in source.proposed_places if p.id not in places}

    def _read_source(
        self, path: Path, places: dict[str, Place] | None
    ) -> tuple[Source, list[Excerpt] | pa.Table] | None:
        """A source and its excerpts, as records or the snapshot's rows; each excerpt checked even if the rest fails."""
        settled = self._settled(path, places)
        if settled is not None:
            return settled
        data = self._read_bytes(path)
        if data is None:
            return None
        meta = file_digest(data)
        reused = self._reused(path, meta, places)
        if reused is not None:
            return reused
        quick = self._read_source_quickly(path, meta, data, places)
        if quick is not None:
            return quick
        read = self._read_yaml(path, data)
        if read is None:
            return None
        document, context = read
        raw_excerpts = document.pop("excerpts", None)
        source = self._source_record(path, document)
        places = self._own_places(path, source, places)
        article_path = path.with_suffix(".txt")
        article_bytes = self._read_bytes(article_path)
        article = None if article_bytes is None else self._decoded(article_path, article_bytes)
        if source is not None and article is not None:
            source = self._check_fingerprint(path, source, article)
        if not isinstance(raw_excerpts, list) or not raw_excerpts:
            self._fault(path, "excerpts", "must be a non-empty list")
            return None
        folded = Article(article) if article is not None else None
        excerpts = self._read_excerpts(path, raw_excerpts, folded, places, context)
        if source is None or article_bytes is None or article is None:
            return None
        return self._kept(path, meta, article_bytes, source, excerpts), excerpts

    def _kept(self, path: Path, meta: bytes, article: bytes, source: Source, excerpts: list[Excerpt]) -> Source:
        """The source, noted with its excerpts and the digests of the bytes they were read from."""
        stats = self._stats.get(path.stem, ())
        self.digested[path.stem] = Digested(meta, file_digest(article), source, len(excerpts), stats)
        return source

    def _settled(self, path: Path, places: dict[str, Place] | None) -> tuple[Source, pa.Table] | None:
        """A source from the snapshot, its files unread, if their stats say they are those it was made from."""
        try:
            stats = file_stats(path.stat(), path.with_suffix(".txt").stat())
        except OSError:  # the full way says what is wrong
            return None
        # Kept for the snapshot, taken before the bytes are read if they must be.
        self._stats[path.stem] = stats
        if self.known is None or places is None:
            return None
        entry = self.known.settled(path.stem, stats)
        return None if entry is None else self._from_snapshot(path, entry, places)

    def _reused(self, path: Path, meta: bytes, places: dict[str, Place] | None) -> tuple[Source, pa.Table] | None:
        """A source's records from the snapshot, if its files are those it was made from and its places all stand."""
        if self.known is None or places is None or path.stem not in self.known.sources:
            return None
        try:
            article_bytes = path.with_suffix(".txt").read_bytes()
        except OSError:  # the full way says what is wrong with it
            return None
        entry = self.known.match(path.stem, meta, file_digest(article_bytes))
        return None if entry is None else self._from_snapshot(path, entry, places)

    def _from_snapshot(self, path: Path, entry: Entry, places: dict[str, Place]) -> tuple[Source, pa.Table] | None:
        """A source's records from its snapshot's entry, if its places all stand."""
        assert self.known is not None
        records = self.known.records(entry)
        if records is None:
            return None
        source, excerpts = records
        # Checked against another places file: each excerpt's places must still be there, and a
        # draft's proposals checked against it the full way.
        if self.places_digest != self.known.places and (source.proposed_places or not placed(excerpts, places)):
            return None
        stats = self._stats.get(path.stem, ())
        self.digested[path.stem] = Digested(entry.meta, entry.article, source, len(excerpts), stats)
        self.reused += 1
        return source, excerpts

    def _read_source_quickly(
        self, path: Path, meta: bytes, data: bytes, places: dict[str, Place] | None
    ) -> tuple[Source, list[Excerpt]] | None:
        """A source read the quick way (geo/data/quick) when faultless throughout, else None, recording nothing."""
        if places is None:
            return None
        quick = quick_source(data, path.stem)
        if quick is None:
            return None
        fields, excerpts = quick
        try:
            source = Source(**fields)
            article_bytes = path.with_suffix(".txt").read_bytes()
            article = article_bytes.decode("utf-8")
        except (OSError, ValueError):  # a ValidationError and a UnicodeDecodeError are ValueErrors
            return None
        # A draft's proposed places are checked against the atlas's: the full way does that.
        if source.id != path.stem or source.proposed_places or len(article_bytes) > MAX_FILE_BYTES:
            return None
        if hashlib.sha256(article_bytes).hexdigest() != source.text_sha256:
            return None
        if not all_placed_and_verbatim(excerpts, Article(article), places):
            return None
        return self._kept(path, meta, article_bytes, source, excerpts), excerpts

    def _read_yaml(self, path: Path, data: bytes) -> tuple[dict[Any, Any], dict[str, bool] | None] | None:
        """A YAML file's top-level mapping and the context for its records, or None with the fault recorded."""
        text = self._decoded(path, data)
        if text is None:
            return None
        document = json_document(text, data)
        if document is not None:
            # Only a file free of hidden characters is read the JSON way.
            return document, {SCANNED_CLEAN: True}
        try:
            document = yaml.load(text, Loader=loader_for(text))  # noqa: S506 - SafeLoader subclasses
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            self._fault(path, where, f"broken YAML: {getattr(error, 'problem', None) or error}")
            return None
        except (ValueError, RecursionError) as error:  # a 5,000-digit number, nesting too deep
            self._fault(path, "", f"not usable YAML: {error}")
            return None
        if not isinstance(document, dict):
            self._fault(path, "", "must be a YAML mapping of source fields and excerpts")
            return None
        return document, None

    def _source_record(self, path: Path, document: dict[Any, Any]) -> Source | None:
        """The source's metadata, validated, with an id that matches its file name."""
        try:
            source = Source(**document)
        except ValidationError as error:
            self.problems.extend(validation_problems(self._name(path), "source", error))
            return None
        except TypeError as error:
            self._fault(path, "source", str(error))
            return None
        if source.id != path.stem:
            self._fault(path, "source, field id", f"id {source.id!r} must match the file name {path.stem!r}")
            return None
        return source

    def _check_fingerprint(self, path: Path, source: Source, article: str) -> Source | None:
        """The source, if its article is the very text its excerpts were checked against."""
        digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
        if digest != source.text_sha256:
            self._fault(
                path,
                "source, field text_sha256",
                f"{path.stem}.txt has changed (its sha256 is {digest}); "
                "check its excerpts again before recording the new fingerprint",
            )
            return None
        return source

    def _read_excerpts(
        self,
        path: Path,
        raws: list[Any],
        article: Article | None,
        places: dict[str, Place] | None,
        context: dict[str, bool] | None,
    ) -> list[Excerpt]:
        """A file's excerpts that pass every check; each is checked, whichever others fail."""
        together = excerpts_together(path.stem, raws, context)
        if together is None:
            # Some excerpt is faulty: one at a time, each fault is named with its excerpt.
            read = (self._read_excerpt(path, index, raw, article, places) for index, raw in enumerate(raws))
            return [excerpt for excerpt in read if excerpt is not None]
        if all_placed_and_verbatim(together, article, places):
            return together
        # Some excerpt names a place not in the atlas or is not verbatim: each one in turn.
        return [
            excerpt
            for index, (raw, excerpt) in enumerate(zip(raws, together, strict=True))
            if self._placed_and_verbatim(path, index, raw, excerpt, article, places)
        ]

    def _read_excerpt(
        self,
        path: Path,
        index: int,
        raw: Any,
        article: Article | None,
        places: dict[str, Place] | None,
    ) -> Excerpt | None:
        """One excerpt, checked against the places and, when it could be read, the article."""
        where = excerpt_where(index, raw)
        if not isinstance(raw, dict):
            self._fault(path, where, "must be a mapping of excerpt fields")
            return None
        source_id = path.stem
        if raw.get("source", source_id) != source_id:
            self._fault(path, where, f"source {raw['source']!r} differs from the file's {source_id!r}")
            return None
        try:
            excerpt = Excerpt(**{**raw, "source": source_id})
        except ValidationError as error:
            self.problems.extend(validation_problems(self._name(path), where, error))
            return None
        except TypeError as error:
            self._fault(path, where, str(error))
            return None
        return excerpt if self._placed_and_verbatim(path, index, raw, excerpt, article, places) else None

    def _placed_and_verbatim(
        self,
        path: Path,
        index: int,
        raw: dict[Any, Any],
        excerpt: Excerpt,
        article: Article | None,
        places: dict[str, Place] | None,
    ) -> bool:
        """Whether a valid excerpt's places are known and its text is the article's; faults recorded."""
        # Without a readable places file every id would be "unknown", and a faulty place is
        # already reported where it stands: either fault is reported once, not per excerpt.
        if places is not None and not all(map(places.__contains__, excerpt.places)):
            unknown = [p for p in excerpt.places if p not in places and p not in self.rejected_places]
            if unknown:
                self._fault(path, excerpt_where(index, raw), f"unknown place id(s): {', '.join(unknown)}")
            return False
        if article is not None and not article.holds(excerpt.text):
            self._fault(path, excerpt_where(index, raw), f"text does not occur verbatim in {path.stem}.txt")
            return False
        return True

    def _read_boundaries(self, path: Path) -> gpd.GeoDataFrame | None:
        """The governorate outlines, if the folder has them; they only decorate the map."""
        if not path.exists():
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # GDAL would read all of it, however large
            self._fault(path, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return None
        try:
            frame = gpd.read_file(path)
        except Exception as error:  # GDAL raises several types for a spoiled file
            self._fault(path, "", f"cannot be read as GeoJSON: {error}")
            return None
        polygons = frame.geom_type.isin(["Polygon", "MultiPolygon"]).all()
        if frame.empty or "name" not in frame.columns or not polygons:
            self._fault(path, "", "must hold polygons with a name property")
            return None
        return frame.to_crs("EPSG:4326") if frame.crs else frame.set_crs("EPSG:4326")


# A part of a load's table: a table of records, or rows of the snapshot with the sets of fields they name.
_Run = ExcerptTable | tuple[pa.Table, list[tuple[str, ...]]]


def _runs(parts: list[list[Excerpt] | pa.Table], known: Known) -> list[_Run]:
    """The parts of a load, each run of the snapshot's rows that follow one another taken as one slice of them."""
    # Kept in few chunks, and mapped: a slice for each source would be 20,000 chunks, slow to take rows from.
    runs: list[_Run] = []
    start = end = -1
    for part in parts:
        if isinstance(part, pa.Table) and len(part):
            offset = part.column("id").chunk(0).offset
            if offset != end:
                if end > start:
                    runs.append((known.rows.slice(start, end - start), known.given))
                start = end = offset
            end += len(part)
        elif isinstance(part, list):
            if end > start:
                runs.append((known.rows.slice(start, end - start), known.given))
            start = end = -1
            runs.append(ExcerptTable.of(part))
    if end > start:
        runs.append((known.rows.slice(start, end - start), known.given))
    return runs


def _same_place(first: Place, second: Place) -> bool:
    """Whether two places of one id are one place: the same, or read from the same GeoNames record.

    Drafts made at once, each from the spelling in its own article, propose one town with
    different aliases; and a draft's proposal stays in it once another draft's is accepted.
    """
    return first == second or (first.geonames_id is not None and first.geonames_id == second.geonames_id)
