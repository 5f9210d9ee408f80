"""The Add article page's names that no gazetteer holds, each with a small form to place it by hand."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from geo.core.atlas import Atlas
from geo.core.names import slug
from geo.core.records import NameToPlace, Place, PlaceKind
from geo.data.store import ConflictError, StoreError
from geo.ingest.draft import Draft, IngestError
from geo.ingest.gazetteer import Entry, precision_for
from geo.ingest.placing import (
    BY_CLICK,
    BY_TYPING,
    KINDS,
    PRECISIONS_M,
    HandPlacing,
    Method,
    PlacingError,
    candidates,
    cleaned_as_before,
    excerpts_naming,
    file_place,
    from_candidate,
    metadata_of,
    parse_point,
    places_digest,
)
from geo.map.picking import chosen_layer, picking_map
from geo.render.popup import precision_label
from geo.web.access import current_access
from geo.web.assets import map_assets
from geo.web.cache import Folder, cached_gazetteer
from geo.web.excerpt_rows import EDITOR_KEY, carry_edits, draft_rows, keep_rows, rows_of, with_edits
from geo.web.ingesting import IngestFailed, follow, start_reading
from geo.web.widgets import markdown_text

PICKING_HEIGHT = 300
# How the ways of placing a name are offered; the form below them holds the point whichever is used.
WAYS = {"map": "Click on the map", "candidate": "Pick a nearby candidate", "typed": "Type coordinates"}
DEFAULT_PRECISION_M = 1_000
RELOAD = (
    "The places changed since this page read them: another editor saved meanwhile. Nothing was saved, and "
    "what you entered is kept: check it and save again."
)
# The session's keys: how the last save went, the place saved and not yet read into the draft, and the
# draft the Add article page shows.
_OUTCOME = "placing-outcome"
_PLACED = "placing-placed"
_DRAFT = "draft"


@dataclass(frozen=True)
class Placed:
    """A place just filed, the draft it was filed from, and its excerpts' rows as the editor left them."""

    place: Place
    made: Draft
    edited: pd.DataFrame


def names_to_place(atlas: Atlas, folder: Folder, made: Draft) -> None:
    """Each name the draft could not place, with its sentence and a form to place it by hand."""
    outcome = st.session_state.get(_OUTCOME)
    if outcome is not None and outcome[0] is None:
        st.session_state.pop(_OUTCOME)
        st.success(outcome[2], icon=":material/where_to_vote:")
    names = made.source.names_not_found
    if not names:
        return
    st.markdown(f"**Names to place by hand ({len(names)})**")
    st.caption(
        "No gazetteer holds these names. Place one by clicking the map, from a place of a like name, or by "
        "its coordinates: it is added to the places, and the article is read again so that its excerpts "
        "name it. What you changed in the excerpts below is kept."
    )
    around = article_places(atlas, made)
    expect = read_digest(folder)
    for key, name in keyed(names):
        with st.container(border=True, key=f"{key}-box"):
            name_form(atlas, folder, made, name, key, around, expect)


@lru_cache(maxsize=4)
def read_digest(folder: Folder) -> str | None:
    """The digest of places.geojson, read once per change of the folder rather than on every rerun."""
    # Hashed on each rerun while names waited, it cost a read of the whole file: some tens of
    # megabytes at a hundred thousand places. The folder's stamp changes with the file. Not
    # st.cache_resource, which hashed the folder's stamp of every file anew on each call.
    return places_digest(Path(folder.path))


def article_places(atlas: Atlas, made: Draft) -> list[Place]:
    """The places the draft's excerpts name, ours or proposed: what a name to place lies near."""
    proposed = {p.id: p for p in made.source.proposed_places}
    ids = dict.fromkeys(p for e in made.excerpts for p in e.places)
    # Looked up one by one: a merged copy of the atlas's places grew with them on every rerun.
    known = [atlas.places.get(p) or proposed.get(p) for p in ids]
    return [p for p in known if p is not None and p.kind is not PlaceKind.COUNTRY]


def keyed(names: Sequence[NameToPlace]) -> Iterator[tuple[str, NameToPlace]]:
    """Each name with the key its widgets share: its slug, which stays when the draft is read again."""
    seen: set[str] = set()
    for name in names:
        key = base = f"place-{slug(name.name)}"
        number = 2
        while key in seen:
            key, number = f"{base}-{number}", number + 1
        seen.add(key)
        yield key, name


def name_form(
    atlas: Atlas, folder: Folder, made: Draft, name: NameToPlace, key: str, around: list[Place], expect: str | None
) -> None:
    """One name: where the article names it, a way to find its point, and the form that saves it."""
    # Article text: shown as itself, never as markup.
    st.markdown(f"**{markdown_text(name.name)}**" + (f" · {markdown_text(name.reason)}" if name.reason else ""))
    if name.sentence:
        st.caption(f"“{markdown_text(name.sentence)}”")
    way = st.radio("Place it by", list(WAYS), format_func=WAYS.__getitem__, horizontal=True, key=f"{key}-way")
    if way == "map":
        pick_on_map(atlas, key, around)
    elif way == "candidate":
        pick_candidate(folder, name, key, around)
    with st.form(f"{key}-form", border=False):
        st.text_input(
            "Latitude, longitude",
            key=f"{key}-point",
            placeholder="e.g. 35.62, 36.67",
            help="Decimal degrees, latitude first; a click on the map or a candidate fills it in.",
        )
        # A row of two fields at a time, so that on a phone, where columns stack, each pair stays together.
        left, right = st.columns(2)
        left.text_input("Name", value=name.name, key=f"{key}-name", help="The article's spelling is kept as well.")
        right.text_input("Arabic name", key=f"{key}-ar", placeholder="بالعربية", help="Required, in Arabic script.")
        left, right = st.columns(2)
        left.selectbox("Kind", [k.value for k in KINDS], key=f"{key}-kind")
        right.selectbox(
            "Precision",
            PRECISIONS_M,
            index=PRECISIONS_M.index(DEFAULT_PRECISION_M),
            format_func=precision_label,
            key=f"{key}-precision",
            help="How far off the point may be: say honestly how sure you are.",
        )
        left, right = st.columns(2)
        left.text_input("Other spellings", key=f"{key}-aliases", placeholder="comma-separated")
        right.text_input("Governorate or country", key=f"{key}-admin1", placeholder="the one the point lies in")
        st.form_submit_button(
            "Save the place",
            type="primary",
            icon=":material/add_location_alt:",
            on_click=_save,
            args=(folder.path, atlas, made, name, key, expect),
        )
    outcome = st.session_state.get(_OUTCOME)
    if outcome is not None and outcome[0] == key:
        st.session_state.pop(_OUTCOME)
        if outcome[1] == "warning":
            st.warning(outcome[2], icon=":material/sync_problem:")
        else:
            # Shown as itself, never as markup: the message may quote what was typed.
            st.error(f"Not saved: {markdown_text(outcome[2])}", icon=":material/error:")


def pick_on_map(atlas: Atlas, key: str, around: list[Place]) -> None:
    """The small map: a click puts the point in the form, and the map marks it."""
    from streamlit_folium import st_folium  # a component: loaded when a map is drawn

    point = st.session_state.get(f"{key}-picked")
    precision = st.session_state.get(f"{key}-precision", DEFAULT_PRECISION_M)
    st_folium(
        picking_map(atlas, map_assets(), around, PICKING_HEIGHT),
        feature_group_to_add=[chosen_layer(point, precision)],
        returned_objects=["last_clicked"],
        key=f"{key}-map",
        height=PICKING_HEIGHT,
        use_container_width=True,
        # Taken as the click's run begins, so that this very run marks the point on the map.
        on_change=partial(_take_click, key),
    )
    how = st.session_state.get(f"{key}-how")
    if point is not None and how is not None and how[1] == BY_CLICK:
        st.caption(f"Clicked at {point[0]:.5f}, {point[1]:.5f}. Click again to move it.")
    else:
        st.caption("Click where the place is; the point goes in the form below.")


def _take_click(key: str) -> None:
    """Put the point clicked on the map in the name's form."""
    clicked = (st.session_state.get(f"{key}-map") or {}).get("last_clicked")
    if clicked:
        _choose(key, (round(float(clicked["lat"]), 5), round(float(clicked["lng"]), 5)), BY_CLICK)


def pick_candidate(folder: Folder, name: NameToPlace, key: str, around: list[Place]) -> None:
    """Places of a like name, nearest the article's other places first; the one chosen fills the form."""
    if name.candidates:
        st.caption("Ingest weighed: " + "; ".join(markdown_text(c) for c in name.candidates))
    found = candidates(name.name, cached_gazetteer(folder), [(p.lat, p.lon) for p in around])
    if not found:
        st.info("No GeoNames place has a like name: click on the map or type the coordinates.", icon=":material/info:")
        return
    st.selectbox(
        "Candidate",
        range(len(found)),
        index=None,
        placeholder="Choose a place of a like name",
        format_func=lambda i: candidate_label(*found[i]),
        key=f"{key}-candidate",
        on_change=_take_candidate,
        args=(key, [entry for entry, _ in found]),
    )


def candidate_label(entry: Entry, km: float | None) -> str:
    """A candidate in a line: its name, kind, governorate, record, and how far from the article's places."""
    far = "" if km is None else f" · {km:,.0f} km from the article's places"
    return f"{entry.name} · {entry.kind.value} · {entry.admin1} · GeoNames {entry.geonames_id}{far}"


def _take_candidate(key: str, entries: list[Entry]) -> None:
    """Fill the form from the candidate chosen: its point, kind, precision and Arabic name."""
    held = st.session_state
    chosen = held.get(f"{key}-candidate")
    if chosen is None:
        return
    entry = entries[chosen]
    _choose(key, (round(entry.lat, 5), round(entry.lon, 5)), from_candidate(entry))
    if entry.kind in KINDS:
        held[f"{key}-kind"] = entry.kind.value
    reach = entry.precision_m or precision_for(entry.kind)
    held[f"{key}-precision"] = min(PRECISIONS_M, key=lambda metres: abs(metres - reach))
    if entry.name_ar and not held.get(f"{key}-ar", "").strip():
        held[f"{key}-ar"] = entry.name_ar
    # The place stands for the GeoNames record from now on, so its spelling must find the place too.
    if not held.get(f"{key}-aliases", "").strip():
        held[f"{key}-aliases"] = entry.name


def _choose(key: str, point: tuple[float, float], method: Method) -> None:
    """Put a point in a name's form, remembering how it was found while the form holds it as written."""
    written = f"{point[0]:.5f}, {point[1]:.5f}"
    st.session_state[f"{key}-picked"] = point
    st.session_state[f"{key}-point"] = written
    st.session_state[f"{key}-how"] = (written, method)


def _method(key: str, typed: str) -> Method:
    """How the form's point was found: as a click or a candidate put it there, or else typed."""
    how = st.session_state.get(f"{key}-how")
    return how[1] if how is not None and how[0] == typed.strip() else BY_TYPING


def placing_of(key: str, name: NameToPlace) -> HandPlacing:
    """What a name's form holds, as a placing; PlacingError if its point cannot be read."""
    held = st.session_state
    typed = str(held.get(f"{key}-point", ""))
    if not typed.strip():
        raise PlacingError("give the point: click on the map, pick a candidate, or type its latitude and longitude")
    lat, lon = parse_point(typed)
    return HandPlacing(
        written=name.name,
        lat=lat,
        lon=lon,
        precision_m=int(held.get(f"{key}-precision", DEFAULT_PRECISION_M)),
        kind=PlaceKind(held.get(f"{key}-kind", KINDS[0].value)),
        name_ar=str(held.get(f"{key}-ar", "")),
        method=_method(key, typed),
        name=str(held.get(f"{key}-name", "")),
        aliases=tuple(a.strip() for a in str(held.get(f"{key}-aliases", "")).split(",") if a.strip()),
        admin1=str(held.get(f"{key}-admin1", "")),
    )


def _save(data_path: str, atlas: Atlas, made: Draft, name: NameToPlace, key: str, expect: str | None) -> None:
    """File the place a name's form describes, then read the draft again so that its excerpts name it."""
    # A callback, so the page that follows is drawn from the folder as the save left it.
    access = current_access()  # checked again as the write is made: the page's access may be gone since
    if not access.editor:
        _say(key, "error", "only editors may add places; nothing was changed")
        return
    try:
        placing = placing_of(key, name)
        today = datetime.now(UTC).date()
        place = file_place(
            Path(data_path), placing, by=access.who or "unknown", on=today, boundaries=atlas.boundaries, expect=expect
        )
    except ConflictError:
        _say(key, "warning", RELOAD)
        return
    except (PlacingError, StoreError) as error:
        _say(key, "error", str(error))
        return
    # Read again on the next run, in the worker, with the page showing how far it has gone.
    st.session_state[_PLACED] = Placed(place, made, with_edits(rows_of(made), st.session_state.get(EDITOR_KEY)))


def read_placed_again(folder: Folder) -> None:
    """Read the draft again after a place was filed, in the worker, keeping what the editor changed."""
    placed: Placed | None = st.session_state.pop(_PLACED, None)
    if placed is None:
        return
    md = markdown_text
    place = placed.place
    where = f"{place.lat}, {place.lon} ({precision_label(place.precision_m)}, {md(place.admin1)})"
    said = f"**{md(place.name)}** is placed at {where}"
    with st.status("Reading the article again…", expanded=True) as status:
        bar = st.progress(0.0)
        try:
            job = start_reading(folder, placed.made.article, metadata_of(placed.made))
            again = cleaned_as_before(placed.made, follow(job, lambda done, step: bar.progress(done, text=step)))
        except (IngestError, IngestFailed) as error:
            status.update(label="The article could not be read again", state="error")
            why = md(str(error))
            _say(
                None,
                "success",
                f"{said} and added to the places; the article could not be read again ({why}): read it again.",
            )
            return
        status.update(label=f"Read again: {len(again.excerpts)} excerpts", state="complete", expanded=False)
    rows, unmatched = carry_edits(draft_rows(placed.made), placed.edited, draft_rows(again))
    keep_rows(again, rows, unmatched)
    st.session_state[_DRAFT] = again
    naming = len(excerpts_naming(again, place.id))
    _say(None, "success", f"{said} and added to the places. The article was read again: {naming} excerpt(s) name it.")


def _say(key: str | None, kind: str, text: Any) -> None:
    """Keep how a save went for the page that follows to say: under the name's form, or above them all."""
    st.session_state[_OUTCOME] = (key, kind, str(text))
