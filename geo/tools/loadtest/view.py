"""What a reader asks of the page (a view), and what a run of the page showed for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.core.filters import FILTERS, Control

# The filters this test drives: every choice, and the search, as the table of filters names them.
FILTER_KEYS = tuple(row.key for row in FILTERS if row.control is Control.CHOICE)
SEARCH_KEY = next(row.key for row in FILTERS if row.control is Control.TEXT)


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
class Run:
    """One script run: how long it took, what it showed, what went wrong, and any marker in what came."""

    seconds: float
    fingerprint: Fingerprint
    problems: list[str]
    markers: list[str] = field(default_factory=list)
