"""A draft in brief, as the list of drafts waiting for review shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.ingest.review.excerpts import is_decided


@dataclass(frozen=True)
class DraftSummary:
    """A draft waiting for review: what it is, and what is left to settle in it."""

    id: str
    title: str
    outlet: str
    published: str
    excerpts: int
    undecided: int
    proposed_places: int
    names_not_found: tuple[str, ...]
    ambiguous: int
    digest: str  # of its YAML file as read: pass it as expect to decide against this very version


def summarize(source_id: str, document: Mapping[str, Any], digest: str) -> DraftSummary:
    """A draft's summary from its document."""
    excerpts = [e for e in _listed(document, "excerpts") if isinstance(e, dict)]
    return DraftSummary(
        id=source_id,
        title=str(document.get("title") or ""),
        outlet=str(document.get("outlet") or ""),
        published=str(document.get("published") or ""),
        excerpts=len(excerpts),
        undecided=sum(1 for e in excerpts if not is_decided(e)),
        proposed_places=len(_listed(document, "proposed_places")),
        names_not_found=tuple(_name(n) for n in _listed(document, "names_not_found")),
        ambiguous=len(_listed(document, "ambiguous")),
        digest=digest,
    )


def _name(item: Any) -> str:
    """A name to place as written: a bare name, or the name of a record with its sentence."""
    return str(item.get("name", "")) if isinstance(item, dict) else str(item)


def _listed(document: Mapping[str, Any], key: str) -> list[Any]:
    """A field that should be a list, or an empty one if it is not."""
    value = document.get(key)
    return value if isinstance(value, list) else []
