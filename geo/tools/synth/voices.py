"""Who speaks in the articles: each voice's kind of excerpt, its weight, its roles and what it says."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from geo.core.records import ExcerptKind, Voice

QUOTES_OPPOSITION = [
    "We stayed in {p} until the strikes reached our street.",
    "Nobody has crossed from {p} to the government side, whatever they say.",
    "The planes come every night over {p}; there is nowhere safe.",
    "We left {p} with nothing but our papers.",
    "There is no bread in {p}, and the water station is out of service.",
]
QUOTES_OPPOSITION_MORE = [
    "My children have not slept properly for weeks.",
    "We would rather live in a tent than go back under the regime.",
    "Nobody came to help us.",
    "Everyone I know has left.",
    "We do not trust their promises of safe passage.",
    "The roads are watched, and anyone who moves is a target.",
]
QUOTES_GOVERNMENT = [
    "The army has restored security to {p}, and civilians are returning to their homes.",
    "The humanitarian corridor near {p} is open, and the terrorists are preventing people from leaving.",
    "Units of the armed forces cleared {p} of terrorist groups.",
    "Services are being restored in {p}, and the road is open to traffic.",
]
QUOTES_GOVERNMENT_MORE = [
    "The state guarantees the safety of everyone who comes back.",
    "Buses are waiting to take families to shelters.",
    "The militants are using civilians as human shields.",
]
QUOTES_ARMED = [
    "Our fighters repelled an attack on {p} and inflicted heavy losses on the regime.",
    "The regime has not taken {p}; the fighting continues.",
]
QUOTES_NGO = [
    "Our teams in {p} report that {n} families arrived in the past week.",
    "The clinic in {p} has run out of insulin and antibiotics.",
]
QUOTES_ANALYST = [
    "Whoever holds {p} controls the road to the north.",
    "The fight for {p} is about the highway more than the place itself.",
]
QUOTES_NEUTRAL_MORE = [
    "The numbers are rising every day.",
    "Winter will make it much worse.",
    "None of this is new, but the scale is.",
]

# Voice, excerpt kind, weight, roles ({p} a place, {gov} its governorate) and quotations.
Speaker = tuple[Voice, ExcerptKind, float, list[str], list[str], list[str]]
VOICES: list[Speaker] = [
    (Voice.JOURNALIST, ExcerptKind.REPORT, 0.40, [], [], []),
    (
        Voice.CIVILIAN,
        ExcerptKind.TESTIMONY,
        0.17,
        ["a resident of {p}", "a farmer from {p}", "a teacher who fled {p}", "a mother of {n}"],
        QUOTES_OPPOSITION,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.OPPOSITION_CIVIL,
        ExcerptKind.TESTIMONY,
        0.12,
        ["an activist based in {p}", "a member of the local council in {p}", "a media activist in {gov}"],
        QUOTES_OPPOSITION,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.OPPOSITION_ARMED,
        ExcerptKind.STATEMENT,
        0.07,
        ["a spokesperson for an opposition faction", "a field commander in the {gov} countryside"],
        QUOTES_ARMED,
        QUOTES_OPPOSITION_MORE,
    ),
    (
        Voice.GOVERNMENT,
        ExcerptKind.STATEMENT,
        0.08,
        ["governor of {gov}", "a military source", "an official of the {gov} governorate"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.RUSSIA,
        ExcerptKind.STATEMENT,
        0.05,
        ["an officer of the Russian military mission", "a spokesman for Russia's reconciliation centre"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.STATE_MEDIA,
        ExcerptKind.STATEMENT,
        0.05,
        ["a correspondent for state television", "a reporter for the official news agency"],
        QUOTES_GOVERNMENT,
        QUOTES_GOVERNMENT_MORE,
    ),
    (
        Voice.NGO,
        ExcerptKind.STATEMENT,
        0.04,
        ["a coordinator for a relief group working in {gov}", "a doctor with a medical charity"],
        QUOTES_NGO,
        QUOTES_NEUTRAL_MORE,
    ),
    (
        Voice.ANALYST,
        ExcerptKind.STATEMENT,
        0.02,
        ["a researcher who studies northern Syria", "an analyst of the conflict"],
        QUOTES_ANALYST,
        QUOTES_NEUTRAL_MORE,
    ),
]
VOICE_WEIGHTS = list(accumulate(row[2] for row in VOICES))
# The voices a shape draws from, and their cumulative weights.
Speakers = tuple[Sequence[Speaker], Sequence[float]]
