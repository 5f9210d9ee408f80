"""Pop-ups and labels: every value from a data file shows as text and never runs."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.provenance import normalise
from geo.core.records import Excerpt, ExcerptKind, Place, Source, Voice
from geo.core.sides import SIDE_LABELS, Side
from geo.data.load import load_atlas
from geo.render.popup import (
    POPUP_PAGE,
    badge_html,
    context_html,
    escape,
    label_html,
    passage_html,
    popup_html,
    precision_label,
    sources_html,
    tooltip_html,
)
from tests.support.datafolder import ARTICLE, XSS_NAME, XSS_TEXT, source, write_folder, write_xss_folder


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"quoted\" & 'single'", "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
        ("`${alert(1)}`", "&#96;&#36;{alert(1)}&#96;"),
        ("back\\slash", "back&#92;slash"),
        ("معرة النعمان", "معرة النعمان"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


@pytest.fixture
def xss_selection(tmp_path: Path):
    return select(load_atlas(write_xss_folder(tmp_path)))


def test_popup_shows_payloads_as_text(xss_selection) -> None:
    place = xss_selection.places[0]
    html = popup_html(place, xss_selection.excerpts_at(place.id), xss_selection.atlas.sources)
    for raw in (XSS_NAME, XSS_TEXT, "<script>", "<img", "<b onmouseover", "`", "${"):
        assert raw not in html
    assert escape(XSS_TEXT) in html
    assert "&lt;img src=x onerror=&quot;window.__xss=5&quot;&gt;Title" in html


def test_tooltip_shows_payloads_as_text(xss_selection) -> None:
    html = tooltip_html(xss_selection.places[0])
    assert "<img" not in html and "<script" not in html and "`" not in html
    assert html.count("<") == 4, "only our own <strong> and <span> tags"


def test_popup_groups_by_side_and_voice_and_marks_arabic_rtl(tmp_path: Path) -> None:
    selection = select(load_atlas(write_folder(tmp_path)))
    place = selection.places[0]
    html = popup_html(place, selection.excerpts_at(place.id), selection.atlas.sources)
    assert '<div class="geo-ar" dir="rtl" lang="ar">ألفا</div>' in html
    # The civilian's testimony (opposition side) comes before the journalist's narration.
    assert html.index("geo-side-heading geo-side-opposition") < html.index("We will not leave")
    assert html.index("We will not leave") < html.index("geo-side-heading geo-side-other")
    assert html.index("geo-side-heading geo-side-other") < html.index("Shelling hit Alpha")
    assert "<strong>Dana Q</strong>, a teacher in Alpha" in html
    assert "Narration by A. Writer" in html
    assert 'title="Opposition, civilians and NGOs"><span aria-hidden="true">▲</span> Civilian</span>' in html
    assert "about 5 January 2020" in html and '<cite title="Town under fire">Test Outlet</cite>' in html
    assert "Contested" not in html


def test_popup_of_a_contested_crossing_says_so_and_shows_both_sides(bundled_atlas: Atlas) -> None:
    atlas = bundled_atlas
    place = atlas.places["abu-al-duhur-crossing"]
    html = popup_html(place, select(atlas).excerpts_at(place.id), atlas.sources)
    assert "<strong>Contested.</strong>" in html
    assert html.index("geo-side-government") < html.index("geo-side-opposition")
    assert "Yuri Burenkov" in html and "Mohammad Aswad" in html


@pytest.mark.parametrize(
    ("excerpt_id", "marks"),
    [
        ("tn-ghlo-fled-latamnah", 2),  # the passage spans two paragraphs: one mark in each
        ("amc-burenkov-crossings", 1),
        ("tn-ghlo-under-this-tree", 1),
    ],
)
def test_context_marks_the_passage_in_its_paragraphs(bundled_atlas: Atlas, excerpt_id: str, marks: int) -> None:
    atlas = bundled_atlas
    excerpt = next(e for e in atlas.excerpts if e.id == excerpt_id)
    source = atlas.sources[excerpt.source]
    html = context_html(atlas.articles[source.id], excerpt, source)
    near, whole = html.split("<details", 1)
    for part in (near, whole):
        found = re.findall(r"<mark>(.*?)</mark>", part, flags=re.S)
        assert len(found) == marks
        assert normalise(unescape(" ".join(found))) == normalise(excerpt.text)
    assert near.count("<p>") <= marks + 2, "the near view is the passage and a paragraph either side"
    assert whole.count("<p>") == len([line for line in atlas.articles[source.id].splitlines() if line.strip()])


@pytest.mark.parametrize(("excerpt_id", "marks"), [("tn-ghlo-fled-latamnah", 2), ("amc-burenkov-crossings", 1)])
def test_a_reviewer_sees_the_passage_marked_in_its_own_paragraphs(
    bundled_atlas: Atlas, excerpt_id: str, marks: int
) -> None:
    excerpt = next(e for e in bundled_atlas.excerpts if e.id == excerpt_id)
    source = bundled_atlas.sources[excerpt.source]
    html = passage_html(bundled_atlas.articles[source.id], excerpt, source)
    found = re.findall(r"<mark>(.*?)</mark>", html, flags=re.S)
    assert len(found) == marks and html.count("<p>") == marks, "its paragraphs alone"
    assert normalise(unescape(" ".join(found))) == normalise(excerpt.text)


def test_a_reviewers_passage_is_escaped(tmp_path: Path) -> None:
    atlas = load_atlas(write_xss_folder(tmp_path))
    excerpt = atlas.excerpts[0]
    html = passage_html(atlas.articles[excerpt.source], excerpt, atlas.sources[excerpt.source])
    assert "<script>" not in html and "<img" not in html and "<mark>&lt;script&gt;" in html


def test_context_and_source_card_escape_the_article(tmp_path: Path) -> None:
    atlas = load_atlas(write_xss_folder(tmp_path))
    excerpt = atlas.excerpts[0]
    source = atlas.sources[excerpt.source]
    html = context_html(atlas.articles[source.id], excerpt, source)
    assert "<script>" not in html and "<img" not in html
    assert "<mark>&lt;script&gt;" in html
    assert "not known" in html, "a missing link is said, not left blank"


def test_sources_list_shows_payloads_as_text(xss_selection) -> None:
    html = sources_html(xss_selection.atlas.sources.values())
    assert "<img" not in html and "&lt;img src=x onerror=&quot;window.__xss=5&quot;&gt;Title" in html
    assert "<code>test-source</code>" in html and "by A. Writer" in html


def test_source_urls_become_links_and_nothing_else_does(tmp_path: Path) -> None:
    linked = source(url="https://example.org/a?b=1&c=<2>", title="See https://x.example/p")
    atlas = load_atlas(write_folder(tmp_path, sources={"test-source": (linked, ARTICLE)}))
    html = sources_html(atlas.sources.values())
    assert html.count("<a ") == 1
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;" target="_blank" rel="noopener noreferrer">' in html


@pytest.mark.parametrize(("metres", "label"), [(500, "±500 m"), (2000, "±2 km"), (60000, "±60 km"), (2500, "±2.5 km")])
def test_precision_label(metres: int, label: str) -> None:
    assert precision_label(metres) == label


def test_marker_label_shows_payloads_as_text(xss_selection) -> None:
    html = label_html(xss_selection.places[0])
    assert html.startswith('<span class="geo-label">&lt;img') and "`" not in html and "<img" not in html


def test_every_kind_and_voice_has_a_label() -> None:
    from geo.core.records import PlaceKind, Voice
    from geo.core.sides import VOICE_LABELS
    from geo.render.vocabulary import KIND_LABELS

    assert set(KIND_LABELS) == set(PlaceKind) and set(VOICE_LABELS) == set(Voice)


# Pages: a place's pop-up holds one page of its excerpts, however many it has.

HEAVY = 20_000
HEAVY_VOICES = (Voice.GOVERNMENT, Voice.RUSSIA, Voice.CIVILIAN, Voice.JOURNALIST)


@pytest.fixture(scope="module")
def heavy(bundled_atlas: Atlas) -> tuple[Place, tuple[Excerpt, ...], dict[str, Source]]:
    """A place with twenty thousand excerpts, each numbered, in four voices taken in turn."""
    source_id = next(iter(bundled_atlas.sources))
    excerpts = tuple(
        Excerpt(
            id=f"heavy-{i}",
            source=source_id,
            places=("heavy",),
            kind=ExcerptKind.REPORT if voice is Voice.JOURNALIST else ExcerptKind.STATEMENT,
            speaker=None if voice is Voice.JOURNALIST else f"Speaker <{i}>",
            voice=voice,
            text=f"Excerpt number {i}, & what it says.",
        )
        for i, voice in ((i, HEAVY_VOICES[i % len(HEAVY_VOICES)]) for i in range(HEAVY))
    )
    place = next(iter(bundled_atlas.places.values()))
    return place, excerpts, dict(bundled_atlas.sources)


def numbers_shown(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"Excerpt number (\d+),", html)]


LAST_PAGE = -(-HEAVY // POPUP_PAGE)


@pytest.mark.parametrize(
    ("page", "previous", "following"),
    [(1, False, True), (2, True, True), (LAST_PAGE, True, False)],
    ids=["first", "second", "last"],
)
def test_a_busy_place_s_pop_up_holds_one_page_and_its_neighbours(
    heavy, page: int, previous: bool, following: bool
) -> None:
    place, excerpts, sources = heavy
    html = popup_html(place, excerpts, sources, page)
    assert len(html.encode()) < 100_000, "a pop-up's size must not grow with the place's excerpts"
    first = (page - 1) * POPUP_PAGE
    assert sorted(numbers_shown(html)) == list(range(first, min(first + POPUP_PAGE, HEAVY)))
    assert f'data-page="{page}"' in html and f'data-place="{place.id}"' in html
    assert (f'data-go="previous" data-page="{page - 1}"' in html) is previous
    assert (f'data-go="next" data-page="{page + 1}"' in html) is following
    assert f"Excerpts {first + 1:,}–{min(first + POPUP_PAGE, HEAVY):,} of {HEAVY:,}" in html
    assert "&lt;" in html and "Speaker <" not in html, "what is shown is escaped"


def test_a_busy_place_s_pop_up_counts_every_side_and_voice(heavy) -> None:
    place, excerpts, sources = heavy
    html = popup_html(place, excerpts, sources)
    counts = html[html.index('<div class="geo-counts"') : html.index('<nav class="geo-pager"')]
    each = HEAVY // len(HEAVY_VOICES)
    assert f"{escape(SIDE_LABELS[Side.GOVERNMENT])}: {2 * each:,}" in counts
    assert f"{escape(SIDE_LABELS[Side.OPPOSITION])}: {each:,}" in counts
    assert f"{escape(SIDE_LABELS[Side.OTHER])}: {each:,}" in counts
    for voice in HEAVY_VOICES:
        assert f"{badge_html(voice)} {each:,}</li>" in counts
    # The side headings over the page's excerpts count the place's whole, as the panel's do.
    assert f"{escape(SIDE_LABELS[Side.GOVERNMENT])} · {2 * each} excerpts" in html
    assert "<strong>Contested.</strong>" in html


@pytest.mark.parametrize("page", [0, -1, LAST_PAGE + 1])
def test_a_page_the_excerpts_do_not_fill_is_refused(heavy, page: int) -> None:
    place, excerpts, sources = heavy
    with pytest.raises(ValueError, match="page must be"):
        popup_html(place, excerpts, sources, page)


def test_a_pop_up_that_cannot_fetch_pages_points_to_the_panel(heavy) -> None:
    place, excerpts, sources = heavy
    html = popup_html(place, excerpts, sources, paged=False)
    assert "<button" not in html and "the panel beside the map pages through them all" in html
    assert len(numbers_shown(html)) == POPUP_PAGE


def test_a_place_of_one_page_has_no_pager_nor_separate_counts(bundled_atlas: Atlas) -> None:
    place = bundled_atlas.places["abu-al-duhur-crossing"]
    excerpts = select(bundled_atlas).excerpts_at(place.id)
    assert 1 < len(excerpts) <= POPUP_PAGE
    html = popup_html(place, excerpts, bundled_atlas.sources)
    assert "geo-pager" not in html and "geo-counts" not in html and "geo-more" not in html
    assert html.count('class="geo-excerpt"') == len(excerpts)
