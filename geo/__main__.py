"""The command line: python -m geo validate | export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.atlas import UnknownSourceError, select
from geo.export import EXPORTERS
from geo.load import DataError, load_atlas

DEFAULT_DATA = Path("data")


def _parser() -> argparse.ArgumentParser:
    """The commands and their options."""
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
    """List every fault in the folder (exit 1), or say what it holds (exit 0)."""
    try:
        atlas = load_atlas(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {data}", file=sys.stderr)
        return 1
    print(
        f"{data}: {len(atlas.sources)} sources, {len(atlas.places)} places, "
        f"{len(atlas.excerpts)} excerpts; all excerpts verbatim"
    )
    return 0


def _export(data: Path, fmt: str, sources: list[str] | None) -> int:
    """Write the selection to standard output; exit 1 on a faulty folder, 2 on an unknown source."""
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
