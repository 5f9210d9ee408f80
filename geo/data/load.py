"""Reading a data folder into a validated Atlas; the only module that touches data/ on disk."""

from __future__ import annotations

import gc
import hashlib
import json
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import yaml
from pydantic import ValidationError

from geo.core.atlas import Atlas
from geo.core.provenance import Article
from geo.core.records import SCANNED_CLEAN, Excerpt, Place, Source
from geo.core.settings import MAX_FILE_BYTES, MAX_PLACES_BYTES
from geo.data.layout import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.data.problems import DataError, Problem, validation_problems
from geo.data.quick import quick_excerpt, quick_place, quick_places, quick_source
from geo.data.quick.scan import READ_OTHERWISE, json_context, json_may_hide


def load_atlas(data_dir: Path, *, sources_optional: bool = False) -> Atlas:
    """Read and validate a data folder; raise DataError naming every fault found.

    A folder with no sources is a fault for the map, but not for ingest, which writes the first.
    """
    reader = _Reader(data_dir, sources_optional=sources_optional)
    with _collector_paused():
        atlas = reader.read()
    if reader.problems:
        raise DataError(reader.problems)
    assert atlas is not None
    return atlas


def load_resident_atlas(data_dir: Path) -> Atlas:
    """Load an atlas to keep for the life of the process, kept out of the garbage collector's walks."""
    # What an earlier freeze kept from the collector (an atlas since replaced, and whatever
    # was alive beside it) is handed back to it first, once per load of the folder.
    gc.unfreeze()
    gc.collect()
    with _collector_paused():
        atlas = load_atlas(data_dir)
        # Frozen before the collector is back on: its first pass would otherwise walk every
        # object the load made (half a second at a hundred thousand places), and the passes
        # after it walk them again. The atlas holds no cycles, so nothing is lost by it.
        gc.freeze()
    return atlas


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off for a while, if it was on."""
    # A load makes millions of objects and no cycles of garbage, and the collector walked
    # all of them again each time their number grew: some 40% of a large load's time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_data(data_dir: Path) -> list[Problem]:
    """Every fault in a data folder; an empty list when it loads cleanly."""
    try:
        load_atlas(data_dir)
    except DataError as error:
        return error.problems
    return []


class _DataLoader(yaml.SafeLoader):
    """Safe YAML in which dates stay the text they were written as and no key is given twice."""


class _FastDataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, parsed by libyaml where it is built in: the pure-Python parser takes seconds on a large corpus."""


# libyaml recurses in C and crashes the process on nesting some 30,000 deep ("[[[[...",
# "- - - ..."), where the Python parser raises RecursionError. Nesting that deep needs a
# very long line or a great many brackets, so a text with neither is safe to give it.
_LONGEST_SAFE_LINE = 9_999
_MOST_BRACKETS = 10_000


def _loader_for(text: str) -> type[yaml.SafeLoader]:
    """libyaml's loader when the text cannot nest deep enough to crash it, else the Python one."""
    brackets = text.count("[") + text.count("{")
    # Splitting on newlines measures every line far faster than a regex for a long one.
    if brackets < _MOST_BRACKETS and max(map(len, text.split("\n"))) <= _LONGEST_SAFE_LINE:
        return _FastDataLoader
    return _DataLoader


# Unquoted 2020-01-19 would otherwise become a date object, and 2019-02-30 a ValueError.
_DataLoader.yaml_implicit_resolvers = _FastDataLoader.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _unique_mapping(loader: _DataLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping whose keys are all different: a second `speaker:` must not win silently."""
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str) and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is given twice", key_node.start_mark)
        seen.add(key if isinstance(key, str) else id(key_node))
    return loader.construct_mapping(node)


_DataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
_FastDataLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


class _LeaveToYaml(Exception):
    """JSON that YAML would read differently, or refuse in words of its own: read it as YAML."""


# A source file in JSON form is read by the json module, some fifty times faster than libyaml.
# Only JSON that YAML reads as the same document is read so: anything else, including every
# fault (broken JSON, a key given twice, a 5,000-digit number, nesting too deep), goes the YAML
# way, so it is reported in the very words it always was.
_JSON_START = re.compile(r"\s*\{")
# YAML 1.1 reads a number as a float only with a point, and an exponent only with its sign:
# to YAML 1e5 and 1.0e5 are text.
_YAML_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+(?:[eE][-+][0-9]+)?")


def _json_document(text: str, data: bytes) -> dict[str, Any] | None:
    """The mapping a JSON text (and its bytes) holds, when YAML would read the same; None to read it as YAML."""
    if not _JSON_START.match(text) or json_may_hide(data) or READ_OTHERWISE.search(data):
        return None
    try:
        document = json.loads(
            text, object_pairs_hook=_distinct_keys, parse_float=_yaml_float, parse_constant=_yaml_constant
        )
    except (ValueError, RecursionError, _LeaveToYaml):  # a JSONDecodeError is a ValueError
        return None
    return document if isinstance(document, dict) else None


def _distinct_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, unless a key is given twice: YAML then says where."""
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _LeaveToYaml
    return mapping


def _yaml_float(literal: str) -> float:
    """A JSON number with a point or an exponent, if YAML too reads it as a float."""
    if not _YAML_FLOAT.fullmatch(literal):
        raise _LeaveToYaml
    return float(literal)


def _yaml_constant(literal: str) -> Any:
    """NaN or Infinity, which JSON does not allow and YAML reads as text."""
    raise _LeaveToYaml


def _excerpt_where(index: int, raw: Any) -> str:
    """How a fault names an excerpt: by its id when it has one, else by its place in the list."""
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"excerpt {raw['id']!r}"
    return f"excerpt {index}"


def _validated_together(source_id: str, raws: list[Any], context: dict[str, bool] | None) -> list[Excerpt] | None:
    """Every excerpt of a file, validated, or None if any is faulty."""
    made = []
    for raw in raws:
        # An excerpt's source is its file's, written or not.
        if not isinstance(raw, dict) or raw.setdefault("source", source_id) != source_id:
            return None
        made.append(quick_excerpt(raw, context))
    try:
        return [
            excerpt or Excerpt.model_validate(raw, context=context) for excerpt, raw in zip(made, raws, strict=True)
        ]
    except ValidationError:
        return None


def _places_together(features: list[Any], context: dict[str, bool]) -> dict[str, Place] | None:
    """Every feature's place, validated, by id, or None if any is faulty."""
    made = []
    try:
        for index, feature in enumerate(features):
            fields = _place_fields(index, feature)[1]
            if isinstance(fields, str):
                return None
            made.append(quick_place(fields, context) or Place.model_validate(fields, context=context))
    except ValidationError:
        return None
    places = {place.id: place for place in made}
    return places if len(places) == len(made) else None


def _place_fields(index: int, feature: Any) -> tuple[str, dict[str, Any] | str]:
    """How faults name a feature, and either its place's fields or what is wrong with it."""
    where = f"feature {index}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return where, "must be a GeoJSON Feature"
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        return where, "properties must be an object"
    if isinstance(properties.get("id"), str):
        where = f"feature {index} {properties['id']!r}"
    if "lat" in properties or "lon" in properties:
        return where, "properties must not hold lat or lon: the point is the geometry"
    point = _point(feature.get("geometry"))
    if isinstance(point, str):
        return where, point
    if "id" in feature and feature["id"] != properties.get("id"):
        return where, "the feature id and properties.id differ"
    lon, lat = point
    return where, {**properties, "lon": lon, "lat": lat}


def _point(geometry: Any) -> tuple[float, float] | str:
    """The (lon, lat) of a GeoJSON Point, or what is wrong with it."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return "geometry must be a GeoJSON Point"
    coordinates = geometry.get("coordinates")
    if (
        not isinstance(coordinates, list)
        or len(coordinates) != 2
        or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
    ):
        return "coordinates must be [longitude, latitude]"
    try:
        lon, lat = float(coordinates[0]), float(coordinates[1])
    except OverflowError:
        return "a coordinate is too large to be a number of degrees"
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        return f"longitude {coordinates[0]} is outside -180..180"
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        return f"latitude {coordinates[1]} is outside -90..90"
    return lon, lat


def _all_placed_and_verbatim(excerpts: list[Excerpt], article: Article | None, places: dict[str, Place] | None) -> bool:
    """Whether every excerpt names only known places and stands verbatim in the article, checked at once."""
    # One set of a file's place ids, and one pass over its texts, instead of a call per excerpt.
    if places is not None and not places.keys() >= {p for excerpt in excerpts for p in excerpt.places}:
        return False
    return article is None or all(map(article.holds, [excerpt.text for excerpt in excerpts]))


class _Reader:
    """Collects what a data folder holds and what is wrong with it, in one pass."""

    def __init__(self, data_dir: Path, *, sources_optional: bool = False):
        self.data_dir = data_dir
        self.sources_optional = sources_optional
        self.problems: list[Problem] = []
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
        sources, excerpts, articles = self._read_sources(self.data_dir / SOURCES_DIR, places)
        # Places that drafts propose come after ours, so a hidden draft's places sort last.
        places = (places or {}) | {p.id: p for s in sources.values() for p in s.proposed_places}
        boundaries = self._read_boundaries(self.data_dir / BOUNDARIES_FILE)
        return Atlas(
            sources=sources,
            places=places,
            excerpts=tuple(excerpts),
            articles=articles,
            boundaries=boundaries,
        )

    def _read_text(self, path: Path) -> str | None:
        """A UTF-8 text file's contents, or None with the fault recorded."""
        data = self._read_bytes(path)
        return None if data is None else self._decoded(path, data)

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
        together = _places_together(features, context)
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
        where, fields = _place_fields(index, feature)
        if isinstance(fields, str):
            self._fault(path, where, fields)
            return None
        try:
            return Place.model_validate(fields, context=context)
        except ValidationError as error:
            self.problems.extend(validation_problems(self._name(path), where, error))
        return None

    def _read_sources(
        self, folder: Path, places: dict[str, Place] | None
    ) -> tuple[dict[str, Source], list[Excerpt], dict[str, str]]:
        sources: dict[str, Source] = {}
        excerpts: list[Excerpt] = []
        articles: dict[str, str] = {}
        if not folder.is_dir():
            self._fault(folder, "", "folder of sources is missing")
            return sources, excerpts, articles
        excerpt_ids: set[str] = set()
        proposed: dict[str, Place] = {}
        for meta_path in sorted(folder.glob("*.yaml")):
            read = self._read_source(meta_path, places)
            if read is None:
                continue
            source, source_excerpts, article = read
            if not self._proposals_agree(meta_path, source, proposed):
                continue
            sources[source.id] = source
            articles[source.id] = article
            excerpts += self._new_excerpts(meta_path, source_excerpts, excerpt_ids)
        for article_path in sorted(folder.glob("*.txt")):
            if not article_path.with_suffix(".yaml").exists():
                self._fault(article_path, "", f"article has no metadata file {article_path.stem}.yaml")
        if not sources and not self.sources_optional and not any(p.file.startswith(str(folder)) for p in self.problems):
            self._fault(folder, "", "holds no sources (<id>.yaml with <id>.txt)")
        return sources, excerpts, articles

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
            if proposed.setdefault(place.id, place) != place:
                self._fault(path, f"proposed place {place.id!r}", "another draft proposes a different place of this id")
                return False
        return True

    def _own_places(
        self, path: Path, source: Source | None, places: dict[str, Place] | None
    ) -> dict[str, Place] | None:
        """The places a source's excerpts may name: the folder's, and those the source proposes."""
        if source is None or not source.proposed_places or places is None:
            return places
        clashes = [p.id for p in source.proposed_places if p.id in places]
        for place_id in clashes:
            self._fault(path, f"proposed place {place_id!r}", f"{PLACES_FILE} already has a place of this id")
        return places | {p.id: p for p in source.proposed_places if p.id not in places}

    def _read_source(self, path: Path, places: dict[str, Place] | None) -> tuple[Source, list[Excerpt], str] | None:
        """A source, its excerpts and its article; every excerpt is checked even if the rest fails."""
        data = self._read_bytes(path)
        if data is None:
            return None
        quick = self._read_source_quickly(path, data, places)
        if quick is not None:
            return quick
        read = self._read_yaml(path, data)
        if read is None:
            return None
        document, context = read
        raw_excerpts = document.pop("excerpts", None)
        source = self._source_record(path, document)
        places = self._own_places(path, source, places)
        article = self._read_text(path.with_suffix(".txt"))
        if source is not None and article is not None:
            source = self._check_fingerprint(path, source, article)
        if not isinstance(raw_excerpts, list) or not raw_excerpts:
            self._fault(path, "excerpts", "must be a non-empty list")
            return None
        folded = Article(article) if article is not None else None
        excerpts = self._read_excerpts(path, raw_excerpts, folded, places, context)
        if source is None or article is None:
            return None
        return source, excerpts, article

    def _read_source_quickly(
        self, path: Path, data: bytes, places: dict[str, Place] | None
    ) -> tuple[Source, list[Excerpt], str] | None:
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
        return (source, excerpts, article) if _all_placed_and_verbatim(excerpts, Article(article), places) else None

    def _read_yaml(self, path: Path, data: bytes) -> tuple[dict[Any, Any], dict[str, bool] | None] | None:
        """A YAML file's top-level mapping and the context for its records, or None with the fault recorded."""
        text = self._decoded(path, data)
        if text is None:
            return None
        document = _json_document(text, data)
        if document is not None:
            # Only a file free of hidden characters is read the JSON way.
            return document, {SCANNED_CLEAN: True}
        try:
            document = yaml.load(text, Loader=_loader_for(text))  # noqa: S506 - SafeLoader subclasses
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
        together = _validated_together(path.stem, raws, context)
        if together is None:
            # Some excerpt is faulty: one at a time, each fault is named with its excerpt.
            read = (self._read_excerpt(path, index, raw, article, places) for index, raw in enumerate(raws))
            return [excerpt for excerpt in read if excerpt is not None]
        if _all_placed_and_verbatim(together, article, places):
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
        where = _excerpt_where(index, raw)
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
                self._fault(path, _excerpt_where(index, raw), f"unknown place id(s): {', '.join(unknown)}")
            return False
        if article is not None and not article.holds(excerpt.text):
            self._fault(path, _excerpt_where(index, raw), f"text does not occur verbatim in {path.stem}.txt")
            return False
        return True

    def _read_boundaries(self, path: Path) -> gpd.GeoDataFrame | None:
        """The governorate outlines, if the folder has them; they only decorate the map."""
        if not path.exists():
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
