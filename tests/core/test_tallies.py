"""Each place's counts by voice, kept with its view, and a page of its excerpts cut as the view has them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from geo.core.atlas import Atlas, Selection
from geo.core.filters import select
from geo.core.records import Voice
from geo.core.sides import Side, is_contested
from geo.core.tallies import NONE, ExcerptsAt, Tally, atlas_counts, counts, holds_all, page_at, tally_at, tally_of
from geo.data.load import load_atlas
from geo.tools.synth import write_year


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """A small year-shaped corpus: a few places with hundreds of excerpts, most with a handful."""
    folder = tmp_path_factory.mktemp("tallies") / "data"
    write_year(folder, 40, 20, 1_500, seed=5)
    return load_atlas(folder)


def unfiltered(atlas: Atlas) -> Selection:
    return select(atlas)


def one_voice(atlas: Atlas) -> Selection:
    return select(atlas, voices=[Voice.CIVILIAN])


def two_sources(atlas: Atlas) -> Selection:
    return select(atlas, sorted(atlas.sources)[:2])


def gathered(atlas: Atlas) -> Selection:
    """A view whose excerpts are not the atlas's own objects, as a copy's would be."""
    kept = tuple(e.model_copy() for e in atlas.excerpts if e.voice is not Voice.JOURNALIST)
    return Selection(atlas, tuple(atlas.places.values()), kept)


MakeView = Callable[[Atlas], Selection]
VIEWS: list[MakeView] = [unfiltered, one_voice, two_sources, gathered]


@pytest.mark.parametrize("make", VIEWS)
def test_every_place_s_tally_counts_its_excerpts_in_view(atlas: Atlas, make: MakeView) -> None:
    view = make(atlas)
    for place_id in atlas.places:
        excerpts = view.excerpts_at(place_id)
        assert tally_at(view, place_id).voices == Counter(e.voice for e in excerpts)
        assert tally_at(view, place_id).total == len(excerpts)


@pytest.mark.parametrize("make", VIEWS)
def test_a_view_s_tallies_are_counted_once_and_kept(atlas: Atlas, make: MakeView) -> None:
    view = make(atlas)
    assert counts(view) is counts(view)


def test_the_unfiltered_view_reads_its_atlas_s_tallies(atlas: Atlas) -> None:
    view = unfiltered(atlas)
    assert holds_all(view) and counts(view) is atlas_counts(atlas)
    assert not holds_all(one_voice(atlas)) and not holds_all(gathered(atlas))


@pytest.mark.parametrize("make", VIEWS)
@pytest.mark.parametrize("first, size", [(0, 25), (0, 1), (3, 7), (25, 25), (10_000, 25), (0, 0)])
def test_a_page_is_the_slice_of_the_place_s_excerpts(atlas: Atlas, make: MakeView, first: int, size: int) -> None:
    view = make(atlas)
    for place_id in atlas.places:
        assert page_at(view, place_id, first, size) == view.excerpts_at(place_id)[first : first + size]


def heaviest(atlas: Atlas) -> str:
    return max(atlas.by_place, key=lambda place_id: len(atlas.by_place[place_id]))


@pytest.mark.parametrize("make", VIEWS)
def test_the_excerpts_at_a_place_read_as_the_sequence_they_stand_for(atlas: Atlas, make: MakeView) -> None:
    view = make(atlas)
    place_id = heaviest(atlas)
    every = view.excerpts_at(place_id)
    at = ExcerptsAt(view, place_id)
    assert len(at) == len(every) > 25
    assert tuple(at) == every
    assert at[5:30] == every[5:30] and at[-3:] == every[-3:] and at[:0] == ()
    assert (at[0], at[len(every) - 1], at[-1]) == (every[0], every[-1], every[-1])
    with pytest.raises(IndexError):
        at[len(every)]
    with pytest.raises(ValueError):
        at[::2]


def test_a_place_given_no_tally_stands_for_none_of_its_excerpts(atlas: Atlas) -> None:
    at = ExcerptsAt(unfiltered(atlas), heaviest(atlas), NONE)
    assert len(at) == 0 and not at and tuple(at) == () and at[:25] == ()


@pytest.mark.parametrize(
    "voices, sides, contested",
    [
        ({}, {}, False),
        ({Voice.CIVILIAN: 2, Voice.NGO: 1}, {Side.OPPOSITION: 3}, False),
        ({Voice.RUSSIA: 1, Voice.CIVILIAN: 4}, {Side.GOVERNMENT: 1, Side.OPPOSITION: 4}, True),
        (
            {Voice.JOURNALIST: 5, Voice.FOREIGN_STATE: 1, Voice.STATE_MEDIA: 2},
            {Side.GOVERNMENT: 2, Side.OTHER: 6},
            False,
        ),
    ],
)
def test_a_tally_counts_each_side_in_order(voices: dict[Voice, int], sides: dict[Side, int], contested: bool) -> None:
    tally = Tally(voices)
    assert tally.sides() == sides and list(tally.sides()) == [side for side in Side if side in sides]
    assert tally.contested is contested and tally.total == sum(voices.values())


def test_a_tally_of_excerpts_agrees_with_whether_they_are_contested(atlas: Atlas) -> None:
    for excerpts in atlas.by_place.values():
        assert tally_of(excerpts).contested is is_contested(excerpts)


def test_a_place_of_an_empty_atlas_has_no_tally() -> None:
    assert tally_at(unfiltered_of_nothing(), "nowhere") == NONE


def unfiltered_of_nothing() -> Selection:
    """A view of an atlas with nothing in it."""
    return select(Atlas(sources={}, places={}, excerpts=(), articles={}))
