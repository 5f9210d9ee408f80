"""Pop-ups and labels: every value from a data file shows as text and never runs."""

from pathlib import Path

import pytest

from geo.atlas import select
from geo.load import load_atlas
from geo.popup import escape, label_html, popup_html, precision_label, sources_html, tooltip_html
from tests.datafolder import XSS_NAME, XSS_TEXT, write_folder, write_xss_folder


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"quoted" & \'single\'', "&quot;quoted&quot; &amp; &#x27;single&#x27;"),
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


def test_popup_groups_by_source_and_marks_arabic_rtl(tmp_path: Path) -> None:
    selection = select(load_atlas(write_folder(tmp_path)))
    place = selection.places[0]
    html = popup_html(place, selection.excerpts_at(place.id), selection.atlas.sources)
    assert html.count("<h4>") == 1
    assert '<div class="geo-ar" dir="rtl" lang="ar">ألفا</div>' in html
    assert html.index("Shelling hit Alpha") < html.index("We will not leave")
    assert "<strong>Dana Q</strong>, a teacher in Alpha" in html
    assert "Narration by A. Writer" in html
    assert "Civilian" in html and "2020-01-05" in html


def test_sources_list_shows_payloads_as_text(xss_selection) -> None:
    html = sources_html(xss_selection.atlas.sources.values())
    assert "<img" not in html and "&lt;img src=x onerror=&quot;window.__xss=5&quot;&gt;Title" in html
    assert "<code>test-source</code>" in html and "by A. Writer" in html


def test_source_urls_become_links_and_nothing_else_does(tmp_path: Path) -> None:
    from tests.datafolder import ARTICLE, source

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
    from geo.model import PlaceKind, Voice
    from geo.popup import KIND_LABELS, VOICE_LABELS

    assert set(KIND_LABELS) == set(PlaceKind) and set(VOICE_LABELS) == set(Voice)
