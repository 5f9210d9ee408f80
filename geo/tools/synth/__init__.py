"""A seeded synthetic corpus in the data folder's own format, for measuring the atlas at scale.

The parts: ``corpus`` writes the folder; ``places`` draws the places, named by ``names``;
``articles`` writes each source round the excerpts ``excerpts`` makes, from the words in
``phrases`` and the speakers in ``voices``; ``year`` writes the year shape (places named on a
Zipf law, the province holding its share); ``draws`` holds the quick random draws they all
share; ``cli`` is the command line. The public names are importable from here.
"""

from __future__ import annotations

from geo.tools.synth.cli import SHAPES, main, synth, write_shape
from geo.tools.synth.corpus import write_corpus
from geo.tools.synth.excerpts import MAX_EXCERPT, MIN_EXCERPT, MODE_EXCERPT, SETTLEMENTS
from geo.tools.synth.names import CONSONANTS, ENDINGS, PATTERNS, PREFIXES, RESPELL, SINGLE, SPELLINGS
from geo.tools.synth.phrases import (
    DEPARTURES,
    FILLER,
    FIRST_NAMES,
    HEADLINES,
    JOURNEYS,
    LAST_NAMES,
    MONTH_NAMES,
    MONTHS,
    OUTLETS,
    REPORT_LEADS,
    REPORT_MORE,
    REPORT_PAIRS,
)
from geo.tools.synth.places import BUNDLED_BOUNDARIES, EAST, KINDS, NORTH, SOUTH, WEST
from geo.tools.synth.voices import (
    QUOTES_ANALYST,
    QUOTES_ARMED,
    QUOTES_GOVERNMENT,
    QUOTES_GOVERNMENT_MORE,
    QUOTES_NEUTRAL_MORE,
    QUOTES_NGO,
    QUOTES_OPPOSITION,
    QUOTES_OPPOSITION_MORE,
    VOICE_WEIGHTS,
    VOICES,
)
from geo.tools.synth.year import PROVINCE, PROVINCE_SHARE, ZIPF_S, write_year, zipf_counts

__all__ = [
    "BUNDLED_BOUNDARIES",
    "CONSONANTS",
    "DEPARTURES",
    "EAST",
    "ENDINGS",
    "FILLER",
    "FIRST_NAMES",
    "HEADLINES",
    "JOURNEYS",
    "KINDS",
    "LAST_NAMES",
    "MAX_EXCERPT",
    "MIN_EXCERPT",
    "MODE_EXCERPT",
    "MONTHS",
    "MONTH_NAMES",
    "NORTH",
    "OUTLETS",
    "PATTERNS",
    "PREFIXES",
    "PROVINCE",
    "PROVINCE_SHARE",
    "QUOTES_ANALYST",
    "QUOTES_ARMED",
    "QUOTES_GOVERNMENT",
    "QUOTES_GOVERNMENT_MORE",
    "QUOTES_NEUTRAL_MORE",
    "QUOTES_NGO",
    "QUOTES_OPPOSITION",
    "QUOTES_OPPOSITION_MORE",
    "REPORT_LEADS",
    "REPORT_MORE",
    "REPORT_PAIRS",
    "RESPELL",
    "SETTLEMENTS",
    "SHAPES",
    "SINGLE",
    "SOUTH",
    "SPELLINGS",
    "VOICES",
    "VOICE_WEIGHTS",
    "WEST",
    "ZIPF_S",
    "main",
    "synth",
    "write_corpus",
    "write_shape",
    "write_year",
    "zipf_counts",
]
