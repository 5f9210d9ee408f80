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
        (
            Voice.RUSSIA,
            r"russian?|moscow|kremlin|reconciliation cent(?:er|re)|hmeimim|khmeimim|sputnik|tass|ria novosti|"
            r"russia today|(?-i:RT)",
        ),
        (
            Voice.STATE_MEDIA,
            r"sana|state media|state news|state television|state tv|official news agency|al-ikhbariya|"
            r"syrian arab news agency|syrian tv|syrian television|al-watan|tishreen|al-thawra",
        ),
        (
            Voice.NGO,
            r"nongovernmental|non-governmental|ngos?|united nations|un|unicef|ocha|unhcr|msf|(?-i:WHO)|wfp|icrc|unrwa|"
            r"world health organi[sz]ation|world food programme|red cross|red crescent|"
            r"office for the coordination of humanitarian affairs|humanitarian (?:agency|organi[sz]ation|group|"
            r"coordinator|affairs)|doctors without borders|m[ée]decins sans fronti[èe]res|save the children|"
            r"norwegian refugee council|mercy corps|sams|uossm|white helmets|civil defen[cs]e|"
            r"syrian observatory|observatory|sohr|war monitor|monitoring group|rights group|"
            r"syrian network for human rights|snhr|response coordinators|"
            r"human rights watch|amnesty|charity|relief|aid (?:group|agency|worker)|organi[sz]ation",
        ),
        (
            Voice.OPPOSITION_ARMED,
            r"commander|fighters?|rebels?|free syrian army|fsa|nlf|national liberation front|"
            r"national front for liberation|national army|syrian national army|hayat tahrir|tahrir al-sham|hts|"
            r"jaish|faylaq|sham legion|ahrar al-sham|jabhat|insurgents?|armed (?:group|opposition)|"
            r"rebel group|opposition factions?|faction|brigade|militant|military spokesman",
        ),
        (
            Voice.OPPOSITION_CIVIL,
            r"activists?|local council|opposition|coordination committee|media office|interim government|"
            r"salvation government|syrian national coalition",
        ),
        (Voice.ANALYST, r"analyst|expert|researcher|professor|scholar|fellow|think tank"),
        (
            Voice.GOVERNMENT,
            r"government|regime|minister|ministry|governor|syrian army|syrian arab army|army command|"
            r"general command|army|armed forces|military source|ambassador|official|damascus|president|assad|"
            r"national defen[cs]e forces|republican guard|tiger forces",
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
