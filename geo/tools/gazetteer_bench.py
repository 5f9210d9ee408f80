"""How the GeoNames index fares at a real dump's size: python -m geo.tools.gazetteer_bench [--rows 100000].

Writes a synthetic country file (19 columns, seeded names of Arabic syllables, points in and around
Syria) and an alternate-names file, imports them into a scratch data folder, and prints the build
time, the index's size, the time to open it and a lookup's median time, for hits and misses.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import timeit
from pathlib import Path

from geo.core.settings import BUNDLED_DATA
from geo.data.layout import BOUNDARIES_FILE
from geo.data.load import load_atlas
from geo.ingest.gazetteer import Gazetteer, our_entry
from geo.ingest.geonames_build import import_dumps
from geo.ingest.geonames_index import GeonamesIndex, index_file

_SYLLABLES = (
    "kafr tal deir ain jabal qasr ma arr at bab has sal am an nu man ri ha bar ka rum sha ra mi ya za wi".split()
)
_CODES = ["PPL"] * 16 + ["PPLQ", "PPLX", "ADM3", "MT", "HLL", "PSTB", "CMPRF"]


def synthetic_name(rng: random.Random) -> str:
    """A made-up place name: two or three words of Arabic syllables."""
    words = ["".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(rng.randint(1, 3))]
    return " ".join(words)


def write_dump(folder: Path, rows: int, seed: int = 7) -> list[Path]:
    """A country file of `rows` features and an alternate-names file of about as many rows."""
    rng = random.Random(seed)
    country, names = folder / "SY.txt", folder / "alternateNamesV2.txt"
    with country.open("w", encoding="utf-8") as features, names.open("w", encoding="utf-8") as alternates:
        for n in range(rows):
            geonameid = 10_000_000 + n
            name = synthetic_name(rng)
            lat, lon = rng.uniform(32.3, 37.3), rng.uniform(35.7, 42.4)
            population = rng.choice([0, 0, 0, 800, 3_000, 12_000])
            cells = [str(geonameid), name, name, f"{name}a,{name}eh", f"{lat:.5f}", f"{lon:.5f}", "P",
                     rng.choice(_CODES), "SY", "", "09", "", "", "", str(population), "", "300", "Asia/Damascus",
                     "2026-11-28"]  # fmt: skip
            features.write("\t".join(cells) + "\n")
            alternates.write(f"{n}\t{geonameid}\tar\tقرية {n}\t1\t\t\t\t\t\n")
            alternates.write(f"{n}\t{geonameid}\tlink\thttps://example.org/{n}\t\t\t\t\t\t\n")
    return [country, names]


def run(rows: int) -> None:
    """Print the figures for a synthetic dump of this many rows."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        data = root / "data"
        (data / BOUNDARIES_FILE).parent.mkdir(parents=True)
        (data / "sources").mkdir()
        (data / BOUNDARIES_FILE).write_bytes((BUNDLED_DATA / BOUNDARIES_FILE).read_bytes())
        (data / "places.geojson").write_bytes((BUNDLED_DATA / "places.geojson").read_bytes())
        files = write_dump(root, rows)
        atlas = load_atlas(data, sources_optional=True)
        started = time.perf_counter()
        report = import_dumps(files, index_file(data), atlas.boundaries)
        build = time.perf_counter() - started
        size = index_file(data).stat().st_size
        opened = min(timeit.repeat(lambda: GeonamesIndex(index_file(data)).close(), number=1, repeat=5))
        gazetteer = Gazetteer([our_entry(p) for p in atlas.places.values()], GeonamesIndex(index_file(data)))
        rng = random.Random(11)
        hits = [e.name for e in gazetteer.entries[len(gazetteer.own) :: max(1, rows // 500)]]
        misses = [synthetic_name(rng) + " Zzq" for _ in range(500)]
        print(f"synthetic dump: {rows:,} rows, {report.entries:,} places indexed")
        print(f"build: {build:.1f} s; index file: {size / 1e6:.1f} MB; open: {opened * 1e3:.2f} ms")
        for label, names in (("hit", hits), ("miss", misses)):
            first = [_timed(gazetteer, n) for n in names]  # the first lookup of each name reads SQLite
            again = [_timed(gazetteer, n) for n in names]  # later ones are answered from the cache
            print(f"lookup, {label}: median {statistics.median(first) * 1e6:.0f} µs first, "
                  f"{statistics.median(again) * 1e6:.0f} µs again")  # fmt: skip


def _timed(gazetteer: Gazetteer, name: str) -> float:
    """Seconds one lookup takes."""
    started = time.perf_counter()
    gazetteer.lookup(name)
    return time.perf_counter() - started


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    run(parser.parse_args().rows)
