"""A gazetteer's answers for one text, each distinct spelling looked up once."""

from __future__ import annotations

from geo.ingest.gazetteer import Found, Gazetteer, Tier


class Lookups:
    """The lookups of one text's scan: a long report spells the same few hundred names thousands of times.

    Each lookup works out a name's sounded and skeleton keys, and may read the index on disk;
    remembered for the scan only, so a long-lived gazetteer does not grow with every text read.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.longest = gazetteer.longest
        self.beginnings = gazetteer.beginnings
        self._found: dict[tuple[str, Tier], Found | None] = {}

    def lookup(self, name: str, *, loosest: Tier = Tier.SKELETON) -> Found | None:
        """What the gazetteer finds for a name, as Gazetteer.lookup says."""
        key = (name, loosest)
        if key not in self._found:
            self._found[key] = self.gazetteer.lookup(name, loosest=loosest)
        return self._found[key]
