"""A load test of the running app: many sessions at once change filters and open places.

Each client speaks the browser's own protocol over Streamlit's websocket (/_stcore/stream):
it sends BackMsg.rerun_script with the widget values, as the page would after a click, and
reads the ForwardMsgs the server sends back until script_finished. It learns the widgets'
ids and options from the elements the server sends, the way the page does.

Whether a session sees only its own filters is checked against a reference: before the
load, one lone session visits every view the clients will use and records what the server
sends for it (the link written back, the sidebar counts, the places on the map, and a digest
of the page's text and table). Under load, every rerun of every client must match the
reference for the view that client asked for; a rerun that shows another view is a leak.

It uses only Streamlit's wire protobufs (though importing them loads the package), never its
runtime: the app under test is a separate process, usually `streamlit run app.py` on a loopback port.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import math
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any, TypeVar
from urllib.parse import urlsplit

import psutil
from google.protobuf.message import DecodeError
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.typing import Subprotocol

from geo.core.filters import FILTERS, Control
from geo.core.viewstate import PLACE_KEY

STREAM_PATH = "_stcore/stream"
# The filters this test drives: every choice, and the search, as the table of filters names them.
FILTER_KEYS = tuple(row.key for row in FILTERS if row.control is Control.CHOICE)
SEARCH_KEY = next(row.key for row in FILTERS if row.control is Control.TEXT)
WIDGET_TYPES = {"text_input", "multiselect", "selectbox"}
# Elements whose content is the view: text, counts, the table. Widgets are left out (their
# echo of a value differs between a page's first run and later ones), and so are the map
# and the download buttons, which carry ids made afresh on every run.
CONTENT_TYPES = {"markdown", "html", "heading", "alert", "metric", "dataframe", "vega_lite_chart"}
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")
MAP_PLACE = re.compile(r"geo-place-([A-Za-z0-9_-]+)")
# What the page offers when the browser has no token yet; the server only reads it for logins.
NO_XSRF_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
MAX_MESSAGE_BYTES = 64 * 2**20
SEARCH_WORDS = ("crossing", "Khan", "civilians", "regime", "Russia")
T = TypeVar("T")


class LoadTestError(Exception):
    """The load test could not run: the app is unreachable or does not look like ours."""


@dataclass(frozen=True)
class View:
    """The widgets this test drives, as the labels the page shows: search, filters, open place."""

    q: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    place: str | None = None

    def chosen(self, key: str) -> tuple[str, ...]:
        """The labels chosen in one multiselect."""
        return dict(self.filters).get(key, ())

    def describe(self) -> str:
        """A short text for reports."""
        parts = [f"{key}={'|'.join(labels)}" for key, labels in self.filters if labels]
        parts += [f"q={self.q!r}"] if self.q else []
        parts += [f"place={self.place}"] if self.place else []
        return ", ".join(parts) or "(no filter)"


@dataclass(frozen=True)
class Fingerprint:
    """What the server showed after a run, reduced to what depends on the view."""

    query: str
    metrics: tuple[tuple[str, str], ...]
    map_places: tuple[str, ...]
    content: str


@dataclass
class Widgets:
    """The driven widgets' ids and options, as the last run drew them."""

    ids: dict[str, str] = field(default_factory=dict)
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Run:
    """One script run: how long it took, what it showed, what went wrong."""

    seconds: float
    fingerprint: Fingerprint
    problems: list[str]


class Session:
    """One browser tab: a websocket session that runs the page and remembers its URL."""

    def __init__(self, url: str, *, session_id: str | None = None, page_hash: str = "", timeout: float = 30.0) -> None:
        self.ws_url = stream_url(url)
        self.resume_id = session_id
        self.timeout = timeout
        self.session_id: str | None = None
        self.query = ""  # the address bar's query string, as the server last set it
        self.page_hash = page_hash  # "" asks for the default page, as a first load does
        self.widgets = Widgets()
        self._ws: ClientConnection | None = None

    async def open(self) -> None:
        """Connect, offering a session id to resume as the page does after a reconnect."""
        protocols = ["streamlit", NO_XSRF_TOKEN] + ([self.resume_id] if self.resume_id else [])
        self._ws = await connect(
            self.ws_url,
            subprotocols=[Subprotocol(p) for p in protocols],
            max_size=MAX_MESSAGE_BYTES,
            open_timeout=self.timeout,
        )

    async def close(self) -> None:
        """Leave, as a closed tab does."""
        if self._ws is not None:
            await self._ws.close()

    async def load(self) -> Run:
        """A fresh page load: the page's first run, and the run the map asks for once drawn."""
        first = await self.run(None)
        if first.problems or SEARCH_KEY in self.widgets.ids:
            return first
        # A session's first run draws the map and the panel alone; in a browser the map asks
        # for the rest once it is drawn, and this does as the map does.
        rest = await self.run(None)
        return Run(first.seconds + rest.seconds, rest.fingerprint, rest.problems)

    async def run(self, view: View | None) -> Run:
        """Rerun the page with a view's widget values (None: a fresh page load) and read it all."""
        if self._ws is None:
            raise LoadTestError("the session is not open")
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_script_hash = self.page_hash
        if view is not None:
            message.rerun_script.widget_states.widgets.extend(self.widget_states(view))
        started = time.monotonic()
        await self._ws.send(message.SerializeToString())
        async with asyncio.timeout(self.timeout):
            page, problems = await self._read_run()
        seconds = time.monotonic() - started
        self.widgets = discover_widgets(page.values())
        return Run(seconds, fingerprint(self.query, page), problems)

    async def _read_run(self) -> tuple[dict[tuple[int, ...], Element], list[str]]:
        """The elements a run drew, by position, and its problems, up to script_finished."""
        assert self._ws is not None
        page: dict[tuple[int, ...], Element] = {}
        problems: list[str] = []
        while True:
            raw = await self._ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                problems.append(f"page not found: {msg.page_not_found.page_name!r}")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                page[tuple(msg.metadata.delta_path)] = element
                problems += element_problems(element)
            elif kind == "script_finished":
                # A run already going when ours was asked for ends early, and ours follows it,
                # as a browser waits for it: what that run drew is not our page.
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    page.clear()
                    problems.clear()
                    continue
                if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    name = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    problems.append(f"script finished with {name}")
                return page, problems

    def widget_states(self, view: View) -> list[WidgetState]:
        """The values a page showing this view would send, one per driven widget."""
        ids = self.widgets.ids
        missing = [key for key in (SEARCH_KEY, PLACE_KEY, *FILTER_KEYS) if key not in ids]
        if missing:
            raise LoadTestError(f"the page drew no widget with key {', '.join(missing)}")
        states = [WidgetState(id=ids[SEARCH_KEY], string_value=view.q)]
        for key in FILTER_KEYS:
            state = WidgetState(id=ids[key])
            state.string_array_value.data.extend(view.chosen(key))
            states.append(state)
        # A cleared selectbox is a state with no value, which the server reads as None.
        place = WidgetState(id=ids[PLACE_KEY])
        if view.place is not None:
            place.string_value = view.place
        return [*states, place]


def stream_url(url: str) -> str:
    """The websocket address of an app's http(s) address."""
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    base = parts.path.rstrip("/")
    return f"{scheme}://{parts.netloc}{base}/{STREAM_PATH}"


def element_problems(element: Element) -> list[str]:
    """An exception or error box on the page is a failure of the run."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        return [f"exception: {element.exception.type}: {element.exception.message}"]
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return [f"error shown: {element.alert.body[:200]}"]
    return []


def discover_widgets(elements: Iterable[Element]) -> Widgets:
    """The driven widgets' ids and option labels, read from the elements the server sent."""
    found = Widgets()
    for element in elements:
        kind = element.WhichOneof("type")
        if kind not in WIDGET_TYPES:
            continue
        proto = element.text_input if kind == "text_input" else getattr(element, kind)
        widget_id: str = proto.id
        match = WIDGET_ID.match(widget_id)
        if match:
            key = match.group("key")
            found.ids[key] = widget_id
            if kind != "text_input":
                found.options[key] = tuple(proto.options)
    return found


def fingerprint(query: str, page: dict[tuple[int, ...], Element]) -> Fingerprint:
    """What a run showed that depends on the view: link, counts, map places, text and table."""
    digest = hashlib.sha256()
    metrics: list[tuple[str, str]] = []
    places: set[str] = set()
    for path in sorted(page):
        element = page[path]
        kind = element.WhichOneof("type")
        if kind == "metric":
            metrics.append((element.metric.label, element.metric.body))
        elif kind == "component_instance":
            places.update(MAP_PLACE.findall(element.component_instance.json_args))
        if kind in CONTENT_TYPES:
            digest.update(repr(path).encode())
            digest.update(getattr(element, kind).SerializeToString(deterministic=True))
    return Fingerprint(query, tuple(metrics), tuple(sorted(places)), digest.hexdigest()[:16])


# --------------------------------------------------------------------------- the views


@dataclass(frozen=True)
class Plan:
    """The views the clients move between: filter settings, and places to open under each."""

    filters: tuple[View, ...]
    places: tuple[str | None, ...]

    def views(self) -> list[View]:
        """Every view a client may ask for."""
        return [replace(f, place=p) for f, p in product(self.filters, self.places)]


def make_plan(widgets: Widgets, rng: random.Random, n_filters: int, n_places: int) -> Plan:
    """Filter settings (the first: none) and places (the first: none) drawn from the page's options."""
    missing = [key for key in (PLACE_KEY, *FILTER_KEYS) if key not in widgets.options]
    if missing:
        raise LoadTestError(f"the page drew no options for {', '.join(missing)}")
    filters = [View()]
    for _ in range(n_filters * 20):
        if len(filters) >= n_filters:
            break
        candidate = random_filter(widgets, rng)
        if candidate not in filters:
            filters.append(candidate)
    options = list(widgets.options[PLACE_KEY])
    places: list[str | None] = [None, *rng.sample(options, min(n_places - 1, len(options)))]
    return Plan(tuple(filters), tuple(places))


def random_filter(widgets: Widgets, rng: random.Random) -> View:
    """One or two of the filters set to a few of their options, sometimes with a search."""
    chosen: dict[str, tuple[str, ...]] = {}
    for key in rng.sample(FILTER_KEYS, rng.choice((1, 1, 2))):
        options = widgets.options[key]
        # Never every option: the page writes that the short way, as no filter at all.
        count = rng.randint(1, max(1, min(3, len(options) - 1)))
        picked = set(rng.sample(options, count))
        chosen[key] = tuple(o for o in options if o in picked)
    text = rng.choice(SEARCH_WORDS) if rng.random() < 0.3 else ""
    return View(q=text, filters=tuple((key, chosen.get(key, ())) for key in FILTER_KEYS))


def next_view(current: View, plan: Plan, step: int, rng: random.Random) -> View:
    """The next thing a reader does: change the filters on even steps, open a place on odd ones."""
    if step % 2 == 0:
        choices = [f for f in plan.filters if replace(f, place=None) != replace(current, place=None)]
        return replace(rng.choice(choices), place=current.place)
    places = [p for p in plan.places if p != current.place]
    if not places:  # no place is offered under every filter: change the filters instead
        return next_view(current, plan, step + 1, rng)
    return replace(current, place=rng.choice(places))


@dataclass
class Reference:
    """What a lone session saw for a fresh page load and for every view of the plan."""

    load: Fingerprint
    views: dict[View, Fingerprint]
    seconds: list[float]

    def matching(self, seen: Fingerprint) -> list[str]:
        """The views whose reference is what was seen, for saying what a leaking session saw."""
        return [v.describe() for v, f in self.views.items() if f == seen]


async def build_reference(
    url: str, plan_from: random.Random, n_filters: int, n_places: int, timeout: float
) -> tuple[Plan, Reference]:
    """Load the page once, draw the plan from its options, and record every view alone."""
    session = Session(url, timeout=timeout)
    await session.open()
    try:
        load = await session.load()
        if load.problems:
            raise LoadTestError(f"the page fails on its own: {'; '.join(load.problems)}")
        plan = make_plan(session.widgets, plan_from, n_filters, n_places)
        plan = replace(plan, places=await _places_offered_everywhere(session, plan, plan_from, n_places))
        views: dict[View, Fingerprint] = {}
        seconds = []
        for view in plan.views():
            run = await session.run(view)
            if run.problems:
                raise LoadTestError(f"the page fails on its own for {view.describe()}: {'; '.join(run.problems)}")
            views[view] = run.fingerprint
            seconds.append(run.seconds)
        return plan, Reference(load.fingerprint, views, seconds)
    finally:
        await session.close()


async def _places_offered_everywhere(
    session: Session, plan: Plan, rng: random.Random, n_places: int
) -> tuple[str | None, ...]:
    """Places to open (the first: none) that the place box offers under every filter of the plan.

    A large atlas's place box lists only the first places in view, and a place is kept open
    under a new filter only if it was open already; a place the box does not offer could
    not be chosen by a reader, and whether it stays open would depend on the way there.
    """
    offered: set[str] | None = None
    for view in plan.filters:
        run = await session.run(view)
        if run.problems:
            raise LoadTestError(f"the page fails on its own for {view.describe()}: {'; '.join(run.problems)}")
        here = set(session.widgets.options.get(PLACE_KEY, ()))
        offered = here if offered is None else offered & here
    everywhere = [p for p in plan.places if p is not None and p in (offered or set())]
    extra = sorted((offered or set()) - set(everywhere))
    more = rng.sample(extra, min(max(0, n_places - 1 - len(everywhere)), len(extra)))
    return (None, *everywhere, *more)


# --------------------------------------------------------------------------- the clients


@dataclass
class Tally:
    """What all the clients found, shared between them (one event loop, so no locks)."""

    rerun_seconds: list[float] = field(default_factory=list)
    load_seconds: list[float] = field(default_factory=list)
    reruns: dict[int, int] = field(default_factory=dict)
    first_rerun_at: dict[int, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    session_ids: dict[str, int] = field(default_factory=dict)


@dataclass
class Client:
    """One simulated reader, its own random walk through the plan's views."""

    index: int
    url: str
    plan: Plan
    reference: Reference
    tally: Tally
    rng: random.Random
    timeout: float = 30.0
    # For tests: resume this session, on this page, as a reconnecting tab does.
    session_id: str | None = None
    page_hash: str = ""

    async def drive(self, until: float, max_reruns: int) -> None:
        """Load the page, then change views until the deadline; any failure ends this client."""
        session = Session(self.url, session_id=self.session_id, page_hash=self.page_hash, timeout=self.timeout)
        self.tally.reruns[self.index] = 0
        try:
            await session.open()
            load = await session.load()
            self.tally.load_seconds.append(load.seconds)
            self.note_session(session.session_id)
            self.check(load, View(), self.reference.load)
            view = View()
            for step in range(max_reruns):
                if time.monotonic() >= until:
                    break
                view = next_view(view, self.plan, step, self.rng)
                run = await session.run(view)
                self.tally.rerun_seconds.append(run.seconds)
                self.tally.reruns[self.index] += 1
                self.tally.first_rerun_at.setdefault(self.index, time.monotonic())
                self.check(run, view, self.reference.views[view])
        except TimeoutError:
            self.tally.errors.append(f"client {self.index}: no script_finished within {self.timeout:.0f} s")
        except (OSError, WebSocketException, DecodeError, LoadTestError) as error:
            self.tally.errors.append(f"client {self.index}: {type(error).__name__}: {error}")
        finally:
            await session.close()

    def note_session(self, session_id: str | None) -> None:
        """Two clients given one session would share its state: that is a leak in itself."""
        if session_id is None:
            self.tally.errors.append(f"client {self.index}: the server sent no session id")
        elif (other := self.tally.session_ids.setdefault(session_id, self.index)) != self.index:
            self.tally.leaks.append(f"client {self.index} was given client {other}'s session {session_id}")

    def check(self, run: Run, view: View, expected: Fingerprint) -> None:
        """Record the run's problems, and a leak if it showed anything but this client's view."""
        self.tally.errors += [f"client {self.index} ({view.describe()}): {p}" for p in run.problems]
        seen = run.fingerprint
        # A run that failed is an error already; what it showed is no evidence of a leak.
        if seen != expected and not run.problems:
            others = self.reference.matching(seen)
            shown = f"the view of {others[0]}" if others else f"a view no lone session showed ({seen})"
            self.tally.leaks.append(f"client {self.index} asked for {view.describe()} and saw {shown}")


# --------------------------------------------------------------------------- memory


def listening_pid(port: int) -> int | None:
    """The process listening on a TCP port of this machine."""
    for connection in psutil.net_connections(kind="tcp"):
        if connection.status == psutil.CONN_LISTEN and connection.laddr and connection.laddr.port == port:
            return connection.pid
    return None


def server_pid(url: str) -> int | None:
    """The process serving a loopback address; none for another machine's."""
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return None
    return listening_pid(parts.port or (443 if parts.scheme == "https" else 80))


def rss_bytes(pid: int) -> int | None:
    """A process's resident memory (None once it is gone, or not ours to look at)."""
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except psutil.Error:
        return None


@dataclass
class MemorySamples:
    """RSS samples of the server, each with the time it was taken."""

    pid: int | None
    samples: list[tuple[float, int]] = field(default_factory=list)

    def take(self) -> None:
        """One sample now."""
        if self.pid is not None and (rss := rss_bytes(self.pid)) is not None:
            self.samples.append((time.monotonic(), rss))

    async def every(self, interval: float) -> None:
        """Sample until cancelled."""
        while True:
            self.take()
            await asyncio.sleep(interval)

    def at(self, moment: float) -> int | None:
        """The first sample taken at or after a moment (else the last)."""
        later = [rss for at, rss in self.samples if at >= moment]
        return later[0] if later else self.last(moment)

    def last(self, moment: float = math.inf) -> int | None:
        """The last sample taken at or before a moment."""
        earlier = [rss for at, rss in self.samples if at <= moment]
        return earlier[-1] if earlier else None


# --------------------------------------------------------------------------- the report


@dataclass
class Report:
    """The figures of one load test."""

    url: str
    clients: int
    seconds: float
    views: int
    reruns_per_client: list[int]
    errors: list[str]
    leaks: list[str]
    rerun_seconds: list[float]
    load_seconds: list[float]
    reference_seconds: list[float]
    pid: int | None
    rss_start: int | None
    warm_after: float  # seconds into the run when the memory baseline was taken
    rss_warm: int | None
    rss_end: int | None
    rss_peak: int | None
    rss_tolerance: float
    # What the clients were checked against, kept so a test can reuse it.
    plan: Plan = field(repr=False)
    reference: Reference = field(repr=False)

    @property
    def reruns(self) -> int:
        """Reruns over all clients (the page loads not counted)."""
        return sum(self.reruns_per_client)

    @property
    def rss_flat(self) -> bool | None:
        """Whether the server's memory at the end stayed within the tolerance of after warm-up."""
        if self.rss_warm is None or self.rss_end is None:
            return None
        return self.rss_end <= self.rss_warm * (1 + self.rss_tolerance)

    @property
    def ok(self) -> bool:
        """No errors, no leaks, every client reran, and memory flat (or not measured)."""
        ran = bool(self.reruns_per_client) and min(self.reruns_per_client) > 0
        return not self.errors and not self.leaks and ran and self.rss_flat is not False

    def text(self) -> str:
        """The report as lines of text."""
        lines = [
            f"load test of {self.url}: {self.clients} clients for {self.seconds:.0f} s over {self.views} views",
            f"reruns: {self.reruns} ({min(self.reruns_per_client, default=0)}-"
            f"{max(self.reruns_per_client, default=0)} per client), {self.reruns / max(self.seconds, 1e-9):.1f}/s",
            f"rerun time: p50 {ms(percentile(self.rerun_seconds, 50))}, p95 {ms(percentile(self.rerun_seconds, 95))}, "
            f"max {ms(max(self.rerun_seconds, default=math.nan))}",
            f"page load: p50 {ms(percentile(self.load_seconds, 50))}, "
            f"max {ms(max(self.load_seconds, default=math.nan))}; "
            f"a lone session's rerun: p50 {ms(percentile(self.reference_seconds, 50))}",
            f"errors: {len(self.errors)}",
            *[f"  {e}" for e in self.errors[:10]],
            f"leaks (a session shown another's view): {len(self.leaks)}",
            *[f"  {leak}" for leak in self.leaks[:10]],
            self.memory_line(),
            "OK" if self.ok else "FAILED",
        ]
        return "\n".join(lines)

    def memory_line(self) -> str:
        """Server memory at start, after warm-up and at the end, and whether it stayed flat."""
        if self.rss_start is None:
            return "server memory: not measured (no pid found; pass --pid)"
        if self.rss_flat is None:
            return f"server memory: no baseline, the clients were still warming up at the end ({mib(self.rss_end)})"
        verdict = "flat" if self.rss_flat else "GREW"
        return (
            f"server RSS (pid {self.pid}): start {mib(self.rss_start)}, after warm-up ({self.warm_after:.0f} s) "
            f"{mib(self.rss_warm)}, end {mib(self.rss_end)}, peak {mib(self.rss_peak)}: {verdict} "
            f"(tolerance {self.rss_tolerance:.0%} over after warm-up)"
        )


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile, by the inclusive method (NaN for no values)."""
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return "n/a" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms"


def mib(size: int | None) -> str:
    """Bytes as MiB."""
    return "n/a" if size is None else f"{size / 2**20:.0f} MiB"


# --------------------------------------------------------------------------- the orchestrator


@dataclass(frozen=True)
class Settings:
    """How a load test runs, beyond its size: the plan's size, time limits and tolerances."""

    filters: int = 6  # filter settings in the plan, the first being none
    places: int = 4  # places to open under each, the first being none
    # Seconds before the memory baseline, which also waits for every client's first rerun;
    # default a quarter of the run, at most 15.
    warmup: float | None = None
    timeout: float = 30.0  # the longest a run may take before it counts as an error
    max_reruns: int = 100_000  # per client, so a very fast app still ends
    rss_tolerance: float = 0.10  # growth over the after-warm-up RSS still called flat


async def run_load_async(
    url: str,
    clients: int = 25,
    seconds: float = 60.0,
    seed: int = 0,
    pid: int | None = None,
    settings: Settings = Settings(),
) -> Report:
    """Record the plan's views alone, then run the clients at once for `seconds`, sampling RSS."""
    pid = pid if pid is not None else server_pid(url)
    memory = MemorySamples(pid)
    memory.take()
    plan, reference = await build_reference(
        url, random.Random(seed), settings.filters, settings.places, settings.timeout
    )
    tally = Tally()
    team = [
        Client(i, url, plan, reference, tally, random.Random(f"{seed}-{i}"), settings.timeout) for i in range(clients)
    ]
    sampler = asyncio.create_task(memory.every(1.0))
    started = time.monotonic()
    until = started + seconds
    try:
        # A bound on the whole: each client's last run may start just before the deadline.
        async with asyncio.timeout(seconds + 2 * settings.timeout + 30):
            await asyncio.gather(*(client.drive(until, settings.max_reruns) for client in team))
    finally:
        memory.take()
        sampler.cancel()
    warm_at = warmed_up(started, seconds, settings.warmup, tally.first_rerun_at, clients)
    return Report(
        url=url,
        clients=clients,
        seconds=time.monotonic() - started,
        views=len(plan.views()),
        reruns_per_client=[tally.reruns.get(i, 0) for i in range(clients)],
        errors=tally.errors,
        leaks=tally.leaks,
        rerun_seconds=tally.rerun_seconds,
        load_seconds=tally.load_seconds,
        reference_seconds=reference.seconds,
        pid=pid,
        rss_start=memory.samples[0][1] if memory.samples else None,
        warm_after=warm_at - started,
        rss_warm=memory.at(warm_at) if warm_at < until else None,
        rss_end=memory.last(until),
        rss_peak=max((rss for _, rss in memory.samples), default=None),
        rss_tolerance=settings.rss_tolerance,
        plan=plan,
        reference=reference,
    )


def warmed_up(
    started: float, seconds: float, warmup: float | None, first_rerun_at: dict[int, float], clients: int
) -> float:
    """When the memory baseline is taken: after the warm-up time and every client's first rerun."""
    at = started + (warmup if warmup is not None else min(15.0, seconds / 4))
    # Under heavy load the page loads alone can take longer than the warm-up time.
    if len(first_rerun_at) == clients:
        at = max(at, *first_rerun_at.values())
    return at


def run_load(url: str, **options: Any) -> Report:
    """Run the load test against an app's address and return its report (options as run_load_async takes them)."""
    return run_async(lambda: run_load_async(url, **options))


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end on a loop of its own thread.

    asyncio.run refuses to start where a loop is already running in the calling thread, as
    Playwright's sync API leaves one for the rest of a test session, or a notebook does.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loadtest") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: print the report; exit 1 when it found errors, leaks or growing memory."""
    parser = argparse.ArgumentParser(prog="python -m geo.tools.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the app, e.g. http://127.0.0.1:8501")
    parser.add_argument("--clients", type=int, default=25, help="concurrent sessions (25)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they run (60)")
    parser.add_argument("--seed", type=int, default=0, help="the random walks' seed (0)")
    parser.add_argument("--pid", type=int, help="the server's process (default: whoever listens on the port)")
    args = parser.parse_args(argv)
    try:
        report = run_load(args.url, clients=args.clients, seconds=args.seconds, seed=args.seed, pid=args.pid)
    except (LoadTestError, OSError, WebSocketException, DecodeError, TimeoutError) as error:
        print(f"load test failed to run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report.text())
    return 0 if report.ok else 1
