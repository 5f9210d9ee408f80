"""The folder a site is published to: written aside, then swapped in whole, and only ever over a site."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The file every site holds, which marks a folder as one a publish wrote.
MARKER = Path("data") / "site.json"
# A static server reads the files as another user: the folder is made readable to all, as a copy would be.
SITE_MODE = 0o755


class PublishError(ValueError):
    """A folder a site may not be written to."""


def check_target(out: Path) -> None:
    """Refuse a folder that is neither empty, absent, nor a site a publish wrote."""
    if out.is_symlink():
        raise PublishError(f"{out} is a symbolic link; give the folder itself")
    if not out.exists():
        return
    if not out.is_dir():
        raise PublishError(f"{out} is a file, not a folder")
    if any(out.iterdir()) and not is_site(out):
        raise PublishError(f"{out} holds files that no publish wrote; give an empty or new folder")


def is_site(folder: Path) -> bool:
    """Whether a folder holds a site a publish wrote: its site.json, readable, of a format we know."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        document = json.loads(marker.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and isinstance(document.get("format"), int)


@contextmanager
def replacing(out: Path) -> Iterator[Path]:
    """A fresh folder beside `out` to write the site into, swapped in for `out` once written whole.

    Should the writing fail, the fresh folder goes and `out` is left as it was.
    """
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
