"""The command line: python -m geo validate | export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.atlas import UnknownSourceError, select
from geo.export import EXPORTERS
from geo.load import DataError, check_data, load_atlas

DEFAULT_DATA = Path("data")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a data folder and list every fault")
    validate.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data)")

    export = commands.add_parser("export", help="print the selected places to standard output")
    export.add_argument("--format", choices=sorted(EXPORTERS), required=True)
    export.add_argument(
        "--source",
        action="append",
        metavar="ID",
        help="keep this source's excerpts; repeat for several (default: all)",
    )
    export.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data)")
    return parser


def _validate(data: Path) -> int:
    problems = check_data(data)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {data}", file=sys.stderr)
        return 1
    atlas = load_atlas(data)
    print(
        f"{data}: {len(atlas.sources)} sources, {len(atlas.places)} places, "
        f"{len(atlas.excerpts)} excerpts; all excerpts verbatim"
    )
    return 0


def _export(data: Path, fmt: str, sources: list[str] | None) -> int:
    try:
        selection = select(load_atlas(data), sources)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except UnknownSourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(EXPORTERS[fmt](selection))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.data)
    return _export(args.data, args.format, args.source)


if __name__ == "__main__":
    sys.exit(main())
