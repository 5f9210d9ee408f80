"""Whose side each voice speaks for, and the places where the sides contradict each other."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from geo.core.records import Excerpt, Voice


class Side(StrEnum):
    """The camps whose claims about a place are weighed against each other."""

    GOVERNMENT = "government"
    OPPOSITION = "opposition"
    OTHER = "other"


SIDES: dict[Voice, Side] = {
    Voice.GOVERNMENT: Side.GOVERNMENT,
    Voice.RUSSIA: Side.GOVERNMENT,
    Voice.STATE_MEDIA: Side.GOVERNMENT,
    Voice.OPPOSITION_ARMED: Side.OPPOSITION,
    Voice.OPPOSITION_CIVIL: Side.OPPOSITION,
    Voice.CIVILIAN: Side.OPPOSITION,
    Voice.NGO: Side.OPPOSITION,
    # Analysts and the journalist's own narration are reported, not taken as a side; so are
    # foreign states, which back one side or the other by turns (Russia, fighting for the
    # government, is its own voice on the government side).
    Voice.ANALYST: Side.OTHER,
    Voice.FOREIGN_STATE: Side.OTHER,
    Voice.JOURNALIST: Side.OTHER,
}

VOICE_LABELS = {
    Voice.OPPOSITION_ARMED: "Armed opposition",
    Voice.OPPOSITION_CIVIL: "Opposition activist",
    Voice.CIVILIAN: "Civilian",
    Voice.GOVERNMENT: "Syrian government",
    Voice.RUSSIA: "Russia",
    Voice.STATE_MEDIA: "State media",
    Voice.NGO: "NGO",
    Voice.ANALYST: "Analyst",
    Voice.FOREIGN_STATE: "Foreign state",
    Voice.JOURNALIST: "Journalist",
}

SIDE_LABELS = {
    Side.GOVERNMENT: "Government side",
    Side.OPPOSITION: "Opposition, civilians and NGOs",
    Side.OTHER: "Journalists, analysts and foreign states",
}


# The order voices are shown in: the government side, then the other, then bystanders.
VOICE_ORDER: tuple[Voice, ...] = tuple(sorted(Voice, key=lambda voice: list(Side).index(SIDES[voice])))


def sides_of(excerpts: Iterable[Excerpt]) -> frozenset[Side]:
    """The sides that make claims in these excerpts."""
    return frozenset(SIDES[e.voice] for e in excerpts)


def is_contested(excerpts: Iterable[Excerpt]) -> bool:
    """Whether both the government side and the opposition side make claims here."""
    return {Side.GOVERNMENT, Side.OPPOSITION} <= sides_of(excerpts)


def by_voice(excerpts: Iterable[Excerpt]) -> dict[Voice, list[Excerpt]]:
    """The excerpts grouped by voice, in VOICE_ORDER, each group in its given order."""
    groups: dict[Voice, list[Excerpt]] = {voice: [] for voice in VOICE_ORDER}
    for excerpt in excerpts:
        groups[excerpt.voice].append(excerpt)
    return {voice: group for voice, group in groups.items() if group}
