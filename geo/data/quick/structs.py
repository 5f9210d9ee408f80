"""Whole JSON files in their final form, read straight into records by a typed decoder.

A large atlas is a few hundred megabytes of JSON written by a tool. Parsed into dicts and each
dict then checked in Python, it took most of a large load. msgspec parses it into typed
structures instead, in C, refusing any field of a type the model would refuse or convert; what
types cannot say (a slug, text to strip, a date) geo/data/quick/records.py checks. Anything short
of a file whose every record is final (a key given twice, a number YAML reads otherwise, a fault)
returns None, and the folder's reader (geo/data/reader.py) reads the file again the full way, with
its own messages. A test holds the two ways to the same atlas.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from operator import is_
from typing import Any

import msgspec
from msgspec import UNSET, UnsetType
from msgspec.structs import asdict, astuple
from pydantic import BaseModel, ValidationError

from geo.core.records import SCANNED_CLEAN, Excerpt, Movement, Place, Source
from geo.data.quick.records import final_excerpt, final_place
from geo.data.quick.scan import READ_OTHERWISE, json_may_hide

_CLEAN = {SCANNED_CLEAN: True}
# A key's closing quote and its colon. Counted in the bytes, every key is found, and text that
# looks like one ('\":' in a quotation) only adds: fewer keys parsed than counted means a key
# given twice (which a parser keeps the last of, where YAML refuses the file) or such text.
_KEY_END = b'":'
# ... unless white space stands between a key and its colon; such a file goes the full way.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')


def _struct(model: type[BaseModel], name: str, *, skip: frozenset[str] = frozenset(), **types: Any) -> Any:
    """A msgspec structure of a model's fields (or of the types given, optional), UNSET where not given."""
    # UNSET rather than the default, so that the fields given are known, as pydantic records them.
    fields: list[tuple[Any, ...]] = []
    for field_name, field in model.model_fields.items():
        if field_name in skip:
            continue
        annotation = types.get(field_name, field.annotation)
        required = field.is_required() and field_name not in types
        fields.append((field_name, annotation) if required else (field_name, annotation | UnsetType, UNSET))
    renames = {n: f.alias for n, f in model.model_fields.items() if f.alias and n not in skip}
    return msgspec.defstruct(name, fields, kw_only=True, forbid_unknown_fields=True, rename=renames)


def _many(item: Any) -> Any:
    """The type of a JSON array of such items, read as a tuple (the models' own type for a list)."""
    return tuple.__class_getitem__((item, ...))


_Movement = _struct(Movement, "Movement")
# An excerpt's source is its file's, written or not.
_Excerpt = _struct(Excerpt, "Excerpt", source=str, movements=_many(_Movement))
# The source's own fields are left to pydantic, one record a file; only its excerpts are typed.
_Source = msgspec.defstruct(
    "Source",
    [(name, Any, UNSET) for name in Source.model_fields] + [("excerpts", _many(_Excerpt))],
    kw_only=True,
    forbid_unknown_fields=True,
)
_Properties = _struct(Place, "Properties", skip=frozenset({"lat", "lon"}))
_Point = msgspec.defstruct("Point", [("type", Any), ("coordinates", tuple[float, float])], forbid_unknown_fields=True)
_Feature = msgspec.defstruct(
    "Feature",
    [("type", Any), ("geometry", _Point), ("properties", _Properties), ("id", str | UnsetType, UNSET)],
    forbid_unknown_fields=True,
)
_Collection = msgspec.defstruct(
    "Collection", [("type", Any), ("features", _many(_Feature))], forbid_unknown_fields=True
)
_SOURCES = msgspec.json.Decoder(_Source)
_PLACES = msgspec.json.Decoder(_Collection)
_MOVEMENT_KEYS = _Movement.__struct_encode_fields__
_PLACE_FIELDS = tuple(Place.model_fields)


def quick_source(data: bytes, source_id: str) -> tuple[dict[str, Any], list[Excerpt]] | None:
    """A source file's own fields and its excerpts, every one final; None to read the file the full way."""
    # Without the characters' lead byte (found many times quicker than the pattern), no need to look.
    if (b"\xef" in data and READ_OTHERWISE.search(data)) or not _plain_json(data):
        return None
    document = _decoded(_SOURCES, data)
    if document is None or not document.excerpts:
        return None
    fields = {name: value for name in Source.model_fields if (value := getattr(document, name)) is not UNSET}
    try:
        nested = _nested_keys(fields)
    except RecursionError:  # nested deeper than this walk can go, which msgspec parses
        return None
    if nested is None:
        return None
    excerpts = []
    keys = nested + 1  # the source's own keys, those nested in them, and "excerpts"
    for struct in document.excerpts:
        excerpt, written = _excerpt(struct, source_id)
        if excerpt is None:
            return None
        excerpts.append(excerpt)
        keys += written
    return (fields, excerpts) if keys == data.count(_KEY_END) else None


def quick_places(data: bytes) -> dict[str, Place] | None:
    """A places file's places by id, every one final; None to read the file the full way."""
    if not _plain_json(data):
        return None
    collection = _decoded(_PLACES, data)
    if collection is None or collection.type != "FeatureCollection":
        return None
    places = {}
    keys = 2
    for feature in collection.features:
        place, written = _place(feature)
        if place is None:
            return None
        places[place.id] = place
        keys += written
    if len(places) != len(collection.features) or keys != data.count(_KEY_END):
        return None
    return places


def _plain_json(data: bytes) -> bool:
    """Whether records parsed from the bytes need no scan for hidden characters, and each key can be counted."""
    return not json_may_hide(data) and not _SPACED_KEY.search(data)


def _decoded(decoder: msgspec.json.Decoder[Any], data: bytes) -> Any:
    """The bytes decoded into typed structures, or None for anything the types do not fit."""
    try:
        return decoder.decode(data)
    except (msgspec.MsgspecError, ValueError, RecursionError):  # not UTF-8, too deep
        return None


def _nested_keys(value: Any) -> int | None:
    """How many keys a value's mappings hold, its own and those nested in it; None if a number in it is a float."""
    # YAML reads some numbers JSON calls floats as text (1e5): pydantic is left to say what a
    # float in a source's fields is worth, the full way.
    if isinstance(value, dict):
        counts = [_nested_keys(item) for item in value.values()]
        return None if None in counts else len(value) + sum(counts)  # type: ignore[arg-type]
    if isinstance(value, list):
        counts = [_nested_keys(item) for item in value]
        return None if None in counts else sum(counts)  # type: ignore[arg-type]
    return None if isinstance(value, float) else 0


def _excerpt(struct: Any, source_id: str) -> tuple[Excerpt | None, int]:
    """An excerpt's record, and how many keys it was written with."""
    # The structure's fields are the model's, in its order.
    values = asdict(struct)
    given, defaults = _layout(Excerpt, tuple(map(is_, values.values(), repeat(UNSET))))
    values.update(defaults)
    written = len(values) - len(defaults)
    if values["source"] is UNSET:
        values["source"] = source_id
        written -= 1
    elif values["source"] != source_id:
        return None, written
    if not values["movements"]:
        return final_excerpt(values, given) or _validated(Excerpt, values, given), written
    # A movement's ends are checked against the excerpt's places: validation does that.
    movements = [
        {key: value for key, value in zip(_MOVEMENT_KEYS, astuple(movement), strict=True) if value is not UNSET}
        for movement in values["movements"]
    ]
    written += sum(map(len, movements))
    return _validated(Excerpt, {**values, "movements": movements}, given), written


def _place(feature: Any) -> tuple[Place | None, int]:
    """A feature's place, and how many keys the feature was written with."""
    properties, geometry = feature.properties, feature.geometry
    # The feature's type, geometry and properties, and its id if given; the geometry's type and coordinates.
    keys = 3 + (feature.id is not UNSET) + 2
    if feature.type != "Feature" or geometry.type != "Point":
        return None, keys
    lon, lat = geometry.coordinates
    written = {**asdict(properties), "lat": lat, "lon": lon}
    # In the model's order, as validation would make it.
    values = {name: written[name] for name in _PLACE_FIELDS}
    given, defaults = _layout(Place, tuple(map(is_, values.values(), repeat(UNSET))))
    values.update(defaults)
    keys += len(values) - 2 - len(defaults)
    if feature.id is not UNSET and feature.id != values["id"]:
        return None, keys
    return final_place(values, given) or _validated(Place, values, given), keys


@lru_cache(maxsize=256)
def _layout(model: type[BaseModel], unset: tuple[bool, ...]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The fields pydantic counts given, and the defaults of the rest, for records written with the same fields.

    `unset` marks, in the model's order, the fields left out.
    """
    # A required field left out is one the reader sets itself (an excerpt's source, which the
    # full reader too sets before validating), so pydantic counts it given.
    fields = model.model_fields
    given = tuple(name for name, left in zip(fields, unset, strict=True) if not left or fields[name].is_required())
    defaults = {
        name: fields[name].default
        for name, left in zip(fields, unset, strict=True)
        if left and not fields[name].is_required()
    }
    return given, defaults


def _validated(model: type[BaseModel], values: dict[str, Any], given: Any) -> Any:
    """The record pydantic makes of the given fields, or None if it refuses them."""
    try:
        return model.model_validate({name: values[name] for name in given}, context=_CLEAN)
    except ValidationError:
        return None
