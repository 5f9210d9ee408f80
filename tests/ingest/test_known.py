"""The index of speakers met: it offers every speaker a short form may refer to, latest first."""

from __future__ import annotations

import pytest

from geo.ingest.known import Known
from geo.ingest.speakers import Speaker, _refers_to

MET = [
    Speaker("Mohammed al-Hallaj", "director of the Response Coordinators Team"),
    Speaker("Capt. Naji Mustafa", "spokesman"),
    Speaker("Syrian Observatory for Human Rights", organisation=True),
    Speaker("Huda Kanaan"),
    Speaker("Ahmad Hallaj"),
    Speaker("Fawaz Jwaid"),
]


@pytest.mark.parametrize(
    "short",
    [
        "Hallaj",
        "al-Hallaj",
        "Mr Hallaj",
        "Mustafa",
        "Naji Mustafa",
        "SOHR",
        "Observatory",
        "Kanaan",
        "allaj",
        "Nobody",
        "",
    ],
)
def test_latest_first_holds_every_speaker_a_short_form_refers_to_in_order(short: str) -> None:
    known = Known(MET)
    offered = list(known.latest_first(short))
    matching = [k for k in reversed(MET) if _refers_to(short, k)]
    assert [k for k in offered if _refers_to(short, k)] == matching
    assert [MET.index(k) for k in offered] == sorted((MET.index(k) for k in offered), reverse=True)


def test_none_are_offered_for_a_name_nobody_bears() -> None:
    assert list(Known(MET).latest_first("Rasha Barakat")) == []


@pytest.mark.parametrize(
    ("short", "offered"),
    [
        ("SOHR", [MET[2]]),  # its initials
        ("Observatory", [MET[2]]),  # a word of its name
        ("Human Rights", [MET[2]]),  # a run of its words
        ("Syrian Observatory", [MET[2]]),
        ("Syrian", [MET[2]]),
        ("Mustafa", [MET[1]]),  # a person is offered for the end of the name only
        ("Naji", []),
    ],
)
def test_an_organisation_is_offered_for_its_initials_and_words(short: str, offered: list[Speaker]) -> None:
    assert list(Known(MET).latest_first(short)) == offered


def test_organisations_holding_a_word_latest_first() -> None:
    army = Speaker("Syrian Arab Army", organisation=True)
    known = Known([*MET, army, Speaker("Ahmad Syrian")])
    assert list(known.bodies_holding("Syrian")) == [army, MET[2]]
    assert list(known.copy().bodies_holding("army")) == [army]
    assert list(known.bodies_holding("Hallaj")) == []


def test_a_copy_shares_what_was_met_and_keeps_its_own() -> None:
    known = Known(MET[:3])
    trial = known.copy()
    trial.append(MET[3])
    known.append(MET[4])
    assert list(trial) == MET[:4] and list(known) == [*MET[:3], MET[4]]
    assert list(trial.latest_first("Hallaj")) == [MET[0]]
    assert list(known.latest_first("Hallaj")) == [MET[4], MET[0]]
    assert len(trial) == 4 and trial[-1] == MET[3] and list(reversed(trial))[0] == MET[3]
