"""A governorate named before "village of" / "town of": the governorate, holding the place named next."""

from __future__ import annotations

import pytest

from geo.ingest.evaluation import label_of
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.reading import read_places

HAMA_CITY = 170017
LATAKIA_CITY = 173576


@pytest.mark.parametrize(
    ("text", "tied", "listed"),
    [
        # The governorate, not its capital city, and the village in it.
        ("Shelling hit the Hama village of Kafr Nabuda on Tuesday.", {"adm1:hama", "kafr-nabudah"}, []),
        ("Rockets fell on the Hama town of Kafr Zita.", {"adm1:hama", 168620}, []),
        ("Jets struck the Aleppo town of Atarib.", {"adm1:aleppo", "atarib"}, []),
        ("The Hama towns of Kafr Zita and Latamneh were shelled.", {"adm1:hama", 168620, "latamnah"}, []),
        ("Two children died in the Idlib town of Maarat al-Numan.", {"idlib-province", "maarat-al-numan"}, []),
        # The governorate chooses among namesakes: Suran of Hama, Suran of Aleppo.
        ("Shells fell on the Hama town of Suran.", {"adm1:hama", 163915}, []),
        ("Shells fell on the Aleppo village of Suran.", {"adm1:aleppo", 163913}, []),
        # Damascus is a governorate of the city alone: its towns are in its countryside, Rif Dimashq.
        ("Shelling hit the Damascus town of Douma.", {"adm1:rif-dimashq", 170592}, []),
        ("Shelling hit the Homs town of Talbiseh.", {"adm1:homs", 163779}, []),
        ("The Raqqa town of Tabqa was taken.", {"adm1:raqqa", 172374}, []),
        # A name with no place of it in the governorate is left to place, never tied elsewhere.
        ("Rockets fell on the Latakia village of Kabana.", {"adm1:latakia"}, ["Kabana"]),
        ("Shelling hit the Idlib village of Kafr Zita.", {"idlib-province"}, ["Kafr Zita"]),
        ("Rockets fell on the Aleppo village of Kafr Taal.", {"adm1:aleppo"}, ["Kafr Taal"]),
        # The city itself, and a governorate's countryside, as before.
        ("Shelling hit the centre of Hama city on Friday.", {HAMA_CITY}, []),
        ("Jets struck a village in the Hama countryside on Friday.", {"adm1:hama"}, []),
        ("In Latakia, residents queued for bread.", {LATAKIA_CITY}, []),
    ],
)
def test_a_governorate_before_village_of_holds_the_next_name(
    gazetteer: Gazetteer, text: str, tied: set[str | int], listed: list[str]
) -> None:
    reading = read_places(text, gazetteer)
    assert {label_of(r.entry) for _, r in reading.placed} == tied
    assert [n.name for n in reading.to_place] == listed


def test_a_name_outside_the_governorate_says_why_it_is_left_to_place(gazetteer: Gazetteer) -> None:
    reading = read_places("Shelling hit the Idlib village of Kafr Zita.", gazetteer)
    (name,) = reading.to_place
    assert name.reason == "no place of that name in Idlib governorate, where the text puts it"
    assert any("Hama" in candidate for candidate in name.candidates)
