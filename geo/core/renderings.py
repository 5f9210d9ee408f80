"""English renderings of Arabic place names ("Madiq Castle", "Mount Zawiya") read back as the Arabic pattern."""

from __future__ import annotations

# An English word before a name, and the Arabic word it renders: "Mount Zawiya" is Jabal al-Zawiya.
_BEFORE = {"mount": "jabal", "mt": "jabal"}
# An English word after a name: "Madiq Castle" is Qal'at al-Madiq, "Ghab Plain" Sahl al-Ghab.
_AFTER = {
    "castle": "qalat",
    "citadel": "qalat",
    "fortress": "qalat",
    "mountain": "jabal",
    "mountains": "jabal",
    "plain": "sahl",
    "valley": "wadi",
}


def arabic_pattern(name: str) -> str | None:
    """The name an English rendering stands for, Arabic word first; None when it is no such rendering.

    Only the generic word is translated: the name's own word is left as written, for the name
    keys to fold ("Madiq Castle" gives "qalat Madiq", which folds as "Qal'at al-Madiq" does).
    """
    words = name.split()
    if len(words) < 2:
        return None
    first, last = words[0].rstrip(".").casefold(), words[-1].casefold()
    if first in _BEFORE:
        return " ".join([_BEFORE[first], *words[1:]])
    if last in _AFTER:
        return " ".join([_AFTER[last], *words[:-1]])
    return None
