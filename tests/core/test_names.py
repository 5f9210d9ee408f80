"""Name folding: every spelling of a place, Latin or Arabic, finds it, and nothing else does."""

from __future__ import annotations

import pytest

from geo.core.atlas import Atlas
from geo.core.names import fold, matches, tokens


def record(*names: str) -> str:
    """A place's haystack as a caller builds it: its names, folded once."""
    return fold(" ".join(names))


MAARAT = record(
    "Maarat al-Numan",
    "Maarat Numan",
    "Ma'arrat al-Nu'man",
    "Maarrat an Numan",
    "Ma‘arrat an Nu‘mān",
    "Maarat al-Nouman",
    "Marat al-Numan",
    "معرة النعمان",
)
LATAMNAH = record("Latamnah", "Latamneh", "al-Lataminah", "Al Laţāminah", "اللطامنة")
KHAN_SHAYKHUN = record("Khan Sheikhoun", "Khan Shaykhun", "Khān Shaykhūn", "خان شيخون")
IDLIB = record("Idlib province", "Idlib", "Idleb", "Edlib", "محافظة إدلب")
ABU_DUHUR = record("Abu al-Duhur crossing", "Abu al-Duhur", "Abu az Zuhur", "Abū az̧ Z̧uhūr", "معبر أبو الظهور")
HADR_EIS = record("al-Hadr/al-Eis crossing", "Al Ḩāḑir", "Tell al-Eis", "معبر الحاضر / العيس")
HOMS = record("Homs countryside", "countryside of Homs", "rural Homs", "ريف حمص")

# Spellings of one name, each beside the one it must fold to the same key as.
SAME = [
    ("maarat numan", "Maarat al-Numan"),
    ("Ma'arrat al-Nu'man", "Maarat al-Numan"),
    ("Maarrat an Numan", "Maarat al-Numan"),
    ("Ma‘arrat an Nu‘mān", "Maarat al-Numan"),
    ("MAARAT AL-NUMAN", "Maarat al-Numan"),
    ("Marat al-Numan", "Maarat al-Numan"),
    ("Maʿarrat an-Nuʿmān", "Maarat al-Numan"),  # the half rings of scholarly transliteration
    ("Ma´arrat el Nu`man", "Maarat al-Numan"),
    ("Maarat-al-Numan", "Maarat al-Numan"),
    ("معرّة النعمان", "معرة النعمان"),  # shadda
    ("مَعَرَّةُ النُّعْمَانِ", "معرة النعمان"),  # every haraka
    ("معرة ٱلنعمان", "معرة النعمان"),  # alef wasla
    ("al-Latamnah", "Latamnah"),
    ("Al Latamnah", "Latamnah"),
    ("Latam\u00adnah", "Latamnah"),  # a soft hyphen is invisible, not a break
    ("اللطامنه", "اللطامنة"),
    ("Khān Shaykhūn", "khan shaykhun"),
    ("إدلب", "ادلب"),
    ("إدلـــب", "ادلب"),  # tatweel
    ("Abu al Duhur", "Abu al-Duhur"),
    ("abu-al-duhur", "Abu al-Duhur"),
    ("Abū az̧ Z̧uhūr", "Abu al-Zuhur"),
    ("Al Ḩāḑir", "al hadir"),
    ("Dar‘ā", "Daraa"),
    ("Dar'a", "Daraa"),
    ("Ḩalab", "Halab"),
    ("Jisr esh-Shughur", "Jisr ash-Shughur"),
    ("Deir ez-Zor", "Deir az Zor"),
    ("مؤتمر", "موتمر"),
    ("مستشفى", "مستشفي"),
]


@pytest.mark.parametrize(("spelling", "name"), SAME)
def test_spellings_fold_to_one_key(spelling, name) -> None:
    assert fold(spelling) == fold(name)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Maarat al-Numan", "marat numan"),
        ("Maarat", "marat"),
        ("an Numan", "numan"),
        ("Abu az Zuhur", "abu zuhur"),
        ("al-Hadr/al-Eis", "hadr eis"),
        ("النعمان", "نعمان"),
        ("اللطامنة", "لطامنه"),
        ("الى", "الي"),  # three letters: a word, not an article and two letters
        ("Maarat al-Numan (معرة النعمان)", "marat numan معره نعمان"),
        # English is only folded by the same rules: a doubled letter is written once.
        ("Trucks carry belongings", "trucks cary belongings"),
        ("Shelling hit the M5 highway, 2019.", "sheling hit the m5 highway 2019"),  # digits stay, runs and all
        ("٢٠١٩", "2019"),
        ("  spaced\tout\n words ", "spaced out words"),
        ("", ""),
        ("—/' ", ""),
    ],
)
def test_fold(text, key) -> None:
    assert fold(text) == key


@pytest.mark.parametrize(
    "text", sorted({text for pair in SAME for text in pair}) + ["Trucks carry belongings", "all", "االلطامنة"]
)
def test_fold_is_idempotent(text) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("al-Hadr/al-Eis", ("hadr", "eis")),
        ("al-Ees", ("es",)),  # the runs collapse, but "es" is not taken for an article
        ("  Ma'arrat   al-Nu'man ", ("marat", "numan")),
        ("معبر الحاضر / العيس", ("معبر", "حاضر", "عيس")),
        ("", ()),
        ("   ", ()),
        ("-/'?!", ()),
        ("al", ()),  # an article alone names nothing
    ],
)
def test_tokens(text, expected) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("query", "haystack"),
    [
        ("maarat numan", MAARAT),
        ("Ma'arrat al-Nu'man", MAARAT),
        ("معرة النعمان", MAARAT),
        ("معرّة النعمان", MAARAT),
        ("numan", MAARAT),
        ("Maarat", MAARAT),
        ("النعمان", MAARAT),
        ("Latamnah", LATAMNAH),
        ("al-Latamnah", LATAMNAH),
        ("اللطامنة", LATAMNAH),
        ("اللطامنه", LATAMNAH),
        ("Khān Shaykhūn", KHAN_SHAYKHUN),
        ("khan shaykhun", KHAN_SHAYKHUN),
        ("shaykhun", KHAN_SHAYKHUN),
        ("إدلب", IDLIB),
        ("ادلب", IDLIB),
        ("idlib", IDLIB),
        ("Abu al Duhur", ABU_DUHUR),
        ("abu-al-duhur", ABU_DUHUR),
        ("abu zuhur", ABU_DUHUR),
        ("أبو الظهور", ABU_DUHUR),
        ("Al Ḩāḑir", HADR_EIS),
        ("al hadir", HADR_EIS),
        ("al-Hadr", HADR_EIS),
        ("al-Eis", HADR_EIS),
        ("al-Eis/al-Hadr", HADR_EIS),  # the slash splits the query into two words, found apart
        ("العيس", HADR_EIS),
        ("rural Homs", HOMS),
        ("حمص", HOMS),
    ],
)
def test_matches(query, haystack) -> None:
    assert matches(query, haystack)


@pytest.mark.parametrize(
    ("query", "haystack"),
    [
        ("Latamnah", MAARAT),
        ("اللطامنة", MAARAT),
        ("aleppo", HOMS),
        ("maarat homs", MAARAT),  # every word must be found, not any
        ("homs maarat", HOMS),
        ("khan numan", MAARAT),
        ("idlib", MAARAT),
        ("حلب", HOMS),
        ("al-Hadr", ABU_DUHUR),
    ],
)
def test_does_not_match(query, haystack) -> None:
    assert not matches(query, haystack)


@pytest.mark.parametrize("query", ["", " ", "\t\n", "-", "/", "'", "…?!", "al-", "an"])
@pytest.mark.parametrize("haystack", [MAARAT, HOMS, ""])
def test_empty_query_matches_everything(query, haystack) -> None:
    assert tokens(query) == ()
    assert matches(query, haystack)


def test_every_bundled_place_is_found_by_each_of_its_names(bundled_atlas: Atlas) -> None:
    for place in bundled_atlas.places.values():
        haystack = record(place.name, *place.aliases, place.name_ar)
        for name in (place.name, *place.aliases, place.name_ar):
            assert tokens(name), name
            assert matches(name, haystack), name
