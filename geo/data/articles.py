"""The articles' texts, read from their files when asked for rather than held: a year's are a quarter of a gigabyte."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path

from geo.data.problems import DataError, Problem
from geo.data.snapshot import file_digest

# The texts read last, kept: a page shows the same article's passages one after another.
_KEPT = 8


class ArticleTexts(Mapping[str, str]):
    """Each source's article, read from `<id>.txt` when asked for, and only if its bytes are those the load read.

    A file changed since the load is refused (DataError, naming it) rather than shown beside
    excerpts checked against its old text: the folder's stamp sees the change, and the next page
    reads the folder again.
    """

    def __init__(self, folder: Path, digests: Mapping[str, bytes]) -> None:
        """The articles of a folder of sources, each known by the digest of the bytes the load read."""
        self._folder = folder
        self._digests = dict(digests)
        self._kept: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, source_id: str) -> str:
        """A source's article text; KeyError for a source it does not hold."""
        digest = self._digests[source_id]
        with self._lock:
            if source_id in self._kept:
                self._kept.move_to_end(source_id)
                return self._kept[source_id]
        text = self._read(source_id, digest)
        with self._lock:
            self._kept[source_id] = text
            while len(self._kept) > _KEPT:
                self._kept.popitem(last=False)
        return text

    def _read(self, source_id: str, digest: bytes) -> str:
        """An article's text from its file, DataError if its bytes are not those the load read."""
        path = self._folder / f"{source_id}.txt"
        try:
            data = path.read_bytes()
        except OSError as error:
            raise DataError([Problem(str(path), "", f"cannot be read: {error.strerror}")]) from error
        if file_digest(data) != digest:
            raise DataError([Problem(str(path), "", "changed since the folder was read; it is read again")])
        return data.decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        """The sources' ids, in the folder's order."""
        return iter(self._digests)

    def __len__(self) -> int:
        """How many articles."""
        return len(self._digests)

    def __contains__(self, source_id: object) -> bool:
        """Whether it holds a source's article, read or not."""
        return source_id in self._digests

    def __repr__(self) -> str:
        """A short account, not every text."""
        return f"<ArticleTexts of {len(self):,} articles>"
