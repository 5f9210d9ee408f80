"""Names that used to live here, for the imports that still look for them: the map is built in geo.map.build."""

from __future__ import annotations

from geo.map.build import REPORT_AFTER_MS
from geo.map.journeys import journeys

__all__ = ["REPORT_AFTER_MS", "journeys"]
