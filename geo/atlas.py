"""The loaded corpus and the selections a reader makes from it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.model import Excerpt, Place, Source

@dataclass(frozen=True)
class Atlas:
    """Every source, place and excerpt of a data folder, validated."""

    sources: Mapping[str, Source]
    places: Mapping[str, Place]
    excerpts: tuple[Excerpt, ...]
    articles: Mapping[str, str] = field(repr=False)
    boundaries: gpd.GeoDataFrame | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Selection:
    """The places and excerpts a reader has in view, in the atlas's order."""

    atlas: Atlas = field(repr=False)
    places: tuple[Place, ...]
    excerpts: tuple[Excerpt, ...]

    def excerpts_at(self, place_id: str) -> tuple[Excerpt, ...]:
        """The selected excerpts that concern one place."""
        return tuple(e for e in self.excerpts if place_id in e.places)


class UnknownSourceError(ValueError):
    """A selection named a source the atlas does not hold."""


def select(atlas: Atlas, sources: Collection[str] | None = None) -> Selection:
    """The excerpts of the given sources (all when None), and the places they concern."""
    if sources is not None:
        unknown = sorted(set(sources) - set(atlas.sources))
        if unknown:
            raise UnknownSourceError(
                f"unknown source id(s): {', '.join(unknown)}; known: {', '.join(atlas.sources)}"
            )
    chosen = set(atlas.sources) if sources is None else set(sources)
    excerpts = tuple(e for e in atlas.excerpts if e.source in chosen)
    in_view = {place_id for e in excerpts for place_id in e.places}
    places = tuple(p for p in atlas.places.values() if p.id in in_view)
    return Selection(atlas=atlas, places=places, excerpts=excerpts)


def excerpt_frame(selection: Selection) -> pd.DataFrame:
    """One row per selected excerpt, with the names of its places and its source's outlet."""
    atlas = selection.atlas
    rows = [
        {
            "places": ", ".join(atlas.places[p].name for p in e.places),
            "source": atlas.sources[e.source].outlet,
            "kind": e.kind.value,
            "speaker": e.speaker or "",
            "role": e.role or "",
            "voice": e.voice.value,
            "date": e.event_date or "",
            "text": e.text,
            "id": e.id,
        }
        for e in selection.excerpts
    ]
    columns = ["places", "source", "kind", "speaker", "role", "voice", "date", "text", "id"]
    return pd.DataFrame(rows, columns=columns)
