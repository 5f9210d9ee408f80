"""GeoNames dump files imported into the on-disk index, and ingest finding the places only they hold."""

from __future__ import annotations

import logging
import sqlite3
import zipfile
from pathlib import Path

import pytest
import yaml

from geo.cli import main
from geo.core.records import PlaceKind
from geo.data.layout import fingerprint
from geo.data.load import load_atlas
from geo.ingest import gazetteer as gazetteer_module
from geo.ingest import geonames_index
from geo.ingest.gazetteer import Gazetteer, gazetteer_for
from geo.ingest.geonames_features import kind_and_precision, rank_of
from geo.ingest.geonames_index import index_file
from tests.support.datafolder import data_folder


def row(
    geonameid: int,
    name: str,
    lat: float,
    lon: float,
    fclass: str,
    code: str,
    country: str = "SY",
    *,
    alternates: str = "",
    admin1: str = "09",
    population: int = 0,
) -> str:
    """One line of a country's file: the 19 tab-separated columns GeoNames writes."""
    ascii_name = name.encode("ascii", "ignore").decode()
    cells = [
        str(geonameid),
        name,
        ascii_name,
        alternates,
        f"{lat}",
        f"{lon}",
        fclass,
        code,
        country,
        "",
        admin1,
        "",
        "",
        "",
        str(population),
        "",
        "300",
        "Asia/Damascus",
        "2026-11-28",
    ]
    assert len(cells) == 19
    return "\t".join(cells)


HAZARIN, DEIR_SUNBUL, ARIHA, ARIHA_DISTRICT = 9000001, 9000002, 172994, 9000003
SHASHABU, BAB_AL_HAWA, ROUJ, TAFTANAZ_BASE, ATMEH_CAMP, KANSAFRA_RUIN = range(9000004, 9000010)
IDLIB_GOVERNORATE, RIVER, MAARAT = 9000010, 9000011, 167611
GUVECCI, FAR_TOWN = 9100001, 9100002

SYRIA = [
    row(HAZARIN, "Hazarin", 35.6083, 36.5425, "P", "PPL", alternates="Hazareen,Ḩazārīn"),
    row(DEIR_SUNBUL, "Deir Sunbul", 35.6636, 36.5322, "P", "PPL", alternates="Dayr Sunbul,دير سنبل"),
    row(ARIHA, "Arīḩā", 35.8136, 36.6103, "P", "PPLA2", alternates="Ariha,أريحا", population=42_000),
    row(ARIHA_DISTRICT, "Mintaqat Arīḩā", 35.78, 36.58, "A", "ADM2", alternates="Ariha District,Ariha,Arīḩā"),
    row(SHASHABU, "Jabal Shashabu", 35.62, 36.38, "T", "MTS", alternates="Jebel Shashabo", admin1="07"),
    row(BAB_AL_HAWA, "Bab al-Hawa Border Crossing", 36.2308, 36.6731, "S", "PSTB", alternates="Bab al-Hawa"),
    row(ROUJ, "Sahl ar Rouj", 35.85, 36.48, "T", "PLN", alternates="Rouj Plain"),
    row(TAFTANAZ_BASE, "Taftanaz Airbase", 35.9717, 36.7831, "S", "AIRF"),
    row(ATMEH_CAMP, "Atmeh Camp", 36.2019, 36.6714, "S", "CMPRF", alternates="Mukhayyam Atmah"),
    row(KANSAFRA_RUIN, "Khirbat Kansafra", 35.67, 36.50, "P", "PPLQ"),
    row(IDLIB_GOVERNORATE, "Idlib Governorate", 35.8, 36.6, "A", "ADM1", alternates="Muhafazat Idlib,Idlib"),
    row(RIVER, "Nahr al-Abyad", 35.7, 36.5, "H", "STM"),
    row(MAARAT, "Ma`arrat an Nu`man", 35.6433, 36.6708, "P", "PPLA2", population=58_008),
]
TURKEY = [
    # A village some ten kilometres from the border, and a town near the Black Sea.
    row(GUVECCI, "Güveççi", 36.3361, 36.5817, "P", "PPL", "TR", alternates="Guvecci", admin1="31"),
    row(FAR_TOWN, "Uzakköy", 40.9, 39.7, "P", "PPL", "TR", admin1="61", population=2_000),
]


def alternate(number: int, geonameid: int, language: str, name: str, preferred: str = "") -> str:
    """One line of alternateNamesV2.txt: its 10 columns."""
    return "\t".join([str(number), str(geonameid), language, name, preferred, "", "", "", "", ""])


ALTERNATES = [
    alternate(1, HAZARIN, "ar", "حزارين", "1"),
    alternate(2, HAZARIN, "link", "https://en.wikipedia.org/wiki/Hazarin"),
    alternate(3, HAZARIN, "en", "Hazzarin"),
    alternate(4, DEIR_SUNBUL, "ar", "دير سنبل"),
    alternate(5, 12345, "ar", "مكان آخر"),  # a feature the index does not hold
    alternate(6, SHASHABU, "post", "31000"),
]


def write_dumps(folder: Path, syria: list[str] = SYRIA) -> list[Path]:
    """SY.zip (as GeoNames serves it, dated 2026-11-30), TR.txt, alternateNamesV2.zip and admin1CodesASCII.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    country = folder / "SY.zip"
    with zipfile.ZipFile(country, "w") as archive:
        archive.writestr(zipfile.ZipInfo("SY.txt", (2026, 11, 30, 2, 0, 0)), "\n".join(syria) + "\n")
    turkey = folder / "TR.txt"
    turkey.write_text("\n".join(TURKEY) + "\n", encoding="utf-8")
    names = folder / "alternateNamesV2.zip"
    with zipfile.ZipFile(names, "w") as archive:
        archive.writestr(zipfile.ZipInfo("alternateNamesV2.txt", (2026, 11, 30, 3, 0, 0)), "\n".join(ALTERNATES) + "\n")
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("SY.09\tIdlib\tIdlib\t169388\nSY.07\tHama\tHama\t170016\n", encoding="utf-8")
    return [country, turkey, names, admin1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder of the bundled places and outlines."""
    return data_folder(tmp_path / "data")


@pytest.fixture
def imported(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The folder, with an index imported from the dumps through the command line."""
    files = write_dumps(tmp_path / "dumps")
    assert main(["gazetteer", "import", *map(str, files), "--data", str(folder)]) == 0
    capsys.readouterr()
    return folder


@pytest.fixture
def fresh_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave the session's gazetteer cached where it is: these tests build their own."""
    monkeypatch.setattr(gazetteer_module, "_BUILT", {})


def built(folder: Path) -> Gazetteer:
    """The gazetteer ingest would use for a folder."""
    return gazetteer_for(load_atlas(folder, sources_optional=True), folder)


def keys_of(gazetteer: Gazetteer, name: str) -> list[str]:
    """The entries a name finds."""
    found = gazetteer.lookup(name)
    return [] if found is None else [e.key for e in found.entries]


def test_import_reports_what_it_read(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = write_dumps(tmp_path / "dumps")
    assert main(["gazetteer", "--data", str(folder), "import", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert "SY.zip (features of 2026-11-30): 13 rows, 12 kept" in out  # the river is no place reports name
    assert "TR.txt (features of" in out and "2 rows, 1 kept" in out  # the town near the Black Sea is left out
    assert "alternateNamesV2.zip (alternate names of" in out and "3 kept" in out
    assert f"wrote {index_file(folder)}: 13 places" in out


def test_gazetteer_says_what_is_loaded(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "--data", str(imported)]) == 0
    out = capsys.readouterr().out
    assert "from SY.zip (features of 2026-11-30" in out and "sha256 " in out
    assert "places: 13" in out
    assert "by country: SY 12, TR 1" in out
    assert "by feature class: P 6, S 3, A 2, T 2" in out
    assert "places with an Arabic name: 3" in out  # Hazarin and Deir Sunbul from alternateNames, Ariha from its row
    assert "ingest uses it" in out


def test_gazetteer_without_an_index_says_the_bundled_extract_is_used(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gazetteer", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "no GeoNames index" in out and "cities500" in out and "gazetteer import" in out


@pytest.mark.usefixtures("fresh_builds")
def test_a_village_only_the_dump_holds_is_found_and_proposed(imported: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Shelling hit the village of Hazarin in southern Idlib on Monday, residents said.\n")
    command = [
        "ingest",
        str(article),
        "--id",
        "test-hazarin",
        "--title",
        "T",
        "--outlet",
        "O",
        "--published",
        "2026-11",
    ]
    assert main([*command, "--data", str(imported), "--by", "tester"]) == 0
    document = yaml.safe_load((imported / "sources" / "test-hazarin.yaml").read_text(encoding="utf-8"))
    proposed = {p["geonames_id"]: p for p in document["proposed_places"]}
    hazarin = proposed[HAZARIN]
    assert hazarin["name_ar"] == "حزارين"
    assert hazarin["admin1"] == "Idlib"  # the governorate outline it lies in
    assert hazarin["precision_m"] == 1000 and hazarin["kind"] == "village"
    assert f"GeoNames {HAZARIN} (Hazarin), from the GeoNames dump SY.zip of 2026-11-30" in hazarin["coord_source"]


@pytest.mark.usefixtures("fresh_builds")
def test_the_index_stands_in_for_the_bundled_extract(imported: Path) -> None:
    gazetteer = built(imported)
    assert keys_of(gazetteer, "Hazareen") == [f"geonames:{HAZARIN}"]
    assert keys_of(gazetteer, "حزارين") == [f"geonames:{HAZARIN}"]
    assert keys_of(gazetteer, "Saraqib") == []  # a cities500 town the dump given does not hold
    assert keys_of(gazetteer, "Güveççi") == [f"geonames:{GUVECCI}"]
    assert keys_of(gazetteer, "Uzakköy") == []
    assert keys_of(gazetteer, "Maarat al-Numan") == ["maarat-al-numan"]  # ours stands for its GeoNames record
    assert keys_of(gazetteer, "Hazarin")[0] == f"geonames:{HAZARIN}"
    assert keys_of(gazetteer, "https://en.wikipedia.org/wiki/Hazarin") == []


@pytest.mark.usefixtures("fresh_builds")
def test_a_district_leaves_its_seat_the_bare_name(imported: Path) -> None:
    gazetteer = built(imported)
    assert keys_of(gazetteer, "Ariha") == [f"geonames:{ARIHA}"]
    assert keys_of(gazetteer, "Ariha District") == [f"geonames:{ARIHA_DISTRICT}"]


@pytest.mark.usefixtures("fresh_builds")
def test_entries_read_from_disk_as_asked(imported: Path) -> None:
    gazetteer = built(imported)
    entries = list(gazetteer.entries)
    assert len(entries) == len(gazetteer) == len(gazetteer.own) + 13 - 1  # ours stands for Maarat's record
    assert [e.key for e in gazetteer.entries[len(gazetteer.own) :]] == [e.key for e in entries[len(gazetteer.own) :]]
    assert gazetteer.entries[-1] == entries[-1]
    by_key = {e.key: e for e in entries}
    assert f"geonames:{MAARAT}" not in by_key
    assert by_key[f"geonames:{SHASHABU}"].admin1 == "Hama"
    assert by_key[f"geonames:{GUVECCI}"].admin1 == "Turkey"
    assert by_key[f"geonames:{BAB_AL_HAWA}"].feature == "PSTB"
    assert by_key[f"geonames:{KANSAFRA_RUIN}"] == entries[-1]  # a ruin comes after the living places


@pytest.mark.usefixtures("fresh_builds")
def test_the_cached_gazetteer_follows_the_index_file(imported: Path, tmp_path: Path) -> None:
    first = built(imported)
    assert built(imported) is first
    files = write_dumps(tmp_path / "other", syria=SYRIA[:3])
    assert main(["gazetteer", "import", *map(str, files), "--data", str(imported)]) == 0
    again = built(imported)
    assert again is not first and keys_of(again, "Deir Sunbul") and not keys_of(again, "Bab al-Hawa")


def test_a_bad_line_names_file_and_line_and_leaves_the_old_index(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = index_file(imported).read_bytes()
    bad = tmp_path / "bad" / "SY.txt"
    bad.parent.mkdir()
    bad.write_text("\n".join([SYRIA[0], SYRIA[1], SYRIA[2].rsplit("\t", 1)[0]]) + "\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(bad), "--data", str(imported)]) == 1
    assert f"error: {bad}: line 3: 18 tab-separated columns" in capsys.readouterr().err
    assert index_file(imported).read_bytes() == before
    assert [p.name for p in index_file(imported).parent.iterdir()] == ["geonames.sqlite"]


@pytest.mark.parametrize(
    ("cells", "fault"),
    [
        ({4: "north"}, "line 1: not a GeoNames feature row"),
        ({0: "x"}, "line 1: not a GeoNames feature row"),
        ({4: "95.0"}, "line 1: a name and a latitude and longitude in range are needed"),
        ({14: "many"}, "line 1: not a GeoNames feature row"),
    ],
)
def test_a_spoiled_row_is_refused(
    tmp_path: Path, folder: Path, cells: dict[int, str], fault: str, capsys: pytest.CaptureFixture[str]
) -> None:
    columns = SYRIA[0].split("\t")
    for index, value in cells.items():
        columns[index] = value
    bad = tmp_path / "SY.txt"
    bad.write_text("\t".join(columns) + "\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(bad), "--data", str(folder)]) == 1
    assert fault in capsys.readouterr().err
    assert not index_file(folder).exists()


def test_files_that_are_not_dumps_are_refused(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names_only = write_dumps(tmp_path / "dumps")[2]
    assert main(["gazetteer", "import", str(names_only), "--data", str(folder)]) == 1
    assert "no country's file" in capsys.readouterr().err
    spoiled = tmp_path / "SY.zip"
    spoiled.write_bytes(b"not a zip")
    assert main(["gazetteer", "import", str(spoiled), "--data", str(folder)]) == 1
    assert f"error: {spoiled}" in capsys.readouterr().err


@pytest.mark.usefixtures("fresh_builds")
def test_a_spoiled_index_is_ignored_with_a_warning(
    folder: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    index_file(folder).parent.mkdir()
    index_file(folder).write_bytes(b"this is not a database, whatever its name says" * 100)
    with caplog.at_level(logging.WARNING):
        gazetteer = built(folder)
    assert "not a GeoNames index" in caplog.text and "bundled GeoNames extract" in caplog.text
    assert keys_of(gazetteer, "Saraqib") == ["geonames:164816"]  # the bundled cities500 town
    assert main(["gazetteer", "--data", str(folder)]) == 1
    assert "not a GeoNames index" in capsys.readouterr().err


@pytest.mark.usefixtures("fresh_builds")
def test_an_index_of_another_schema_is_ignored(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    index_file(folder).parent.mkdir()
    with sqlite3.connect(index_file(folder)) as db:
        db.execute("CREATE TABLE meta (name TEXT, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('schema', 'something else')")
    db.close()
    with caplog.at_level(logging.WARNING):
        gazetteer = built(folder)
    assert "not a GeoNames index of this version" in caplog.text
    assert keys_of(gazetteer, "Saraqib") == ["geonames:164816"]


@pytest.mark.usefixtures("fresh_builds")
def test_an_index_keyed_otherwise_is_stale(
    imported: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(geonames_index, "keys_digest", lambda: "keyed-otherwise")
    with caplog.at_level(logging.WARNING):
        gazetteer = built(imported)
    assert "keyed otherwise" in caplog.text and "python -m geo gazetteer import" in caplog.text
    assert "SY.zip" in caplog.text  # the command names the files it was built from
    assert keys_of(gazetteer, "Hazarin") == []
    assert main(["gazetteer", "--data", str(imported)]) == 1
    assert "stale" in capsys.readouterr().err


def test_importing_again_builds_the_same_index(imported: Path, tmp_path: Path) -> None:
    def tables() -> list[list[tuple[object, ...]]]:
        with sqlite3.connect(index_file(imported)) as db:
            found = [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in ("entries", "keys")]
            found.append(db.execute("SELECT name, date, sha256, rows, kept FROM files ORDER BY id").fetchall())
        db.close()
        return found

    before = tables()
    files = [tmp_path / "dumps" / name for name in ("SY.zip", "TR.txt", "alternateNamesV2.zip", "admin1CodesASCII.txt")]
    assert main(["gazetteer", "import", *map(str, files), "--data", str(imported)]) == 0
    assert tables() == before


def test_the_index_does_not_change_the_folder_stamp(folder: Path, imported: Path) -> None:
    index_file(folder).unlink()
    stamp = fingerprint(folder)
    index_file(folder).write_bytes(b"")
    assert fingerprint(folder) == stamp


def test_a_plain_country_file_reads_as_its_zip_does(tmp_path: Path, folder: Path) -> None:
    files = write_dumps(tmp_path / "dumps")
    plain = tmp_path / "plain" / "SY.txt"
    plain.parent.mkdir()
    plain.write_text("\n".join(SYRIA) + "\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(files[0]), "--data", str(folder)]) == 0
    with sqlite3.connect(index_file(folder)) as db:
        zipped = db.execute("SELECT * FROM entries ORDER BY pos").fetchall()
    db.close()
    assert main(["gazetteer", "import", str(plain), "--data", str(folder)]) == 0
    with sqlite3.connect(index_file(folder)) as db:
        assert db.execute("SELECT * FROM entries ORDER BY pos").fetchall() == zipped
    db.close()


# GeoNames feature code and population -> the kind of place and how far, in metres, it reaches.
KINDS = [
    ("PPL", 0, PlaceKind.VILLAGE, 1_000),
    ("PPL", 9_999, PlaceKind.VILLAGE, 1_000),
    ("PPL", 10_000, PlaceKind.TOWN, 2_000),
    ("PPL", 250_000, PlaceKind.CITY, 5_000),
    ("PPLA", 0, PlaceKind.CITY, 5_000),  # a governorate's seat
    ("PPLC", 0, PlaceKind.CITY, 5_000),
    ("PPLA2", 0, PlaceKind.TOWN, 2_000),  # a district's seat
    ("PPLA2", 200_000, PlaceKind.CITY, 5_000),
    ("PPLA3", 500, PlaceKind.VILLAGE, 1_000),
    ("PPLQ", 0, PlaceKind.VILLAGE, 1_000),
    ("PPLX", 50_000, PlaceKind.VILLAGE, 1_000),  # a quarter: placed as closely as a village
    ("CMPRF", 0, PlaceKind.VILLAGE, 1_000),
    ("ADM1", 0, PlaceKind.REGION, 50_000),
    ("ADM2", 0, PlaceKind.REGION, 20_000),
    ("ADM3", 0, PlaceKind.REGION, 8_000),
    ("PCLI", 0, PlaceKind.COUNTRY, 300_000),
    ("MTS", 0, PlaceKind.MOUNTAINS, 15_000),
    ("MT", 0, PlaceKind.MOUNTAINS, 3_000),
    ("HLL", 0, PlaceKind.MOUNTAINS, 1_000),
    ("PLN", 0, PlaceKind.REGION, 20_000),
    ("PSTB", 0, PlaceKind.CROSSING, 500),
    ("MILB", 0, PlaceKind.MILITARY_BASE, 2_000),
    ("AIRB", 0, PlaceKind.MILITARY_BASE, 2_000),
    ("AIRF", 0, PlaceKind.MILITARY_BASE, 2_000),
]


@pytest.mark.parametrize(("code", "population", "kind", "precision"), KINDS)
def test_feature_code_gives_kind_and_precision(code: str, population: int, kind: PlaceKind, precision: int) -> None:
    assert kind_and_precision(code, population) == (kind, precision)


@pytest.mark.parametrize("code", ["STM", "RD", "BLDG", "WLL", "H", ""])
def test_features_reports_do_not_name_are_left_out(code: str) -> None:
    assert kind_and_precision(code, 1_000) is None


@pytest.mark.parametrize(("earlier", "later"), [("PPL", "PPLQ"), ("PPL", "PPLX"), ("PPLA", "PPLW"), ("PPLX", "PPLH")])
def test_living_places_come_before_former_ones(earlier: str, later: str) -> None:
    assert rank_of(earlier) < rank_of(later)


@pytest.mark.usefixtures("fresh_builds")
def test_our_governorates_stand_for_geonames_records_of_them(imported: Path) -> None:
    gazetteer = built(imported)
    # Our Idlib province carries the governorate's names, and stands for GeoNames' record of it.
    assert keys_of(gazetteer, "Muhafazat Idlib") == ["idlib-province"]
    assert keys_of(gazetteer, "Idlib Governorate") == ["idlib-province"]
    assert keys_of(gazetteer, "Hama governorate") == ["adm1:hama"]
