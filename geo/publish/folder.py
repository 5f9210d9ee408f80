"""The folder a site is published to: written aside, then swapped in whole, only over a site and nothing else."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

# The file every site holds, which marks a folder as one a publish wrote.
MARKER = Path("data") / "site.json"
# The sorted paths of every file a site holds, itself among them: all that replacing the site may remove.
MANIFEST = Path("data") / "files.json"
# How many of the files a publish did not write its refusal names.
SHOWN = 3
# A static server reads the files as another user: the folder is made readable to all, as a copy would be.
SITE_MODE = 0o755


class PublishError(ValueError):
    """A site that may not be published: a folder it may not be written to, or a view with nothing to publish."""


def site_folder(out: Path) -> Path:
    """The folder as an absolute path ending in its own name, since the site is written beside it and swapped in."""
    # Not resolved, so a link given as the folder is still seen, and refused, as one.
    out = out.absolute()
    if out.name == "..":
        # `..` names a real folder, never a link; resolved, the path ends in that folder's name.
        out = out.resolve()
    if not out.name:
        raise PublishError(f"{out} is the file system's root; give a folder of its own")
    return out


def check_target(out: Path) -> None:
    """Refuse a folder that is neither empty, absent, nor a site a publish wrote and nothing else."""
    if out.is_symlink():
        raise PublishError(f"{out} is a symbolic link; give the folder itself")
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishError(f"{out} is a file, not a folder")
    if not any(out.iterdir()):
        return
    written = manifest(out)
    if written is None:
        raise PublishError(f"{out} holds files that no publish wrote; give an empty or new folder")
    strays = unwritten(out, written)
    if strays:
        named = ", ".join(strays[:SHOWN]) + (f" and {len(strays) - SHOWN} more" if len(strays) > SHOWN else "")
        raise PublishError(
            f"{out} holds {named}, which no publish wrote and replacing the site would delete; "
            "move them out, or give an empty or new folder"
        )


def manifest(folder: Path) -> frozenset[str] | None:
    """The files a site says it holds, or None when the folder is no site a publish wrote (or wrote no manifest)."""
    if not is_site(folder):
        return None
    document = _read_json(folder / MANIFEST)
    if not isinstance(document, list) or not all(isinstance(path, str) for path in document):
        return None
    return frozenset(document)


def unwritten(folder: Path, written: frozenset[str]) -> list[str]:
    """What the folder holds beyond the files in `written`, sorted; a folder named once, with a slash, not its files."""
    # The folders the written files sit in; any other folder, and all within it, is someone else's.
    holding = {parent.as_posix() for path in written for parent in PurePosixPath(path).parents}
    strays: list[str] = []
    for root, folders, names in os.walk(folder, onerror=_raise):
        here = Path(root).relative_to(folder)
        kept = []
        for name in folders:
            path = (here / name).as_posix()
            # A link to a folder is never written by a publish, wherever it points.
            if path in holding and not (Path(root) / name).is_symlink():
                kept.append(name)
            else:
                strays.append(f"{path}/")
        folders[:] = kept
        for name in names:
            path = (here / name).as_posix()
            entry = Path(root) / name
            if path not in written or entry.is_symlink() or not entry.is_file():
                strays.append(path)
    return sorted(strays)


def is_site(folder: Path) -> bool:
    """Whether a folder holds a site a publish wrote: its site.json, readable, of a format we know."""
    document = _read_json(folder / MARKER)
    return isinstance(document, dict) and isinstance(document.get("format"), int)


def _read_json(path: Path) -> object:
    """A regular file's JSON, or None if it is missing, a link, or unreadable."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        document: object = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return document


def _raise(error: OSError) -> None:
    """Stop at a folder that cannot be read, rather than pass over what it holds."""
    raise error


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to write the site into, swapped in for `out` once written whole.

    Should the writing fail, the fresh folder goes and `out` is left as it was.
    """
    out = site_folder(out)
    check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # A sibling, on the same file system, so the swap is two renames rather than a copy.
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        yield staging
        os.chmod(staging, SITE_MODE)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out: Path) -> None:
    """Put the written site where `out` is, removing the old site only once the new one is in place."""
    # Checked again: the folder may have changed while the site was written.
    check_target(out)
    if not out.exists():
        os.rename(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.replaced-", dir=out.parent))
    os.rename(out, old / "site")
    try:
        os.rename(staging, out)
    except OSError:
        os.rename(old / "site", out)
        raise
    shutil.rmtree(old)
