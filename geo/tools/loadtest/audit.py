"""After the run: every editor's write is in the folder's history, and the folder loads with what they accepted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from geo.core.atlas import Atlas
from geo.data.history import HistoryEntry, HistoryError, entries
from geo.data.layout import SOURCES_DIR
from geo.data.load import check_data, load_atlas
from geo.data.problems import DataError, Problem
from geo.data.store import read_current
from geo.tools.loadtest.editor import EditorLog
from geo.tools.loadtest.marker import MARKER_PREFIX

SHOWN = 10  # a folder's faults listed; the rest are counted


def audit(data: Path, logs: Sequence[EditorLog]) -> list[str]:
    """Lost writes, and faults of the folder the editors wrote in; none when all is well."""
    try:
        history = entries(data)
    except HistoryError as error:
        return [f"the history cannot be read: {error}"]
    problems = lost_writes(history, logs)
    faults = check_data(data)
    if faults:
        return problems + _not_loading(faults)
    try:
        atlas = load_atlas(data)
    except DataError as error:  # changed since check_data read it, though nothing should write now
        return problems + _not_loading(error.problems)
    return problems + accepted_problems(atlas, logs) + stale_files(data, history, logs)


def _not_loading(faults: Sequence[Problem]) -> list[str]:
    """The first faults of a folder that does not load, and how many more there are."""
    listed = [f"the folder does not load: {fault}" for fault in faults[:SHOWN]]
    more = len(faults) - SHOWN
    return listed + ([f"the folder does not load: {more} more faults"] if more > 0 else [])


def lost_writes(history: Sequence[HistoryEntry], logs: Sequence[EditorLog]) -> list[str]:
    """Writes an editor made that its history lacks, and entries in its name about its sources it never made."""
    problems = []
    for log in logs:
        made = Counter((w.action, w.subject) for w in log.writes)
        # Only this run's sources: an earlier run on the same folder wrote under the same names.
        subjects = {subject for _, subject in made}
        recorded = Counter((e.action, e.subject) for e in history if e.by == log.by and e.subject in subjects)
        for (action, subject), count in (made - recorded).items():
            problems.append(
                f"lost write: {log.by} made {made[action, subject]} {action} of {subject}, "
                f"the history records {recorded[action, subject]} ({count} missing)"
            )
        for (action, subject), count in (recorded - made).items():
            problems.append(f"the history records {count} {action} of {subject} by {log.by} that it did not make")
    return problems


def accepted_problems(atlas: Atlas, logs: Sequence[EditorLog]) -> list[str]:
    """Accepted sources missing, still drafts, credited to someone else or holding other excerpts; markers kept."""
    problems = []
    by_source: dict[str, list[str]] = {}
    for excerpt in atlas.excerpts:
        by_source.setdefault(excerpt.source, []).append(excerpt.id)
    for log in logs:
        for source_id, kept in log.accepted.items():
            source = atlas.sources.get(source_id)
            if source is None:
                problems.append(f"{source_id}, accepted by {log.by}, is not in the folder")
            elif source.status is not None or source.reviewed_by != log.by or source.reviewed_at is None:
                problems.append(
                    f"{source_id} is {source.status or 'reviewed'} by {source.reviewed_by} "
                    f"at {source.reviewed_at}, not accepted by {log.by}"
                )
            elif tuple(by_source.get(source_id, ())) != kept:
                problems.append(f"{source_id} has excerpts {by_source.get(source_id)}, not the {list(kept)} kept")
    problems += [
        f"excerpt {e.id} of {e.source} holds a marker: a rejected passage was kept"
        for e in atlas.excerpts
        if MARKER_PREFIX in e.text
    ]
    return problems


def stale_files(data: Path, history: Sequence[HistoryEntry], logs: Sequence[EditorLog]) -> list[str]:
    """Accepted sources whose file is not the version the last write of it recorded: a write lost after the fact."""
    last: dict[str, str | None] = {}
    for entry in history:
        for change in entry.files:
            last[change.path] = change.after
    problems = []
    for log in logs:
        for source_id in log.accepted:
            path = f"{SOURCES_DIR}/{source_id}.yaml"
            _, digest = read_current(data, path)
            if path not in last or last[path] != digest:
                problems.append(f"{path} is not the version its last recorded write left")
    return problems
