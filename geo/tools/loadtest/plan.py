"""The views the clients move between, drawn from the page's options, and a reader's next step."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from itertools import product

from geo.core.viewstate import PLACE_KEY
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.page import Widgets
from geo.tools.loadtest.view import FILTER_KEYS, View

SEARCH_WORDS = ("crossing", "Khan", "civilians", "regime", "Russia")


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
