"""Records made straight from fields already in their final form, as validation would make them.

Validating a record costs pydantic most of its time in the models' validators, which it calls
back into Python for: seconds for the excerpts of a large atlas (the README's figures). Nearly
every record of a file written by a tool is already exactly what validation would make of it,
so it is checked here with plain comparisons and made directly, for less. Anything short of
that (a field to coerce, to strip, a movement to check, a fault) returns None, and pydantic
decides, with its own messages. A test holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar, get_args

from pydantic import BaseModel

from geo.core.made import fields_given, made
from geo.core.records import (
    ARABIC_LETTER,
    SCANNED_CLEAN,
    SLUG,
    Excerpt,
    ExcerptKind,
    Place,
    PlaceKind,
    Voice,
    check_partial_date,
)

E = TypeVar("E")

_SLUG = re.compile(SLUG)
_EXCERPT_FIELDS = frozenset(Excerpt.model_fields)
_PLACE_FIELDS = frozenset(Place.model_fields)
_EXCERPT_KINDS = {kind.value: kind for kind in ExcerptKind}
_VOICES = {voice.value: voice for voice in Voice}
_PLACE_KINDS = {kind.value: kind for kind in PlaceKind}
# The names a guessed field may take, read off the model: tuple[Literal[...], ...].
_GUESSABLE = frozenset(get_args(get_args(Excerpt.model_fields["guessed"].annotation)[0]))


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Every field of a model in its order, with its default, or None (which no check passes) if it has none."""
    return {name: None if field.is_required() else field.default for name, field in model.model_fields.items()}


_EXCERPT_DEFAULTS = _defaults(Excerpt)
_PLACE_DEFAULTS = _defaults(Place)


def quick_excerpt(raw: Mapping[str, Any], context: Mapping[str, bool] | None) -> Excerpt | None:
    """The Excerpt validation would make of these fields, made directly; None to leave it to validation."""
    if not _scanned_clean(context) or not _EXCERPT_FIELDS.issuperset(raw):
        return None
    # Every field, in the model's order, its default where the raw record leaves it out.
    values = {**_EXCERPT_DEFAULTS, **raw}
    kind = _member(_EXCERPT_KINDS, values["kind"])
    voice = _member(_VOICES, values["voice"])
    places = _texts(values["places"])
    guessed = _texts(values["guessed"])
    # A movement's ends are checked against the places: validation does that.
    if kind is None or voice is None or places is None or guessed is None or _texts(values["movements"]) != ():
        return None
    values["places"], values["kind"], values["voice"] = places, kind, voice
    values["movements"], values["guessed"] = (), guessed
    return final_excerpt(values, tuple(raw))


def final_excerpt(values: dict[str, Any], given: tuple[str, ...]) -> Excerpt | None:
    """The Excerpt of fields in their types and the model's order, if validation would keep them; else None."""
    # The values' types are known (the enumerations' members, tuples of text, no movement):
    # what is left is what validation would change or refuse in such values.
    places = values["places"]
    speaker = values["speaker"]
    if (
        not places
        or (len(places) > 1 and len(set(places)) != len(places))
        or not _stripped(places)
        or not _GUESSABLE.issuperset(values["guessed"])
        or not _slug(values["id"])
        or not _slug(values["source"])
        or not _text(values["text"])
        or not _optional_text(speaker)
        or not _optional_text(values["role"])
        or not _date(values["event_date"])
        # A quotation needs someone to attribute it to: validation says so.
        or (values["kind"] is not ExcerptKind.REPORT and not speaker)
    ):
        return None
    return made(Excerpt, values, fields_given(given))


def quick_place(fields: Mapping[str, Any], context: Mapping[str, bool] | None) -> Place | None:
    """The Place validation would make of these fields, made directly; None to leave it to validation."""
    if not _scanned_clean(context) or not _PLACE_FIELDS.issuperset(fields):
        return None
    values = {**_PLACE_DEFAULTS, **fields}
    kind = _member(_PLACE_KINDS, values["kind"])
    aliases = _texts(values["aliases"])
    if kind is None or aliases is None:
        return None
    values["kind"], values["aliases"] = kind, aliases
    return final_place(values, tuple(fields))


def final_place(values: dict[str, Any], given: tuple[str, ...]) -> Place | None:
    """The Place of fields in the model's order (kind a member, aliases a tuple) if validation keeps them, else None."""
    lat, lon, precision, geonames_id = values["lat"], values["lon"], values["precision_m"], values["geonames_id"]
    if (
        not _stripped(values["aliases"])
        or not (type(lat) is float and -90 <= lat <= 90)
        or not (type(lon) is float and -180 <= lon <= 180)
        or not (type(precision) is int and precision > 0)
        or not (geonames_id is None or (type(geonames_id) is int and geonames_id > 0))
        or not _slug(values["id"])
        or not _text(values["name"])
        or not _arabic(values["name_ar"])
        or not _text(values["admin1"])
        or not _text(values["coord_source"])
    ):
        return None
    return made(Place, values, fields_given(given))


def _scanned_clean(context: Mapping[str, bool] | None) -> bool:
    """Whether the fields come from a file found free of hidden characters, whose records need no scan."""
    # As the records' own validator reads it (Record._checked): a dict that says so.
    return isinstance(context, dict) and context.get(SCANNED_CLEAN) is True


def _text(value: Any) -> bool:
    """Whether a value is non-empty text that stripping would leave as it is."""
    return type(value) is str and value != "" and value.strip() == value


def _optional_text(value: Any) -> bool:
    """Whether a value is None, or text that stripping would leave as it is."""
    # Python strips every character pydantic does, and a few more: equal here, equal there.
    return value is None or (type(value) is str and value.strip() == value)


def _arabic(value: Any) -> bool:
    """Whether a value is text as _text says, with a letter of the Arabic script in it."""
    return _text(value) and ARABIC_LETTER.search(value) is not None


def _slug(value: Any) -> bool:
    """Whether a value is an id as the records write them."""
    return type(value) is str and _SLUG.fullmatch(value) is not None


def _date(value: Any) -> bool:
    """Whether a value is None or a date at the precision the records allow."""
    if value is None:
        return True
    if type(value) is not str:
        return False
    try:
        check_partial_date(value)
    except ValueError:
        return False
    return True


def _member(members: Mapping[str, E], value: Any) -> E | None:
    """The member of an enumeration whose value this is exactly, else None."""
    return members.get(value) if type(value) is str else None


def _texts(value: Any) -> tuple[str, ...] | None:
    """A list or tuple of texts as a tuple; None for anything else."""
    if type(value) is not list and type(value) is not tuple:
        return None
    for item in value:
        if type(item) is not str:
            return None
    return tuple(value)


def _stripped(texts: tuple[str, ...]) -> bool:
    """Whether stripping would leave each of the texts as it is."""
    for text in texts:
        if text.strip() != text:
            return False
    return True
