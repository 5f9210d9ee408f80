"""Ingest tells a progress bar how far it has gone, and telling it changes nothing in the draft."""

from __future__ import annotations

from pathlib import Path

from geo.core.atlas import Atlas
from geo.ingest.draft import Metadata, draft
from geo.ingest.gazetteer import Gazetteer

META = Metadata(id="wire-2020-02-saraqib", title="Saraqib", outlet="Wire", published="2020-02")


def test_progress_runs_from_nothing_to_all_in_order(
    bundled_data: Path, bundled_atlas: Atlas, gazetteer: Gazetteer
) -> None:
    text = (bundled_data / "sources" / "al-monitor-2020-01-idlib-crossings.txt").read_text(encoding="utf-8")
    steps: list[tuple[float, str]] = []
    made = draft(text * 3, META, gazetteer, bundled_atlas.places, progress=lambda f, s: steps.append((f, s)))
    fractions = [f for f, _ in steps]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert any("passage" in step for _, step in steps)  # the long stage reports as it goes
    assert steps[-1][1] == f"Read: {len(made.excerpts)} excerpts"
    assert made.document == draft(text * 3, META, gazetteer, bundled_atlas.places).document


def test_speaker_names_are_kept_from_place_reading(bundled_atlas: Atlas, gazetteer: Gazetteer) -> None:
    # "Idlib" as a speaker's surname ("said Ahmad Idlib") is a person, found by the one pass over the words.
    text = (
        "“The road to Saraqib is closed,” said Ahmad Idlib, a driver.\n\n"
        "Idlib told reporters the road was shelled, and Saraqib emptied.\n"
    )
    made = draft(text, META, gazetteer, bundled_atlas.places)
    named = {p for e in made.excerpts for p in e.places}
    assert "saraqib" in named
    assert not any(p.startswith("idlib") for p in named)
