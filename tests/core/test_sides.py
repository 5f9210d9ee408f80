"""Sides, contested places, and excerpts grouped by side and voice."""

from __future__ import annotations

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.records import Excerpt, ExcerptKind, Voice
from geo.core.sides import SIDES, VOICE_ORDER, Side, by_voice, is_contested, sides_of
from geo.render.popup import claims_by_side

MONITOR, NATIONAL = "al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"


def said(voice: Voice, n: int = 0) -> Excerpt:
    """A made-up excerpt in one voice."""
    kind = ExcerptKind.REPORT if voice is Voice.JOURNALIST else ExcerptKind.STATEMENT
    return Excerpt(
        id=f"e-{voice.value}-{n}",
        source="s",
        places=("p",),
        kind=kind,
        speaker="Someone",
        voice=voice,
        text="Something was said.",
    )


def test_every_voice_has_a_side_and_a_place_in_the_order() -> None:
    assert set(SIDES) == set(Voice) == set(VOICE_ORDER)
    sides = [SIDES[v] for v in VOICE_ORDER]
    assert sides == sorted(sides, key=list(Side).index), "voices are not grouped by side"


@pytest.mark.parametrize(
    ("voices", "contested"),
    [
        ([Voice.RUSSIA, Voice.CIVILIAN], True),
        ([Voice.STATE_MEDIA, Voice.OPPOSITION_ARMED], True),
        ([Voice.GOVERNMENT, Voice.NGO], True),
        ([Voice.GOVERNMENT, Voice.RUSSIA, Voice.STATE_MEDIA], False),
        ([Voice.OPPOSITION_ARMED, Voice.CIVILIAN, Voice.NGO], False),
        ([Voice.GOVERNMENT, Voice.JOURNALIST, Voice.ANALYST], False),  # bystanders are no side
        ([Voice.OPPOSITION_CIVIL, Voice.JOURNALIST], False),
        ([], False),
    ],
)
def test_a_place_is_contested_when_both_sides_make_claims(voices, contested) -> None:
    assert is_contested([said(v, i) for i, v in enumerate(voices)]) is contested


@pytest.mark.parametrize(
    ("place", "sources", "contested"),
    [
        ("abu-al-duhur-crossing", None, True),
        ("al-habit-crossing", None, True),
        ("al-hadr-al-eis-crossing", None, True),
        ("kafr-nabudah", None, True),  # state media say retaken; SOHR says lost again
        ("kafr-nabudah", [MONITOR], False),
        ("harem-mountains", None, False),
        ("abu-dafna", None, False),
    ],
)
def test_contested_places_in_the_bundled_data(bundled_atlas: Atlas, place, sources, contested) -> None:
    excerpts = select(bundled_atlas, sources).excerpts_at(place)
    assert is_contested(excerpts) is contested, sorted(s.value for s in sides_of(excerpts))


def test_grouping_keeps_every_excerpt_once_in_side_and_voice_order(bundled_atlas: Atlas) -> None:
    excerpts = select(bundled_atlas).excerpts_at("al-habit-crossing")
    grouped = claims_by_side(excerpts)
    flat = [e for voices in grouped.values() for group in voices.values() for e in group]
    assert sorted(e.id for e in flat) == sorted(e.id for e in excerpts)
    assert list(grouped) == [s for s in Side if s in grouped]
    for side, voices in grouped.items():
        assert all(SIDES[v] is side for v in voices)
        assert list(voices) == [v for v in VOICE_ORDER if v in voices]
        for voice, group in voices.items():
            assert all(e.voice is voice for e in group)
            # Within a voice, the article's order is kept.
            assert [excerpts.index(e) for e in group] == sorted(excerpts.index(e) for e in group)


def test_by_voice_leaves_out_voices_nobody_used() -> None:
    assert list(by_voice([said(Voice.CIVILIAN), said(Voice.RUSSIA, 1), said(Voice.CIVILIAN, 2)])) == [
        Voice.RUSSIA,
        Voice.CIVILIAN,
    ]
