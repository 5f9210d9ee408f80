"""The panel beside the map as HTML: a place's heading, then one page of its excerpts by side and voice.

The page lays these parts out with Streamlit (the two sides in columns, a button under each
excerpt); the benchmark joins them, so that what it weighs is what the page sends.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.core.records import Excerpt, Place, Source
from geo.core.sides import Side
from geo.core.tallies import Tally
from geo.render.popup import (
    PANEL_CSS,
    badge_html,
    claims_by_side,
    contested_note_html,
    excerpt_html,
    place_heading_html,
    side_heading_html,
)


@dataclass(frozen=True)
class VoiceGroup:
    """One voice's excerpts on a page: its badge, and each excerpt with its HTML."""

    badge: str
    excerpts: tuple[tuple[Excerpt, str], ...]


@dataclass(frozen=True)
class SideGroup:
    """One side's excerpts on a page: its heading (counting the side's excerpts in all) and its voices."""

    side: Side
    heading: str
    voices: tuple[VoiceGroup, ...]


@dataclass(frozen=True)
class PanelPage:
    """A page of the panel: its head, its sides' groups, and whether the two opposed sides stand side by side."""

    head: str
    sides: tuple[SideGroup, ...]
    side_by_side: bool

    def html(self) -> str:
        """Every part's HTML in the order the page sends it."""
        parts = [self.head]
        for group in self.sides:
            parts.append(group.heading)
            for voices in group.voices:
                parts.append(voices.badge)
                parts.extend(html for _, html in voices.excerpts)
        return "".join(parts)


def panel_head_html(place: Place, tally: Tally) -> str:
    """The panel's head: the place's names, and whether the sides contradict each other there."""
    head = place_heading_html(place) + (contested_note_html() if tally.contested else "")
    return f'{PANEL_CSS}<div class="geo-panel">{head}</div>'


def panel_page(place: Place, tally: Tally, shown: Sequence[Excerpt], sources: Mapping[str, Source]) -> PanelPage:
    """The panel's page of a place: headed by its tally (the view's counts), showing the excerpts of the page."""
    counts = tally.sides()
    groups = tuple(
        SideGroup(
            side,
            side_heading_html(side, counts[side]),
            tuple(
                VoiceGroup(badge_html(voice), tuple((e, excerpt_html(e, sources[e.source])) for e in group))
                for voice, group in voices.items()
            ),
        )
        for side, voices in claims_by_side(shown).items()
    )
    # The two sides' claims stand side by side where the place has both, on this page or not.
    return PanelPage(panel_head_html(place, tally), groups, tally.contested)
