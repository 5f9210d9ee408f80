"""The only place where data becomes HTML: every value from a data file is escaped here."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from geo.core.dates import describe
from geo.core.provenance import locate, paragraph_spans
from geo.core.records import Excerpt, Place, Source, Voice
from geo.core.settings import PANEL_PAGE
from geo.core.sides import SIDE_LABELS, SIDES, VOICE_LABELS, VOICE_ORDER, Side, by_voice
from geo.core.tallies import Tally, tally_of
from geo.render.vocabulary import KIND_LABELS, SIDE_STYLES

# folium pastes pop-up and tooltip HTML into JavaScript template literals (`...`), where a
# backtick ends the string and ${...} runs code; HTML escaping alone does not cover them.
_TEMPLATE_LITERAL = (("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"))

_CSS = Path(__file__).parent / "css"

# Excerpts a pop-up shows at once, as many as the panel beside the map.
POPUP_PAGE = PANEL_PAGE
# A journey told many times is one arrow: its pop-up quotes the first tellings and counts the
# rest, and its hover label names the first parties, so that neither grows with the telling.
JOURNEY_STORIES_SHOWN = 3
JOURNEY_PARTIES_SHOWN = 5


@cache
def stylesheet(name: str) -> str:
    """One of the stylesheets kept in css/ beside this module, read once."""
    return (_CSS / name).read_text(encoding="utf-8")


# How an excerpt, its voice badge and its side heading look, on the map and in the panel; each
# side's colours are written from SIDE_STYLES, which the map's key and the timeline share.
EXCERPT_CSS = stylesheet("excerpt.css") + "".join(
    f".geo-side-{side.value}.geo-badge {{ background: {style.badge}; color: {style.text}; }}\n"
    f".geo-side-{side.value}.geo-side-heading {{ border-color: {style.colour}; background: {style.tint}; }}\n"
    f".geo-side-{side.value}.geo-count {{ border-color: {style.colour}; }}\n"
    for side, style in SIDE_STYLES.items()
)

# The pop-up's look; it travels in the map's <head>, so it holds no data. Sizes are in px
# there, and in rem in the page's panel, which otherwise shares the same classes (place.css).
POPUP_CSS = EXCERPT_CSS + stylesheet("place.css") + stylesheet("popup.css")

PANEL_CSS = f"<style>{EXCERPT_CSS}{stylesheet('place.css')}{stylesheet('panel.css')}</style>"


def escape(text: str) -> str:
    """Text made safe for HTML and for the JavaScript template literal folium wraps it in."""
    escaped = html.escape(text, quote=True)
    # Replaced one character at a time: str.translate with a table took a third of a
    # microsecond a character, a second for a busy place's journeys.
    for character, entity in _TEMPLATE_LITERAL:
        escaped = escaped.replace(character, entity)
    return escaped


def precision_label(metres: int) -> str:
    """How far off a point may be, in words a reader can weigh."""
    return f"±{metres / 1000:g} km" if metres >= 1000 else f"±{metres} m"


def label_html(place: Place) -> str:
    """The name printed beside a marker, so the map can be read without tiles or hovering."""
    return f'<span class="geo-label">{escape(place.name)}</span>'


def tooltip_html(place: Place) -> str:
    """The hover label: the English and Arabic names."""
    return f'<strong>{escape(place.name)}</strong> <span dir="rtl" lang="ar">{escape(place.name_ar)}</span>'


def badge_html(voice: Voice) -> str:
    """A voice's badge: its name, and its side's colour and glyph, so colour is never needed."""
    side = SIDES[voice]
    return (
        f'<span class="geo-badge geo-side-{side.value}" title="{escape(SIDE_LABELS[side])}">'
        f'<span aria-hidden="true">{SIDE_STYLES[side].glyph}</span> {escape(VOICE_LABELS[voice])}</span>'
    )


def _attribution(excerpt: Excerpt, source: Source) -> str:
    """Who says it, in what capacity, when, and in which article."""
    speaker = excerpt.speaker or f"Narration by {source.author or source.outlet}"
    who = f"<strong>{escape(speaker)}</strong>"
    if excerpt.role:
        who += f", {escape(excerpt.role)}"
    parts = [who, escape(excerpt.kind.value)]
    if source.status == "draft":
        # Ingest guessed its places and voice; a reader must not take it for checked work.
        parts.insert(0, '<span class="geo-draft">Unreviewed draft</span>')
    if excerpt.event_date:
        parts.append(f"about {escape(describe(excerpt.event_date))}")
    parts.append(
        f'<cite title="{escape(source.title)}">{escape(source.outlet)}</cite>, {escape(describe(source.published))}'
    )
    return " · ".join(parts)


def excerpt_html(excerpt: Excerpt, source: Source) -> str:
    """One excerpt, verbatim, with who says it."""
    return (
        f'<div class="geo-excerpt"><blockquote dir="auto" lang="{escape(source.language)}">'
        f'{escape(excerpt.text)}</blockquote><p class="geo-who">{_attribution(excerpt, source)}</p></div>'
    )


def side_heading_html(side: Side, count: int) -> str:
    """The heading over one side's claims."""
    noun = "excerpt" if count == 1 else "excerpts"
    return (
        f'<div class="geo-side-heading geo-side-{side.value}">'
        f'<span aria-hidden="true">{SIDE_STYLES[side].glyph}</span> '
        f"{escape(SIDE_LABELS[side])} · {count} {noun}</div>"
    )


def contested_note_html() -> str:
    """The line that flags a place where the sides contradict each other."""
    return (
        '<div class="geo-contested-note"><strong>Contested.</strong> The government side and the '
        "opposition side both make claims about this place.</div>"
    )


def _source_heading(source: Source) -> str:
    """The outlet, date and title that head a source's excerpts, linked where a URL is known."""
    title = f"<cite>{escape(source.title)}</cite>"
    if source.url:  # the model admits only http(s) URLs
        title = f'<a href="{escape(source.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return f"{escape(source.outlet)}, {escape(source.published)}: {title}"


def sources_html(sources: Iterable[Source]) -> str:
    """The list of sources for the sidebar: id, outlet, author, date and title of each."""
    items = "".join(
        f"<li><code>{escape(s.id)}</code><br>{_source_heading(s)}"
        f"{'<br>by ' + escape(s.author) if s.author else ''}</li>"
        for s in sources
    )
    return f'<ul class="geo-sources">{items}</ul>{SOURCES_CSS}'


SOURCES_CSS = f"<style>{stylesheet('sources.css')}</style>"


def notices_html(notices: Sequence[str]) -> str:
    """The parts of a link that could not be used, as a warning; they quote the link, so escaped."""
    items = "".join(f"<li>{escape(notice)}</li>" for notice in notices)
    return (
        '<div role="status" class="geo-notices" style="background:#fff8c5;border:1px solid #d4a72c;'
        'border-radius:6px;padding:8px 12px;font-size:0.9rem">'
        "<strong>Part of this link could not be used, and was left out:</strong>"
        f'<ul style="margin:4px 0 0">{items}</ul></div>'
    )


def place_heading_html(place: Place) -> str:
    """A place's English and Arabic names, kind, governorate and precision."""
    return (
        f"<h3>{escape(place.name)}</h3>"
        f'<div class="geo-ar" dir="rtl" lang="ar">{escape(place.name_ar)}</div>'
        f'<div class="geo-meta">{escape(KIND_LABELS[place.kind])} · {escape(place.admin1)} · '
        f"{escape(precision_label(place.precision_m))}</div>"
    )


def popup_pages(count: int) -> int:
    """How many pages a pop-up of this many excerpts has: one at the least."""
    return max(1, math.ceil(count / POPUP_PAGE))


def check_page(page: int, count: int) -> None:
    """ValueError for a page a pop-up of this many excerpts does not fill."""
    pages = popup_pages(count)
    if not 1 <= page <= pages:
        raise ValueError(f"page must be a whole number from 1 to {pages:,}")


def popup_html(
    place: Place, excerpts: Sequence[Excerpt], sources: Mapping[str, Source], page: int = 1, *, paged: bool = True
) -> str:
    """The pop-up for a place of the excerpts given, counted here: as the map's own pop-ups of a few are made.

    ValueError for a page the excerpts do not fill.
    """
    check_page(page, len(excerpts))
    first = (page - 1) * POPUP_PAGE
    return place_popup_html(place, tally_of(excerpts), excerpts[first : first + POPUP_PAGE], sources, page, paged=paged)


def place_popup_html(
    place: Place,
    tally: Tally,
    shown: Sequence[Excerpt],
    sources: Mapping[str, Source],
    page: int = 1,
    *,
    paged: bool = True,
) -> str:
    """The pop-up for a place: its names, its counts by side and voice (its tally), then one page of its excerpts.

    Only the page's excerpts (`shown`) are escaped and sent, and the counts are the view's,
    so that it is as small and as quick for a place of fifty thousand excerpts as for one of
    five. With `paged` it offers the next and previous pages, which the map's script fetches
    from the app (js/popup_pages.js); without, it points to the panel. ValueError for a page
    the tally does not fill.
    """
    count = tally.total
    check_page(page, count)
    pages = popup_pages(count)
    parts = [
        f'<div class="geo-popup" lang="en" data-place="{escape(place.id)}" data-page="{page}">'
        f"{place_heading_html(place)}"
    ]
    if tally.contested:
        parts.append(contested_note_html())
    if pages > 1:
        parts.append(counts_html(tally.voices))
        parts.append(pager_html(page, pages, count) if paged else _more_html(len(shown), count))
    side_counts = tally.sides()
    for side, voices in claims_by_side(shown).items():
        # Headed by the side's whole count, as the panel's are, not the page's share of it.
        parts.append(side_heading_html(side, side_counts[side]))
        for voice, group in voices.items():
            parts.append(f'<div class="geo-voice">{badge_html(voice)}</div>')
            parts.extend(excerpt_html(e, sources[e.source]) for e in group)
    return "".join(parts) + "</div>"


def counts_html(counts: Mapping[Voice, int]) -> str:
    """How many excerpts each side and each voice has at a place, in all, in the pop-up's order."""
    rows = []
    for side in Side:
        voices = [(voice, counts[voice]) for voice in VOICE_ORDER if SIDES[voice] is side and counts.get(voice)]
        if not voices:
            continue
        total = sum(count for _, count in voices)
        each = "".join(f"<li>{badge_html(voice)} {count:,}</li>" for voice, count in voices)
        rows.append(
            f'<div class="geo-count geo-side-{side.value}"><span class="geo-count-side">'
            f"{escape(SIDE_LABELS[side])}: {total:,}</span><ul>{each}</ul></div>"
        )
    return f'<div class="geo-counts" role="group" aria-label="Excerpts by side and voice">{"".join(rows)}</div>'


def pager_html(page: int, pages: int, count: int) -> str:
    """Which excerpts a page shows, and buttons that fetch the pages on either side of it."""
    first = (page - 1) * POPUP_PAGE
    shown = f"Excerpts {first + 1:,}–{min(first + POPUP_PAGE, count):,} of {count:,}"
    previous = (
        f'<button type="button" class="geo-page" data-go="previous" data-page="{page - 1}">‹ Previous</button>'
        if page > 1
        else ""
    )
    following = (
        f'<button type="button" class="geo-page" data-go="next" data-page="{page + 1}">Next ›</button>'
        if page < pages
        else ""
    )
    return (
        f'<nav class="geo-pager" aria-label="Pages of excerpts">{previous}'
        f'<span class="geo-page-shown" role="status">{shown}</span>{following}</nav>'
    )


def _more_html(shown: int, count: int) -> str:
    """What a pop-up that cannot fetch more pages says of the excerpts it leaves out."""
    return f'<p class="geo-more">The first {shown} of {count:,}; the panel beside the map pages through them all.</p>'


def claims_by_side(excerpts: Iterable[Excerpt]) -> dict[Side, dict[Voice, list[Excerpt]]]:
    """The excerpts grouped by side and, within a side, by voice, in a fixed order."""
    grouped: dict[Side, dict[Voice, list[Excerpt]]] = {}
    for voice, group in by_voice(excerpts).items():
        grouped.setdefault(SIDES[voice], {})[voice] = group
    return {side: grouped[side] for side in Side if side in grouped}


def _marked(article: str, start: int, end: int, passage: tuple[int, int]) -> str:
    """article[start:end] escaped, with the part inside the passage highlighted."""
    lo, hi = max(start, passage[0]), min(end, passage[1])
    if lo >= hi:
        return escape(article[start:end])
    return f"{escape(article[start:lo])}<mark>{escape(article[lo:hi])}</mark>{escape(article[hi:end])}"


def context_html(article: str, excerpt: Excerpt, source: Source, around: int = 1) -> str:
    """The passage highlighted in its paragraphs and their neighbours, then the whole article."""
    passage = locate(article, excerpt.text)
    if passage is None:  # loading refuses such data; say so rather than fail if it slips by
        return _MISSING
    paragraphs = paragraph_spans(article)
    lang = escape(source.language)
    whole = "".join(f"<p>{_marked(article, a, b, passage)}</p>" for a, b in paragraphs)
    return (
        f'<div class="geo-context" lang="{lang}">{source_card_html(source)}'
        f'<div class="geo-context-near" dir="auto">{_near(article, paragraphs, passage, around)}</div>'
        f'<details class="geo-context-whole"><summary>The whole article, passage highlighted</summary>'
        f'<div dir="auto">{whole}</div></details></div>{CONTEXT_CSS}'
    )


def passage_html(article: str, excerpt: Excerpt, source: Source) -> str:
    """The passage highlighted in its own paragraphs, as a reviewer checks what it says and who says it."""
    passage = locate(article, excerpt.text)
    if passage is None:
        return _MISSING
    near = _near(article, paragraph_spans(article), passage, 0)
    lang = escape(source.language)
    near_html = f'<div class="geo-context-near" dir="auto">{near}</div>'
    return f'<div class="geo-context" lang="{lang}">{near_html}</div>{CONTEXT_CSS}'


_MISSING = '<p class="geo-context-missing">This passage could not be found in its article.</p>'


def _near(article: str, paragraphs: list[tuple[int, int]], passage: tuple[int, int], around: int) -> str:
    """The paragraphs that hold the passage and `around` more on each side, the passage highlighted."""
    hit = [i for i, (a, b) in enumerate(paragraphs) if a < passage[1] and b > passage[0]]
    near = paragraphs[max(0, hit[0] - around) : hit[-1] + around + 1]
    return "".join(f"<p>{_marked(article, a, b, passage)}</p>" for a, b in near)


def source_card_html(source: Source) -> str:
    """A source's outlet, author, date and link, saying plainly what is not known."""
    rows = [
        ("Title", f"<cite>{escape(source.title)}</cite>"),
        ("Outlet", escape(source.outlet)),
        ("Author", escape(source.author) if source.author else "not given"),
        ("Published", escape(describe(source.published))),
        (
            "Link",
            f'<a href="{escape(source.url)}" target="_blank" rel="noopener noreferrer">{escape(source.url)}</a>'
            if source.url
            else "not known",
        ),
    ]
    if source.published_note:
        rows.append(("Dating", escape(source.published_note)))
    cells = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="geo-source-card">{cells}</dl>'


CONTEXT_CSS = f"<style>{stylesheet('context.css')}</style>"


def contested_tooltip_html(place: Place) -> str:
    """The hover label of a place both sides make claims about: its names, and that it is contested."""
    return f'{tooltip_html(place)}<br><em class="geo-tooltip-contested">Contested: both sides make claims</em>'


def _journey(origin: Place, destination: Place | None) -> str:
    """A journey in words: where it starts and ends, or that its end is not stated."""
    if destination is None:
        return f"From {origin.name}, destination not stated"
    return f"{origin.name} → {destination.name}"


def movement_tooltip_html(origin: Place, destination: Place | None, who: Sequence[str]) -> str:
    """The hover label of a journey: a line for each of the first parties that make it, and how many more."""
    if destination is None:
        route = f"leaving {escape(origin.name)}, destination not stated"
    else:
        route = escape(_journey(origin, destination))
    lines = [f"<strong>{escape(party)}</strong>: {route}" for party in who[:JOURNEY_PARTIES_SHOWN]]
    if len(who) > JOURNEY_PARTIES_SHOWN:
        lines.append(f"<em>and {len(who) - JOURNEY_PARTIES_SHOWN:,} more</em>")
    return "<br>".join(lines)


def movement_popup_html(
    origin: Place,
    destination: Place | None,
    stories: Sequence[tuple[str, Excerpt]],
    sources: Mapping[str, Source],
) -> str:
    """The pop-up for a journey: its ends, how often it is told, then the first excerpts that tell of it."""
    told = f"Told in {len(stories):,} excerpt{'s' if len(stories) != 1 else ''}"
    items = "".join(
        f'<div class="geo-excerpt"><h4>{escape(who)}</h4>'
        f'<blockquote dir="auto" lang="{escape(sources[e.source].language)}">{escape(e.text)}</blockquote>'
        f'<p class="geo-who"><strong>{escape(e.speaker or "Narration")}</strong> {badge_html(e.voice)} · '
        f"<cite>{escape(sources[e.source].outlet)}</cite></p></div>"
        for who, e in stories[:JOURNEY_STORIES_SHOWN]
    )
    rest = len(stories) - JOURNEY_STORIES_SHOWN
    more = (
        f'<p class="geo-more">{rest:,} more excerpt{"s" if rest != 1 else ""} tell of it; '
        "open either end to read them in the panel.</p>"
        if rest > 0
        else ""
    )
    return (
        f'<div class="geo-popup geo-journey" lang="en"><h3>{escape(_journey(origin, destination))}</h3>'
        f'<div class="geo-meta">{escape(told)}</div>{items}{more}</div>'
    )


def side_key_html() -> str:
    """The map key's rows for the sides: each side's badge and what it stands for."""
    return "".join(
        f'<div><span class="geo-badge geo-side-{side.value}" aria-hidden="true">{SIDE_STYLES[side].glyph}</span> '
        f"{escape(SIDE_LABELS[side])}</div>"
        for side in SIDE_STYLES
    )
