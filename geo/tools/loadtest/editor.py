"""An editor, in a process of its own: it adds articles to the served folder as drafts and reviews them."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from geo.data.load import load_atlas
from geo.ingest.gazetteer import gazetteer_for
from geo.ingest.review import accept_source, decide_excerpt
from geo.ingest.save import save_draft
from geo.tools.loadtest.article import article_id, drafted, write_article
from geo.tools.loadtest.marker import new_marker

PLACES_AN_ARTICLE = 4  # the marked passage's and three more


@dataclass(frozen=True)
class EditorJob:
    """What one editor is given: its number, the folder, the places to name, how long to write, its seed."""

    index: int
    data: Path
    places: tuple[str, ...]
    seconds: float  # after which no new article is begun
    seed: int = 0

    @property
    def by(self) -> str:
        """Whom the history names for this editor's writes."""
        return f"loadtest-editor-{self.index}"


@dataclass(frozen=True)
class Write:
    """One commit an editor made: its action as the history names it, its source, how long it took."""

    action: str
    subject: str
    seconds: float


@dataclass
class EditorLog:
    """What one editor did: its writes in order, what went wrong, and the sources it accepted."""

    index: int
    by: str
    writes: list[Write] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source id -> the excerpt ids it kept
    rejected: dict[str, str] = field(default_factory=dict)  # source id -> the marked excerpt's id


def edit(job: EditorJob, ready: Callable[[], object] = lambda: None) -> EditorLog:
    """Read the folder, call ready, then write, review and accept articles for job.seconds.

    The first failure ends this editor, and is logged. ready is called whatever happens, once:
    the load test waits there for every editor before its readers start.
    """
    log = EditorLog(job.index, job.by)
    rng = random.Random(f"editor-{job.seed}-{job.index}")
    number = 0
    source_id = "(none yet)"
    try:
        try:
            atlas = load_atlas(job.data, sources_optional=True)
            gazetteer = gazetteer_for(atlas)
        finally:
            ready()
        # A date the folder already holds: the page's choices and bounds stay as the readers found them.
        published = min((s.published for s in atlas.sources.values()), default="2020")
        stop_at = time.monotonic() + job.seconds
        while time.monotonic() < stop_at:
            number += 1
            source_id = article_id(job.index, number, time.time_ns() // 1_000_000)
            places = [atlas.places[p] for p in rng.sample(job.places, min(PLACES_AN_ARTICLE, len(job.places)))]
            article = write_article(source_id, job.index, number, places, new_marker(rng), published)
            made = drafted(article, gazetteer, atlas.places)
            _timed(log, "ingest", source_id, partial(save_draft, job.data, made, by=job.by))
            kept: list[str] = []
            for excerpt in made.excerpts:
                accept = article.marker not in excerpt.text
                decide = partial(decide_excerpt, job.data, source_id, excerpt.id, accept=accept, by=job.by)
                _timed(log, "edit", source_id, decide)
                if accept:
                    kept.append(excerpt.id)
                else:
                    log.rejected[source_id] = excerpt.id
            _timed(log, "accept", source_id, partial(accept_source, job.data, source_id, by=job.by))
            log.accepted[source_id] = tuple(kept)
    except Exception as error:  # noqa: BLE001 - whatever a write raises is what the test looks for: reported, not raised
        log.errors.append(f"editor {job.index}, article {number} ({source_id}): {type(error).__name__}: {error}")
    return log


def _timed(log: EditorLog, action: str, subject: str, write: Callable[[], object]) -> None:
    """Make one write and log it with its time; a write that raises is not logged as made."""
    started = time.perf_counter()
    write()
    log.writes.append(Write(action, subject, time.perf_counter() - started))
