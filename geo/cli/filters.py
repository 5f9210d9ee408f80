"""The page's filters as command-line options, made from the table of filters, and read back as a link's query."""

from __future__ import annotations

import argparse
from typing import Any
from urllib.parse import parse_qs, urlsplit

from geo.core.filters import FILTERS, Control, Filter


def option(row: Filter) -> dict[str, Any]:
    """The argparse options of a filter's command-line flag, as its control reads values."""
    option: dict[str, Any] = {"dest": row.field, "help": row.cli_help}
    if row.control is Control.CHOICE:
        option["action"] = "append"
        if row.options:
            option["choices"] = [str(o) for o in row.options]
        else:
            option["metavar"] = "ID"
    elif row.control in (Control.FROM, Control.TO):
        option["metavar"] = "DATE"
    else:
        option["metavar"] = "TEXT"
    return option


def query(args: argparse.Namespace) -> dict[str, list[str]]:
    """The page's query string for the filters given, a --link's first and options on top."""
    query = parse_qs(urlsplit(args.link).query, keep_blank_values=True) if args.link else {}
    for row in FILTERS:
        value = getattr(args, row.field, None) if row.flag is not None else None
        if value is not None:
            query[row.key] = value if isinstance(value, list) else [value]
    return query


def add_filters(command: argparse.ArgumentParser, verb: str) -> None:
    """The page's filters as a command's options, made from the table of filters, and --link."""
    filters = command.add_argument_group("filters, as on the page; each repeatable filter keeps any of its values")
    for row in FILTERS:
        if row.flag is not None:
            filters.add_argument(row.flag, **option(row))
    filters.add_argument("--link", metavar="URL", help=f"the page's address (or its ?query): {verb} exactly that view")
