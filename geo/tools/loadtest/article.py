"""An editor's article: passages that each name one of the folder's places, the first carrying a marker."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.core.records import Place
from geo.ingest.draft import Draft, IngestError, Metadata, draft
from geo.ingest.gazetteer import Gazetteer

OUTLET = "Load Test Wire"
# Each names one place and nothing the gazetteer could take for another; {place} is a place's name.
PASSAGES = (
    "Residents of {place} said shelling hit the market on Tuesday morning.",
    "Aid workers in {place} counted three damaged schools after the strikes.",
    "Families leaving {place} said the road was crowded with trucks and tractors.",
    "The local council in {place} asked for tents, blankets and bread.",
    "Civilians sheltering in {place} described a night of air strikes.",
)
MARKED = "{marker} was painted on a wall in {place}, a passage the reviewer rejects."
TITLE = "Load test article {number} by editor {editor}"


@dataclass(frozen=True)
class Article:
    """An article as written: its text, its metadata, the place each passage names (the marked first)."""

    text: str
    meta: Metadata
    places: tuple[str, ...]
    marker: str


def article_id(editor: int, number: int, now_ms: int) -> str:
    """A source id of an editor's article, the newest sorting first among the folder's files (0 before any letter).

    The folder is read in file order, and the table's first rows come with the page itself (later
    ones are fetched as the reader scrolls): a draft that reached a reader would be among them,
    where the scan for markers sees it.
    """
    return f"0lt-{10**13 - now_ms:013d}-e{editor}-{number}"


def write_article(
    source_id: str, editor: int, number: int, places: Sequence[Place], marker: str, published: str
) -> Article:
    """The article: its title, then a marked passage and one passage a place after it."""
    rng = random.Random(source_id)
    passages = [MARKED.format(marker=marker, place=places[0].name)]
    passages += [rng.choice(PASSAGES).format(place=p.name) for p in places[1:]]
    title = TITLE.format(number=number, editor=editor)
    meta = Metadata(id=source_id, title=title, outlet=OUTLET, published=published)
    return Article("\n\n".join([title, *passages]) + "\n", meta, tuple(p.id for p in places), marker)


def drafted(article: Article, gazetteer: Gazetteer, places: Mapping[str, Place]) -> Draft:
    """The article made a draft as ingest makes it; IngestError if it did not come out as written."""
    made = draft(article.text, article.meta, gazetteer, places)
    found = tuple(tuple(e.places) for e in made.excerpts)
    if found != tuple((p,) for p in article.places) or made.source.proposed_places:
        raise IngestError(f"{article.meta.id} drafted with places {found}, not one passage each of {article.places}")
    if [article.marker in e.text for e in made.excerpts] != [True] + [False] * (len(found) - 1):
        raise IngestError(f"{article.meta.id}: the marker is not in its first excerpt alone")
    return made


def place_pool(places: Mapping[str, Place], gazetteer: Gazetteer, size: int) -> tuple[str, ...]:
    """Up to size of the folder's places, by id, that every passage drafts as naming that place alone."""
    pool: list[str] = []
    for place in sorted(places.values(), key=lambda p: p.id):
        if len(pool) >= size:
            break
        text = "\n\n".join(["A test", MARKED.format(marker="X", place=place.name)])
        text += "".join(f"\n\n{p.format(place=place.name)}" for p in PASSAGES)
        meta = Metadata(id="pool-check", title="A test", outlet=OUTLET, published="2020")
        try:
            made = draft(text + "\n", meta, gazetteer, places)
        except IngestError:
            continue
        if not made.source.proposed_places and [tuple(e.places) for e in made.excerpts] == [(place.id,)] * (
            len(PASSAGES) + 1
        ):
            pool.append(place.id)
    return tuple(pool)
