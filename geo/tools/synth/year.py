"""The year shape: a year of coverage, its places named on a Zipf law and the province holding its own share.

Some 20,000 articles of about fifty excerpts each, every one about a place drawn so that the
place of rank k is named in proportion to 1/k^s; the governorate itself (the bundled data's
province place) is named in a fixed share of them, as statements about the whole province are.
Articles are written to disk one at a time: only the places and one number a slot are held.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

import numpy as np

from geo.core.records import ExcerptKind, Place, Voice
from geo.core.settings import BUNDLED_DATA
from geo.data.layout import BOUNDARIES_FILE, PLACES_FILE, SOURCES_DIR
from geo.tools.synth.articles import _source_files
from geo.tools.synth.places import BUNDLED_BOUNDARIES, _places, _places_geojson
from geo.tools.synth.voices import QUOTES_NEUTRAL_MORE, VOICES, Speaker, Speakers

# The place the bundled data files statements about the whole governorate under.
PROVINCE = "idlib-province"
PROVINCE_SHARE = 0.05
ZIPF_S = 0.9
YEAR_DAYS = 365
# How far an article's length strays from the mean, either way: a brief beside a long report.
SPREAD = 0.4

# A year of coverage also quotes foreign states (Turkey, with troops in the province, above all),
# which the bundled articles do too: a small share, beside the other voices' weights.
FOREIGN_STATE_SHARE = 0.02
QUOTES_FOREIGN_STATE = [
    "Our observation post near {p} will stay where it is.",
    "The attacks on {p} must stop, and the ceasefire must be respected.",
    "We will not accept another wave of people fleeing {p} towards the border.",
    "We are following the situation in {p} closely with our partners.",
]
FOREIGN_STATE: Speaker = (
    Voice.FOREIGN_STATE,
    ExcerptKind.STATEMENT,
    FOREIGN_STATE_SHARE,
    [
        "a spokesman for Turkey's defence ministry",
        "a Turkish foreign ministry official",
        "a US State Department spokesperson",
    ],
    QUOTES_FOREIGN_STATE,
    QUOTES_NEUTRAL_MORE,
)
YEAR_VOICES = [*VOICES, FOREIGN_STATE]
YEAR_SPEAKERS: Speakers = (YEAR_VOICES, list(accumulate(row[2] for row in YEAR_VOICES)))


def zipf_counts(total: int, ranks: int, s: float = ZIPF_S) -> np.ndarray:
    """`total` shared over `ranks` in proportion to 1/k^s, rounded so that the counts add up exactly."""
    exact = np.arange(1, ranks + 1, dtype=np.float64) ** -s
    exact *= total / exact.sum()
    counts = np.floor(exact).astype(np.int64)
    # The largest remainders get the units the rounding down left over, the higher rank first on a tie.
    left = total - int(counts.sum())
    counts[np.argsort(counts - exact, kind="stable")[:left]] += 1
    return counts


def province() -> Place:
    """The province place as the bundled data holds it."""
    with (BUNDLED_DATA / PLACES_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            if f'"id": "{PROVINCE}"' in line:
                feature = json.loads(line.rstrip().rstrip(","))
                lon, lat = feature["geometry"]["coordinates"]
                return Place.model_validate({**feature["properties"], "lat": lat, "lon": lon})
    raise LookupError(f"the bundled {PLACES_FILE} has no place {PROVINCE!r}")


def article_sizes(rng: np.random.Generator, total: int, count: int) -> np.ndarray:
    """How many excerpts each article holds: about the mean, some more and some fewer, adding up to `total`."""
    sizes = np.full(count, total // count, dtype=np.int64)
    sizes[: total % count] += 1
    # Excerpts move from one article of a pair to the other, so the total stays and none is left empty.
    pairs = count // 2
    most = np.minimum(sizes[0 : 2 * pairs : 2], sizes[1 : 2 * pairs : 2]) - 1
    moved = np.rint(rng.uniform(-SPREAD, SPREAD, pairs) * most).astype(np.int64)
    sizes[0 : 2 * pairs : 2] += moved
    sizes[1 : 2 * pairs : 2] -= moved
    return sizes


def write_year(data_dir: Path, places: int, sources: int, excerpts: int, *, seed: int = 0) -> None:
    """Write a year-shaped data folder; the same arguments always give the same bytes."""
    if places < 2 or sources < 1 or excerpts < sources:
        raise ValueError("need places >= 2 (the province and one more), sources >= 1 and excerpts >= sources")
    if data_dir.exists() and any(data_dir.iterdir()):
        raise FileExistsError(f"{data_dir} is not empty; synthetic corpora are written to a new folder")
    rng = random.Random(seed)
    made = [province(), *_distinct(_places(rng, places - 1, seed))]
    counts = _counts(excerpts, len(made))
    shuffler = np.random.Generator(np.random.PCG64(seed))
    # Which place holds which rank is drawn; the province keeps its share in slot 0.
    ranked = np.concatenate(([0], 1 + shuffler.permutation(len(made) - 1)))
    slots = np.repeat(ranked.astype(np.int32), counts)
    shuffler.shuffle(slots)
    (data_dir / SOURCES_DIR).mkdir(parents=True)
    (data_dir / BOUNDARIES_FILE).parent.mkdir(parents=True)
    shutil.copyfile(BUNDLED_BOUNDARIES, data_dir / BOUNDARIES_FILE)
    start = 0
    for index, size in enumerate(article_sizes(shuffler, excerpts, sources).tolist()):
        primaries = [made[i] for i in slots[start : start + size].tolist()]
        start += size
        block = list({p.id: p for p in primaries}.values())
        files = _source_files(
            rng, data_dir, index, block, size, seed, primaries=primaries, days=YEAR_DAYS, voices=YEAR_SPEAKERS
        )
        _write(files)
    # Last, so that a folder cut short lacks its places and fails validation rather than passing half written.
    _write([(data_dir / PLACES_FILE, _places_geojson(made))])


def _counts(excerpts: int, places: int) -> np.ndarray:
    """The excerpts about each place: the province's share first, then the Zipf law over the rest by rank."""
    held = round(excerpts * PROVINCE_SHARE)
    return np.concatenate(([held], zipf_counts(excerpts - held, places - 1)))


def _distinct(places: Sequence[Place]) -> list[Place]:
    """The drawn places, one renamed should a drawn name take the province's id."""
    return [p.model_copy(update={"id": f"{p.id}-synthetic"}) if p.id == PROVINCE else p for p in places]


def _write(files: Sequence[tuple[Path, str]]) -> None:
    """Write new files as they are: a corpus is a new folder, and syncing each of 40,000 files takes minutes."""
    for path, text in files:
        path.write_bytes(text.encode("utf-8"))
