"""The spellings real reports use find their place in the bundled gazetteer, at the tier their looseness needs."""

from __future__ import annotations

import pytest

from geo.ingest.gazetteer import Gazetteer, Tier

# A spelling, the place it must find, and the loosest tier it may take to find it: a sound match
# counts for any capitalised name, a skeleton only where the words around it place it.
FOUND = [
    ("Maaret al-Noaman", "maarat-al-numan", Tier.SOUND),
    ("Maarat Ennaman", "maarat-al-numan", Tier.SKELETON),
    ("Kfar Nubl", "geonames:168661", Tier.EXACT),  # Kafranbel
    ("Kfarnabel", "geonames:168661", Tier.SKELETON),
    ("Kfar Takharim", "geonames:168629", Tier.EXACT),
    ("Kefr Takharim", "geonames:168629", Tier.EXACT),
    ("Kfar Zita", "geonames:168620", Tier.SOUND),
    ("Ehsem", "geonames:174144", Tier.SOUND),  # Ihsim
    ("Heish", "geonames:169563", Tier.SOUND),  # Hish
    ("Habeet", "al-habit-crossing", Tier.SOUND),
    ("Saraqeb", "geonames:164816", Tier.SOUND),
    ("Sermin", "geonames:164782", Tier.SOUND),
    ("Salqeen", "geonames:164898", Tier.SOUND),
    ("Abul Thohur", "abu-al-duhur-crossing", Tier.SOUND),
    ("Abu Dhuhur", "abu-al-duhur-crossing", Tier.SOUND),
    ("Abu al-Zuhur", "abu-al-duhur-crossing", Tier.SOUND),
    ("Abou Dhouhour", "abu-al-duhur-crossing", Tier.SOUND),
    ("Deir Ezzor", "geonames:170794", Tier.SOUND),
    ("Dayr az Zawr", "geonames:170794", Tier.SOUND),
    ("Addana", "geonames:174259", Tier.SOUND),  # ad-Dana
    ("Khan Cheikhoun", "khan-sheikhoun", Tier.SOUND),
    ("Jisr el-Choghour", "geonames:169023", Tier.SOUND),
    ("Madiq Castle", "geonames:166227", Tier.SOUND),  # Qal'at al-Madiq
    ("Kalaat al-Madiq", "geonames:166227", Tier.SOUND),
    ("Mount Zawiya", "region:jabal-al-zawiya", Tier.SOUND),
    ("Jebel Zawiye", "region:jabal-al-zawiya", Tier.SOUND),
    ("Akrad Mountains", "region:jabal-al-akrad", Tier.SOUND),
    ("Ghab Plain", "region:sahl-al-ghab", Tier.SOUND),
    ("Tal Rifaat", "geonames:163476", Tier.SOUND),
    ("Kherbet Ghazaleh", "geonames:168120", Tier.SOUND),
    ("Khirbet Tin Nour", "geonames:168052", Tier.SOUND),
    ("Ein Issa", "geonames:172134", Tier.SOUND),
    ("Bennsh", "geonames:171451", Tier.SKELETON),  # Binnish
    ("Mhambal", "geonames:166757", Tier.SKELETON),  # Muhambal
]

# A spelling, and a place it must not find at any tier: another place of a name alike.
NOT_FOUND = [
    ("Sirmaniyah", "geonames:164782"),  # not Sarmin
    ("Hamouriyah", "geonames:173830"),  # not al-Hamra
    ("Jurin", "geonames:169162"),  # not al-Jarniyah
    ("Ehsin", "geonames:174144"),  # not Ihsim: a final n is no m
    ("June", "geonames:273140"),  # not Jounieh
]


@pytest.mark.parametrize(("spelling", "key", "loosest"), FOUND)
def test_a_spelling_finds_its_place(gazetteer: Gazetteer, spelling: str, key: str, loosest: Tier) -> None:
    found = gazetteer.lookup(spelling, loosest=loosest)
    assert found is not None, spelling
    assert key in {entry.key for entry in found.entries}


@pytest.mark.parametrize(("spelling", "key"), NOT_FOUND)
def test_a_spelling_does_not_find_a_place_alike(gazetteer: Gazetteer, spelling: str, key: str) -> None:
    found = gazetteer.lookup(spelling)
    assert found is None or key not in {entry.key for entry in found.entries}
