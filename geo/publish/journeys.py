"""The journeys the excerpts tell, as the page draws them: each origin and destination, and who goes, told where."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geo.core.records import Excerpt
from geo.publish.contents import Contents


def journeys(contents: Contents, excerpts: Iterable[Excerpt]) -> list[dict[str, Any]]:
    """The excerpts' movements, one journey for each origin and destination, in order of mention.

    Grouped as geo.map.journeys groups them; each telling keeps its excerpt's number, so the page
    shows a journey while one of its excerpts is in view and names only the parties those tell of.
    """
    numbers = contents.place_number
    grouped: dict[tuple[str, str | None], list[list[Any]]] = {}
    for excerpt in excerpts:
        for movement in excerpt.movements:
            told = grouped.setdefault((movement.origin, movement.destination), [])
            told.append([contents.excerpt_number[excerpt.id], movement.who])
    # An arrow is drawn only between places on the map, as the app's: a site holds none but those.
    return [
        {"from": numbers[origin], "to": None if destination is None else numbers[destination], "told": told}
        for (origin, destination), told in grouped.items()
        if origin in numbers and (destination is None or destination in numbers)
    ]


def journeys_json(contents: Contents) -> dict[str, Any]:
    """Every journey in the view, for a map that draws them all (below DENSE_FROM places)."""
    return {"journeys": journeys(contents, contents.excerpts)}
