"""One excerpt at a time: a reporter's sentences or a speaker's quotation, dated, about one or two places."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from geo.core.records import ExcerptKind, Place, PlaceKind
from geo.tools.synth.draws import _between, _pick, _weighted
from geo.tools.synth.phrases import (
    DEPARTURES,
    FIRST_NAMES,
    JOURNEYS,
    LAST_NAMES,
    MONTH_NAMES,
    MONTHS,
    REPORT_LEADS,
    REPORT_MORE,
    REPORT_PAIRS,
)
from geo.tools.synth.voices import VOICE_WEIGHTS, VOICES, Speakers

SETTLEMENTS = (PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE)

MIN_EXCERPT, MAX_EXCERPT, MODE_EXCERPT = 80, 400, 130


@dataclass(frozen=True)
class _Say:
    """One excerpt before it is a record: its text, places, voice and what else the YAML holds."""

    text: str
    places: tuple[str, ...]
    fields: dict[str, Any]


def _say(
    rng: random.Random,
    outlet: str,
    published: date,
    place: Place,
    block: Sequence[Place],
    voices: Speakers = (VOICES, VOICE_WEIGHTS),
) -> _Say:
    """One excerpt about `place`, in one of the `voices`; the journalist's may name a second place of the article."""
    voice, kind, _, roles, quotes, more = _weighted(rng, *voices)
    fields: dict[str, Any] = {"kind": kind, "voice": voice}
    on, event_date = _when(rng, published)
    if event_date:
        fields["event_date"] = event_date
    spell = _spelling(rng, place)
    target = round(rng.triangular(MIN_EXCERPT, MAX_EXCERPT, MODE_EXCERPT))
    if kind is not ExcerptKind.REPORT:
        speaker = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}"
        # A resident lives in a town or a village, not in a crossing or a range of hills.
        home = spell if place.kind in SETTLEMENTS else f"the {place.admin1} countryside"
        role = _pick(rng, roles).format(p=home, gov=place.admin1, n=_between(rng, 2, 8))
        frame = _attribution(rng, speaker, role, outlet, on)
        overhead = len(frame) - len("{}")
        first = _pick(rng, quotes).format(p=spell, n=_between(rng, 5, 400))
        quote = _grow(rng, first, more, target - overhead, MIN_EXCERPT - overhead, MAX_EXCERPT - overhead)
        text = frame.format(quote if frame.endswith("”") else quote[:-1])
        return _Say(text, (place.id,), fields | {"speaker": speaker, "role": role})
    other = _pick(rng, block)
    second = other if other.id != place.id and rng.random() < 0.25 else None
    lead, movements = _report_lead(rng, place, second, spell)
    if movements:
        fields["movements"] = movements
    # "On Jan. 5, shelling hit ...": the sentence goes on after the date.
    start = f"{on[0].upper()}{on[1:]}, {lead[0].lower()}{lead[1:]}" if on else lead
    text = _grow(rng, start, REPORT_MORE, target, MIN_EXCERPT, MAX_EXCERPT)
    return _Say(text, (place.id,) if second is None else (place.id, second.id), fields)


def _report_lead(
    rng: random.Random, place: Place, second: Place | None, spell: str
) -> tuple[str, list[dict[str, str]]]:
    """The journalist's first sentence, and the journeys it tells."""
    n = _between(rng, 3, 60)
    if second is not None:
        other = _spelling(rng, second)
        if rng.random() < 0.5:
            sentence, who = _pick(rng, JOURNEYS)
            movement = {"from": place.id, "to": second.id, "who": who.format(name=place.name)}
            return sentence.format(p=spell, p2=other, n=n), [movement]
        return _pick(rng, REPORT_PAIRS).format(p=spell, p2=other, n=n), []
    if rng.random() < 0.1:
        sentence, who = _pick(rng, DEPARTURES)
        return sentence.format(p=spell, n=n), [{"from": place.id, "who": who.format(name=place.name)}]
    return _pick(rng, REPORT_LEADS).format(p=spell, gov=place.admin1, n=n), []


def _grow(rng: random.Random, text: str, more: Sequence[str], target: int, least: int, most: int) -> str:
    """The text with further sentences while it is shorter than the target; never past `most`."""
    # Taken in turn from a random start, so that nobody says the same sentence twice.
    start = _between(rng, 0, len(more))
    for template in [*more[start:], *more[:start]]:
        if len(text) >= target and len(text) >= least:
            break
        sentence = template.format(n=_between(rng, 3, 40))
        # Past the minimum, a sentence that would overshoot the target ends the excerpt.
        limit = most if len(text) < least else min(most, target + 40)
        if len(text) + 1 + len(sentence) > limit:
            break
        text = f"{text} {sentence}"
    return text


def _attribution(rng: random.Random, speaker: str, role: str, outlet: str, on: str | None) -> str:
    """A frame ({} for the quotation) attributing a quote, in one of the ways articles do."""
    form = _between(rng, 0, 3)
    dated = f"{on[0].upper()}{on[1:]}, " if on else ""
    if form == 0:
        return f"{dated}{speaker}, {role}, told {outlet}: “{{}}”"
    if form == 1:
        # The quotation's last full stop becomes the comma before "said".
        return f"“{{}},” said {speaker}, {role}" + (f", {on}." if on else ".")
    return f"{dated}{speaker}, {role}, said: “{{}}”"


def _when(rng: random.Random, published: date) -> tuple[str | None, str | None]:
    """The words that date an excerpt ("on Jan. 5"), and its event_date at the same precision."""
    day = published - timedelta(days=_between(rng, 1, 90))
    roll = rng.random()
    if roll < 0.5:
        return f"on {MONTHS[day.month - 1]} {day.day}", day.isoformat()
    if roll < 0.65:
        return f"in {MONTH_NAMES[day.month - 1]} {day.year}", f"{day:%Y-%m}"
    if roll < 0.7:
        return f"in {day.year}", str(day.year)
    return None, None


def _spelling(rng: random.Random, place: Place) -> str:
    """The place's name as an article writes it: usually its name, sometimes another spelling."""
    if place.aliases and rng.random() < 0.2:
        return _pick(rng, place.aliases)
    return place.name
