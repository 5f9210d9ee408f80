"""The publish command: a view written as a static site."""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlsplit

from geo.cli.filters import query
from geo.core.viewstate import parse_query
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.data.wordfile import words_beside
from geo.publish.embed import SITE_ADDRESS, embed_snippet
from geo.publish.folder import PublishError
from geo.publish.tiles import Tiles, TilesError


def publish(args: argparse.Namespace) -> int:
    """Write the site of a view; exit 1 on a faulty folder, a bad option or a folder that is not a site's."""
    from geo.core.atlas import reviewed_only

    # Brings numpy and the map's constants, which the other commands do without.
    from geo.publish.site import publish as write_site

    try:
        atlas = load_atlas(args.data)
    except DataError as error:
        print(f"error: {args.data} has faults; fix them first (python -m geo validate):\n{error}", file=sys.stderr)
        return 1
    # A search opens the folder's word index, as the page's does, rather than indexing again.
    atlas.words.opener = words_beside(args.data)
    # Read against what readers see, so a link naming a draft's source is refused, not published empty.
    readers = reviewed_only(atlas)
    state, notices = parse_query(query(args), readers)
    for notice in notices:
        print(f"error: {notice}", file=sys.stderr)
    if notices:
        return 1
    try:
        tiles = Tiles(args.tiles, args.attribution)
        base = base_url(args.base_url)
        report = write_site(readers, args.out, view=state, title=args.title, tiles=tiles)
    except (PublishError, TilesError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a disk full or a folder not ours to write; the old site is left as it was
        print(f"error: {error}; {args.out} is as it was", file=sys.stderr)
        return 1
    except DataError as error:  # an article's file changed while the site was written
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"error: the data folder changed while it was published; {args.out} is as it was", file=sys.stderr)
        return 1
    print(f"published {report.folder}")
    print(f"{report.places:,} places, {report.excerpts:,} excerpts, {report.sources:,} sources")
    print(f"{report.files:,} files, {report.bytes / 1_000_000:,.1f} MB, in {report.seconds:.2f} s")
    print(embed_snippet(base or SITE_ADDRESS, args.title))
    if base is None:
        print(f"(replace {SITE_ADDRESS} with the address the folder is served at, or give --base-url)")
    return 0


def base_url(given: str | None) -> str | None:
    """The site's address without a trailing slash; refused unless it is http(s)."""
    if given is None:
        return None
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"--base-url must be an http:// or https:// address, not {given!r}")
    return given.rstrip("/")
