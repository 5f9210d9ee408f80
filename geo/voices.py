"""Whose side each voice speaks for, and the places where the sides contradict each other."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from geo.model import Excerpt, Voice


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
    # Analysts and the journalist's own narration are reported, not taken as a side.
    Voice.ANALYST: Side.OTHER,
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
    Voice.JOURNALIST: "Journalist",
}

SIDE_LABELS = {
    Side.GOVERNMENT: "Government side",
    Side.OPPOSITION: "Opposition, civilians and NGOs",
    Side.OTHER: "Journalists and analysts",
}


@dataclass(frozen=True)
class SideStyle:
    """How a side is drawn: an Okabe-Ito colour for marks, a badge colour white text reads on."""

    colour: str
    text: str
    tint: str
    badge: str
    glyph: str


# Blue against vermillion is the pair colour-blind readers tell apart best; grey is neutral.
# Badges darken the vermillion so white text on it passes WCAG AA (5.5:1), and carry a
# glyph and the voice's name, so colour is never the only cue.
SIDE_STYLES = {
    Side.GOVERNMENT: SideStyle("#0072B2", "#ffffff", "#e3f0f8", badge="#0072B2", glyph="■"),
    Side.OPPOSITION: SideStyle("#D55E00", "#ffffff", "#fbeadf", badge="#B34700", glyph="▲"),
    Side.OTHER: SideStyle("#6e7781", "#ffffff", "#eef0f2", badge="#57606a", glyph="●"),
}


def voice_label(voice: Voice) -> str:
    """A voice's name after its side's glyph: "■ Russia"."""
    return f"{SIDE_STYLES[SIDES[voice]].glyph} {VOICE_LABELS[voice]}"


# The key to the glyphs, for help texts: "■ Government side · ▲ ...".
SIDE_KEY = " · ".join(f"{SIDE_STYLES[side].glyph} {SIDE_LABELS[side]}" for side in Side)

# The order voices are shown in: the government side, then the other, then bystanders.
VOICE_ORDER: tuple[Voice, ...] = tuple(
    sorted(Voice, key=lambda voice: list(Side).index(SIDES[voice]))
)


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


# Words in a speaker's name or role that say whose voice it is, tried in order: the first
# that matches wins, so "nongovernmental" is read before "government" and "Russian Defense
# Ministry" before "ministry". A guess, always marked as one for a researcher to check.
_VOICE_CUES: tuple[tuple[Voice, re.Pattern[str]], ...] = tuple(
    (voice, re.compile(rf"\b(?:{cues})\b", re.I))
    for voice, cues in (
        (Voice.RUSSIA, r"russian?|moscow|kremlin|reconciliation cent(?:er|re)|hmeimim|khmeimim"),
        (Voice.STATE_MEDIA, r"sana|state media|state news|state television|official news agency|al-ikhbariya"),
        (Voice.NGO, r"nongovernmental|non-governmental|ngo|united nations|un|unicef|ocha|unhcr|msf|"
                    r"human rights watch|amnesty|red crescent|charity|relief|aid (?:group|agency|worker)|organi[sz]ation"),
        (Voice.OPPOSITION_ARMED, r"commander|fighter|rebels?|free syrian army|fsa|nlf|national liberation front|"
                                 r"national army|hayat tahrir|hts|faction|brigade|militant|jaish|military spokesman"),
        (Voice.OPPOSITION_CIVIL, r"activists?|observatory|white helmets|civil defen[cs]e|local council|opposition|"
                                 r"coordination committee|media office"),
        (Voice.ANALYST, r"analyst|expert|researcher|professor|scholar|fellow|think tank"),
        (Voice.GOVERNMENT, r"government|regime|minister|ministry|governor|syrian army|army|ambassador|official|"
                           r"damascus|president|assad"),
        (Voice.JOURNALIST, r"journalist|reporter|correspondent|photographer|reuters|afp|associated press"),
        (Voice.CIVILIAN, r"resident|residents|farmer|mother|father|displaced|lives|living|teacher|shopkeeper|"
                         r"doctor|nurse|student|\d{1,2}"),
    )
)


def guess_voice(name: str, role: str | None) -> Voice:
    """A first guess at a speaker's voice from their name and role; civilian when nothing says otherwise."""
    if role and re.match(r"\d{1,3}\b", role):
        return Voice.CIVILIAN  # "Jamal Barode, 30, ...": an age is how reports introduce private people
    said = f"{name} {role or ''}"
    return next((voice for voice, cue in _VOICE_CUES if cue.search(said)), Voice.CIVILIAN)
