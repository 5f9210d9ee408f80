"""A small data folder with countries among its places: an excerpt about a country and a town, one about two alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.datafolder import ARTICLE, place, source, write_folder

ARTICLE_WITH_COUNTRIES = (
    ARTICLE + "Turkey said the crossing at Alpha would stay shut.\nTurkey and Russia met in Sochi.\n"
)
TOWNS = [
    place("alpha", "Alpha", 36.6, 35.6),
    place("beta-crossing", "Beta crossing", 36.9, 35.8, kind="crossing", precision_m=5000),
]
COUNTRIES = [
    place("turkey", "Turkey", 32.85427, 39.91987, kind="country", precision_m=997000, admin1="Turkey", name_ar="تركيا"),
    place(
        "russia", "Russia", 37.61781, 55.75204, kind="country", precision_m=4666000, admin1="Russia", name_ar="روسيا"
    ),
]
# The excerpt about a country and a town, shown at the town whether or not countries are; and the
# one about countries alone, which has no marker to stand at unless they are.
AT_THE_TOWN = "turkey-alpha"
COUNTRIES_ALONE = "sochi"
EXCERPTS: list[dict[str, Any]] = [
    {"id": AT_THE_TOWN, "places": ["alpha", "turkey"], "kind": "statement", "speaker": "Turkey",
     "voice": "government", "text": "Turkey said the crossing at Alpha would stay shut."},
    {"id": COUNTRIES_ALONE, "places": ["turkey", "russia"], "kind": "report", "voice": "journalist",
     "text": "Turkey and Russia met in Sochi."},
]  # fmt: skip


def write_countries_folder(root: Path) -> Path:
    """A data folder of two towns and two countries, and excerpts about each; returns root."""
    document = source()
    document["excerpts"] = [*document["excerpts"], *EXCERPTS]
    return write_folder(root, places=TOWNS + COUNTRIES, sources={"test-source": (document, ARTICLE_WITH_COUNTRIES)})
