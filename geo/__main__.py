"""The command line: python -m geo validate | export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from geo.export import EXPORTERS
from geo.load import DataError, load_atlas
from geo.model import ExcerptKind, PlaceKind, Voice
from geo.viewstate import parse_query, selection

DEFAULT_DATA = Path("data")


def _parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a data folder and list every fault")
    validate.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder (default: data)")

    export = commands.add_parser("export", help="print the selected places to standard output")
    export.add_argument("--format", choices=sorted(EXPORTERS), required=True)
    filters = export.add_argument_group("filters, as on the page; each repeatable filter keeps any of its values")
    filters.add_argument("--source", action="append", metavar="ID", help="a source's id")
    filters.add_argument("--voice", action="append", choices=[v.value for v in Voice])
    filters.add_argument("--kind", action="append", choices=[k.value for k in ExcerptKind], help="excerpt kind")
    filters.add_argument("--place-kind", action="append", choices=[k.value for k in PlaceKind])
    filters.add_argument("--from", dest="start", metavar="DATE", help="events on or after (YYYY[-MM[-DD]])")
    filters.add_argument("--to", dest="end", metavar="DATE", help="events on or before (YYYY[-MM[-DD]])")
    filters.add_argument("--search", metavar="TEXT", help="words or a name, in any spelling or Arabic")
    filters.add_argument(
        "--link", metavar="URL", help="the page's address (or its ?query): export exactly that view"
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


def _query(args: argparse.Namespace) -> dict[str, list[str]]:
    """The page's query string for the filters given, a --link's first and options on top."""
    query = parse_qs(urlsplit(args.link).query, keep_blank_values=True) if args.link else {}
    for key, value in (
        ("source", args.source), ("voice", args.voice), ("kind", args.kind),
        ("place_kind", args.place_kind), ("from", args.start), ("to", args.end), ("q", args.search),
    ):  # fmt: skip
        if value is not None:
            query[key] = value if isinstance(value, list) else [value]
    return query


def _export(args: argparse.Namespace) -> int:
    """Write the selection to standard output; exit 1 on a faulty folder, 2 on a bad filter."""
    try:
        atlas = load_atlas(args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    # The page's own reader of links, so a filter means the same here as there; where the
    # page drops a bad value with a notice, a script is better stopped.
    state, notices = parse_query(_query(args), atlas)
    if notices:
        for notice in notices:
            print(f"error: {notice}", file=sys.stderr)
        return 2
    sys.stdout.write(EXPORTERS[args.format](selection(atlas, state)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.data)
    return _export(args)


if __name__ == "__main__":
    sys.exit(main())
