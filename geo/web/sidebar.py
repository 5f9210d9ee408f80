"""The sidebar: the filter widgets, made from the table of filters, and what is in view."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import islice
from typing import Any

import streamlit as st

from geo.core.atlas import Atlas, Selection, per_atlas
from geo.core.dates import describe
from geo.core.filters import FILTERS, Control, Filter
from geo.core.records import Source
from geo.core.settings import MAX_SEARCH, MOST_DOWNLOADED, SOURCES_LISTED
from geo.core.viewstate import date_bounds
from geo.data.export import FORMATS
from geo.map.dense import is_dense
from geo.render.popup import sources_html
from geo.render.vocabulary import EXCERPT_KIND_LABELS, KIND_LABELS, SIDE_KEY, voice_label
from geo.web.session import reset_filters


def source_label(source: Source) -> str:
    """A source's chip: outlet and month, and whether it is an unreviewed draft."""
    label = f"{source.outlet}, {describe(source.published)}"
    return f"{label} (draft)" if source.status == "draft" else label


@per_atlas
def _source_labels(atlas: Atlas) -> dict[str, str]:
    """Each source's chip, made once per atlas: a year's 20,000 were made again on every run."""
    return {source_id: source_label(source) for source_id, source in atlas.sources.items()}


def _labels(atlas: Atlas) -> dict[str, Callable[[Any], str]]:
    """How each choice filter names its options; the rest show their values."""
    return {
        "source": _source_labels(atlas).__getitem__,
        "voice": voice_label,
        "kind": EXCERPT_KIND_LABELS.__getitem__,
        "place_kind": KIND_LABELS.__getitem__,
    }


# Help that only the page gives: the key to the voices' glyphs.
_HELP = {"voice": SIDE_KEY}


def _widget(row: Filter, atlas: Atlas) -> None:
    """One filter's widget, as its control asks, where the page offers it."""
    if not row.is_offered(atlas):
        return
    help_text = _HELP.get(row.key, row.help)
    if row.control is Control.CHOICE:
        st.multiselect(
            row.label,
            options=row.choices(atlas),
            key=row.key,
            placeholder=row.placeholder,
            format_func=_labels(atlas).get(row.key, str),
            help=help_text,
        )
    elif row.control is Control.TEXT:
        st.text_input(row.label, key=row.key, max_chars=MAX_SEARCH, placeholder=row.placeholder or "", help=help_text)
    elif row.control in (Control.FROM, Control.TO):
        if bounds := date_bounds(atlas):
            st.date_input(
                row.label,
                value=None,
                min_value=bounds[0],
                max_value=bounds[1],
                key=row.key,
                format="YYYY-MM-DD",
                help=help_text,
            )
    else:
        st.toggle(row.label, key=row.key, help=help_text)


def filter_sidebar(atlas: Atlas) -> None:
    """The filter widgets; their values are read from the session before they are drawn."""
    # The search box heads the sidebar; the other filters follow in the table's order.
    rows = sorted(FILTERS, key=lambda row: row.control is not Control.TEXT)
    with st.sidebar:
        st.header("Filter")
        for row in rows:
            if row.control is Control.SWITCH:
                continue
            _widget(row, atlas)
        journeys_help = "Arrows for journeys that the sources describe." + (
            " On a map this large, only the open place's journeys are drawn." if is_dense(atlas) else ""
        )
        st.toggle("Show movements", key="movements", help=journeys_help)
        for row in rows:
            if row.control is Control.SWITCH:
                _widget(row, atlas)
        st.button("Reset filters", on_click=reset_filters, icon=":material/filter_alt_off:", width="stretch")


def view_sidebar(atlas: Atlas, view: Selection) -> None:
    """What is in view: its counts, its downloads, and the sources."""
    with st.sidebar:
        places_count, excerpts_count = st.columns(2)
        places_count.metric("Places", f"{len(view.places):,}")
        excerpts_count.metric("Excerpts", f"{len(view.excerpts):,}")
        if len(view.excerpts) <= MOST_DOWNLOADED:
            st.caption("Download what is in view")
            # The files are written only when a button is clicked, not on every rerun.
            for column, (key, fmt) in zip(st.columns([1.3, 1, 1]), FORMATS.items(), strict=True):
                column.download_button(
                    fmt.label,
                    partial(_text, fmt.chunks, view),
                    file_name=fmt.file_name,
                    mime=fmt.mime,
                    help=fmt.about,
                    width="stretch",
                    on_click="ignore",
                    key=f"download-{key}",
                )
        else:
            # A download is built whole in the server's memory (hundreds of megabytes at this
            # size); the command line streams the same view to a file instead.
            # Inline code, not st.code: its highlighter took a fifth of a second of the browser's
            # first load, holding up the map.
            st.caption(
                f"Over {MOST_DOWNLOADED:,} excerpts are in view: narrow the filters to download them here, "
                "or export this view with the command line, which streams it: "
                "`uv run python -m geo export --format geojson --link '<this page's address>' > view.geojson`"
            )
        with st.expander("The sources"):
            st.html(_sources_list(atlas))


@per_atlas
def _sources_list(atlas: Atlas) -> str:
    """The sidebar's list of sources, the first SOURCES_LISTED of them, made once per atlas."""
    # A year's 20,000 were 3 MB of HTML, escaped and sent again on every run.
    shown = list(islice(atlas.sources.values(), SOURCES_LISTED))
    more = len(atlas.sources) - len(shown)
    rest = f"<p>And {more:,} more: the Source articles filter above finds any of them.</p>" if more else ""
    return sources_html(shown) + rest


def _text(chunks: Callable[[Selection], Any], view: Selection) -> str:
    """A download's whole text, made when its button is clicked."""
    return "".join(chunks(view))
