"""Which GeoNames features reports name, and what kind of place each is and how far it reaches.

The kinds are PlaceKind's. GeoNames codes are listed at geonames.org/export/codes.html. Left out:
streets, buildings, rivers and wells, and the other codes a report rarely places anything at.
"""

from __future__ import annotations

from typing import NamedTuple

from geo.core.records import PlaceKind


class Rule(NamedTuple):
    """How one feature code becomes a gazetteer entry."""

    # None: a settlement, a village, town or city by its population.
    kind: PlaceKind | None
    # How far, in metres, the place may reach from its point; None: as the settlement's size says.
    precision_m: int | None
    # Among places of one name, the lower are offered first: a living village before a ruin of its name.
    rank: int = 0
    # The least a settlement of this code is, whatever its population says: a governorate's seat is a city.
    least: PlaceKind = PlaceKind.VILLAGE


_SETTLEMENT = Rule(None, None)
_FORMER = Rule(None, None, rank=2)

RULES: dict[str, Rule] = {
    # Populated places. A seat of government is at least a town; a ruin or a destroyed village
    # (PPLQ, PPLW, PPLH) is kept, since reports name them, but offered after the living ones.
    "PPL": _SETTLEMENT,
    "PPLA": Rule(None, None, least=PlaceKind.CITY),
    "PPLC": Rule(None, None, least=PlaceKind.CITY),
    "PPLA2": Rule(None, None, least=PlaceKind.TOWN),
    "PPLA3": _SETTLEMENT,
    "PPLA4": _SETTLEMENT,
    "PPLG": _SETTLEMENT,
    "PPLL": _SETTLEMENT,
    "PPLF": _SETTLEMENT,
    "PPLS": _SETTLEMENT,
    "PPLR": _SETTLEMENT,
    "STLMT": _SETTLEMENT,
    "PPLX": Rule(PlaceKind.VILLAGE, 1000, rank=1),  # a quarter of a city: placed as a village is
    "PPLQ": _FORMER,
    "PPLW": _FORMER,
    "PPLH": _FORMER,
    "PPLCH": _FORMER,
    # Camps are settlements of their own: Atmeh, al-Hol, Rukban.
    "CMP": Rule(PlaceKind.VILLAGE, 1000),
    "CMPRF": Rule(PlaceKind.VILLAGE, 1000),
    # Administrative areas: a governorate (ADM1), a district (ADM2), a subdistrict (nahiya, ADM3).
    "ADM1": Rule(PlaceKind.REGION, 50_000),
    "ADM2": Rule(PlaceKind.REGION, 20_000),
    "ADM3": Rule(PlaceKind.REGION, 8_000),
    "ADM4": Rule(PlaceKind.REGION, 3_000),
    "ADMD": Rule(PlaceKind.REGION, 10_000),
    "PCLI": Rule(PlaceKind.COUNTRY, 300_000),
    # Regions and relief: the Ghab plain, Jabal al-Zawiya, the Turkmen mountains.
    "RGN": Rule(PlaceKind.REGION, 20_000),
    "AREA": Rule(PlaceKind.REGION, 10_000),
    "PLN": Rule(PlaceKind.REGION, 20_000),
    "VAL": Rule(PlaceKind.REGION, 10_000),
    "PLAT": Rule(PlaceKind.REGION, 15_000),
    "MTS": Rule(PlaceKind.MOUNTAINS, 15_000),
    "RDGE": Rule(PlaceKind.MOUNTAINS, 10_000),
    "MT": Rule(PlaceKind.MOUNTAINS, 3_000),
    "PK": Rule(PlaceKind.MOUNTAINS, 1_000),
    "HLLS": Rule(PlaceKind.MOUNTAINS, 5_000),
    "HLL": Rule(PlaceKind.MOUNTAINS, 1_000),
    # Crossings: border posts and customs posts (Bab al-Hawa, Bab al-Salameh).
    "PSTB": Rule(PlaceKind.CROSSING, 500),
    "PSTC": Rule(PlaceKind.CROSSING, 500),
    # Military sites; Syria's airfields and air bases are military (Abu al-Duhur, Taftanaz, Hmeimim).
    "MILB": Rule(PlaceKind.MILITARY_BASE, 2_000),
    "INSM": Rule(PlaceKind.MILITARY_BASE, 2_000),
    "AIRB": Rule(PlaceKind.MILITARY_BASE, 2_000),
    "AIRF": Rule(PlaceKind.MILITARY_BASE, 2_000),
    # A civil airport has no kind of its own: an area some kilometres across.
    "AIRP": Rule(PlaceKind.REGION, 2_000),
}

# Settlement sizes, smallest first.
_SIZES = (PlaceKind.VILLAGE, PlaceKind.TOWN, PlaceKind.CITY)
_SETTLEMENT_PRECISION = {PlaceKind.CITY: 5_000, PlaceKind.TOWN: 2_000, PlaceKind.VILLAGE: 1_000}
SETTLEMENTS = frozenset(_SIZES)


def settlement_size(population: int) -> PlaceKind:
    """A settlement's kind from its population."""
    if population >= 100_000:
        return PlaceKind.CITY
    return PlaceKind.TOWN if population >= 10_000 else PlaceKind.VILLAGE


def kind_and_precision(feature_code: str, population: int) -> tuple[PlaceKind, int] | None:
    """The kind of place a feature is and how far it reaches; None for a feature reports do not name."""
    rule = RULES.get(feature_code)
    if rule is None:
        return None
    if rule.kind is not None:
        return rule.kind, rule.precision_m or _SETTLEMENT_PRECISION.get(rule.kind, 1_000)
    kind = max(settlement_size(population), rule.least, key=_SIZES.index)
    return kind, _SETTLEMENT_PRECISION[kind]


def rank_of(feature_code: str) -> int:
    """Where a feature of this code comes among places of one name: 0 first."""
    rule = RULES.get(feature_code)
    return rule.rank if rule else 9
