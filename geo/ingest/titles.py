"""The words that stand before a person's name in reports: honorifics, ranks and kinship."""

from __future__ import annotations

import re

# As articles write them before a name, most abbreviated: "Capt. Naji Mustafa", "Sheikh Ahmad".
HONORIFICS = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Capt",
    "Lt",
    "Col",
    "Gen",
    "Maj",
    "Sgt",
    "Brig",
    "Sheikh",
    "Imam",
    "Father",
)

# One title in a pattern, with or without its full stop; "First" and "Second" stand before a rank ("First Lt.").
TITLE = r"(?:" + "|".join((*HONORIFICS, "First", "Second")) + r")\.?"
_TITLES = re.compile(rf"^(?:{TITLE}\s+)+")

# Lower-case words that make the name after them a person's, never a place's ("Abu Mohammed", "Umm Ali").
PERSON_WORDS = frozenset(title.casefold() for title in HONORIFICS) | frozenset(
    "miss captain lieutenant colonel general major brother sister umm abu president minister".split()
)


def without_titles(name: str) -> str:
    """A name without its titles: "Capt. Naji Mustafa" is "Naji Mustafa"."""
    return _TITLES.sub("", name).strip()
