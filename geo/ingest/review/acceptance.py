"""A draft made a reviewed source: its guesses cleared, its proposed places filed, the review recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from geo.core.records import Place, Source, describe_faults
from geo.ingest.review.errors import ReviewError, UndecidedError
from geo.ingest.review.excerpts import checked, excerpts_of, is_decided
from geo.ingest.review.places import Gazette

# What only a draft holds: gone once it is reviewed, its places filed in places.geojson.
DRAFT_ONLY = ("status", "proposed_places", "ambiguous", "names_not_found")


@dataclass(frozen=True)
class Acceptance:
    """The reviewed source's document, the places it adds to places.geojson, and the proposals filed under ours."""

    document: dict[str, Any]
    added: tuple[Place, ...]
    reused: dict[str, str]  # proposed id -> the id of the place of the same GeoNames id already in places.geojson


def undecided_count(document: Mapping[str, Any], source_id: str) -> int:
    """How many of a draft's excerpts still have guesses to check."""
    return sum(1 for e in excerpts_of(document, source_id) if not is_decided(e))


def accepted(
    document: dict[str, Any], source_id: str, gazette: Gazette, *, by: str, at: str, accept_rest: bool
) -> Acceptance:
    """The draft as a reviewed source; ReviewError, with what stands in the way, if it cannot be one yet."""
    excerpts = excerpts_of(document, source_id)
    undecided = undecided_count(document, source_id)
    if undecided and not accept_rest:
        raise UndecidedError(undecided, len(excerpts), source_id)
    proposals = proposed_places(document, source_id)
    _all_placed(excerpts, gazette, proposals)
    # A proposal no excerpt names any more (its excerpts rejected or corrected) is not filed.
    used = dict.fromkeys(p for e in excerpts for p in e.get("places") or () if p in proposals)
    ids, added = filed_ids([proposals[p] for p in used], gazette)
    reviewed = [_reviewed_excerpt(e, ids) for e in excerpts]
    for excerpt in reviewed:
        checked(excerpt, source_id)
    new = _reviewed_fields(document, reviewed, by=by, at=at)
    _check_source(new, source_id)
    added_ids = {p.id for p in added}
    reused = {old: filed for old, filed in ids.items() if filed not in added_ids}
    return Acceptance(new, tuple(added), reused)


def proposed_places(document: Mapping[str, Any], source_id: str) -> dict[str, Place]:
    """A draft's proposed places by id, each a valid place; ReviewError naming any that is not."""
    proposals: dict[str, Place] = {}
    for raw in document.get("proposed_places") or ():
        try:
            place = Place(**raw)
        except (ValidationError, TypeError) as error:
            fault = describe_faults(error) if isinstance(error, ValidationError) else str(error)
            raise ReviewError(f"{source_id}: a proposed place is not valid ({fault})") from None
        proposals[place.id] = place
    return proposals


def _all_placed(excerpts: list[dict[str, Any]], gazette: Gazette, proposals: Mapping[str, Place]) -> None:
    """Refuse excerpts that name a place neither in places.geojson nor proposed, naming each."""
    unknown = {
        excerpt.get("id"): missing
        for excerpt in excerpts
        if (missing := [p for p in excerpt.get("places") or () if p not in gazette.ids and p not in proposals])
    }
    if unknown:
        listed = "; ".join(f"{excerpt}: {', '.join(places)}" for excerpt, places in unknown.items())
        raise ReviewError(f"excerpts name places neither in places.geojson nor proposed ({listed}); correct them first")


def filed_ids(proposals: list[Place], gazette: Gazette) -> tuple[dict[str, str], list[Place]]:
    """The id each proposal is filed under, and the places to add to places.geojson.

    A place of the same GeoNames id already there stands for the proposal, as it does in ingest's
    gazetteer. A proposal whose id another place has taken since is filed as <id>-<GeoNames id>.
    """
    ids: dict[str, str] = {}
    added: list[Place] = []
    taken = set(gazette.ids)
    for place in proposals:
        same = gazette.by_geonames.get(place.geonames_id) if place.geonames_id is not None else None
        if same is not None:
            ids[place.id] = same
            continue
        new_id = place.id
        if new_id in taken:
            new_id = f"{place.id}-{place.geonames_id}"
            if place.geonames_id is None or new_id in taken:
                raise ReviewError(f"places.geojson already has a place {place.id!r}; rename the proposal first")
        taken.add(new_id)
        ids[place.id] = new_id
        added.append(place.model_copy(update={"id": new_id}))
    return ids, added


def _reviewed_excerpt(excerpt: Mapping[str, Any], ids: Mapping[str, str]) -> dict[str, Any]:
    """An excerpt with nothing marked guessed, its places filed under their places.geojson ids."""
    reviewed = {key: value for key, value in excerpt.items() if key != "guessed"}
    if ids:
        reviewed["places"] = list(dict.fromkeys(ids.get(p, p) for p in excerpt["places"]))
        if "movements" in excerpt:
            reviewed["movements"] = [_moved(m, ids) for m in excerpt["movements"]]
    return reviewed


def _moved(movement: Any, ids: Mapping[str, str]) -> Any:
    """A movement with its ends filed under their places.geojson ids."""
    if not isinstance(movement, dict):
        return movement
    return {key: ids.get(value, value) if key in ("from", "to") else value for key, value in movement.items()}


def _reviewed_fields(
    document: Mapping[str, Any], excerpts: list[dict[str, Any]], *, by: str, at: str
) -> dict[str, Any]:
    """The source's fields in the draft's order, without the draft's own, the review where `status: draft` stood."""
    fields: dict[str, Any] = {}
    for key, value in document.items():
        if key == "status":
            fields |= {"reviewed_by": by, "reviewed_at": at}
        elif key == "excerpts":
            fields["excerpts"] = excerpts
        elif key not in DRAFT_ONLY:
            fields[key] = value
    return fields


def _check_source(document: Mapping[str, Any], source_id: str) -> None:
    """Raise ReviewError unless the reviewed fields make a valid source."""
    try:
        Source(**{k: v for k, v in document.items() if k != "excerpts"})
    except ValidationError as error:
        raise ReviewError(f"{source_id}: {describe_faults(error)}") from None
    except TypeError as error:
        raise ReviewError(f"{source_id}: {error}") from None


def without_filed(document: dict[str, Any], added: tuple[Place, ...]) -> dict[str, Any] | None:
    """Another draft without its proposals of the places now filed, or None if it proposes none of them.

    The folder's reader refuses a draft that proposes a place places.geojson has; the draft's
    excerpts name it by the same id, which now finds the place there.
    """
    filed = {(p.id, p.geonames_id) for p in added}
    proposals = document.get("proposed_places")
    if not isinstance(proposals, list):
        return None
    kept = [p for p in proposals if not (isinstance(p, dict) and (p.get("id"), p.get("geonames_id")) in filed)]
    if len(kept) == len(proposals):
        return None
    if kept:
        return {**document, "proposed_places": kept}
    return {key: value for key, value in document.items() if key != "proposed_places"}
