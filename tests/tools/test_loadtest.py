"""The load test, run small against the app on the bundled data, and proof that its leak check can fail.

The server is a real `streamlit run app.py` on a free loopback port (no browser is needed):
three websocket clients change filters and open places for five seconds. The tests that use it
are marked `server`; the rest check the load test's parts without one.
"""

from __future__ import annotations

import os
import random
import socket
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from geo.tools.loadtest import (
    Client,
    Fingerprint,
    Plan,
    Reference,
    Report,
    Run,
    Session,
    Settings,
    Tally,
    View,
    Widgets,
    listening_pid,
    next_view,
    percentile,
    rss_bytes,
    run_async,
    run_load,
    server_pid,
    stream_url,
)
from tests.support.server import ServerFactory

SMALL = Settings(filters=3, places=2, timeout=20.0)


@pytest.fixture(scope="module")
def server(start_server: ServerFactory, bundled_data: Path) -> str:
    """The app on the bundled data folder."""
    return start_server(bundled_data, "loadtest")


@pytest.fixture(scope="module")
def report(server: str) -> Report:
    """Three clients for five seconds."""
    return run_load(server, clients=3, seconds=5.0, seed=1, settings=SMALL)


@pytest.mark.server
def test_three_clients_rerun_without_errors_or_leaks(report: Report) -> None:
    assert report.errors == []
    assert report.leaks == []
    assert all(n > 0 for n in report.reruns_per_client), report.text()
    assert len(report.rerun_seconds) == report.reruns
    assert report.ok, report.text()


@pytest.mark.server
def test_the_report_gives_the_figures(report: Report) -> None:
    text = report.text()
    assert "p95" in text and "errors: 0" in text and "leaks (a session shown another's view): 0" in text
    # The server is found by its port, and its memory measured.
    assert report.pid is not None and report.rss_start and report.rss_end
    assert report.rss_flat is not None


@pytest.mark.server
def test_the_plan_views_look_different(report: Report) -> None:
    """The check means something only if different views show differently."""
    fingerprints = list(report.reference.views.values())
    assert len(set(fingerprints)) == len(fingerprints)
    assert len({f.query for f in fingerprints}) == len(fingerprints)


def checked(report: Report, seen: Fingerprint, view: View) -> list[str]:
    """The leaks one client's check finds in a run that showed `seen` for `view`."""
    tally = Tally()
    client = Client(0, "http://127.0.0.1:1", report.plan, report.reference, tally, random.Random(0))
    client.check(Run(0.1, seen, []), view, report.reference.views[view])
    return tally.leaks


@pytest.mark.parametrize(
    "alter",
    [
        pytest.param(lambda f: replace(f, query=f.query + "&voice=russia"), id="link"),
        pytest.param(lambda f: replace(f, metrics=((f.metrics[0][0], "999"), *f.metrics[1:])), id="count"),
        pytest.param(lambda f: replace(f, map_places=f.map_places[1:]), id="map"),
        pytest.param(lambda f: replace(f, content="0" * 16), id="text-or-table"),
    ],
)
@pytest.mark.server
def test_the_leak_check_fails_on_any_altered_part(report: Report, alter: Callable[[Fingerprint], Fingerprint]) -> None:
    for view, genuine in report.reference.views.items():
        assert checked(report, genuine, view) == []
        assert len(checked(report, alter(genuine), view)) == 1, view


@pytest.mark.server
def test_the_leak_check_names_the_view_a_client_was_shown(report: Report) -> None:
    asked, shown = list(report.reference.views)[:2]
    leaks = checked(report, report.reference.views[shown], asked)
    assert leaks == [f"client 0 asked for {asked.describe()} and saw the view of {shown.describe()}"]


def a_filtered_view(report: Report) -> View:
    """A view of the plan with a filter set and a place open."""
    return next(v for v in report.plan.views() if v.filters != View().filters and v.place)


@pytest.mark.server
def test_the_leak_check_fails_when_a_client_loads_another_s_session(server: str, report: Report) -> None:
    """A tab reconnecting to someone else's session is shown their filters and place."""
    filtered = a_filtered_view(report)

    async def steal() -> Tally:
        owner = Session(server, timeout=20.0)
        await owner.open()
        await owner.load()
        await owner.run(filtered)
        tally = Tally()
        thief = Client(
            1,
            server,
            report.plan,
            report.reference,
            tally,
            random.Random(1),
            20.0,
            session_id=owner.session_id,
            page_hash=owner.page_hash,
        )
        await thief.drive(time.monotonic() + 30, max_reruns=1)
        await owner.close()
        return tally

    tally = run_async(steal)
    assert tally.leaks[0] == f"client 1 asked for (no filter) and saw the view of {filtered.describe()}"


@pytest.mark.server
def test_two_clients_given_one_session_are_reported(report: Report) -> None:
    """The server handing one session to two tabs is a leak in itself, whatever the pages show."""
    # Whether a tab that resumes another's session is told its id depends on what that
    # session is doing at the time (the test above catches such a tab by what it shows), so
    # this check is driven directly rather than through the server.
    tally = Tally()
    for index in (0, 1):
        Client(index, "http://127.0.0.1:1", report.plan, report.reference, tally, random.Random(index)).note_session(
            "same"
        )
    Client(2, "http://127.0.0.1:1", report.plan, report.reference, tally, random.Random(2)).note_session("other")
    assert tally.leaks == ["client 1 was given client 0's session same"]
    assert tally.errors == []


def test_stream_url() -> None:
    assert stream_url("http://127.0.0.1:8501") == "ws://127.0.0.1:8501/_stcore/stream"
    assert stream_url("https://example.org/app/") == "wss://example.org/app/_stcore/stream"


def test_readers_alternate_filters_and_places() -> None:
    plan = Plan(
        filters=(View(), View(filters=(("voice", ("■ Russia",)),)), View(q="Khan")),
        places=(None, "Latamnah", "Atarib"),
    )
    rng = random.Random(0)
    view = View()
    for step in range(20):
        after = next_view(view, plan, step, rng)
        assert after in plan.views()
        if step % 2 == 0:
            assert after.place == view.place and replace(after, place=None) != replace(view, place=None)
        else:
            assert after.place != view.place and replace(after, place=None) == replace(view, place=None)
        view = after


def test_widget_states_send_labels_and_clear_the_place() -> None:
    session = Session("http://127.0.0.1:1")
    keys = ["q", "source", "voice", "kind", "place_kind", "place"]
    session.widgets = Widgets(ids={k: f"$$ID-0-{k}" for k in keys})
    states = session.widget_states(View(q="Khan", filters=(("voice", ("■ Russia",)),)))
    by_key = {s.id.rsplit("-", 1)[1]: s for s in states}
    assert by_key["q"].string_value == "Khan"
    assert list(by_key["voice"].string_array_value.data) == ["■ Russia"]
    assert list(by_key["source"].string_array_value.data) == []
    assert by_key["place"].WhichOneof("value") is None


def test_percentile() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile([3.0], 95) == 3.0


def test_the_listening_process_and_its_memory_are_found() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert listening_pid(sock.getsockname()[1]) == os.getpid()
    assert (rss_bytes(os.getpid()) or 0) > 0
    beyond_any_pid = int(Path("/proc/sys/kernel/pid_max").read_text()) + 1
    assert rss_bytes(beyond_any_pid) is None


def test_only_a_loopback_server_is_looked_for() -> None:
    assert server_pid("http://example.org:8501") is None


def a_report(**figures: object) -> Report:
    """A report with made-up figures."""
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
        pid=1,
        rss_start=100 * 2**20,
        warm_after=15.0,
        rss_warm=300 * 2**20,
        rss_end=320 * 2**20,
        rss_peak=330 * 2**20,
        rss_tolerance=0.10,
        plan=Plan((View(),), (None,)),
        reference=Reference(Fingerprint("", (), (), ""), {}, []),
    )
    return Report(**{**plain, **figures})  # type: ignore[arg-type]


def test_the_verdict() -> None:
    assert a_report().ok and a_report().rss_flat
    assert not a_report(rss_end=331 * 2**20).ok  # more than 10% over the baseline
    assert not a_report(errors=["client 0: boom"]).ok
    assert not a_report(leaks=["client 0 asked for x and saw y"]).ok
    assert not a_report(reruns_per_client=[5, 0]).ok
    unmeasured = a_report(pid=None, rss_start=None, rss_warm=None, rss_end=None, rss_peak=None)
    assert unmeasured.ok and "not measured" in unmeasured.text()
    assert "p95 500 ms" in a_report().text()
