"""The load test's editors: the marker scan over the wire, the editors' bookkeeping, and a short run with a server.

An editor is run in-process on a copy of the bundled data for the bookkeeping (its writes are
real commits, not timed); the run with readers is marked `server`, as in test_loadtest.py.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
import types
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo.core.settings import BUNDLED_DATA
from geo.data.history import ENTRIES_DIR, entries
from geo.data.load import load_atlas
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.review import accept_source
from geo.ingest.save import save_draft
from geo.tools.loadtest import (
    MARKER_PREFIX,
    Client,
    EditorJob,
    EditorLog,
    Fingerprint,
    LoadTestError,
    Plan,
    Reference,
    Report,
    Run,
    Session,
    Settings,
    Tally,
    View,
    Write,
    article_id,
    audit,
    count_problems,
    drafted,
    edit,
    editors_places,
    growth_faults,
    main,
    markers_in,
    new_marker,
    place_pool,
    run_async,
    run_load,
    write_article,
)
from tests.support.server import ServerFactory

MARKER = "Unreviewedmark0123456789ab"
SMALL = Settings(filters=3, places=2, timeout=20.0)


def test_a_marker_is_a_word_of_its_own() -> None:
    marker = new_marker(random.Random(0))
    assert marker.startswith(MARKER_PREFIX) and marker.isalnum()
    assert markers_in(f"<p>{marker} and {marker}, {MARKER}</p>".encode()) == [marker, MARKER]
    assert markers_in(b"Unreviewed mark") == []


class Wire:
    """A websocket that replays messages, as the server would send them."""

    def __init__(self, messages: list[ForwardMsg]) -> None:
        self.messages = [m.SerializeToString() for m in messages]

    async def send(self, data: bytes) -> None:
        pass

    async def recv(self) -> bytes:
        return self.messages.pop(0)

    async def close(self) -> None:
        pass


def drawn(element: Element) -> ForwardMsg:
    """A message drawing one element."""
    message = ForwardMsg()
    message.delta.new_element.CopyFrom(element)
    message.metadata.delta_path.extend([0, 0])
    return message


def finished(status: ForwardMsg.ScriptFinishedStatus.ValueType = ForwardMsg.FINISHED_SUCCESSFULLY) -> ForwardMsg:
    """The message that ends a run."""
    message = ForwardMsg()
    message.script_finished = status
    return message


def markdown(body: str) -> Element:
    element = Element()
    element.markdown.body = body
    return element


def table(text: str) -> Element:
    element = Element()
    frame = pd.DataFrame({"places": ["Atarib"], "text": [text], "id": ["x-01"]})
    element.dataframe.arrow_data.data = convert_pandas_df_to_arrow_bytes(frame)
    return element


def map_html(html: str) -> Element:
    element = Element()
    element.component_instance.json_args = f'{{"html": "{html}"}}'
    return element


def received(messages: list[ForwardMsg]) -> Run:
    """The run a session reads from these messages."""
    session = Session("http://127.0.0.1:1")
    session._ws = Wire(messages)  # type: ignore[assignment]
    # On a loop of its own thread: the browser tests' Playwright leaves one running in this one.
    return run_async(lambda: session.run(None))


@pytest.mark.parametrize(
    "element",
    [
        pytest.param(markdown(f"**Atarib**: {MARKER} was painted on a wall"), id="text"),
        pytest.param(table(f"{MARKER} was painted on a wall in Atarib."), id="table"),
        pytest.param(map_html(f"<div class='geo-place-atarib'>{MARKER}</div>"), id="map"),
    ],
)
def test_the_scan_finds_a_marker_in_any_element_a_reader_receives(element: Element) -> None:
    assert received([drawn(element), finished()]).markers == [MARKER]
    assert received([drawn(markdown("nothing to see")), finished()]).markers == []


def test_the_scan_keeps_what_a_run_cut_short_showed() -> None:
    """A run cut short by the next one was on the reader's screen all the same."""
    run = received(
        [drawn(table(MARKER)), finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN), drawn(markdown("x")), finished()]
    )
    assert run.markers == [MARKER] and run.problems == []


def an_empty_reference(added_places: frozenset[str] | None = None) -> Reference:
    return Reference(Fingerprint("", (), (), ""), {}, [], added_places)


def test_a_client_reports_every_marker_it_receives() -> None:
    tally = Tally()
    client = Client(3, "http://127.0.0.1:1", Plan((View(),), (None,)), an_empty_reference(), tally, random.Random(0))
    seen = Fingerprint("", (), (), "")
    client.check(Run(0.1, seen, [], [MARKER]), View(), seen)
    assert tally.drafts_shown == [f"client 3 ((no filter)) received {MARKER}"]
    assert tally.leaks == [] and tally.errors == []


BEFORE = Fingerprint("q=Khan", (("Places", "5"), ("Excerpts", "12")), ("atarib", "latamnah"), "a" * 16)


@pytest.mark.parametrize(
    ("seen", "fault"),
    [
        pytest.param(replace(BEFORE, content="b" * 16), None, id="text-and-table-may-change"),
        pytest.param(replace(BEFORE, metrics=(("Places", "6"), ("Excerpts", "1,012"))), None, id="counts-grow"),
        pytest.param(replace(BEFORE, map_places=("abu-dafna", "atarib", "latamnah")), None, id="an-editor-s-place"),
        pytest.param(replace(BEFORE, query="q=Khan&voice=russia"), "its link is", id="link"),
        pytest.param(replace(BEFORE, metrics=(("Places", "5"), ("Excerpts", "11"))), "less than 12", id="count-falls"),
        pytest.param(replace(BEFORE, metrics=(("Excerpts", "12"),)), "its counts are", id="count-gone"),
        pytest.param(replace(BEFORE, map_places=("atarib",)), "lost latamnah", id="map-loses"),
        pytest.param(replace(BEFORE, map_places=("atarib", "homs", "latamnah")), "gained homs", id="stranger"),
    ],
)
def test_while_editors_accept_sources_a_run_may_only_grow_from_its_reference(
    seen: Fingerprint, fault: str | None
) -> None:
    faults = growth_faults(seen, BEFORE, {"abu-dafna", "atarib"})
    assert (fault is None and faults == []) or (fault is not None and len(faults) == 1 and fault in faults[0])
    growing = an_empty_reference(frozenset({"abu-dafna", "atarib"}))
    assert growing.faults(seen, BEFORE) == faults
    # With no editors the reference is exact: the same runs are all faults but the first's equal.
    assert an_empty_reference().faults(seen, BEFORE) == ["it differs"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled data for editors to write in."""
    return Path(shutil.copytree(BUNDLED_DATA, tmp_path / "data"))


@pytest.fixture
def places(folder: Path, gazetteer: Gazetteer) -> tuple[str, ...]:
    return place_pool(load_atlas(folder).places, gazetteer, 6)


def test_an_editor_s_article_drafts_as_written(folder: Path, places: tuple[str, ...], gazetteer: Gazetteer) -> None:
    assert len(places) == 6
    atlas = load_atlas(folder)
    source_id = article_id(0, 1, 1_700_000_000_000)
    article = write_article(source_id, 0, 1, [atlas.places[p] for p in places[:4]], MARKER, "2020-01")
    made = drafted(article, gazetteer, atlas.places)
    assert [e.places for e in made.excerpts] == [(p,) for p in places[:4]]
    assert MARKER in made.excerpts[0].text and not any(MARKER in e.text for e in made.excerpts[1:])
    # The newest article's files come first in the folder.
    assert article_id(0, 2, 1_700_000_000_001) < source_id < "al-monitor"


def test_an_editor_logs_every_write_and_the_audit_finds_each_in_the_history(
    folder: Path, places: tuple[str, ...]
) -> None:
    log = edit(EditorJob(0, folder, places, seconds=0.5))
    assert log.errors == [] and log.accepted
    for source_id, kept in log.accepted.items():
        actions = [w.action for w in log.writes if w.subject == source_id]
        assert actions == ["ingest"] + ["edit"] * (len(kept) + 1) + ["accept"]
        assert log.rejected[source_id] not in kept
    assert audit(folder, [log]) == []
    atlas = load_atlas(folder)
    assert all(atlas.sources[s].reviewed_by == "loadtest-editor-0" for s in log.accepted)
    assert not any(MARKER_PREFIX in e.text for e in atlas.excerpts)


def test_the_audit_reports_a_write_the_history_lost(folder: Path, places: tuple[str, ...]) -> None:
    log = edit(EditorJob(1, folder, places, seconds=0.1))
    source_id, _ = next(iter(log.accepted.items()))
    accepting = next(e for e in entries(folder, source_id) if e.action == "accept")
    (folder / ENTRIES_DIR / f"{accepting.id}.json").unlink()
    problems = audit(folder, [log])
    assert problems == [
        f"lost write: loadtest-editor-1 made 1 accept of {source_id}, the history records 0 (1 missing)",
        f"sources/{source_id}.yaml is not the version its last recorded write left",
    ]


def test_the_audit_reports_a_write_made_in_an_editor_s_name_that_it_did_not_log(
    folder: Path, places: tuple[str, ...]
) -> None:
    log = edit(EditorJob(2, folder, places, seconds=0.1))
    source_id = next(iter(log.accepted))
    log.writes = [w for w in log.writes if (w.action, w.subject) != ("ingest", source_id)]
    assert audit(folder, [log]) == [
        f"the history records 1 ingest of {source_id} by loadtest-editor-2 that it did not make"
    ]


def test_the_audit_reports_a_kept_marker_and_an_acceptance_the_folder_lacks(
    folder: Path, places: tuple[str, ...], gazetteer: Gazetteer
) -> None:
    atlas = load_atlas(folder)
    source_id = article_id(5, 1, int(time.time() * 1000))
    article = write_article(source_id, 5, 1, [atlas.places[p] for p in places[:3]], MARKER, "2020-01")
    save_draft(folder, drafted(article, gazetteer, atlas.places), by="loadtest-editor-5")
    accept_source(folder, source_id, by="loadtest-editor-5", accept_rest=True)  # the marked passage kept
    log = EditorLog(5, "loadtest-editor-5", [Write("ingest", source_id, 0.1), Write("accept", source_id, 0.1)])
    log.accepted = {source_id: (f"{source_id}-02", f"{source_id}-03"), "0lt-never-written": ("x",)}
    problems = audit(folder, [log])
    assert f"{source_id} has excerpts ['{source_id}-01', '{source_id}-02', '{source_id}-03'], not the " in problems[0]
    assert problems[1] == "0lt-never-written, accepted by loadtest-editor-5, is not in the folder"
    assert problems[2] == f"excerpt {source_id}-01 of {source_id} holds a marker: a rejected passage was kept"


def test_a_reader_s_page_after_the_run_counts_every_excerpt_accepted() -> None:
    before = Fingerprint("", (("Places", "17"), ("Excerpts", "44")), (), "")
    log = EditorLog(0, "loadtest-editor-0", accepted={"a": ("a-02", "a-03"), "b": ("b-02",)})
    assert count_problems(before, replace(before, metrics=(("Excerpts", "47"),)), [log]) == []
    assert "counts 44 excerpts, not the 44 before and 3 accepted" in count_problems(before, before, [log])[0]
    assert count_problems(before, replace(before, metrics=()), [log]) == ["a reader's page shows no count of Excerpts"]


def test_editors_never_write_in_the_bundled_data() -> None:
    with pytest.raises(LoadTestError, match="serve a copy"):
        editors_places(BUNDLED_DATA, 12)


def test_editors_need_the_served_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--url", "http://127.0.0.1:1", "--editors", "2"])
    assert exit_.value.code == 2 and "--editors needs --data" in capsys.readouterr().err


def a_report(**figures: object) -> Report:
    """A report of a run with one editor, all well."""
    log = EditorLog(0, "loadtest-editor-0", [Write("ingest", "a", 0.05), Write("edit", "a", 0.02)] * 3)
    log.accepted, log.rejected = {"a": ("a-02",)}, {"a": "a-01"}
    plain = dict(
        url="http://127.0.0.1:1",
        clients=2,
        seconds=60.0,
        views=4,
        reruns_per_client=[5, 7],
        errors=[],
        leaks=[],
        rerun_seconds=[0.5] * 12,
        load_seconds=[1.0, 1.0],
        reference_seconds=[0.4],
        pid=None,
        rss_start=None,
        warm_after=15.0,
        rss_warm=None,
        rss_end=None,
        rss_peak=None,
        rss_tolerance=0.10,
        plan=Plan((View(),), (None,)),
        reference=an_empty_reference(),
        editors=[log],
    )
    return Report(**{**plain, **figures})  # type: ignore[arg-type]


def test_the_report_gives_the_editors_figures_and_verdict() -> None:
    text = a_report().text()
    assert (
        "editors: 1, 6 writes (0.1/s): 3 drafts saved, 1 excerpts accepted and 1 rejected, 1 sources accepted" in text
    )
    assert "write time: p50 35 ms, p95 50 ms" in text
    assert "drafts shown to readers (a rejected passage's marker in what they received): 0" in text
    assert a_report().ok
    assert not a_report(drafts_shown=[f"client 0 ((no filter)) received {MARKER}"]).ok
    assert not a_report(audit=["lost write: ..."]).ok
    assert not a_report(editors=[EditorLog(0, "loadtest-editor-0")]).ok  # an editor that never wrote
    assert not a_report(editors=[EditorLog(0, "loadtest-editor-0", [Write("ingest", "a", 0.1)], ["boom"])]).ok


@pytest.fixture(autouse=True)
def plain_main(monkeypatch: pytest.MonkeyPatch) -> None:
    """A __main__ the editors' spawned processes need not run again."""
    # A process started by spawn first runs the parent's __main__ from its file; after a test has run
    # a page with AppTest, Streamlit has left that page's script as __main__, which cannot run alone.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))


@pytest.fixture(scope="module")
def served(start_server: ServerFactory, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The app on a copy of the bundled data, which the editors write in."""
    data = Path(shutil.copytree(BUNDLED_DATA, tmp_path_factory.mktemp("editors") / "data"))
    return start_server(data, "loadtest-editors"), data


@pytest.mark.server
def test_readers_and_editors_run_together_without_errors_drafts_shown_or_lost_writes(served: tuple[str, Path]) -> None:
    url, data = served
    report = run_load(url, clients=3, seconds=5.0, seed=1, settings=SMALL, editors=2, data=data)
    assert report.errors == [] and report.leaks == [] and report.editor_errors == []
    assert report.drafts_shown == [] and report.audit == []
    assert all(log.accepted for log in report.editors), report.text()
    # Not report.ok, which also asks that every client reran: on a busy machine a client may still be
    # loading its page when a few seconds run out, which says nothing of drafts or writes.
    assert report.reruns > 0 and report.rss_flat is not False, report.text()
    assert "editors: 2" in report.text()


@pytest.mark.server
def test_a_marked_passage_that_reaches_readers_is_seen(served: tuple[str, Path], gazetteer: Gazetteer) -> None:
    """The scan would see a draft shown: here a source accepted with its marked passage kept, as a draft is drawn."""
    url, data = served
    atlas = load_atlas(data)
    places = editors_places(data, 4)
    source_id = article_id(7, 1, int(time.time() * 1000))
    article = write_article(source_id, 7, 1, [atlas.places[p] for p in places[:3]], MARKER, "2020-01")
    save_draft(data, drafted(article, gazetteer, atlas.places), by="test")

    async def page_load() -> Run:
        session = Session(url, timeout=20.0)
        await session.open()
        try:
            return await session.load()
        finally:
            await session.close()

    assert run_async(page_load).markers == []  # a draft: never sent to a reader
    accept_source(data, source_id, by="test", accept_rest=True)
    assert run_async(page_load).markers == [MARKER]
