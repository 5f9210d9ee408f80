"""The command line: python -m geo.tools.sitebench --site DIR, printing each file's load figures."""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from geo.tools.sitebench.nginx import NginxError, free_port, nginx
from geo.tools.sitebench.wrk import Load, WrkError, run

# The files a reader's first visit asks for, then the first place they open.
FIRST_FILES = ("index.html", "data/site.json", "data/points.bin")


def default_paths(site: Path) -> list[str]:
    """The first visit's files and the first claims chunk, which any opened place of the first 256 asks for."""
    chunks = sorted((site / "data" / "claims").glob("*.json"))
    return [*FIRST_FILES, *(f"data/claims/{chunks[0].name}" for _ in chunks[:1])]


def site_size(site: Path) -> tuple[int, int]:
    """How many files the site holds and their bytes."""
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def report(site: Path, paths: Sequence[str], loads: Sequence[Load], *, threads: int, connections: int) -> str:
    """The figures as a table, with the files' sizes as stored and as sent compressed."""
    count, total = site_size(site)
    lines = [
        f"site: {count} files, {total / 1e6:.2f} MB",
        f"wrk: {threads} threads, {connections} connections, Accept-Encoding gzip",
        f"{'file':<28} {'bytes':>10} {'gzipped':>10} {'req/s':>10} {'p50':>10} {'p99':>10} {'MB/s':>8} {'errors':>7}",
    ]
    for path, load in zip(paths, loads, strict=True):
        raw = (site / path).read_bytes()
        packed = len(gzip.compress(raw, compresslevel=5))
        lines.append(
            f"{path:<28} {len(raw):>10,} {packed:>10,} {load.requests_per_s:>10,.0f} {_ms(load.p50_s):>10}"
            f" {_ms(load.p99_s):>10} {load.transfer_per_s / 1e6:>8.1f} {load.errors:>7}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the site with nginx, load each file with wrk, print the table; exit 1 if any request failed."""
    parser = argparse.ArgumentParser(
        prog="python -m geo.tools.sitebench",
        description="Serve a site written by `python -m geo publish` with nginx on a loopback port and load its"
        " files with wrk: requests per second and latency under many readers at once.",
    )
    parser.add_argument("--site", type=Path, required=True, help="the published site's folder")
    parser.add_argument("--seconds", type=int, default=30, help="how long each file is loaded (30)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (2)")
    parser.add_argument("--connections", type=int, default=1000, help="wrk's open connections (1000)")
    parser.add_argument("--port", type=int, help="the loopback port nginx listens on (default: a free one)")
    parser.add_argument(
        "--path",
        action="append",
        dest="paths",
        help="a file to load, repeatable (default: the page, site.json, points.bin and the first claims chunk)",
    )
    args = parser.parse_args(argv)
    site: Path = args.site
    if not (site / "index.html").is_file() or not (site / "data" / "site.json").is_file():
        parser.error(f"{site} is not a published site (no index.html or data/site.json)")
    paths = args.paths or default_paths(site)
    missing = [p for p in paths if not (site / p).is_file()]
    if missing:
        parser.error(f"not in the site: {', '.join(missing)}")
    port = args.port or free_port()
    try:
        with tempfile.TemporaryDirectory(prefix="sitebench-") as workdir, nginx(site, port, Path(workdir)):
            loads = []
            for path in paths:
                load = run(
                    f"http://127.0.0.1:{port}/{path}",
                    threads=args.threads,
                    connections=args.connections,
                    seconds=args.seconds,
                )
                loads.append(load)
                print(f"{path}: {load.requests_per_s:,.0f} req/s, p99 {_ms(load.p99_s)}", file=sys.stderr)
    except (NginxError, WrkError, OSError) as error:
        print(f"sitebench failed to run: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report(site, paths, loads, threads=args.threads, connections=args.connections))
    return 1 if any(load.errors for load in loads) else 0
