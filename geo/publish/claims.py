"""The places' claims, a file per chunk of places: each place's heading and excerpts' HTML, as the app makes them."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

from geo.core.provenance import Article
from geo.core.records import Excerpt, Place
from geo.core.sides import SIDES
from geo.publish.contents import Contents
from geo.publish.journeys import journeys
from geo.publish.payload import CHUNK
from geo.render.popup import contested_note_html, excerpt_html, place_heading_html


def chunk_name(number: int) -> str:
    """The file name of a chunk of places (4 digits)."""
    return f"{number:04d}.json"


class Claims:
    """Writes the claims chunks of a view."""

    def __init__(self, contents: Contents):
        self.contents = contents

    @cached_property
    def spans(self) -> dict[str, list[int] | None]:
        """Where each excerpt stands in its article, found in one pass of each article."""
        # Excerpts come in their article's order, so each search starts where the last passage
        # was found, as loading's verbatim check searches; a chunk's excerpts, grouped by place,
        # would send each search back to the article's start.
        articles: dict[str, Article] = {}
        found: dict[str, list[int] | None] = {}
        for excerpt in self.contents.excerpts:
            article = articles.get(excerpt.source)
            if article is None:
                article = articles[excerpt.source] = Article(self.contents.article(excerpt.source))
            where = article.find(excerpt.text)
            found[excerpt.id] = None if where is None else list(where)
        return found

    def chunks(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each chunk's number and contents, in order."""
        places = self.contents.places
        for number, first in enumerate(range(0, len(places), CHUNK)):
            yield number, self.chunk(first, places[first : first + CHUNK])

    def chunk(self, first: int, places: tuple[Place, ...]) -> dict[str, Any]:
        """The claims of the places numbered from `first`: the places and every excerpt they hold."""
        listed: dict[str, Any] = {}
        excerpts: dict[str, Any] = {}
        for number, place in enumerate(places, start=first):
            held = self.contents.excerpts_at(place)
            numbers = [self.contents.excerpt_number[e.id] for e in held]
            listed[str(number)] = self.place(place, numbers)
            for excerpt, excerpt_number in zip(held, numbers, strict=True):
                if str(excerpt_number) not in excerpts:
                    excerpts[str(excerpt_number)] = self.excerpt(excerpt)
        return {"places": listed, "excerpts": excerpts}

    def place(self, place: Place, excerpts: list[int]) -> dict[str, Any]:
        """A place's names, heading (with the contested note, as the app's pop-up has it), excerpts and journeys."""
        contested = self.contents.contested(place)
        heading = place_heading_html(place) + (contested_note_html() if contested else "")
        return {
            "id": place.id,
            "name": place.name,
            "heading": heading,
            "contested": int(contested),
            "precision_m": place.precision_m,
            "lat": place.lat,
            "lon": place.lon,
            "excerpts": excerpts,
            # A large map draws the open place's journeys alone, as the app's does.
            "journeys": journeys(self.contents, self.contents.excerpts_at(place)),
        }

    def excerpt(self, excerpt: Excerpt) -> dict[str, Any]:
        """One claim: its HTML, who it speaks for, its source and kind, and where it stands in its article."""
        source = self.contents.selection.atlas.sources[excerpt.source]
        return {
            "html": excerpt_html(excerpt, source),
            "side": SIDES[excerpt.voice].value,
            "voice": excerpt.voice.value,
            "source": self.contents.source_number[excerpt.source],
            "kind": excerpt.kind.value,
            "span": self.spans[excerpt.id],
        }
