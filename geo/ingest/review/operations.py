"""The review of drafts in a data folder: listed, each excerpt decided, then the source accepted or rejected.

Each step reads the files it changes, works out their new text, and writes them in one commit
that expects each file as it was read: a change made meanwhile by someone else is a
ConflictError (reload), never a lost write. A refusal (ReviewError) writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geo.core.provenance import Article
from geo.core.records import SLUG
from geo.data.layout import PLACES_FILE, SOURCES_DIR
from geo.data.store import Change, ConflictError, commit, read_current
from geo.ingest.review.acceptance import Acceptance, accepted, without_filed
from geo.ingest.review.documents import dump, header, is_draft, parse
from geo.ingest.review.errors import ReviewError
from geo.ingest.review.excerpts import edited_fields, excerpts_of, find_excerpt, with_excerpt_accepted, without_excerpt
from geo.ingest.review.places import places_text, read_places
from geo.ingest.review.summary import DraftSummary, summarize


@dataclass(frozen=True)
class _Draft:
    """A draft's YAML as read: its document, text and digest."""

    id: str
    path: str
    document: dict[str, Any]
    text: str
    digest: str


def drafts(data_dir: Path) -> list[DraftSummary]:
    """The drafts waiting for review, by id; a file that cannot be read as a source is left to validate."""
    found = []
    for meta in sorted((data_dir / SOURCES_DIR).glob("*.yaml")):
        path = f"{SOURCES_DIR}/{meta.name}"
        text, digest = read_current(data_dir, path)
        # Most sources are reviewed: only a file that names a draft is parsed.
        if text is None or digest is None or "draft" not in text:
            continue
        try:
            document = parse(text, path)
        except ReviewError:
            continue
        if is_draft(document):
            found.append(summarize(meta.stem, document, digest))
    return found


def decide_excerpt(
    data_dir: Path,
    source_id: str,
    excerpt_id: str,
    *,
    accept: bool,
    edits: Mapping[str, Any] | None = None,
    by: str,
    expect: str | None = None,
) -> None:
    """Accept a draft's excerpt (its guesses cleared, the edits applied; the text stays verbatim) or reject it.

    expect is the digest of the draft's YAML as the reviewer read it: ConflictError if it has changed.
    """
    who = _who(by)
    draft = _read_draft(data_dir, source_id)
    _expected(draft, expect)
    if accept:
        edits = edits or {}
        known = _known_places(data_dir, draft) if "places" in edits else frozenset()
        document = with_excerpt_accepted(draft.document, source_id, excerpt_id, edits, known)
        changed = edited_fields(
            find_excerpt(draft.document, source_id, excerpt_id), find_excerpt(document, source_id, excerpt_id)
        )
        note = f"accepted excerpt {excerpt_id}" + (f"; edited {', '.join(changed)}" if changed else "")
    else:
        if edits:
            raise ReviewError(f"excerpt {excerpt_id} is rejected, so it takes no edits")
        document = without_excerpt(draft.document, source_id, excerpt_id)
        note = f"rejected excerpt {excerpt_id}"
    change = Change(draft.path, dump(document, header(draft.text)), draft.digest)
    commit(data_dir, [change], action="edit", by=who, subject=source_id, note=note)


def _expected(draft: _Draft, expect: str | None) -> None:
    """Raise ConflictError if the draft is no longer as the reviewer read it (expect None: not checked)."""
    if expect is not None and expect != draft.digest:
        raise ConflictError(f"{draft.path} changed since you read it; reload and try again")


def accept_source(
    data_dir: Path, source_id: str, *, by: str, accept_rest: bool = False, expect: str | None = None
) -> None:
    """Make a draft a reviewed source, filing the proposed places its excerpts name in places.geojson.

    Refused while excerpts are undecided, unless accept_rest accepts them as they stand; expect
    is the draft's YAML's digest as the reviewer read it: ConflictError if it has changed.
    """
    who = _who(by)
    draft = _read_draft(data_dir, source_id)
    _expected(draft, expect)
    places, places_digest = read_current(data_dir, PLACES_FILE)
    gazette = read_places(places)
    done = accepted(draft.document, source_id, gazette, by=who, at=_now(), accept_rest=accept_rest)
    _check_article(data_dir, draft)
    # The reviewed source has no use for ingest's note on how to review it.
    changes = [Change(draft.path, dump(done.document), draft.digest)]
    if done.added:
        assert places is not None  # read_places refuses a missing file
        changes.append(Change(PLACES_FILE, places_text(gazette, places, done.added), places_digest))
        changes += _other_drafts_unproposed(data_dir, source_id, done)
    commit(data_dir, changes, action="accept", by=who, subject=source_id, note=_acceptance_note(done))


def reject_source(data_dir: Path, source_id: str, *, by: str, note: str = "", expect: str | None = None) -> None:
    """Delete a draft's article and YAML in one commit, the history keeping both; expect as accept_source's."""
    who = _who(by)
    draft = _read_draft(data_dir, source_id)
    _expected(draft, expect)
    article_path = f"{SOURCES_DIR}/{source_id}.txt"
    article, article_digest = read_current(data_dir, article_path)
    changes = [Change(draft.path, None, draft.digest)]
    if article is not None:
        changes.append(Change(article_path, None, article_digest))
    commit(data_dir, changes, action="reject", by=who, subject=source_id, note=note)


def _who(by: str) -> str:
    """Who the history names; ReviewError if nobody is named."""
    if not by or not by.strip():
        raise ReviewError("say who is reviewing: by is empty")
    return by.strip()


def _now() -> str:
    """The time now, in UTC, to the second, as reviewed_at holds it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_draft(data_dir: Path, source_id: str) -> _Draft:
    """A draft's YAML as it stands; ReviewError if there is none, or the source is not a draft."""
    if not re.fullmatch(SLUG, source_id):
        raise ReviewError(f"{source_id!r} is not a source id")
    path = f"{SOURCES_DIR}/{source_id}.yaml"
    text, digest = read_current(data_dir, path)
    if text is None or digest is None:
        raise ReviewError(f"there is no source {source_id!r} in {data_dir}")
    document = parse(text, path)
    if not is_draft(document):
        raise ReviewError(
            f"{source_id} is a reviewed source, not a draft: only drafts are reviewed, accepted or rejected here"
        )
    return _Draft(source_id, path, document, text, digest)


def _known_places(data_dir: Path, draft: _Draft) -> frozenset[str]:
    """The place ids a draft's excerpts may name: places.geojson's and the draft's proposals."""
    text, _ = read_current(data_dir, PLACES_FILE)
    proposed = draft.document.get("proposed_places") or ()
    return read_places(text).ids | {p["id"] for p in proposed if isinstance(p, dict) and isinstance(p.get("id"), str)}


def _check_article(data_dir: Path, draft: _Draft) -> None:
    """Refuse a draft whose article has changed since ingest, or whose excerpts are not verbatim in it."""
    article_path = f"{SOURCES_DIR}/{draft.id}.txt"
    article, _ = read_current(data_dir, article_path)
    if article is None:
        raise ReviewError(f"{article_path} is missing; ingest the article again")
    if hashlib.sha256(article.encode("utf-8")).hexdigest() != draft.document.get("text_sha256"):
        raise ReviewError(f"{article_path} has changed since its excerpts were found; ingest it again")
    folded = Article(article)
    for excerpt in excerpts_of(draft.document, draft.id):
        if not folded.holds(str(excerpt.get("text", ""))):
            raise ReviewError(f"excerpt {excerpt.get('id')} is not verbatim in {article_path}; correct it first")


def _other_drafts_unproposed(data_dir: Path, source_id: str, done: Acceptance) -> list[Change]:
    """Other drafts that propose a place now filed, without that proposal: it is in places.geojson now."""
    changes = []
    for meta in sorted((data_dir / SOURCES_DIR).glob("*.yaml")):
        path = f"{SOURCES_DIR}/{meta.name}"
        text, digest = read_current(data_dir, path)
        if meta.stem == source_id or text is None or "proposed_places" not in text:
            continue
        try:
            document = parse(text, path)
        except ReviewError:
            continue  # validate names it; it proposes nothing the reader could take
        new = without_filed(document, done.added) if is_draft(document) else None
        if new is not None:
            changes.append(Change(path, dump(new, header(text)), digest))
    return changes


def _acceptance_note(done: Acceptance) -> str:
    """What accepting filed, for the history."""
    parts = [f"added place(s) {', '.join(p.id for p in done.added)}"] if done.added else []
    parts += [f"{old} filed as {filed}" for old, filed in done.reused.items()]
    return "; ".join(parts)
