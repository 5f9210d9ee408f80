"""A seeded synthetic corpus in the data folder's own format, for measuring the atlas at scale.

The parts: ``corpus`` writes the folder; ``places`` draws the places, named by ``names``;
``articles`` writes each source round the excerpts ``excerpts`` makes, from the words in
``phrases`` and the speakers in ``voices``; ``draws`` holds the quick random draws they all
share; ``cli`` is the command line. Every name the single module this once was had is
importable from here still, its helpers (the names with a leading underscore) too, outside
``__all__``.
"""

from __future__ import annotations

from geo.tools.synth.articles import _article as _article
from geo.tools.synth.articles import _excerpt_fields as _excerpt_fields
from geo.tools.synth.articles import _source_files as _source_files
from geo.tools.synth.articles import _source_yaml as _source_yaml
from geo.tools.synth.cli import main
from geo.tools.synth.corpus import write_corpus
from geo.tools.synth.draws import _between as _between
from geo.tools.synth.draws import _pick as _pick
from geo.tools.synth.draws import _weighted as _weighted
from geo.tools.synth.excerpts import MAX_EXCERPT, MIN_EXCERPT, MODE_EXCERPT, SETTLEMENTS
from geo.tools.synth.excerpts import _attribution as _attribution
from geo.tools.synth.excerpts import _grow as _grow
from geo.tools.synth.excerpts import _report_lead as _report_lead
from geo.tools.synth.excerpts import _Say as _Say
from geo.tools.synth.excerpts import _say as _say
from geo.tools.synth.excerpts import _spelling as _spelling
from geo.tools.synth.excerpts import _when as _when
from geo.tools.synth.names import CONSONANTS, ENDINGS, PATTERNS, PREFIXES, RESPELL, SINGLE, SPELLINGS
from geo.tools.synth.names import _aliases as _aliases
from geo.tools.synth.names import _name as _name
from geo.tools.synth.names import _root as _root
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
from geo.tools.synth.places import _candidate as _candidate
from geo.tools.synth.places import _governorates as _governorates
from geo.tools.synth.places import _places as _places
from geo.tools.synth.places import _places_geojson as _places_geojson
from geo.tools.synth.places import _points as _points
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
    "SINGLE",
    "SOUTH",
    "SPELLINGS",
    "VOICES",
    "VOICE_WEIGHTS",
    "WEST",
    "main",
    "write_corpus",
]
