"""Reading an article off the page's script thread: progress in order, faults reported in words."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from geo.core.settings import BUNDLED_DATA
from geo.ingest.draft import Draft, IngestError, Metadata
from geo.web.ingesting import LOADING, IngestFailed, Job, follow, start, warm_up

META = Metadata(id="wire-2020-02-saraqib", title="Saraqib", outlet="Wire", published="2020-02")
ARTICLE = (
    "Shelling hit Saraqib on Monday, and families fled towards Idlib city.\n\n"
    "“We left Saraqib with nothing,” Huda Kanaan, a teacher from Saraqib, told Wire.\n"
)
STEPS = [(0.0, "Finding quotations and speakers…"), (0.3, "Finding places…"), (0.75, "Making excerpts…")]


def slow_job(steps: list[tuple[float, str]], outcome: Draft | BaseException) -> Job:
    """A job whose 'worker' is a thread reporting each step a little apart, then finishing."""
    future: Future[Draft] = Future()
    job = Job(1, future)

    def work() -> None:
        for fraction, step in steps:
            time.sleep(0.03)
            job.report(fraction, step)
        time.sleep(0.03)
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)

    threading.Thread(target=work, daemon=True).start()
    return job


def test_follow_shows_each_step_in_order_and_returns_the_draft() -> None:
    made = Draft("text", {}, None, (), 0)  # type: ignore[arg-type]
    shown: list[tuple[float, str]] = []
    assert follow(slow_job(STEPS, made), lambda f, s: shown.append((f, s)), every=0.005) is made
    assert shown[0] == (0.0, "Waiting for the reader…")
    assert [step for step in shown if step in STEPS] == STEPS  # every step, none twice, in order
    assert shown[-1] == (1.0, "Read: 0 excerpts")
    assert [f for f, _ in shown] == sorted(f for f, _ in shown)


@pytest.mark.parametrize(
    ("reports", "latest"),
    [
        ([(0.2, "a"), (0.5, "b")], (0.5, "b")),
        ([(0.5, "b"), (0.2, "a")], (0.5, "b")),  # a step reported late never takes the bar back
        ([(0.5, "b"), (0.5, "c")], (0.5, "c")),
    ],
)
def test_a_job_keeps_its_furthest_step(reports: list[tuple[float, str]], latest: tuple[float, str]) -> None:
    job = Job(1, Future())
    for fraction, step in reports:
        job.report(fraction, step)
    assert job.progress() == latest


def test_a_fault_in_the_article_reaches_the_page_as_it_is() -> None:
    job = slow_job(STEPS[:1], IngestError("no passage of the article names a place"))
    with pytest.raises(IngestError, match="names a place"):
        follow(job, lambda f, s: None, every=0.005)


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (AssertionError("excerpt x-01 is not verbatim"), "ingest failed: AssertionError: excerpt x-01 is not verbatim"),
        (MemoryError(), "ingest failed: MemoryError"),
        (BrokenProcessPool("gone"), "the reader stopped before it finished"),
    ],
)
def test_any_other_failure_is_a_message_not_a_traceback(failure: BaseException, said: str) -> None:
    crashed: list[bool] = []
    job = slow_job(STEPS[:2], failure)
    job.on_crash = lambda: crashed.append(True)
    with pytest.raises(IngestFailed) as caught:
        follow(job, lambda f, s: None, every=0.005)
    assert str(caught.value).startswith(said)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert crashed == ([True] if isinstance(failure, BrokenProcessPool) else [])


def test_the_worker_reads_an_article_reporting_its_progress() -> None:
    shown: list[tuple[float, str]] = []
    made = follow(start(str(BUNDLED_DATA), "v1", ARTICLE, META), lambda f, s: shown.append((f, s)), every=0.02)
    assert {p for e in made.excerpts for p in e.places} >= {"saraqib"}
    assert any(e.speaker == "Huda Kanaan" for e in made.excerpts)
    assert [f for f, _ in shown] == sorted(f for f, _ in shown)
    assert shown[-1] == (1.0, f"Read: {len(made.excerpts)} excerpts")
    assert any(0.0 <= f < 1.0 and step != "Waiting for the reader…" for f, step in shown)  # the worker's own steps


def test_a_fault_found_in_the_worker_reaches_the_page() -> None:
    with pytest.raises(IngestError, match="no passage of the article names a place"):
        follow(start(str(BUNDLED_DATA), "v1", "Nothing happened anywhere today.\n", META), lambda f, s: None)


def test_a_warmed_worker_reads_the_first_article_without_loading_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every step the worker reports, as it comes in: a poll would miss a loading done in a blink.
    reported: list[str] = []
    report = Job.report
    monkeypatch.setattr(Job, "report", lambda job, fraction, step: (reported.append(step), report(job, fraction, step)))
    warming = warm_up(str(BUNDLED_DATA), "warm-v1")
    assert warm_up(str(BUNDLED_DATA), "warm-v1") is warming, "asked twice, loaded once"
    warming.result(timeout=600)
    made = follow(start(str(BUNDLED_DATA), "warm-v1", ARTICLE, META), lambda f, s: None, every=0.02)
    # The steps come back on a listener thread, which may hand them over after the draft is done.
    waited = time.monotonic() + 5
    while not reported and time.monotonic() < waited:
        time.sleep(0.02)
    assert made.excerpts, "the article was read"
    assert LOADING not in reported


def test_an_article_queued_behind_the_warming_says_what_it_waits_for() -> None:
    warming = warm_up(str(BUNDLED_DATA), "warm-v3")
    job = start(str(BUNDLED_DATA), "warm-v3", ARTICLE, META)
    first = job.progress()
    warming.result(timeout=600)
    follow(job, lambda f, s: None)
    assert first == (0.0, LOADING)
