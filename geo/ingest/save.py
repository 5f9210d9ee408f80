"""A draft written into a data folder, and the atlas of a draft's places for the page to preview."""

from __future__ import annotations

import getpass
from pathlib import Path

import yaml

from geo.core.atlas import Atlas
from geo.data.store import StoreError, write_source
from geo.ingest.draft import Draft, IngestError


def draft_yaml(draft: Draft) -> str:
    """The draft's YAML document, as a researcher will read and edit it."""
    header = (
        "# A draft written by `python -m geo ingest`. Check each excerpt's places, speaker and voice,\n"
        "# clear its `guessed` list as you do, move proposed_places into places.geojson, then delete\n"
        "# `status: draft`. `python -m geo validate` lists the drafts that remain.\n"
    )
    return header + yaml.safe_dump(draft.document, sort_keys=False, allow_unicode=True, width=100)


def save_draft(data_dir: Path, draft: Draft, *, replace: bool = False, by: str | None = None) -> list[Path]:
    """Write a draft's article and YAML as one commit, recorded as by's (the OS user's if None).

    Refuses, writing nothing, if either file exists and replace is False.
    """
    who = getpass.getuser() if by is None else by
    try:
        return write_source(data_dir, draft.source.id, draft.article, draft_yaml(draft), by=who, replace=replace)
    except StoreError as error:
        raise IngestError(str(error)) from error


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
