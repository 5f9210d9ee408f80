"""A run compared with its reference while editors accept sources: what cannot change, and what may only grow."""

from __future__ import annotations

from collections.abc import Set

from geo.tools.loadtest.view import Fingerprint


def growth_faults(seen: Fingerprint, expected: Fingerprint, added_places: Set[str]) -> list[str]:
    """How a run differs from its view's reference beyond what accepted sources naming added_places may add.

    Readers see reviewed sources only, and the editors only add them, each excerpt naming places
    of the folder: a view's link is its own whatever the data, its counts only grow, and its map
    keeps its places and gains only those the editors name. The page's text and table do change,
    and are not compared.
    """
    faults = []
    if seen.query != expected.query:
        faults.append(f"its link is ?{seen.query}, not ?{expected.query}")
    if [label for label, _ in seen.metrics] != [label for label, _ in expected.metrics]:
        faults.append(f"its counts are {list(seen.metrics)}, not {list(expected.metrics)}")
    else:
        for (label, now), (_, before) in zip(seen.metrics, expected.metrics, strict=True):
            if not _at_least(now, before):
                faults.append(f"its count of {label} is {now}, less than {before}")
    lost = sorted(set(expected.map_places) - set(seen.map_places))
    if lost:
        faults.append(f"its map lost {', '.join(lost)}")
    strange = sorted(set(seen.map_places) - set(expected.map_places) - set(added_places))
    if strange:
        faults.append(f"its map gained {', '.join(strange)}, which no editor names")
    return faults


def _at_least(now: str, before: str) -> bool:
    """Whether a count as the page prints it ("1,234") is at least another; text that is no count must be equal."""
    try:
        return int(now.replace(",", "")) >= int(before.replace(",", ""))
    except ValueError:
        return now == before
