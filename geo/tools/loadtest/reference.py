"""The reference: what a lone session sees for every view of the plan, before the load begins."""

from __future__ import annotations

import random
from collections.abc import Set
from dataclasses import dataclass, replace

from geo.core.viewstate import PLACE_KEY
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.growth import growth_faults
from geo.tools.loadtest.plan import Plan, make_plan
from geo.tools.loadtest.session import Session
from geo.tools.loadtest.view import Fingerprint, View


@dataclass
class Reference:
    """What a lone session saw for a fresh page load and for every view of the plan."""

    load: Fingerprint
    views: dict[View, Fingerprint]
    seconds: list[float]
    # None while the folder stays as recorded; while editors accept sources naming these places,
    # a run is compared only in what they cannot change (growth.py).
    added_places: Set[str] | None = None

    def faults(self, seen: Fingerprint, expected: Fingerprint) -> list[str]:
        """How a run differs from what its view showed alone, beyond what editors may have added."""
        if self.added_places is None:
            return [] if seen == expected else ["it differs"]
        return growth_faults(seen, expected, self.added_places)

    def matching(self, seen: Fingerprint) -> list[str]:
        """The views whose reference is what was seen, for saying what a leaking session saw."""
        return [v.describe() for v, f in self.views.items() if not self.faults(seen, f)]


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
    """Places to open (the first: none) that the place box offers under every filter of the plan."""
    # A large atlas's place box lists only the first places in view, and a place is kept open
    # under a new filter only if it was open already; a place the box does not offer could
    # not be chosen by a reader, and whether it stays open would depend on the way there.
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
