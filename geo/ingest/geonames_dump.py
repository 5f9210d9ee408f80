"""GeoNames' dump files read as GeoNames distributes them: a country's features, alternate names, admin1 codes.

Each file is tab-separated UTF-8 without a header (download.geonames.org/export/dump/readme.txt),
plain or in the zip GeoNames serves it in. Rows are read one at a time: alternateNamesV2.txt is
some 700 MB unzipped.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO

# The 19 columns of the geoname table: geonameid, name, asciiname, alternatenames, latitude,
# longitude, feature class, feature code, country code, cc2, admin1..admin4 codes, population,
# elevation, dem, timezone, modification date.
FEATURE_COLUMNS = 19
# alternateNameId, geonameid, isolanguage, alternate name, isPreferredName, isShortName,
# isColloquial, isHistoric, from, to.
ALTERNATE_COLUMNS = 10
# code ("SY.09"), name, asciiname, geonameid.
ADMIN1_COLUMNS = 4
# Not languages: links, Wikidata ids, postal codes, airport and other codes, abbreviations.
PSEUDO_LANGUAGES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "fr_1793", "abbr", "tcid"})


class DumpKind(StrEnum):
    """What a dump file holds."""

    FEATURES = "features"
    ALTERNATE_NAMES = "alternate names"
    ADMIN1 = "admin1 codes"


class DumpError(ValueError):
    """A dump file that cannot be read, with the file and the line that is wrong."""

    def __init__(self, path: Path, line: int | None, message: str):
        where = f"{path}: line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class Feature:
    """One row of a country's file, the columns ingest uses."""

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1_code: str
    population: int
    modified: str


@dataclass(frozen=True)
class AlternateName:
    """One row of alternateNamesV2.txt."""

    geonameid: int
    language: str
    name: str
    preferred: bool
    historic: bool


@dataclass(frozen=True)
class DumpFile:
    """A dump file as given: its path, what it holds, the date GeoNames wrote it and its digest."""

    path: Path
    kind: DumpKind
    date: str
    sha256: str
    size: int


def dump_kind(path: Path) -> DumpKind:
    """What a file holds, from the name GeoNames gives it (SY.zip, alternateNamesV2.zip, admin1CodesASCII.txt)."""
    stem = path.name.casefold()
    if path.suffix.casefold() not in (".zip", ".txt"):
        raise DumpError(path, None, "not a GeoNames dump file (a .zip or .txt)")
    if stem.startswith("alternatenames"):
        return DumpKind.ALTERNATE_NAMES
    if stem.startswith("admin1codes"):
        return DumpKind.ADMIN1
    if stem.startswith(("admin2codes", "countryinfo", "featurecodes", "timezones", "iso-language", "readme")):
        raise DumpError(
            path,
            None,
            "a GeoNames file this import does not read (give a country's file, "
            "alternateNamesV2 or admin1CodesASCII.txt)",
        )
    return DumpKind.FEATURES


def describe(path: Path) -> DumpFile:
    """A dump file's kind, date and digest; DumpError if it is missing or not a dump."""
    kind = dump_kind(path)
    try:
        size = path.stat().st_size
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        written = _zip_date(path) if path.suffix.casefold() == ".zip" else None
    except zipfile.BadZipFile as error:
        raise DumpError(path, None, f"not a zip file ({error})") from None
    except OSError as error:
        raise DumpError(path, None, error.strerror or str(error)) from None
    when = written or datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    return DumpFile(path, kind, when.isoformat(), digest.hexdigest(), size)


def _zip_date(path: Path) -> date:
    """The date the zip records for the text file inside it: when GeoNames wrote the dump."""
    with zipfile.ZipFile(path) as archive:
        year, month, day, *_ = archive.getinfo(_member(path, archive)).date_time
    return date(year, month, day)


def _member(path: Path, archive: zipfile.ZipFile) -> str:
    """The text file of a GeoNames zip: SY.zip holds SY.txt (and alternateNamesV2.zip a language list too)."""
    names = archive.namelist()
    wanted = f"{path.stem}.txt".casefold()
    named = [n for n in names if n.casefold() == wanted]
    texts = [n for n in names if n.casefold().endswith(".txt") and "readme" not in n.casefold()]
    if named or len(texts) == 1:
        return (named or texts)[0]
    raise DumpError(path, None, f"the zip holds no {path.stem}.txt")


@contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    """The file's bytes, read from its zip if it is one."""
    try:
        if path.suffix.casefold() != ".zip":
            with path.open("rb") as stream:
                yield stream
            return
        with zipfile.ZipFile(path) as archive, archive.open(_member(path, archive)) as stream:
            yield stream
    except (OSError, zipfile.BadZipFile) as error:
        raise DumpError(path, None, f"cannot be read: {error}") from None


def _rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Each line's number and its columns; DumpError for a line that is not UTF-8 or has too few."""
    with _opened(path) as stream:
        for number, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                raise DumpError(path, number, "not UTF-8") from None
            if not line or line.startswith("#"):  # admin1CodesASCII.txt may end in a blank line
                continue
            cells = line.split("\t")
            if len(cells) != columns:
                raise DumpError(path, number, f"{len(cells)} tab-separated columns; a {path.name} row has {columns}")
            yield number, cells


def read_features(path: Path) -> Iterator[Feature]:
    """Every row of a country's file (SY.txt, or the zip holding it)."""
    for number, cells in _rows(path, FEATURE_COLUMNS):
        try:
            feature = Feature(
                geonameid=int(cells[0]),
                name=cells[1].strip(),
                asciiname=cells[2].strip(),
                alternatenames=tuple(n.strip() for n in cells[3].split(",") if n.strip()),
                lat=float(cells[4]),
                lon=float(cells[5]),
                feature_class=cells[6],
                feature_code=cells[7],
                country=cells[8],
                admin1_code=cells[10],
                population=int(cells[14] or 0),
                modified=cells[18],
            )
        except ValueError as error:
            raise DumpError(path, number, f"not a GeoNames feature row ({error})") from None
        if not (-90 <= feature.lat <= 90 and -180 <= feature.lon <= 180) or not feature.name:
            raise DumpError(path, number, "a name and a latitude and longitude in range are needed")
        yield feature


def read_alternate_names(path: Path, wanted: Container[int]) -> Iterator[AlternateName]:
    """The alternate names of the features wanted, in real languages (no links, codes or postcodes)."""
    for number, cells in _rows(path, ALTERNATE_COLUMNS):
        try:
            geonameid = int(cells[1])
        except ValueError:
            raise DumpError(path, number, f"geonameid {cells[1]!r} is not a number") from None
        if geonameid not in wanted or cells[2] in PSEUDO_LANGUAGES or not cells[3].strip():
            continue
        yield AlternateName(geonameid, cells[2], cells[3].strip(), cells[4] == "1", cells[7] == "1")


def read_admin1(path: Path) -> dict[str, str]:
    """The admin1 codes' English names: {"SY.09": "Idlib", ...}."""
    names = {}
    for number, cells in _rows(path, ADMIN1_COLUMNS):
        if "." not in cells[0] or not cells[2].strip():
            raise DumpError(path, number, f"{cells[0]!r} is not a code of the form SY.09 with a name")
        names[cells[0]] = cells[2].strip()
    return names
