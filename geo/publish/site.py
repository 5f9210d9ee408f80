"""The whole site of a view: its files in a fixed order, written to a folder or into a zip."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.core.atlas import Atlas
from geo.core.viewstate import ViewState
from geo.publish.assets import asset_files
from geo.publish.claims import Claims, chunk_name
from geo.publish.contents import Contents, contents
from geo.publish.downloads import DOWNLOADS, download_chunks
from geo.publish.encoding import json_bytes
from geo.publish.folder import MANIFEST, replacing, site_folder
from geo.publish.journeys import journeys_json
from geo.publish.outlines import outlines_json
from geo.publish.pages import index_html, sources_html
from geo.publish.payload import excerpts_json, is_dense, places_json, points_bin, site_json
from geo.publish.search import sharded, shards, spellings
from geo.publish.tiles import Tiles

# A file of the site: its path, and its bytes a chunk at a time.
SiteFile = tuple[str, Iterable[bytes]]
# Every zip entry bears this time (the earliest a zip can hold), so the same site zips to the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PublishReport:
    """What a publish wrote: where, how much of the data, how many bytes, and how long it took."""

    folder: Path
    places: int
    excerpts: int
    sources: int
    files: int
    bytes: int
    seconds: float


def site_files(held: Contents, title: str, tiles: Tiles) -> Iterator[SiteFile]:
    """Every file of the site in a fixed order, each made only when it is reached, the manifest of them last."""
    paths = [MANIFEST.as_posix()]
    for path, chunks in _content_files(held, title, tiles):
        paths.append(path)
        yield path, chunks
    # So a later publish may replace this site knowing what it wrote, and nothing else.
    yield MANIFEST.as_posix(), [json_bytes(sorted(paths))]


def _content_files(held: Contents, title: str, tiles: Tiles) -> Iterator[SiteFile]:
    """The site's files but its manifest, in a fixed order."""
    yield "index.html", [index_html(title, tiles)]
    yield "sources.html", [sources_html(held, title)]
    for path, data in asset_files():
        yield path, [data]
    yield "data/site.json", [json_bytes(site_json(held, title, tiles))]
    yield "data/points.bin", [points_bin(held)]
    yield "data/places.json", [json_bytes(places_json(held))]
    outlines = outlines_json(held.selection.atlas)
    if outlines is not None:
        yield "data/outlines.json", [json_bytes(outlines)]
    # A large map draws only the open place's journeys, from its claims: it has no file of them all.
    if not is_dense(held):
        yield "data/journeys.json", [json_bytes(journeys_json(held))]
    for number, chunk in Claims(held).chunks():
        yield f"data/claims/{chunk_name(number)}", [json_bytes(chunk)]
    yield "data/excerpts.json", [json_bytes(excerpts_json(held))]
    names = []
    for name, words in shards(held):
        names.append(name)
        yield f"data/search/{name}.json", [json_bytes(words)]
    yield "data/search/index.json", [json_bytes(names)]
    spelt = []
    for name, others in sharded(spellings(held)):
        spelt.append(name)
        yield f"data/spellings/{name}.json", [json_bytes(others)]
    yield "data/spellings/index.json", [json_bytes(spelt)]
    for source in held.sources:
        yield f"articles/{source.id}.txt", [held.article(source.id).encode("utf-8")]
    for fmt, path in DOWNLOADS.items():
        yield path, download_chunks(held, fmt)


def publish(atlas: Atlas, out: Path, *, view: ViewState, title: str, tiles: Tiles) -> PublishReport:
    """Write the site of a view of the reviewed material to `out`, replacing a site published there before."""
    began = time.perf_counter()
    out = site_folder(out)  # so the report names the folder written, whatever the path given
    held = contents(atlas, view)
    files = written = 0
    with replacing(out) as folder:
        for path, chunks in site_files(held, title, tiles):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as file:
                for chunk in chunks:
                    written += file.write(chunk)
            files += 1
    return PublishReport(
        folder=out,
        places=len(held.places),
        excerpts=len(held.excerpts),
        sources=len(held.sources),
        files=files,
        bytes=written,
        seconds=time.perf_counter() - began,
    )


def site_zip(atlas: Atlas, view: ViewState, title: str, tiles: Tiles) -> bytes:
    """The site of a view as a zip's bytes, the same bytes for the same data and options."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, chunks in site_files(contents(atlas, view), title, tiles):
            entry = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16  # rw-r--r--, whoever unpacks it
            with archive.open(entry, "w") as file:
                for chunk in chunks:
                    file.write(chunk)
    return buffer.getvalue()
