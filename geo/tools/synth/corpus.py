"""The whole data folder: the boundary file, the places, and the sources that name them."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from geo.data.layout import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.data.store import write_files
from geo.tools.synth.articles import _source_files
from geo.tools.synth.places import BUNDLED_BOUNDARIES, _places, _places_geojson


def write_corpus(
    data_dir: Path,
    places: int,
    *,
    excerpts_per_place: float = 3.0,
    sources: int | None = None,
    seed: int = 0,
) -> None:
    """Write a complete synthetic data folder; the same arguments always give the same bytes."""
    count = sources if sources is not None else min(places, max(2, round(places / 1000)))
    if places < 1 or count < 1 or count > places or excerpts_per_place <= 0:
        raise ValueError("need places >= sources >= 1 and excerpts_per_place > 0")
    if data_dir.exists() and any(data_dir.iterdir()):
        raise FileExistsError(f"{data_dir} is not empty; synthetic corpora are written to a new folder")
    rng = random.Random(seed)
    made = _places(rng, places, seed)
    (data_dir / SOURCES_DIR).mkdir(parents=True)
    (data_dir / BOUNDARIES_FILE).parent.mkdir(parents=True)
    shutil.copyfile(BUNDLED_BOUNDARIES, data_dir / BOUNDARIES_FILE)
    # Each article covers a band of latitude, as a report covers one front.
    order = sorted(made, key=lambda p: (p.lat, p.lon, p.id))
    total = max(count, round(places * excerpts_per_place))
    for index in range(count):
        block = order[index * places // count : (index + 1) * places // count]
        share = total // count + (index < total % count)
        write_files(_source_files(rng, data_dir, index, block, share, seed))
    write_files([(data_dir / PLACES_FILE, _places_geojson(made))])
