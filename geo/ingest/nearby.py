"""The places a text names without doubt, against which every doubtful name is measured."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import overload

from geo.ingest.gazetteer import Entry, distance_km


class Around(Sequence[Entry]):
    """Places, each once, remembering how far each place asked about lies from the nearest of them.

    A long report names the same few hundred places thousands of times: measuring each mention's
    candidates against every mention of a sure place grew with the square of the report.
    """

    def __init__(self, entries: Iterable[Entry]):
        self._entries = tuple({entry.key: entry for entry in entries}.values())
        self._nearest: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        return self._entries[index]

    def nearest(self, entry: Entry) -> float:
        """How far, in km, an entry lies from the nearest of these places."""
        found = self._nearest.get(entry.key)
        if found is None:
            found = min(distance_km((entry.lat, entry.lon), (o.lat, o.lon)) for o in self._entries)
            self._nearest[entry.key] = found
        return found


def around_each(sure: Iterable[tuple[str, Entry]]) -> dict[str, Around]:
    """For each name of a sure place, the other sure places: a name is placed by the others, never by itself."""
    distinct = list({(name, entry.key): (name, entry) for name, entry in sure}.values())
    names = dict.fromkeys(name for name, _ in distinct)
    return {name: Around(entry for other, entry in distinct if other != name) for name in names}
