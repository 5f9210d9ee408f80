"""A commit cut short at any moment, and commits at once: the folder loads, as before or after, and no write is lost."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import geo.data.load
from geo.core.atlas import Atlas
from geo.core.settings import BUNDLED_DATA
from geo.data.history import entries
from geo.data.journal import JOURNAL_FILE
from geo.data.load import check_data, load_atlas
from geo.data.lock import exclusive
from geo.data.store import Change, ConflictError, commit, read_current
from geo.ingest.draft import Metadata, draft
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.save import draft_yaml, save_draft
from tests.support.datafolder import data_folder, snapshot

REPO = Path(__file__).resolve().parents[2]
ADDED = "the-national-2019-05-idlib-residents"
# Commits the changes in a JSON file, dying on the k-th call of an os function (0: never).
CRASHING = f"""
import json, os, sys
from pathlib import Path
from geo.data.store import Change, commit

root, name, k, changes = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), json.loads(Path(sys.argv[4]).read_text())
real, calls = getattr(os, name), []

def crashing(*args, **kwargs):
    calls.append(args)
    if len(calls) == k:
        os._exit(9)
    return real(*args, **kwargs)

setattr(os, name, crashing)
print("ready", flush=True)
commit(root, [Change(**c) for c in changes], action="ingest", by="crash", subject="{ADDED}")
"""


def _changes(root: Path) -> list[dict[str, str | None]]:
    """A source added and places.geojson rewritten: two new files and one replaced, as ingest and accept do."""
    places, read = read_current(root, "places.geojson")
    assert places is not None
    rewritten = json.dumps(json.loads(places), ensure_ascii=False, indent=2) + "\n"
    added = [
        {"path": f"sources/{ADDED}{suffix}", "text": (BUNDLED_DATA / "sources" / f"{ADDED}{suffix}").read_text("utf-8")}
        for suffix in (".txt", ".yaml")
    ]
    return [*added, {"path": "places.geojson", "text": rewritten, "expect": read}]


def _data(root: Path) -> dict[str, bytes]:
    """The folder's files the map reads: everything but the history and the index a load keeps."""
    return {name: data for name, data in snapshot(root).items() if not name.startswith(("history", "index"))}


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The folder's data before the commit and after it."""
    root = data_folder(tmp_path_factory.mktemp("states") / "data")
    before = _data(root)
    commit(root, [Change(**c) for c in _changes(root)], action="ingest", by="me", subject=ADDED)  # type: ignore[arg-type]
    return before, _data(root)


def _run(root: Path, function: str, k: int) -> subprocess.Popen[str]:
    """The commit started in a process of its own that dies on the k-th call of os.<function>."""
    changes = root.parent / "changes.json"
    changes.write_text(json.dumps(_changes(root)), encoding="utf-8")
    command = [sys.executable, "-c", CRASHING, str(root), function, str(k), str(changes)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)


def _settles(root: Path, states: tuple[dict[str, bytes], dict[str, bytes]], *, by_commit: bool) -> None:
    """Once the next load (or commit) has run, the folder loads and is as before the commit or after it."""
    if by_commit:
        # A commit of nothing: it finishes or undoes the one cut short, as any commit does first.
        commit(root, [], action="edit", by="next", subject="places")
    assert check_data(root) == []
    data = _data(root)
    assert data in states, "the folder is neither as before the commit nor as after it"
    assert not (root / JOURNAL_FILE).exists()
    if data == states[1] and not by_commit:
        assert [e.subject for e in entries(root)] == [ADDED]


@pytest.mark.parametrize(
    ("function", "by_commit"),
    [("replace", False), ("fsync", False), ("unlink", False), ("replace", True), ("fsync", True)],
    ids=["replace-next-load", "fsync-next-load", "unlink-next-load", "replace-next-commit", "fsync-next-commit"],
)
def test_a_commit_killed_at_every_step_leaves_the_folder_before_or_after(
    tmp_path: Path, states: tuple[dict[str, bytes], dict[str, bytes]], function: str, by_commit: bool
) -> None:
    outcomes = []
    for k in range(1, 60):
        root = data_folder(tmp_path / f"{k}" / "data")
        process = _run(root, function, k)
        process.communicate(timeout=60)
        _settles(root, states, by_commit=by_commit)
        outcomes.append(_data(root) == states[1])
        if process.returncode == 0:  # the commit made fewer than k calls: every one has been cut
            break
    assert outcomes[-1] and len(outcomes) > 2, f"the commit never completed, or made too few calls: {outcomes}"


def test_a_commit_killed_at_random_moments_leaves_the_folder_before_or_after(
    tmp_path: Path, states: tuple[dict[str, bytes], dict[str, bytes]]
) -> None:
    rng = random.Random(7)
    for attempt in range(20):
        root = data_folder(tmp_path / f"{attempt}" / "data")
        process = _run(root, "getpid", 0)
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.03))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        _settles(root, states, by_commit=attempt % 2 == 1)


# --- What a crash leaves, and readers beside a writer ----------------------------------------------


def _stray(root: Path) -> Path:
    """A staged file as a killed save leaves it."""
    path = root / "sources" / ".a.yaml.0123abcd.tmp"
    path.write_text("half: written\n", encoding="utf-8")
    return path


def test_a_load_clears_what_a_crash_left(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    stray = _stray(root)
    (root / "history").mkdir()
    (root / JOURNAL_FILE).write_text('{"moves": [{"path": "sources/a.ya', encoding="utf-8")  # cut short
    load_atlas(root)
    assert not stray.exists() and not (root / JOURNAL_FILE).exists()
    assert {k: v for k, v in snapshot(root).items() if not k.startswith(("history", "index"))} == before


def test_a_read_only_folder_loads_and_validate_names_what_a_crash_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = data_folder(tmp_path / "data")
    stray = _stray(root)
    (root / "history").mkdir()
    (root / JOURNAL_FILE).write_text('{"moves": []}', encoding="utf-8")

    def read_only(data_dir: Path) -> None:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(geo.data.load, "exclusive", read_only)
    load_atlas(root)
    problems = check_data(root)
    assert [p.file for p in problems] == [str(root / JOURNAL_FILE), str(stray)]
    assert "a save that did not finish" in problems[0].message and "delete it" in problems[1].message


def test_a_load_waits_for_a_live_writer_and_leaves_its_files_alone(tmp_path: Path) -> None:
    root = data_folder(tmp_path / "data")
    loaded = threading.Event()
    with exclusive(root):
        staged = _stray(root)
        reader = threading.Thread(target=lambda: (load_atlas(root), loaded.set()))
        reader.start()
        time.sleep(0.3)
        assert not loaded.is_set() and staged.exists()
        staged.unlink()  # the writer renames it
    reader.join(timeout=30)
    assert loaded.is_set()


# --- Commits at once -------------------------------------------------------------------------------

TARGET = "sources/al-monitor-2020-01-idlib-crossings.yaml"
# One editor's save, in a process of its own: an edit of TARGET as read ("won" or "conflict"), or a draft's files.
SAVING = f"""
import sys
from pathlib import Path
from geo.data.store import Change, ConflictError, commit, read_current, write_source

root, n, kind = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
if kind == "edit":
    text, _ = read_current(root, "{TARGET}")
    try:
        commit(root, [Change("{TARGET}", text + "# edit " + n + "\\n", sys.argv[4])], action="edit", by=n, subject="x")
        print("won")
    except ConflictError:
        print("conflict")
else:
    article, document = Path(sys.argv[4]).read_text("utf-8"), Path(sys.argv[5]).read_text("utf-8")
    write_source(root, "draft-" + n, article, document, by="draft-" + n)
"""


def _in_processes(root: Path, runs: list[list[str]]) -> list[str]:
    """What each of the saves, started at once in processes of their own, printed."""
    processes = [
        subprocess.Popen([sys.executable, "-c", SAVING, str(root), *run], cwd=REPO, stdout=subprocess.PIPE, text=True)
        for run in runs
    ]
    outputs = [p.communicate(timeout=300)[0].strip() for p in processes]
    assert [p.returncode for p in processes] == [0] * len(runs)
    return outputs


def _edit_as_read(root: Path, n: int, read: str) -> str:
    """One editor's save of the file as they read it: "won" or "conflict"."""
    text, _ = read_current(root, TARGET)
    try:
        commit(root, [Change(TARGET, f"{text}# edit {n}\n", read)], action="edit", by=f"{n}", subject="x")
    except ConflictError:
        return "conflict"
    return "won"


@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_of_twenty_edits_of_what_each_read_exactly_one_wins(tmp_path: Path, kind: str) -> None:
    root = data_folder(tmp_path / "data")
    _, read = read_current(root, TARGET)
    assert read is not None
    if kind == "threads":
        with ThreadPoolExecutor(20) as pool:
            outcomes = list(pool.map(lambda n: _edit_as_read(root, n, read), range(20)))
    else:
        outcomes = _in_processes(root, [[str(n), "edit", read] for n in range(20)])
    assert sorted(outcomes) == ["conflict"] * 19 + ["won"]
    (edit,) = [e for e in entries(root) if e.action == "edit"]
    assert read_current(root, TARGET)[0].endswith(f"# edit {edit.by}\n")  # type: ignore[union-attr]
    assert check_data(root) == []


@pytest.mark.parametrize("kind", ["threads", "processes"])
def test_twenty_drafts_proposing_one_place_saved_at_once_are_all_kept(
    tmp_path: Path, kind: str, bundled_atlas: Atlas, gazetteer: Gazetteer
) -> None:
    root, places = data_folder(tmp_path / "data"), bundled_atlas.places
    made = [
        draft(f"Shelling hit Saraqeb on day {n}.\n", Metadata(f"draft-{n}", "T", "O", "2020-01"), gazetteer, places)
        for n in range(20)
    ]
    assert all([p.id for p in m.source.proposed_places] == ["saraqib"] for m in made)
    if kind == "threads":
        with ThreadPoolExecutor(20) as pool:
            list(pool.map(lambda m: save_draft(root, m, by=m.source.id), made))
    else:
        runs = []
        for n, m in enumerate(made):
            (tmp_path / f"{n}.txt").write_text(m.article, encoding="utf-8")
            (tmp_path / f"{n}.yaml").write_text(draft_yaml(m), encoding="utf-8")
            runs.append([str(n), "draft", str(tmp_path / f"{n}.txt"), str(tmp_path / f"{n}.yaml")])
        _in_processes(root, runs)
    assert check_data(root) == []
    atlas = load_atlas(root)
    assert {f"draft-{n}" for n in range(20)} <= set(atlas.sources)
    assert sorted(e.subject for e in entries(root)) == sorted(f"draft-{n}" for n in range(20))
    assert "saraqib" in atlas.places
