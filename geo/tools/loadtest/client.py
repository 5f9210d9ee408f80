"""The simulated readers, and the tally of what they all found."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from google.protobuf.message import DecodeError
from websockets.exceptions import WebSocketException

from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.plan import Plan, next_view
from geo.tools.loadtest.reference import Reference
from geo.tools.loadtest.session import Session
from geo.tools.loadtest.view import Fingerprint, Run, View


@dataclass
class Tally:
    """What all the clients found, shared between them (one event loop, so no locks)."""

    rerun_seconds: list[float] = field(default_factory=list)
    load_seconds: list[float] = field(default_factory=list)
    reruns: dict[int, int] = field(default_factory=dict)
    first_rerun_at: dict[int, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    drafts_shown: list[str] = field(default_factory=list)  # a marker in what a reader received
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
        """Record the run's problems, any draft it showed, and a leak if it showed anything but this client's view."""
        self.tally.errors += [f"client {self.index} ({view.describe()}): {p}" for p in run.problems]
        self.tally.drafts_shown += [f"client {self.index} ({view.describe()}) received {m}" for m in run.markers]
        seen = run.fingerprint
        # A run that failed is an error already; what it showed is no evidence of a leak.
        faults = [] if run.problems else self.reference.faults(seen, expected)
        if faults:
            others = self.reference.matching(seen)
            if others:
                shown = f"the view of {others[0]}"
            elif self.reference.added_places is None:
                shown = f"a view no lone session showed ({seen})"
            else:
                shown = f"a view its reference cannot grow into: {'; '.join(faults)}"
            self.tally.leaks.append(f"client {self.index} asked for {view.describe()} and saw {shown}")
