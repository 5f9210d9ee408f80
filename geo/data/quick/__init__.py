"""The quick way to read clean JSON files, behind one entry point; anything it declines is read the full way.

Two steps, each declining (returning None) rather than guessing:

- ``structs``: a whole JSON file parsed by msgspec into typed structures, in C;
- ``records``: records made from fields already in their final form, without pydantic's per-record cost.

``scan`` holds the byte scans that say whether a file could hide what the records refuse.
"""

from geo.data.quick.records import quick_excerpt, quick_place
from geo.data.quick.structs import quick_places, quick_source

__all__ = ["quick_excerpt", "quick_place", "quick_places", "quick_source"]
