"""Names no gazetteer holds that their context shows to be places, and the words that only look like names."""

from __future__ import annotations

import pytest

from geo.ingest.candidates import candidate_names
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.mentions import find_mentions
from geo.ingest.notplaces import glued_adjective, is_noise, titled
from geo.ingest.reading import read_places


def to_place(text: str, gazetteer: Gazetteer) -> list[str]:
    """The names a text leaves to place by hand, in order."""
    return [n.name for n in read_places(text, gazetteer).to_place]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # After a word of place, a list whole.
        ("Shelling hit Kafr Sajna, Deir Sharqi and Talmenes on Tuesday.", ["Kafr Sajna", "Deir Sharqi", "Talmenes"]),
        ("Families fled to Sarmada and Atmeh.", ["Sarmada", "Atmeh"]),
        ("In Balyun, the school was hit.", ["Balyun"]),
        # A list with a known place in it.
        ("Kafr Rouma, Maarzita and Saraqib were bombed.", ["Kafr Rouma", "Maarzita"]),
        # "the villages of", "X village", "X camp", "X countryside".
        ("Strikes on the villages of Kafr Rouma and Maarzita.", ["Kafr Rouma", "Maarzita"]),
        ("Ruwayha village was emptied.", ["Ruwayha"]),
        ("Thousands live in Marj al-Zohour camp.", ["Marj al-Zohour"]),
        ("Fighting in the Sarmada countryside.", ["Sarmada"]),
        # Compass bearings and distances.
        ("The bakery is 10 km south of Kafr Halab.", ["Kafr Halab"]),
        ("Troops massed northwest of Tal Mardikh.", ["Tal Mardikh"]),
        # A name placed by the words after it, or called a village.
        ("Balyun, in the southern countryside, was shelled.", ["Balyun"]),
        ("Mozra, a hill village, was shelled.", ["Mozra"]),
        # The first word of an Arabic place name.
        ("Rockets landed in fields at Khirbet al-Joz and Tall as Sayyad.", ["Khirbet al-Joz", "Tall as Sayyad"]),
        ("Kafr Uwayd was quiet.", ["Kafr Uwayd"]),
        # "-based": where someone is, listed with that as its reason.
        ("The Istanbul-based group said so.", ["Istanbul"]),
        # A facility names the place it is in.
        ("Doctors at Bab al-Hawa Hospital said 12 were hurt.", ["Bab al-Hawa"]),
        # An apposition after a name of a list does not end the list.
        ("Shelling hit Kafr Nabl, Hass, the largest town in the area, and Kansafra.", ["Hass", "Kansafra"]),
        ("Strikes hit Balyun, a village on the plain, Mozra and Talmenes.", ["Balyun", "Mozra", "Talmenes"]),
        ("Families fled to Marayan, the village nearest the front, or Fleifel.", ["Marayan", "Fleifel"]),
        ("Kafr Rouma, a hill village, and Maarzita and Saraqib were bombed.", ["Kafr Rouma", "Maarzita"]),
        # A clause after a name is no apposition: the list ends there.
        ("Shelling hit Saraqib, killing two, and Ahmad Fares said so.", []),
        ("Shelling hit Saraqib, where the market was, and Mohammad Aswad fled.", []),
        # The subject of what befalls a place and hardly ever a person.
        ("Sarmada was shelled on Tuesday.", ["Sarmada"]),
        ("Maarzita and Talmenes came under heavy shelling at dawn.", ["Maarzita", "Talmenes"]),
        ("Balyun fell to government forces in January.", ["Balyun"]),
        ("By noon Kansafra had been almost entirely emptied.", ["Kansafra"]),
        # ... but not a person: two bare capitalised words, a pronoun after, a fall to the ground.
        ("Mohammad Aswad was besieged for a week.", []),
        ("Aswad was besieged in his home.", []),
        ("Ahmad fell to his knees, and Huda fell to the ground.", []),
        ("Nobody was shelled.", []),
        # An adverb that opens a sentence is not the first of a list.
        ("Overnight, Hish and Kafr Sajna were shelled.", ["Kafr Sajna"]),
        # Nothing placelike.
        ("The talks ended in March, on a Friday.", []),
        ("", []),
    ],
)
def test_names_found_from_their_context(gazetteer: Gazetteer, text: str, names: list[str]) -> None:
    assert to_place(text, gazetteer) == names


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to Middle East Eye from Idlib, he said the road was closed.",
        "The HTS-controlled government and the Turkish-backed SNA traded blame.",
        "Fighters from HTS, TIP and the NLF withdrew to the hills near Saraqib.",
        "A spokesman told Reuters in English and AFP in Arabic.",
        "The offensive was ordered by President Assad in May.",
        "He said it to Mr Haddad, and then to General Hassan.",
        "Russian and Iranian officers arrived from Russia and Iran.",
        "In a statement from Hayat Tahrir al-Sham, the group denied it.",
        "The report came from the Syrian Observatory for Human Rights on Sunday.",
        "Fighters of Jaish al-Izza moved into position near Saraqib.",
        "Families celebrated in Ramadan and at Eid al-Fitr.",
        "The strikes near Saraqib were condemned by the UN and the WHO.",
        "We put our trust in God, she said.",
        "He posted it on Facebook and in Telegram groups.",
        "Lawmakers in Parliament voted against it.",
    ],
)
def test_noise_is_never_a_name_to_place(gazetteer: Gazetteer, text: str) -> None:
    assert to_place(text, gazetteer) == []


def test_a_based_name_says_so(gazetteer: Gazetteer) -> None:
    (name,) = read_places("The Gaziantep-based Syrian Forum and the Istanbul-based group said so.", gazetteer).to_place
    assert (name.name, name.reason) == ("Istanbul", "Istanbul-based")


def test_a_name_to_place_comes_with_its_sentence(gazetteer: Gazetteer) -> None:
    text = "The market was busy. Shelling hit Kafr Sajna and Hish at noon. Nobody was hurt."
    (name,) = read_places(text, gazetteer).to_place
    assert (name.name, name.sentence, name.reason) == ("Kafr Sajna", "Shelling hit Kafr Sajna and Hish at noon.", None)


def test_a_name_a_mention_covers_is_not_a_candidate(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Saraqib and Kafr Sajna."
    found = candidate_names(text, find_mentions(text, gazetteer))
    assert [(c.name, text[c.start : c.end]) for c in found] == [("Kafr Sajna", "Kafr Sajna")]


def test_spans_to_skip_are_not_candidates(gazetteer: Gazetteer) -> None:
    text = "Shelling hit Kafr Sajna and Talmenes."
    start = text.index("Talmenes")
    assert [c.name for c in candidate_names(text, [], [(start, start + 8)])] == ["Kafr Sajna"]


@pytest.mark.parametrize(
    ("name", "noise"),
    [
        ("Middle East Eye", True),
        ("Enab Baladi", True),
        ("HTS", True),
        ("GoS", True),
        ("SNHR", True),  # an acronym not listed is still an acronym
        ("Russian", True),
        ("Alawite", True),
        ("Assad", True),
        ("March", True),
        ("Eid al-Adha", True),
        ("Turkey", True),  # a country is never placed by hand
        ("Jaish al-Izza", True),
        ("National Liberation Front", True),
        ("President Assad", True),
        ("Kafr Sajna", False),
        ("Sarmada", False),
        ("Tall as Sayyad", False),
        ("Istanbul", False),
    ],
)
def test_is_noise(name: str, noise: bool) -> None:
    assert is_noise(name) is noise


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("said President Assad", 15, True),
        ("said Mr. Haddad", 9, True),
        ("told Brig. Gen. Nasser", 16, True),
        ("fled to Sarmada", 8, False),
    ],
)
def test_titled(text: str, start: int, expected: bool) -> None:
    assert titled(text, start) is expected


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("HTS-controlled areas", 3, True),
        ("Turkish-backed factions", 7, True),
        ("US-led coalition", 2, True),
        ("Idlib-based group", 5, False),
        ("Saraqib, where", 7, False),
    ],
)
def test_glued_adjective(text: str, end: int, expected: bool) -> None:
    assert glued_adjective(text, end) is expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A generic first word, then a name whose article, hyphenated, has a lower-case word after it.
        ("Shelling hit Tell al-dahruj on Monday.", ["Tell al-dahruj"]),
        ("Shelling hit Tell al-Dahruj on Monday.", ["Tell al-Dahruj"]),
        ("Shelling hit Tell Al-dahruj on Monday.", ["Tell Al-dahruj"]),
        ("Shelling hit Tell AL-DAHRUJ on Monday.", ["Tell AL-DAHRUJ"]),
        ("Families fled from Kafr el-sajna and Tal ad-dahab.", ["Kafr el-sajna", "Tal ad-dahab"]),
        ("Shelling hit Tell\nal-dahruj on Monday.", ["Tell al-dahruj"]),
        ("Tell al-dahruj was shelled at dawn.", ["Tell al-dahruj"]),
        ("Khirbet al-joz village was emptied.", ["Khirbet al-joz"]),
        # "al-" and a lower-case word after no generic first word begin no name.
        ("Troops entered the village of al-dahruj.", []),
        ("Shelling hit the village of al- on Monday.", []),
        ("Shelling hit Tell al- on Monday.", []),
    ],
)
def test_a_generic_first_word_starts_a_name_in_any_case(gazetteer: Gazetteer, text: str, names: list[str]) -> None:
    assert to_place(text, gazetteer) == names
