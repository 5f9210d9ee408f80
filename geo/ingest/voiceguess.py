"""A first guess at a speaker's voice from their name and role, marked as a guess for a researcher to check."""

from __future__ import annotations

import re

from geo.core.records import Voice
from geo.ingest.speakers import countries_named

# A state other than Syria and Russia, as a name or its adjective; "US" and "UK" only in capitals,
# never the word "us". Not "Turkish-backed" or "US-led": those are who a state backs, not the state.
_STATE = (
    r"(?:turk(?:ey|ish)|iran(?:ian)?|(?-i:US|U\.S\.|UK)|united states|american|israel(?:i)?|jordan(?:ian)?|"
    r"iraq(?:i)?|leban(?:on|ese)|saudi(?: arabia)?|qatar(?:i)?|emirati|(?-i:UAE)|egypt(?:ian)?|france|french|"
    r"britain|british|german(?:y)?|chin(?:a|ese))(?![-\w])(?:['’]s)?"
)
# What of a state speaks: its ministries, officials and forces.
_ORGAN = (
    r"(?:government|ministry|minister|president|presidency|embassy|ambassador|envoy|official|officials|"
    r"spokes(?:man|woman|person)|state department|army|military|armed forces|forces|troops|navy|"
    r"foreign office|parliament|state media|state news agency|intelligence|diplomat|diplomats|delegation|"
    r"defen[cs]e (?:ministry|minister|department))"
)
# The foreign state: its adjective or name before an organ ("Turkey's defence ministry", "Iran's
# foreign minister", "US State Department"), or a seat of its government ("the Pentagon").
_FOREIGN_STATE = (
    rf"{_STATE}\s+(?:(?!(?:aid|relief|humanitarian|charity|opposition|rebel)\b)[a-z\-]+\s+){{0,2}}{_ORGAN}|"
    r"state department|pentagon|white house|elysee|élysée|foreign office|downing street"
)
# A capital named alone as the speaker; Moscow is Russia's voice.
_CAPITAL = re.compile(r"(?:Ankara|Washington|Tehran|Paris|London|Berlin|Beijing|Riyadh|Doha|Amman|Cairo|Tel Aviv)")

# Words in a speaker's name or role that say whose voice it is, tried in order: the first
# that matches wins, so "nongovernmental" is read before "government", "Russian Defense
# Ministry" before "ministry", and a foreign state before "minister" or "state media".
# A guess, always marked as one for a researcher to check.
_VOICE_CUES: tuple[tuple[Voice, re.Pattern[str]], ...] = tuple(
    (voice, re.compile(rf"\b(?:{cues})\b", re.I))
    for voice, cues in (
        (
            Voice.RUSSIA,
            r"russian?|moscow|kremlin|reconciliation cent(?:er|re)|hmeimim|khmeimim|sputnik|tass|ria novosti|"
            r"russia today|(?-i:RT)",
        ),
        (Voice.FOREIGN_STATE, _FOREIGN_STATE),
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


def state_voice(name: str) -> Voice | None:
    """The voice of a state named alone as the speaker ("Turkey said", "Saudi Arabia and Qatar said"); else None.

    Russia keeps its own voice and Syria is its government's; Russia and Syria together are the
    government's too, the side both speak for. Any other state, or a list holding one, is a
    foreign state.
    """
    codes = set(countries_named(name))
    if not codes:
        return None
    if codes == {"RU"}:
        return Voice.RUSSIA
    return Voice.GOVERNMENT if codes <= {"SY", "RU"} else Voice.FOREIGN_STATE


def guess_voice(name: str, role: str | None) -> Voice:
    """A first guess at a speaker's voice from their name and role; civilian when nothing says otherwise."""
    if role and re.match(r"\d{1,3}\b", role):
        return Voice.CIVILIAN  # "Jamal Barode, 30, ...": an age is how reports introduce private people
    if _CAPITAL.fullmatch(name.strip()):
        return Voice.FOREIGN_STATE  # "Ankara said": a seat of government speaking for its state
    if not role and (state := state_voice(name)) is not None:
        return state
    said = f"{name} {role or ''}"
    return next((voice for voice, cue in _VOICE_CUES if cue.search(said)), Voice.CIVILIAN)
