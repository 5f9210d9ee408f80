"""A first guess at a speaker's voice from their name and role, marked as a guess for a researcher to check."""

from __future__ import annotations

import re

from geo.core.records import Voice

# Words in a speaker's name or role that say whose voice it is, tried in order: the first
# that matches wins, so "nongovernmental" is read before "government" and "Russian Defense
# Ministry" before "ministry". A guess, always marked as one for a researcher to check.
_VOICE_CUES: tuple[tuple[Voice, re.Pattern[str]], ...] = tuple(
    (voice, re.compile(rf"\b(?:{cues})\b", re.I))
    for voice, cues in (
        (Voice.RUSSIA, r"russian?|moscow|kremlin|reconciliation cent(?:er|re)|hmeimim|khmeimim"),
        (Voice.STATE_MEDIA, r"sana|state media|state news|state television|official news agency|al-ikhbariya"),
        (
            Voice.NGO,
            r"nongovernmental|non-governmental|ngo|united nations|un|unicef|ocha|unhcr|msf|"
            r"human rights watch|amnesty|red crescent|charity|relief|aid (?:group|agency|worker)|organi[sz]ation",
        ),
        (
            Voice.OPPOSITION_ARMED,
            r"commander|fighter|rebels?|free syrian army|fsa|nlf|national liberation front|"
            r"national army|hayat tahrir|hts|faction|brigade|militant|jaish|military spokesman",
        ),
        (
            Voice.OPPOSITION_CIVIL,
            r"activists?|observatory|white helmets|civil defen[cs]e|local council|opposition|"
            r"coordination committee|media office",
        ),
        (Voice.ANALYST, r"analyst|expert|researcher|professor|scholar|fellow|think tank"),
        (
            Voice.GOVERNMENT,
            r"government|regime|minister|ministry|governor|syrian army|army|ambassador|official|"
            r"damascus|president|assad",
        ),
        (Voice.JOURNALIST, r"journalist|reporter|correspondent|photographer|reuters|afp|associated press"),
        (
            Voice.CIVILIAN,
            r"resident|residents|farmer|mother|father|displaced|lives|living|teacher|shopkeeper|"
            r"doctor|nurse|student|\d{1,2}",
        ),
    )
)


def guess_voice(name: str, role: str | None) -> Voice:
    """A first guess at a speaker's voice from their name and role; civilian when nothing says otherwise."""
    if role and re.match(r"\d{1,3}\b", role):
        return Voice.CIVILIAN  # "Jamal Barode, 30, ...": an age is how reports introduce private people
    said = f"{name} {role or ''}"
    return next((voice for voice, cue in _VOICE_CUES if cue.search(said)), Voice.CIVILIAN)
