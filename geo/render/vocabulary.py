"""The words and styles the pages use for the records' vocabulary: kinds, voices and sides."""

from __future__ import annotations

from dataclasses import dataclass

from geo.core.records import ExcerptKind, PlaceKind, Voice
from geo.core.sides import SIDE_LABELS, SIDES, VOICE_LABELS, Side

KIND_LABELS = {
    PlaceKind.CROSSING: "Crossing",
    PlaceKind.CITY: "City",
    PlaceKind.TOWN: "Town",
    PlaceKind.VILLAGE: "Village",
    PlaceKind.REGION: "Region",
    PlaceKind.MOUNTAINS: "Mountains",
    PlaceKind.MILITARY_BASE: "Military base",
    PlaceKind.COUNTRY: "Country",
}

EXCERPT_KIND_LABELS = {
    ExcerptKind.REPORT: "Report (the journalist)",
    ExcerptKind.TESTIMONY: "Testimony (a witness)",
    ExcerptKind.STATEMENT: "Statement (an official or body)",
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
