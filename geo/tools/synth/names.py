"""Made-up place names in both scripts, built from Arabic roots, and the other spellings they are met in."""

from __future__ import annotations

import random
import re

from geo.core.records import PlaceKind
from geo.tools.synth.draws import _pick

# Transliteration and Arabic letter side by side, so every name has both scripts.
CONSONANTS = [
    ("b", "ب"),
    ("t", "ت"),
    ("th", "ث"),
    ("j", "ج"),
    ("h", "ح"),
    ("kh", "خ"),
    ("d", "د"),
    ("r", "ر"),
    ("z", "ز"),
    ("s", "س"),
    ("sh", "ش"),
    ("s", "ص"),
    ("gh", "غ"),
    ("f", "ف"),
    ("q", "ق"),
    ("k", "ك"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("h", "ه"),
    ("w", "و"),
    ("y", "ي"),
    ("d", "ض"),
    ("t", "ط"),
]

# Short vowels are not written in Arabic; long ones are (ا و ي). Where two consonants meet,
# only single letters are drawn: "Fakghun" is no name anyone would write.
PATTERNS = [
    ("{0}a{1}i{2}", "{0}{1}{2}", False),
    ("{0}a{1}a{2}", "{0}{1}ا{2}", False),
    ("{0}u{1}ay{2}", "{0}{1}ي{2}", False),
    ("{0}a{1}{2}un", "{0}{1}{2}ون", True),
    ("{0}a{1}{2}", "{0}{1}{2}", True),
    ("{0}i{1}a{2}", "{0}{1}ا{2}", False),
]
SINGLE = [c for c in CONSONANTS if len(c[0]) == 1]

ENDINGS = [("", ""), ("", ""), ("", ""), ("ah", "ة"), ("iyah", "ية"), ("an", "ان"), ("in", "ين")]

PREFIXES = [
    ("Kafr", "كفر"),
    ("Tell", "تل"),
    ("Ain", "عين"),
    ("Deir", "دير"),
    ("Khirbet", "خربة"),
    ("Maarat", "معرة"),
    ("Jisr", "جسر"),
    ("Beit", "بيت"),
    ("Umm", "أم"),
    ("Abu", "أبو"),
    ("Qasr", "قصر"),
    ("Bir", "بئر"),
    ("Tal", "تل"),
    ("Arab", "عرب"),
]

# Other spellings the same name is met in, as the bundled aliases show.
SPELLINGS = [
    (r"\bKafr ", "Kfar "),
    (r"\bTell ", "Tal "),
    (r"\bDeir ", "Dayr "),
    (r"\bKhirbet ", "Khirbat "),
    (r"\bAin ", "Ayn "),
    (r"\bal-", "el-"),
    (r"\bJabal ", "Jebel "),
    (r"ay", "ei"),
    (r"iyah\b", "iyeh"),
    (r"ah\b", "a"),
    (r"q", "k"),
    (r"sh", "ch"),
]
RESPELL = [(re.compile(old), new) for old, new in SPELLINGS]


def _root(rng: random.Random) -> tuple[str, str, str]:
    """A made-up name root: its transliteration, its Arabic, and the Arabic with the article."""
    latin, arabic, cluster = _pick(rng, PATTERNS)
    letters = [_pick(rng, CONSONANTS)] + [_pick(rng, SINGLE if cluster else CONSONANTS) for _ in range(2)]
    ending, ending_ar = _pick(rng, ENDINGS)
    word = latin.format(*(c[0] for c in letters)) + ending
    word_ar = arabic.format(*(c[1] for c in letters)) + ending_ar
    return word.capitalize(), word_ar, "ال" + word_ar


def _name(rng: random.Random, kind: PlaceKind) -> tuple[str, str]:
    """An English and an Arabic name for a place of this kind."""
    root, root_ar, with_article = _root(rng)
    definite = rng.random() < 0.4
    base, base_ar = (f"al-{root}", with_article) if definite else (root, root_ar)
    if kind is PlaceKind.MOUNTAINS:
        return f"Jabal {base}", f"جبل {base_ar}"
    if kind is PlaceKind.REGION:
        return (f"Sahl {base}", f"سهل {base_ar}") if rng.random() < 0.5 else (f"Wadi {base}", f"وادي {base_ar}")
    if rng.random() < 0.45:
        prefix, prefix_ar = _pick(rng, PREFIXES)
        base, base_ar = f"{prefix} {base}", f"{prefix_ar} {base_ar}"
    elif definite:
        base = base[0].lower() + base[1:]
    if kind is PlaceKind.CROSSING:
        return f"{base} crossing", f"معبر {base_ar}"
    if kind is PlaceKind.MILITARY_BASE:
        return f"{base} air base", f"مطار {base_ar} العسكري"
    return base, base_ar


def _aliases(name: str) -> tuple[str, ...]:
    """Up to two other spellings of a name, in a fixed order."""
    found: list[str] = []
    for old, new in RESPELL:
        if len(found) < 2 and (spelt := old.sub(new, name, count=1)) != name:
            found.append(spelt)
    return tuple(dict.fromkeys(a for a in found if a != name))
