"""Deciding a draft's excerpts: accepted, with the reviewer's edits, or rejected. The text is never edited."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from pydantic import ValidationError

from geo.core.records import Excerpt, ExcerptKind, Voice, describe_faults
from geo.ingest.review.documents import put
from geo.ingest.review.errors import ReviewError

# The fields a reviewer may correct; the text is the article's, verbatim, and stays so.
EDITABLE = ("speaker", "role", "voice", "kind", "places", "event_date")
# Fields that may be left out, and are, when an edit empties them.
_OPTIONAL = ("speaker", "role", "event_date")
_CHOICES: dict[str, tuple[str, ...]] = {
    "voice": tuple(v.value for v in Voice),
    "kind": tuple(k.value for k in ExcerptKind),
}
_ORDER = tuple(Excerpt.model_fields)


def excerpts_of(document: Mapping[str, Any], source_id: str) -> list[dict[str, Any]]:
    """A source document's excerpts, each a mapping; ReviewError if they are not."""
    excerpts = document.get("excerpts")
    if not isinstance(excerpts, list) or not all(isinstance(e, dict) for e in excerpts):
        raise ReviewError(
            f"{source_id}: its excerpts are not a list of mappings; fix it first (python -m geo validate)"
        )
    return excerpts


def is_decided(excerpt: Mapping[str, Any]) -> bool:
    """Whether a reviewer has settled an excerpt: nothing in it is marked guessed."""
    return not excerpt.get("guessed")


def position(excerpts: list[dict[str, Any]], source_id: str, excerpt_id: str) -> int:
    """Where an excerpt of this id stands in the list; ReviewError if none does."""
    for index, excerpt in enumerate(excerpts):
        if excerpt.get("id") == excerpt_id:
            return index
    raise ReviewError(f"{source_id} has no excerpt {excerpt_id!r}")


def find_excerpt(document: Mapping[str, Any], source_id: str, excerpt_id: str) -> dict[str, Any]:
    """A document's excerpt of this id; ReviewError if it has none."""
    excerpts = excerpts_of(document, source_id)
    return excerpts[position(excerpts, source_id, excerpt_id)]


def edited_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The editable fields whose values differ between two versions of an excerpt."""
    return [field for field in EDITABLE if before.get(field) != after.get(field)]


def without_excerpt(document: dict[str, Any], source_id: str, excerpt_id: str) -> dict[str, Any]:
    """The document with an excerpt rejected; a draft keeps at least one."""
    excerpts = excerpts_of(document, source_id)
    index = position(excerpts, source_id, excerpt_id)
    if len(excerpts) == 1:
        raise ReviewError(f"{excerpt_id} is the last excerpt of {source_id}; reject the draft instead")
    return {**document, "excerpts": excerpts[:index] + excerpts[index + 1 :]}


def with_excerpt_accepted(
    document: dict[str, Any], source_id: str, excerpt_id: str, edits: Mapping[str, Any], known: Set[str]
) -> dict[str, Any]:
    """The document with an excerpt accepted: edits applied, nothing left marked guessed.

    known holds the place ids an edit of places may name: places.geojson's and the draft's proposals.
    """
    excerpts = excerpts_of(document, source_id)
    index = position(excerpts, source_id, excerpt_id)
    excerpt = edited(excerpts[index], edits, known)
    excerpt.pop("guessed", None)
    checked(excerpt, source_id)
    return {**document, "excerpts": [*excerpts[:index], excerpt, *excerpts[index + 1 :]]}


def edited(excerpt: Mapping[str, Any], edits: Mapping[str, Any], known: Set[str]) -> dict[str, Any]:
    """The excerpt with each edit checked and applied, in the field's place."""
    changed = dict(excerpt)
    for field, value in edits.items():
        new = edit_value(field, value, known)
        if new is None:
            changed.pop(field, None)
        else:
            changed = put(changed, field, new, _ORDER)
    return changed


def edit_value(field: str, value: Any, known: Set[str]) -> Any:
    """An edit's value as the file holds it (None to leave the field out); ReviewError if it cannot be."""
    if field == "text":
        raise ReviewError("an excerpt's text is the article's, verbatim, and cannot be edited")
    if field not in EDITABLE:
        raise ReviewError(f"{field!r} cannot be edited; the editable fields are {', '.join(EDITABLE)}")
    if field == "places":
        return _places(value, known)
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in _OPTIONAL:
            return None
        raise ReviewError(f"{field} cannot be left empty")
    if not isinstance(value, str):
        raise ReviewError(f"{field} must be text, not {type(value).__name__}")
    value = value.strip()
    choices = _CHOICES.get(field)
    if choices is not None and value not in choices:
        raise ReviewError(f"{field} {value!r} is not one of {', '.join(choices)}")
    return value


def _places(value: Any, known: Set[str]) -> list[str]:
    """An edit's list of place ids, each one known; ReviewError naming any that is not."""
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ReviewError("places must be a list of place ids")
    places = [v.strip() for v in value]
    if not places:
        raise ReviewError("an excerpt needs at least one place")
    unknown = [p for p in places if p not in known]
    if unknown:
        raise ReviewError(
            f"unknown place id(s) {', '.join(unknown)}: name places in places.geojson or proposed by the draft"
        )
    return places


def checked(excerpt: Mapping[str, Any], source_id: str) -> None:
    """Raise ReviewError, naming the excerpt and the fault, unless it makes a valid record."""
    try:
        Excerpt(**{**excerpt, "source": source_id})
    except ValidationError as error:
        raise ReviewError(f"excerpt {excerpt.get('id')}: {describe_faults(error)}") from None
    except TypeError as error:
        raise ReviewError(f"excerpt {excerpt.get('id')}: {error}") from None
