"""The site's HTML pages: the map page from its template, and the sources page, every text escaped."""

from __future__ import annotations

import jinja2

from geo.core.records import Source
from geo.data.export import FORMATS
from geo.publish.assets import SITE_FOLDER, TEMPLATE
from geo.publish.contents import Contents
from geo.publish.downloads import DOWNLOADS
from geo.publish.tiles import Tiles, tile_origin
from geo.render.popup import escape, source_card_html

# The sources page runs no script and loads nothing but the site's own styles.
SOURCES_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"


def index_html(title: str, tiles: Tiles) -> bytes:
    """The map page: its template with the title and the tiles' origin filled in, both escaped."""
    # Autoescaped, so a title is text in the page whatever it holds.
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string((SITE_FOLDER / TEMPLATE).read_text(encoding="utf-8"))
    return template.render(title=title, tile_origin=tile_origin(tiles)).encode("utf-8")


def sources_html(contents: Contents, title: str) -> bytes:
    """Each article's provenance card and what the view holds of it, then the downloads."""
    held = _held(contents)
    cards = "".join(_source_section(source, *held[source.id]) for source in contents.sources)
    downloads = "".join(
        f'<li><a href="{path}" download>{escape(FORMATS[fmt].label)}</a>: {escape(FORMATS[fmt].about)}</li>'
        for fmt, path in DOWNLOADS.items()
    )
    page = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{SOURCES_POLICY}">\n'
        f"<title>Sources · {escape(title)}</title>\n"
        '<link rel="stylesheet" href="assets/popup.css">\n<link rel="stylesheet" href="assets/site.css">\n'
        '</head>\n<body class="geo-sources-page">\n<main>\n'
        f'<h1>{escape(title)}</h1>\n<p><a href="index.html">Back to the map</a></p>\n'
        f"<h2>Sources</h2>\n{cards or '<p>No article has an excerpt in this view.</p>'}\n"
        f"<h2>Downloads</h2>\n<p>The places and excerpts in this view.</p>\n<ul>{downloads}</ul>\n"
        "</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _held(contents: Contents) -> dict[str, tuple[int, int]]:
    """How many excerpts of each source the view holds, and about how many of its places, in one pass."""
    excerpts: dict[str, int] = {}
    places: dict[str, set[str]] = {}
    for excerpt in contents.excerpts:
        excerpts[excerpt.source] = excerpts.get(excerpt.source, 0) + 1
        places.setdefault(excerpt.source, set()).update(p for p in excerpt.places if p in contents.place_number)
    return {source: (count, len(places[source])) for source, count in excerpts.items()}


def _counted(count: int, noun: str) -> str:
    """A count and its noun, plural unless one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _source_section(source: Source, excerpts: int, places: int) -> str:
    """One article: its card, how much of it the view holds, and its text."""
    held = f"{_counted(excerpts, 'excerpt')} about {_counted(places, 'place')}"
    return (
        f'<section class="geo-source" id="source-{escape(source.id)}"><h3>{escape(source.title)}</h3>'
        f"{source_card_html(source)}"
        f'<p>{held} in this view · <a href="articles/{escape(source.id)}.txt">The article\'s text</a></p></section>'
    )
