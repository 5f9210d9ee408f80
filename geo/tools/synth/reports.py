"""Long report-style articles for timing ingest: quotations, speakers, lists of places and numbers.

Every paragraph is drawn afresh from a seeded random, so a long article repeats no paragraph
and no cache of passages flatters the figures. The places are real names a gazetteer knows.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from geo.tools.synth.draws import _between, _pick
from geo.tools.synth.phrases import FILLER, FIRST_NAMES, LAST_NAMES, MONTH_NAMES, OUTLETS, REPORT_LEADS, REPORT_MORE
from geo.tools.synth.voices import VOICES

GOVERNORATES = ["Idlib", "Aleppo", "Hama", "Latakia"]
# More surnames than the corpus's, so that a long report meets new speakers all through it.
MORE_SURNAMES = [
    "Khattab",
    "al-Zoubi",
    "Tlass",
    "al-Rifai",
    "Shami",
    "al-Halabi",
    "Kayyali",
    "al-Jasem",
    "Mardini",
    "al-Saleh",
    "Qaddour",
    "al-Issa",
]
BODIES = [
    "the Syrian Civil Defence",
    "the Syrian Observatory for Human Rights",
    "the UN's humanitarian office",
    "the Response Coordinators Team",
    "a local council",
    "the Syrian Network for Human Rights",
]
STRIKES = ["Air strikes hit", "Artillery shelled", "Rockets fell on", "Drones struck", "Barrel bombs fell on"]


def report(size: int, places: Sequence[str], *, seed: int = 1) -> str:
    """An article of nearly `size` bytes of UTF-8, never more, in the style of a wire report naming these places."""
    rng = random.Random(seed)
    parts = [f"Shelling and flight in {_pick(rng, GOVERNORATES)}: a report from the north-west", "By Sample Wire staff"]
    total = sum(_bytes(p) for p in parts) + 1
    while True:
        paragraph = _pick(rng, _PARAGRAPHS)(rng, places)
        if total + _bytes(paragraph) > size:
            return "\n\n".join(parts) + "\n"
        parts.append(paragraph)
        total += _bytes(paragraph)


def _bytes(paragraph: str) -> int:
    """The bytes a paragraph adds to the article: its UTF-8 and the blank line before it."""
    return len(paragraph.encode("utf-8")) + 2


def _person(rng: random.Random) -> str:
    """A made-up full name."""
    surname = _pick(rng, LAST_NAMES + MORE_SURNAMES)
    middle = f" {_pick(rng, FIRST_NAMES)}" if rng.random() < 0.4 else ""
    return f"{_pick(rng, FIRST_NAMES)}{middle} {surname}"


def _voice(rng: random.Random, places: Sequence[str]) -> tuple[str, str, str]:
    """A speaker's role, a quotation and a second sentence of it, for one of the voices that speak."""
    _, _, _, roles, quotes, more = _pick(rng, VOICES[1:])
    fields = {"p": _pick(rng, places), "gov": _pick(rng, GOVERNORATES), "n": _between(rng, 2, 900)}
    return _pick(rng, roles).format(**fields), _pick(rng, quotes).format(**fields), _pick(rng, more)


def _quoted_after(rng: random.Random, places: Sequence[str]) -> str:
    """A quotation, then its speaker and role: "“...,” Name, 34, a farmer from X, told Outlet."""
    role, said, more = _voice(rng, places)
    age = f", {_between(rng, 19, 71)}" if rng.random() < 0.3 else ""
    follow = f" “{more}”" if rng.random() < 0.5 else ""
    return f"“{said.rstrip('.')},” {_person(rng)}{age}, {role}, told {_pick(rng, OUTLETS)}.{follow}"


def _quoted_before(rng: random.Random, places: Sequence[str]) -> str:
    """A speaker introduced, then the quotation, then "he said" for a second one."""
    role, said, more = _voice(rng, places)
    name = _person(rng)
    pronoun = _pick(rng, ["he", "she"])
    return f"{name}, {role}, told {_pick(rng, OUTLETS)}, “{said}” “{more.rstrip('.')},” {pronoun} said."


def _reported(rng: random.Random, places: Sequence[str]) -> str:
    """A statement reported without quote marks."""
    a, b = rng.sample(list(places), 2)
    return (
        f"{_person(rng)}, {_voice(rng, places)[0]}, said that {_between(rng, 3, 120)} families had left {a} "
        f"for {b} since {_pick(rng, MONTH_NAMES)} {_between(rng, 1, 29)}."
    )


def _strikes(rng: random.Random, places: Sequence[str]) -> str:
    """A list of places hit, with a count and a source."""
    named = rng.sample(list(places), _between(rng, 3, 7))
    listed = ", ".join(named[:-1]) + f" and {named[-1]}"
    return (
        f"{_pick(rng, STRIKES)} {listed} on {_pick(rng, MONTH_NAMES)} {_between(rng, 1, 29)}, killing "
        f"{_between(rng, 2, 60)} civilians, according to {_pick(rng, BODIES)}. "
        + _pick(rng, REPORT_MORE).format(n=_between(rng, 3, 400))
    )


def _narration(rng: random.Random, places: Sequence[str]) -> str:
    """The reporter's own sentences about a place, with a figure."""
    fields = {"p": _pick(rng, places), "gov": _pick(rng, GOVERNORATES), "n": _between(rng, 2, 50)}
    figure = (
        f"Some {_between(rng, 1_000, 90_000):,} people have fled the area since "
        f"{_pick(rng, MONTH_NAMES)}, {_pick(rng, BODIES)} said."
    )
    return " ".join([_pick(rng, REPORT_LEADS).format(**fields), figure, _pick(rng, FILLER[:3])])


def _tally(rng: random.Random, places: Sequence[str]) -> str:
    """A list of places one to a line with a number each, as aid agencies' updates give them."""
    lines = [f"Families displaced in the past week, by the count of {_pick(rng, BODIES)}:"]
    lines += [f"- {p}: {_between(rng, 12, 4_000):,} families" for p in rng.sample(list(places), _between(rng, 3, 6))]
    return "\n".join(lines)


_PARAGRAPHS: list[Callable[[random.Random, Sequence[str]], str]] = [
    _quoted_after,
    _quoted_after,
    _quoted_before,
    _reported,
    _strikes,
    _narration,
    _narration,
    _tally,
]
