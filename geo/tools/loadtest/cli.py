"""The command line: python -m geo.tools.loadtest --url URL, printing the report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from google.protobuf.message import DecodeError
from websockets.exceptions import WebSocketException

import geo.tools.loadtest
from geo.tools.loadtest.errors import LoadTestError
from geo.tools.loadtest.runner import run_load


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: print the report; exit 1 on errors, leaks, drafts shown, lost writes or growing memory."""
    parser = argparse.ArgumentParser(prog="python -m geo.tools.loadtest", description=_description())
    parser.add_argument("--url", required=True, help="the app, e.g. http://127.0.0.1:8501")
    parser.add_argument("--clients", type=int, default=25, help="concurrent sessions (25)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long they run (60)")
    parser.add_argument("--seed", type=int, default=0, help="the random walks' seed (0)")
    parser.add_argument("--pid", type=int, help="the server's process (default: whoever listens on the port)")
    parser.add_argument(
        "--editors", type=int, default=0, help="editors adding and reviewing articles meanwhile, each a process (0)"
    )
    parser.add_argument(
        "--data", type=Path, help="the folder the server serves (its GEO_DATA_DIR), which editors write in: a copy"
    )
    args = parser.parse_args(argv)
    if args.editors and args.data is None:
        parser.error("--editors needs --data, the folder the server serves")
    try:
        report = run_load(
            args.url,
            clients=args.clients,
            seconds=args.seconds,
            seed=args.seed,
            pid=args.pid,
            editors=args.editors,
            data=args.data,
        )
    except (LoadTestError, OSError, WebSocketException, DecodeError, TimeoutError) as error:
        print(f"load test failed to run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report.text())
    return 0 if report.ok else 1


def _description() -> str:
    """The first line of the package's docstring, which says what the test does."""
    # Read when the command runs: this module is imported while the package is still being set up.
    return (geo.tools.loadtest.__doc__ or "").partition("\n")[0]
