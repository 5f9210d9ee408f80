"""The site's name folding (assets/fold.js) against geo.core.names.fold, the writer's: the same key for every text.

A reader's search finds an excerpt only when the browser folds the query to the very words the
writer indexed, so the port is run in node over every name and word of the bundled data, a table
of the spellings folding exists for, and every character Python's Unicode database knows.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from collections.abc import Sequence

import pytest

from geo.core.atlas import Atlas
from geo.core.names import fold
from tests.publish.nodejs import SITE_FOLDER, node

FOLD_JS = SITE_FOLDER / "fold.js"

# Loads fold.js as the page does (it sets window.geoFold), then folds each text of a JSON list
# read from standard input and writes the keys as a JSON list.
HARNESS = """
globalThis.window = globalThis;
require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
    const texts = JSON.parse(input);
    process.stdout.write(JSON.stringify(texts.map((text) => window.geoFold.fold(text))));
});
"""

# Spellings fold() is there to make equal, and the edges of each of its steps.
HARD_CASES = (
    # Apostrophes, and the marks transliterations write for ayn and hamza.
    "Ma'arrat al-Nu'man", "Ma`arrat", "Ma´arrat", "Ma‘arrat", "Ma’arrat", "Ma‛arrat", "Ma′arrat", "Ma＇arrat",
    "Maʿarrat al-Nuʿman", "Maʾarrat", "Maʹarrat", "Maʻarrat", "Maʼarrat", "Maʽarrat", "Maˈarrat",
    "Maˊarrat", "Maˋarrat",
    "ŉ", "d'Alep", "'Ain",
    # The article in Latin letters, plain, assimilated and in its e- forms; and words that only look like one.
    "al-Bab", "Al Bab", "el-Bab", "ul-Haq", "an-Numan", "ar-Raqqa", "as-Suwayda", "ash-Sham", "at-Tall", "ath-Thawra",
    "ad-Dana", "adh-Dhahab", "az-Zuhur", "ed-Dana", "edh-Dhahab", "Jisr esh-Shughur", "Deir ez-Zor", "Tell es-Sultan",
    "Ras el-Ain", "et-Tall", "eth-Thawra", "en-Nabk", "er-Rastan", "al-Ees", "Al-Ees", "all", "add", "ALL", "al al al",
    "al", "el", "Alal", "Ashrafiyah", "Atarib", "Eastern Ghouta", "Azaz", "As", "Ed",
    # Words spelt another way, whole words only; and words a table kept in a plain object would find.
    "Kfar Nubl", "Kefr-Takharim", "KFARR", "Kfarnabel", "Abul Thohur", "Babul Hawa", "Abdul", "Abula",
    "constructor", "toString", "__proto__", "hasOwnProperty", "valueOf",
    # The Arabic article, with runs of alifs, more than once, and on words too short to lose it.
    "اللطامنة", "الحلب", "الالحلب", "ااالحلب", "ال", "الب", "البا", "الاب", "والد", "و الحلب", "ٱلحلب",
    "أل-حلب", "ال ال",
    # Taa marbuta, alif maqsura, Persian yeh and kaf, tatweel, hamza and madda, harakat, Arabic digits.
    "معرة النعمان", "معره النعمان", "إدلب", "ادلب", "أريحا", "آمنة", "مؤتة", "سرمدى", "سرمدی", "کفر", "حـــلب",
    "مَعَرَّة", "٢٠١٩", "۲۰۱۹", "كفرنبل", "جسر الشغور", "خان شيخون",
    # Accents and other letters NFKD splits or rewrites; case that casefold, not lowercase, folds.
    "Kafr Nabl", "Kafranbel", "Şam", "Ḥamā", "Ḥimṣ", "Dārayyā", "Idlïb", "İdlib", "IDLIB", "Straße", "STRASSE", "ẞ",
    "ΟΔΟΣ", "οδος", "ς", "ǅemal", "ﬁre", "ﬆ", "µ", "ſ", "Ꭰꭰ", "ǰ", "ΐ", "①②", "Ⅻ", "ｆｕｌｌ", "x²", "½",
    # Runs of letters, and of digits, which stay; doubled e stays doubled here (only sound keys read it).
    "Maarrat", "Maarat", "Marat", "Mayadeen", "Mayadin", "Saraqeeb", "2000", "1100", "aaa", "٢٢", "०००", "Hammmam",
    "ee", "eee", "Kafr Nabbodeh",
    # Separators, white space of Python's own, invisible characters, underscores.
    "Kafr_Nabl", "Kafr-Nabl", "Kafr/Nabl", "Kafr.Nabl", "a\u00adb", "a\u200bb", "a\u200cb", "a\u200db", "a\ufeffb",
    "a\u2060b", "a\u0085b", "a\x1cb", "a\x1fb", "a\u3000b", "a\u00a0b", "a\u202fb", "a\tb\nc\rd", "  spaced  out  ",
    "", " ", "-", "'", "—", "...", "«Idlib»", '"Idlib"', "(Idlib)", "Idlib,", "Idlib's", "Idlibs'",
    # Other scripts and the astral planes: Cyrillic, Devanagari marks (Mc is no letter), emoji, a tag character.
    "Идлиб", "हिन्दी", "𝐈𝐝𝐥𝐢𝐛", "Idlib🙂town", "a\U000e0001b", "a\U000e0100b", "𐐀𐐨", "a\U0001d167b",
)  # fmt: skip


def folded_in_js(texts: Sequence[str]) -> list[str]:
    """Each text folded by fold.js, run in node."""
    done = subprocess.run(
        [node(), "-e", HARNESS, str(FOLD_JS)],
        input=json.dumps(list(texts)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    folded: list[str] = json.loads(done.stdout)
    assert len(folded) == len(texts)
    return folded


def differences(texts: Sequence[str]) -> list[tuple[str, str, str]]:
    """The texts fold.js folds otherwise than Python: (text, Python's key, the JavaScript's)."""
    unique = list(dict.fromkeys(texts))
    return [(text, fold(text), js) for text, js in zip(unique, folded_in_js(unique), strict=True) if fold(text) != js]


def test_the_page_scripts_parse() -> None:
    scripts = sorted(SITE_FOLDER.glob("*.js"))
    assert FOLD_JS in scripts
    for script in scripts:
        checked = subprocess.run([node(), "--check", str(script)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{script.name}: {checked.stderr}"


def test_every_name_of_every_bundled_place_folds_as_in_python(bundled_atlas: Atlas) -> None:
    names = [name for p in bundled_atlas.places.values() for name in (p.name, p.name_ar, *p.aliases)]
    assert len(names) > len(bundled_atlas.places) * 2
    assert differences(names) == []


def test_every_word_of_the_bundled_excerpts_folds_as_in_python(bundled_atlas: Atlas) -> None:
    texts = [t for e in bundled_atlas.excerpts for t in (e.text, e.speaker or "", e.role or "")]
    words = [word for text in texts for word in text.split()]
    assert len(words) > 1000
    # The words one by one, and the texts whole, as the writer folds what it indexes.
    assert differences(words + texts) == []


@pytest.fixture(scope="module")
def hard_keys() -> dict[str, str]:
    """The hard cases folded by fold.js, in one run of node."""
    return dict(zip(HARD_CASES, folded_in_js(HARD_CASES), strict=True))


@pytest.mark.parametrize("case", HARD_CASES)
def test_a_hard_case_folds_as_in_python(case: str, hard_keys: dict[str, str]) -> None:
    assert hard_keys[case] == fold(case)


def test_the_hard_cases_fold_to_what_they_are_for(hard_keys: dict[str, str]) -> None:
    # Not only the same as Python: what Python makes of them, so a table that broke both would show.
    keys = hard_keys
    assert keys["Ma'arrat al-Nu'man"] == keys["Maʿarrat al-Nuʿman"] == "marat numan"
    assert keys["Maarrat"] == keys["Maarat"] == keys["Marat"] == "marat"
    assert keys["Jisr esh-Shughur"] == "jisr shughur" and keys["Deir ez-Zor"] == "deir zor"
    assert keys["معرة النعمان"] == keys["معره النعمان"] == "معره نعمان"
    assert keys["اللطامنة"] == "لطامنه" and keys["٢٠١٩"] == keys["۲۰۱۹"] == "2019" and keys["2000"] == "2000"
    assert keys["Straße"] == keys["STRASSE"] == "strase" and keys["ΟΔΟΣ"] == keys["οδος"]
    assert keys["Mayadeen"] == "mayaden" and keys["al-Ees"] == "es" and keys["all"] == ""
    assert keys["Kfar Nubl"] == "kafr nubl" and keys["Kefr-Takharim"] == "kafr takharim" and keys["KFARR"] == "kafr"
    assert keys["Abul Thohur"] == "abu thohur" and keys["Babul Hawa"] == "bab hawa" and keys["Abula"] == "abula"
    assert keys["constructor"] == "constructor" and keys["toString"] == "tostring"


def test_every_character_python_knows_folds_as_in_python() -> None:
    # Each character between letters, and doubled before an Arabic article and after it, so that
    # each table fold.js carries (letters and digits, marks, digits for runs, casefolds) is read
    # for every character Python's Unicode database assigns. The browser's own Unicode data is
    # asked only for NFKD and lowercasing, which the casefold table corrects.
    known = (
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code)) not in {"Cn", "Co"}
    )
    texts = [text for c in known for text in (f"a{c}b", f"{c}{c}ال{c}")]
    found = differences(texts)
    assert found == [], [(ascii(text), python, js) for text, python, js in found[:20]]
