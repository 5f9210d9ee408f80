"""Place names and search text folded to one spelling, so that any transliteration or the Arabic finds a place."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from itertools import chain, product

from geo.core.renderings import arabic_pattern

# Apostrophes and the marks transliterations write for ayn and hamza (the last nine are
# ʹ ʻ ʼ ʽ ʾ ʿ ˈ ˊ ˋ). They go before NFKD, which would turn the acute accent into a space and
# a mark and so split "Ma´arrat" in two, and again after it, which makes "ŉ" into "ʼn".
_APOSTROPHES = "'`´‘’‛′＇\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u02ca\u02cb"
_NO_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES))


def _marks_and_letters() -> dict[int, str | None]:
    # Every combining mark and invisible format character of the Basic Multilingual Plane:
    # accents once NFKD has split them off, the Arabic harakat (U+064B-U+065F, U+0670), and
    # soft hyphens or zero-width joiners that would otherwise cut a word in two.
    table: dict[int, str | None] = {
        code: None for code in range(0x10000) if unicodedata.category(chr(code)) in {"Mn", "Me", "Cf"}
    }
    # The apostrophes once more, and tatweel, which only stretches a word.
    table.update(dict.fromkeys(map(ord, _APOSTROPHES + "\u0640")))
    # NFKD has already split أ إ آ ؤ ئ into a letter and a hamza or madda mark, dropped above;
    # these letters have no decomposition and are folded by hand. The Persian yeh and kaf
    # often stand in for the Arabic ones in text from the web.
    table.update({ord(a): b for a, b in {"ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"}.items()})
    table.update({0x0660 + d: str(d) for d in range(10)})  # Arabic-Indic digits
    table.update({0x06F0 + d: str(d) for d in range(10)})  # and their Persian forms
    return table


_MARKS_AND_LETTERS = _marks_and_letters()

# Anything but a letter or a digit separates words: hyphens, slashes, other punctuation.
_SEPARATORS = re.compile(r"[\W_]+")

# A leading Arabic article on a word longer than three letters. Repeated, and with any run
# of alifs, so that a word stripped once never has an article left for a second fold.
_ARABIC_ARTICLE = re.compile(r"(?<!\w)(?:ا+ل)+(?=\w\w)")

# A run of the same letter (never of a digit: 2000 is not 20) is written once, so doubled
# consonants and long vowels never matter: Maarrat, Maarat and Marat are all "marat".
_RUNS = re.compile(r"([^\W\d_])\1+")
# The same but for e: a doubled e is how English writes the long i (Mayadeen, Mayadin), which
# the sound keys read before runs are written once.
_RUNS_BUT_EE = re.compile(r"([^\W\d_e])\1+")

# The Arabic article in Latin letters, plain and assimilated to the letter after it
# ("an-Numan", "az Zuhur"), and the e- forms of Levantine spellings ("Jisr esh-Shughur",
# "Deir ez-Zor", "Ras el-Ain", "Tell es-Sultan").
ARTICLE_FORMS = frozenset("al el ul an ar as ash at ath ad adh az ed edh en er es esh et eth ez".split())
# Dropped from a folded name: every form but the short e- forms, which are also what a name's
# own syllables fold to ("es" is what "al-Ees" folds to). Checked after runs collapse, so "all"
# and "add" go too: a word that folds to an article must not survive one fold and vanish in the next.
_ARTICLES = ARTICLE_FORMS - {"en", "er", "es", "et"}


# Words spelt with their vowel elsewhere, or with the article run into them, each beside the
# spelling they fold to: Kfar and Kefr are Kafr, the first word of hundreds of village names;
# "Abul Thohur" is Abu al-Duhur and "Babul Hawa" Bab al-Hawa. Whole words only, once runs are
# written once; none folds to another, so that folding twice changes nothing.
_RESPELT = dict.fromkeys(("kfar", "kafar", "kefr", "kefer", "kafer", "kufr", "kfr"), "kafr") | {
    "abul": "abu",
    "babul": "bab",
    "abdul": "abd",
}


def fold(text: str) -> str:
    """The search key of a text: one spelling for every transliteration, Latin or Arabic."""
    # Every step works within a word, so a text is folded a word at a time and the words of
    # news text, which repeat, are folded once each.
    return " ".join(filter(None, map(_fold_word, text.split())))


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str, runs: re.Pattern[str] = _RUNS) -> str:
    word = unicodedata.normalize("NFKD", word.translate(_NO_APOSTROPHES)).casefold()
    word = _SEPARATORS.sub(" ", word.translate(_MARKS_AND_LETTERS))
    # The Arabic article goes before runs collapse: "اللطامنة" is "ال" + "لطامنة".
    word = runs.sub(r"\1", _ARABIC_ARTICLE.sub("", word))
    return " ".join(_RESPELT.get(part, part) for part in word.split() if _RUNS.sub(r"\1", part) not in _ARTICLES)


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of a text; empty when nothing in it can be searched for."""
    return tuple(fold(text).split())


def has_word(token: str, folded_haystack: str) -> bool:
    """Whether a folded haystack has a word starting with the token (the whole word, if short).

    Word starts let a reader type part of a name ("marat"), without "on" finding "Aswad
    continued"; a token of one or two letters must be a whole word, or "es" (al-Ees) would
    find "escalation".
    """
    padded = f" {folded_haystack} "
    return f" {token} " in padded if len(token) < 3 else f" {token}" in padded


def matches(query: str, folded_haystack: str) -> bool:
    """Whether every word of the query starts a word of a haystack that has already been folded.

    The haystack is taken as fold() left it, so that a record is folded once rather than
    once per query. An empty query, or one of punctuation only, matches everything.
    """
    return all(has_word(token, folded_haystack) for token in tokens(query))


# Letters that transliterations of one Arabic sound write differently, in the order they are
# tried: digraphs before the single letters they contain. "ch" is French for sh and German
# for kh, so it is read both ways (see variant_keys). A single e is left for _e_readings.
_SOUNDS = {
    "kh": "x",
    "gh": "g",
    "sh": "c",
    "th": "d",
    "dh": "d",
    "ph": "f",
    "dj": "j",
    "ck": "k",
    "ou": "u",
    "oo": "u",
    "ee": "i",
    "z": "d",
    "q": "k",
    "c": "k",
    "o": "u",
    "y": "i",
    "w": "u",
    "ı": "i",
}
_SOUND = re.compile("ch|" + "|".join(sorted(_SOUNDS, key=len, reverse=True)))
_VOWELS = "aiu"
# An ayn written as a second vowel after o or u, between consonants: "Noaman" is Nu'man.
_AYN_AS_VOWEL = re.compile(r"(?<=[^\Waeiouyw])([ou])[ae](?=[^\Waeiouyw])")
# A diphthong before a consonant or the word's end is written as one vowel as often as not:
# Dayr, Deir and Dir, Shaykh and Sheikh, Hish and Heish; Zawr and Zor, Jawz and Joz. Only a
# written w makes the second: "au" is also French for o, or two vowels ("Jaune").
_DIPHTHONGS = ((re.compile(r"[ae][iy](?![aeiouy])"), "i"), (re.compile(r"[ao]w(?![aeiouy])"), "o"))
# An article run into the word after it, its l assimilated to a doubled sun letter: "Deir
# Ezzor" is Deir ez-Zor, "Maarat Ennaman" Maarat an-Nu'man, "Addana" ad-Dana.
_ASSIMILATED_ARTICLE = re.compile(r"^[ae]([tdrzsn])\1(?=[^\W\d_]{2})")
# A name's sound keys are every reading of its e's, word by word; past this many in all, each
# word keeps its first and its last: its e's all read as a, and all as i.
_MOST_READINGS = 16
# An e always read as a: the feminine ending -e or -eh (Ghazale, Latamneh), never -ih, and an
# e after i (Hamidiye). English words end in a silent e, which must not read as the i of a
# name written without vowels ("June" is not "jwnyh", Jounieh).
_E_AS_A = re.compile(r"e(?=h?$)|(?<=i)e")
_NO_RUNS = re.compile(r"(?!)(.)")  # matches nothing: a word folded with its runs kept


def _e_readings(word: str) -> tuple[str, ...]:
    """A word with each e read as a (Menbij, Deir) and as i (Idleb, Saraqeb, Ehsim), in every combination."""
    count = word.count("e")
    if count == 0:
        return (word,)
    if count > 3:
        return word.replace("e", "a"), word.replace("e", "i")
    pieces = word.split("e")
    return tuple(
        "".join(piece + vowel for piece, vowel in zip(pieces, (*vowels, ""), strict=True))
        for vowels in product("ai", repeat=count)
    )


def _sound_forms(word: str, ch: str) -> tuple[str, ...]:
    """A folded word written with one letter per sound class, once per reading of its e's; Arabic as it is."""
    if not word.isascii() and not any("a" <= c <= "z" for c in word):
        # Arabic: the written taa marbuta or a final ha is often left off.
        return (word[:-1] if len(word) > 3 and word.endswith("ه") else word,)
    word = _AYN_AS_VOWEL.sub(r"\1", word)
    for diphthong, vowel in _DIPHTHONGS:
        word = diphthong.sub(vowel, word)
    head = word[0] if word[0] in "yw" else ""  # an initial y or w is a consonant
    body = _SOUND.sub(lambda m: ch if m.group() == "ch" else _SOUNDS[m.group()], word[len(head) :])
    forms = []
    for reading in _e_readings(_E_AS_A.sub("a", head + body)):
        reading = re.sub(rf"(?<=[{_VOWELS}])h$", "", reading)  # -ah, -eh and -a are one ending
        forms.append(_RUNS.sub(r"\1", reading))
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=1 << 16)
def _word_sounds(word: str, ch: str) -> tuple[tuple[str, ...], ...]:
    """The sound forms of one word of a text, each a tuple of the forms of the folded words it makes."""
    spellings = [_fold_word(word, _RUNS_BUT_EE)]
    unrun = _fold_word(word, _NO_RUNS)
    if _ASSIMILATED_ARTICLE.match(unrun) and " " not in unrun:
        spellings.append(_fold_word(unrun[2:], _RUNS_BUT_EE))
    forms: list[tuple[str, ...]] = []
    for spelling in spellings:
        forms.extend(product(*(_sound_forms(part, ch) for part in spelling.split())))
    return tuple(dict.fromkeys(forms))


def _sounds(text: str, ch: str) -> set[str]:
    """The sound keys of a text with ch read one way: every combination of its words' forms."""
    per_word = [forms for forms in (_word_sounds(word, ch) for word in text.split()) if forms != ((),)]
    if math.prod(map(len, per_word)) > _MOST_READINGS:
        per_word = [tuple(dict.fromkeys((forms[0], forms[-1]))) for forms in per_word]
    return {" ".join(chain.from_iterable(combination)) for combination in product(*per_word)} - {""}


def _skeleton(sounded: str) -> str | None:
    """The consonants of a sounded name, run together; None when too few to tell places apart."""
    # Vowels are where transliterations differ most (Latamneh, Ltamenah, al-Lataminah), and
    # spaces too (Kafr Nabudah, Kafranbuda), so neither counts; an initial vowel does, and so
    # does the y of the ending -iya (Sirmaniyeh is not Sarmin, nor Hamouriyah al-Hamra).
    letters = "".join(
        ("'" if word[0] in _VOWELS else "")
        + "".join(c for c in word if c not in _VOWELS)
        + ("y" if len(word) > 3 and word.endswith("ia") else "")
        for word in sounded.split()
    )
    letters = _RUNS.sub(r"\1", letters)
    return letters if sum(c != "'" for c in letters) >= 3 else None


@lru_cache(maxsize=1 << 16)
def variant_keys(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A name's looser keys: its sounds (vowels kept), and its consonant skeletons.

    fold() makes spellings that differ in accents, case, apostrophes, articles and doubled
    letters equal; these also make ou/u/oo, ee/i, e/a, e/i, dh/th/z/d, q/k, kh/ch, sh/ch,
    ay/ei/i, aw/o, Kfar/Kafr, Abul/Abu al-, the run-together article (Ezzor) and the -ah/-a/-eh
    ending equal, and read "Madiq Castle" or "Mount Zawiya" as Qal'at al-Madiq or Jabal
    al-Zawiya (the sounds); and then vowels and spaces (the skeleton).
    """
    pattern = arabic_pattern(text)
    forms = (text,) if pattern is None else (text, pattern)
    sounds = frozenset(key for form in forms for ch in "cx" for key in _sounds(form, ch))
    skeletons = frozenset(filter(None, map(_skeleton, sounds)))
    return sounds, skeletons


def slug(name: str) -> str:
    """A slug for a name: accents dropped, lower case, words joined by hyphens ("place" if nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-") or "place"
