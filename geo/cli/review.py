"""The review commands: drafts, accept, reject and history."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

# A digest is shown by its start, as git shows a commit's.
SHORT_DIGEST = 12


def drafts(data: Path) -> int:
    """A line per draft waiting for review: what it is, and what is left to settle in it."""
    from geo.ingest.review import drafts as waiting_drafts

    waiting = waiting_drafts(data)
    for draft in waiting:
        print(
            f"{draft.id}\t{draft.title}\t{draft.undecided}/{draft.excerpts} excerpts undecided\t"
            f"{draft.proposed_places} proposed places\t{len(draft.names_not_found)} names to place"
        )
    if not waiting:
        print(f"no drafts to review in {data}", file=sys.stderr)
    return 0


def accept(args: argparse.Namespace) -> int:
    """Accept a draft; exit 1, writing nothing, while excerpts are undecided (unless --all) or on any fault."""
    from geo.data.history import entries
    from geo.ingest.review import UndecidedError, accept_source

    who = reviewer(args.by)
    if who is None:
        return 1
    try:
        accept_source(args.data, args.id, by=who, accept_rest=args.accept_rest)
    except UndecidedError as error:
        print(
            f"error: {error.undecided} of {error.total} excerpts of {args.id} are undecided; decide them "
            "on the Review page, or pass --all to accept them as they stand",
            file=sys.stderr,
        )
        return 1
    except ValueError as error:  # ReviewError, and StoreError with its ConflictError
        print(f"error: {error}", file=sys.stderr)
        return 1
    filed = entries(args.data, args.id)[-1].note
    print(f"accepted {args.id}, reviewed by {who}" + (f"; {filed}" if filed else ""))
    return 0


def reject(args: argparse.Namespace) -> int:
    """Delete a draft's files in one commit; exit 1, writing nothing, on any fault."""
    from geo.ingest.review import reject_source

    who = reviewer(args.by)
    if who is None:
        return 1
    try:
        reject_source(args.data, args.id, by=who, note=args.note)
    except ValueError as error:  # ReviewError, and StoreError with its ConflictError
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"rejected {args.id}; its files are kept in the history (python -m geo history {args.id})")
    return 0


def reviewer(given: str | None) -> str | None:
    """Who is reviewing: as given, or the user logged in; None, with the error printed, if neither is known."""
    if given is not None:
        return given
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment, nor in the password database
        print("error: your user name cannot be found; say who you are with --by", file=sys.stderr)
        return None


def history(args: argparse.Namespace) -> int:
    """The folder's history, oldest first: each change, then the files it made, changed or deleted."""
    from geo.data.history import HistoryError, entries

    try:
        done = entries(args.data, args.id)
    except HistoryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for entry in done:
        print("  ".join(part for part in (entry.at, entry.by, entry.action, entry.subject, entry.note) if part))
        for file in entry.files:
            print(f"    {file.path}  {short(file.before, 'new')} -> {short(file.after, 'deleted')}")
    if not done:
        print(f"no history{f' of {args.id}' if args.id else ''} in {args.data}", file=sys.stderr)
    return 0


def short(digest: str | None, absent: str) -> str:
    """A file version's digest, shortened, or what its absence means."""
    return absent if digest is None else digest[:SHORT_DIGEST]
