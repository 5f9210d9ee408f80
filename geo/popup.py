"""The only place where data becomes HTML: every value from a data file is escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from geo.model import Excerpt, Place, PlaceKind, Source, Voice

# folium pastes pop-up and tooltip HTML into JavaScript template literals (`...`), where a
# backtick ends the string and ${...} runs code; HTML escaping alone does not cover them.
_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})

KIND_LABELS = {
    PlaceKind.CROSSING: "Crossing",
    PlaceKind.CITY: "City",
    PlaceKind.TOWN: "Town",
    PlaceKind.VILLAGE: "Village",
    PlaceKind.REGION: "Region",
    PlaceKind.MOUNTAINS: "Mountains",
    PlaceKind.MILITARY_BASE: "Military base",
}

VOICE_LABELS = {
    Voice.OPPOSITION_ARMED: "Armed opposition",
    Voice.OPPOSITION_CIVIL: "Opposition activist",
    Voice.CIVILIAN: "Civilian",
    Voice.GOVERNMENT: "Syrian government",
    Voice.RUSSIA: "Russia",
    Voice.STATE_MEDIA: "State media",
    Voice.NGO: "NGO",
    Voice.ANALYST: "Analyst",
    Voice.JOURNALIST: "Journalist",
}

# The pop-up's look; it travels in the map's <head>, so it holds no data.
POPUP_CSS = """
.geo-popup { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  max-height: 360px; overflow-y: auto; padding-right: 6px; color: #1f2328; }
.geo-popup h3 { font-size: 15px; margin: 0 0 2px; }
.geo-popup .geo-ar { font-size: 15px; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", serif;
  text-align: start; }
.geo-popup .geo-meta { color: #57606a; margin-bottom: 6px; }
.geo-popup h4 { font-size: 12px; margin: 10px 0 4px; padding-top: 6px; border-top: 1px solid #d0d7de;
  color: #24292f; }
.geo-popup blockquote { margin: 4px 0 2px; padding-left: 8px; border-left: 3px solid #8c959f; }
.geo-popup .geo-who { color: #57606a; font-size: 12px; margin: 0 0 8px; }
.geo-popup .geo-badge { display: inline-block; padding: 0 6px; border-radius: 8px;
  background: #eaeef2; color: #24292f; font-size: 11px; white-space: nowrap; }
"""


def escape(text: str) -> str:
    """Text made safe for HTML and for the JavaScript template literal folium wraps it in."""
    return html.escape(text, quote=True).translate(_TEMPLATE_LITERAL)


def precision_label(metres: int) -> str:
    """How far off a point may be, in words a reader can weigh."""
    return f"±{metres / 1000:g} km" if metres >= 1000 else f"±{metres} m"


def label_html(place: Place) -> str:
    """The name printed beside a marker, so the map can be read without tiles or hovering."""
    return f'<span class="geo-label">{escape(place.name)}</span>'


def tooltip_html(place: Place) -> str:
    """The hover label: the English and Arabic names."""
    return (
        f"<strong>{escape(place.name)}</strong> "
        f'<span dir="rtl" lang="ar">{escape(place.name_ar)}</span>'
    )


def _attribution(excerpt: Excerpt, source: Source) -> str:
    """Who says it, in what capacity, for which side, and when."""
    speaker = excerpt.speaker or f"Narration by {source.author or source.outlet}"
    parts = [f"<strong>{escape(speaker)}</strong>"]
    if excerpt.role:
        parts[0] += f", {escape(excerpt.role)}"
    parts.append(f'<span class="geo-badge">{escape(VOICE_LABELS[excerpt.voice])}</span>')
    parts.append(escape(excerpt.kind.value))
    if excerpt.event_date:
        parts.append(escape(excerpt.event_date))
    return " · ".join(parts)


def _source_heading(source: Source) -> str:
    """The outlet, date and title that head a source's excerpts, linked where a URL is known."""
    title = f"<cite>{escape(source.title)}</cite>"
    if source.url:  # the model admits only http(s) URLs
        title = f'<a href="{escape(source.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return f"{escape(source.outlet)}, {escape(source.published)}: {title}"


def sources_html(sources: Iterable[Source]) -> str:
    """The list of sources for the sidebar: id, outlet, author, date and title of each."""
    items = "".join(
        f'<li><code>{escape(s.id)}</code><br>{_source_heading(s)}'
        f'{"<br>by " + escape(s.author) if s.author else ""}</li>'
        for s in sources
    )
    return f'<ul class="geo-sources">{items}</ul>{SOURCES_CSS}'


SOURCES_CSS = """<style>
.geo-sources { list-style: none; padding: 0 !important; margin: 0 !important; font-size: 0.8rem;
  color: #57606a; }
.geo-sources li { margin: 0 0 0.7rem !important; padding: 0 !important; line-height: 1.35; }
.geo-sources code { font-size: 0.7rem; color: #24292f; background: none; padding: 0; }
</style>"""


def popup_html(place: Place, excerpts: Sequence[Excerpt], sources: Mapping[str, Source]) -> str:
    """The pop-up for a place: its names, kind and precision, then excerpts grouped by source."""
    head = (
        f'<div class="geo-popup" lang="en">'
        f"<h3>{escape(place.name)}</h3>"
        f'<div class="geo-ar" dir="rtl" lang="ar">{escape(place.name_ar)}</div>'
        f'<div class="geo-meta">{escape(KIND_LABELS[place.kind])} · {escape(place.admin1)} · '
        f"{escape(precision_label(place.precision_m))}</div>"
    )
    sections = []
    by_source: dict[str, list[Excerpt]] = {}
    for excerpt in excerpts:
        by_source.setdefault(excerpt.source, []).append(excerpt)
    for source_id, group in by_source.items():
        source = sources[source_id]
        items = "".join(
            f'<blockquote dir="auto" lang="{escape(source.language)}">{escape(e.text)}</blockquote>'
            f'<p class="geo-who">{_attribution(e, source)}</p>'
            for e in group
        )
        sections.append(f"<h4>{_source_heading(source)}</h4>{items}")
    return head + "".join(sections) + "</div>"
