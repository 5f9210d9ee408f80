"""A draft written into a data folder, and the atlas of a draft's places for the page to preview."""

from __future__ import annotations

from pathlib import Path

import yaml

from geo.core.atlas import Atlas
from geo.core.records import Place
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.data.store import StoreError, write_source
from geo.ingest.draft import Draft, IngestError, with_proposals


def draft_yaml(draft: Draft) -> str:
    """The draft's YAML document, as a researcher will read and edit it."""
    header = (
        "# A draft written by `python -m geo ingest`. Check each excerpt's places, speaker and voice,\n"
        "# clear its `guessed` list as you do, move proposed_places into places.geojson, then delete\n"
        "# `status: draft`. `python -m geo validate` lists the drafts that remain.\n"
    )
    return header + yaml.safe_dump(draft.document, sort_keys=False, allow_unicode=True, width=100)


def save_draft(data_dir: Path, draft: Draft, *, by: str, replace: bool = False) -> list[Path]:
    """Write a draft's article and YAML as one commit, recorded in the history as by's.

    Refuses, writing nothing, if either file exists and replace is False.
    """
    # `by` is asked for, never guessed: a page that forgot it would record the server's user.
    draft = with_proposals(draft, _proposed_elsewhere(data_dir, draft))
    try:
        return write_source(data_dir, draft.source.id, draft.article, draft_yaml(draft), by=by, replace=replace)
    except StoreError as error:
        raise IngestError(str(error)) from error


def _proposed_elsewhere(data_dir: Path, made: Draft) -> list[Place]:
    """The places the draft's excerpts name that not places.geojson but only other drafts propose.

    The gazetteer knows every place a draft proposes, so a second draft naming one files its
    excerpts under that place's id: it proposes the place too, as the first did, so that it
    loads with or without the first.
    """
    named = dict.fromkeys(p for e in made.excerpts for p in e.places)
    missing = [p for p in named if p not in {q.id for q in made.source.proposed_places}]
    if not missing:
        return []
    try:
        atlas = load_atlas(data_dir, sources_optional=True)
    except DataError:
        return []
    proposed = {p.id: p for s in atlas.sources.values() if s.id != made.source.id for p in s.proposed_places}
    # A re-ingested draft's own proposals are in it again: the gazetteer knew them as ours.
    own = {p.id: p for p in atlas.sources[made.source.id].proposed_places} if made.source.id in atlas.sources else {}
    found = {**own, **proposed}
    return [found[p] for p in missing if p in found]


def preview_atlas(draft: Draft, atlas: Atlas) -> Atlas:
    """An atlas of the draft alone: its excerpts, and the places they name, known or proposed."""
    proposals = {p.id: p for p in draft.source.proposed_places}
    known = {p: atlas.places[p] for e in draft.excerpts for p in e.places if p in atlas.places}
    return Atlas(
        sources={draft.source.id: draft.source},
        places={**known, **proposals},
        excerpts=draft.excerpts,
        articles={draft.source.id: draft.article},
        boundaries=atlas.boundaries,
    )
