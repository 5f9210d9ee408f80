"""The generic words Arabic place names begin with: a village, a hill, a ruin, a spring, a monastery ...

"Kafr Sajna", "Tell Dahruj", "Khirbet al-Joz": the first word says what sort of place the name is,
and the name goes on after it, however it is written. One list, as English reports spell the words,
for every part of ingest that asks whether a name begins like a place's.
"""

from __future__ import annotations

import re

from geo.core.names import fold

# Words whose name after them is a place even when no gazetteer knows it: "shelling hit Kafr Uwayd".
PLACE_FIRST_WORDS = (
    "Kafr Kfar Kfr Kafar Tal Tall Tell Tel Jabal Jebel Khirbet Khirbat Kherbet Deir Dayr Ain Ayn Ein Maarat "
    "Ma'arat Maaret Ma'arrat Ard Beit Bayt Ras Qasr Marj Wadi Bir Jisr Tallat Sheikh"
).split()
# Words that begin places' names as often as people's ("Abu Mohammad", "Umm Ahmad", "Shaykh Ali") or
# a building's (a gate, an inn, a castle, a farm): a name after them is a place only where a gazetteer
# knows it, but none of them alone is the place.
OTHER_FIRST_WORDS = "Qalaat Qalat Bab Shaykh Umm Abu Khan Mazraat Mazraa".split()
# The same words in Arabic script.
ARABIC_FIRST_WORDS = "تل كفر عين دير جبل خربة قلعة باب رأس شيخ معرة بئر أم أبو بيت خان جسر وادي مرج".split()

# Every word above, folded as the gazetteer's keys are.
FOLDED = frozenset(map(fold, (*PLACE_FIRST_WORDS, *OTHER_FIRST_WORDS, *ARABIC_FIRST_WORDS)))


def place_first_words_pattern() -> str:
    """A regex alternation of the words an unknown name may begin with to be taken for a place."""
    return "|".join(map(re.escape, PLACE_FIRST_WORDS))
