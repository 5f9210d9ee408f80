"""The Review page: an editor checks each excerpt of a draft, then accepts the source or rejects it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from geo.core.atlas import Atlas
from geo.core.records import Excerpt, ExcerptKind, NameToPlace, Source, Voice
from geo.core.settings import PANEL_PAGE
from geo.core.sides import VOICE_ORDER
from geo.data.history import entries
from geo.data.problems import DataError
from geo.data.store import ConflictError, StoreError
from geo.ingest.review import ReviewError, accept_source, decide_excerpt, drafts, reject_source
from geo.render.popup import passage_html
from geo.render.vocabulary import EXCERPT_KIND_LABELS, voice_label
from geo.web.access import Access, current_access
from geo.web.account import editing_page
from geo.web.cache import current_atlas
from geo.web.errors import show_data_error
from geo.web.widgets import markdown_text

_OUTCOME = "review-outcome"
# The fields of an excerpt's form, each a widget keyed "<field>-<excerpt id>".
_FIELDS = ("speaker", "role", "voice", "kind", "places", "date")
RELOAD = "Someone changed this draft since the page showed it; it has been read again. Check it and try again."


def review() -> None:
    """The Review page: the drafts waiting, and for the one chosen its excerpts to decide."""
    if (access := editing_page("Review drafts")) is None:
        return
    st.caption(
        "Readers see a source only once an editor accepts it. Decide each excerpt: accept it as it is or as "
        "you correct it (its text stays verbatim), or reject it. Then accept the source, or reject it whole; "
        "every step is kept in the history with who did it and when."
    )
    try:
        with st.spinner("Loading the sources…"):
            atlas, folder = current_atlas(drafts=True)
    except DataError as error:
        show_data_error(error, "Fix them first.")
        return
    data = Path(folder.path)
    show_outcome()
    waiting = {d.id: d for d in drafts(data)}
    if not waiting:
        st.info("No draft is waiting for review. **Add article** makes one.", icon=":material/inbox:")
        return
    chosen = st.selectbox(
        "Draft",
        options=list(waiting),
        format_func=lambda d: (
            f"{waiting[d].title} · {waiting[d].outlet} · {waiting[d].undecided} of "
            f"{waiting[d].excerpts} excerpts to decide"
        ),
        key="review-draft",
    )
    if chosen is None or chosen not in atlas.sources:
        return
    show_source(atlas, data, atlas.sources[chosen], waiting[chosen].digest, access)


def show_source(atlas: Atlas, data: Path, source: Source, digest: str, access: Access) -> None:
    """One draft: what ingest could not settle, its excerpts to decide, and the source's own buttons."""
    # Every decision is checked against the file as it was read here: one changed since is a conflict.
    excerpts = atlas.table.take(atlas.table.of_source(source.id))
    undecided = [e for e in excerpts if e.guessed]
    st.markdown(
        f"**{markdown_text(source.title)}** · {markdown_text(source.outlet)} · {markdown_text(source.published)}"
        + (f" · {markdown_text(source.author)}" if source.author else "")
    )
    for note in unsettled_notes(source):
        st.caption(note)
    st.subheader(f"Excerpts: {len(undecided)} of {len(excerpts)} to decide")
    for excerpt in undecided[:PANEL_PAGE]:
        excerpt_form(atlas, data, source, excerpt, digest, access)
    if len(undecided) > PANEL_PAGE:
        st.caption(f"{len(undecided) - PANEL_PAGE} more after these; they come up as you decide these.")
    if not undecided:
        st.success("Every excerpt is decided.")
    source_buttons(data, source, digest, undecided, access)
    show_history(data, source.id)


def unsettled_notes(source: Source) -> list[str]:
    """What ingest could not settle about a draft's places, a line each."""
    md = markdown_text
    notes = [
        f"Proposed new place **{md(p.name)}** ({md(p.admin1)}, GeoNames {p.geonames_id}): added to the places "
        "when the source is accepted."
        for p in source.proposed_places
    ]
    notes += [
        f"**{md(a.name)}** could be {len(a.candidates)} places; ingest chose {md(a.chose)}: {md(a.reason)}."
        for a in source.ambiguous
    ]
    notes += [f"Named but not placed: **{md(n.name)}**{_why(n)}" for n in source.names_not_found]
    return notes


def _why(name: NameToPlace) -> str:
    """Why a name was not placed and the sentence it stands in, as a note's tail."""
    md = markdown_text
    why = f" ({md(name.reason)})" if name.reason else ""
    return why + (f": “{md(name.sentence)}”" if name.sentence else "")


def excerpt_form(atlas: Atlas, data: Path, source: Source, excerpt: Excerpt, digest: str, access: Access) -> None:
    """One excerpt, its fields to correct, and the buttons that accept or reject it."""
    try:
        article = atlas.articles[source.id]
    except DataError as error:
        show_data_error(error, "It changed since the page read the folder: reload the page.")
        return
    with st.form(f"excerpt-{excerpt.id}", border=True):
        st.html(passage_html(article, excerpt, source))
        st.caption("Guessed by ingest: " + ", ".join(excerpt.guessed))
        left, right = st.columns(2)
        left.text_input("Speaker", value=excerpt.speaker or "", key=f"speaker-{excerpt.id}")
        right.text_input("Role", value=excerpt.role or "", key=f"role-{excerpt.id}")
        voices = [v.value for v in VOICE_ORDER]
        left.selectbox(
            "Voice", voices, index=voices.index(excerpt.voice.value), format_func=_voice, key=f"voice-{excerpt.id}"
        )
        kinds = [k.value for k in ExcerptKind]
        right.selectbox(
            "Kind", kinds, index=kinds.index(excerpt.kind.value), format_func=_kind, key=f"kind-{excerpt.id}"
        )
        left.multiselect(
            "Places",
            options=sorted(atlas.places, key=lambda p: atlas.places[p].name),
            default=list(excerpt.places),
            format_func=lambda p: atlas.places[p].name,
            key=f"places-{excerpt.id}",
        )
        right.text_input(
            "Event date",
            value=excerpt.event_date or "",
            placeholder="YYYY-MM-DD, YYYY-MM or YYYY",
            key=f"date-{excerpt.id}",
        )
        accept, reject = st.columns(2)
        decision = (atlas, data, source, excerpt, digest, access)
        accept.form_submit_button(
            "Accept", type="primary", icon=":material/check:", on_click=_decide, args=(*decision, True)
        )
        reject.form_submit_button("Reject", icon=":material/close:", on_click=_decide, args=(*decision, False))


def _decide(
    atlas: Atlas, data: Path, source: Source, excerpt: Excerpt, digest: str, access: Access, accept: bool
) -> None:
    """Write an editor's decision on an excerpt, with the fields as the form holds them."""
    # A callback, so the page that follows is drawn from the folder as the decision left it.
    held = st.session_state
    edits: dict[str, Any] = {
        "speaker": held[f"speaker-{excerpt.id}"].strip() or None,
        "role": held[f"role-{excerpt.id}"].strip() or None,
        "voice": held[f"voice-{excerpt.id}"],
        "kind": held[f"kind-{excerpt.id}"],
        "places": held[f"places-{excerpt.id}"],
        "event_date": held[f"date-{excerpt.id}"].strip() or None,
    }
    _act(
        lambda: decide_excerpt(
            data, source.id, excerpt.id, accept=accept, edits=edits if accept else None, by=_who(access), expect=digest
        ),
        "Excerpt accepted." if accept else "Excerpt rejected.",
    )
    if held[_OUTCOME][0] == "warning":
        # The draft changed under the editor: the form shows it afresh, not the fields as they were,
        # which a second click would otherwise write over the other editor's change.
        for field in _FIELDS:
            held.pop(f"{field}-{excerpt.id}", None)


def source_buttons(data: Path, source: Source, digest: str, undecided: list[Excerpt], access: Access) -> None:
    """Accept the source once every excerpt is decided, or reject it whole."""
    st.subheader("The source")
    accept, reject = st.columns(2)
    with accept:
        st.button(
            "Accept the source",
            type="primary",
            icon=":material/verified:",
            disabled=bool(undecided),
            help="Once every excerpt is decided: readers then see it." if undecided else "Readers will see it.",
            key="accept-source",
            on_click=_act,
            args=(
                lambda: accept_source(data, source.id, by=_who(access), expect=digest),
                f"{source.title} is accepted.",
            ),
        )
    with reject:
        sure = st.checkbox("Reject the whole draft", key=f"reject-sure-{source.id}")
        st.button(
            "Reject the source",
            icon=":material/delete:",
            disabled=not sure,
            help="Its files are kept in the history, not lost.",
            key="reject-source",
            on_click=_act,
            args=(
                lambda: reject_source(data, source.id, by=_who(access), expect=digest),
                f"{source.title} is rejected.",
            ),
        )


def show_history(data: Path, source_id: str) -> None:
    """What has been done to a source, oldest first."""
    done = entries(data, source_id)
    with st.expander(f"History ({len(done)})"):
        for entry in done:
            files = ", ".join(f.path for f in entry.files)
            st.caption(
                f"{entry.at} · **{markdown_text(entry.by)}** · {entry.action} · {markdown_text(files)}"
                + (f" · {markdown_text(entry.note)}" if entry.note else "")
            )


def _act(write: Any, done: str) -> None:
    """Make a write, if the visitor is still an editor, and keep how it went for the page that follows to say."""
    # Checked again as the write is made: the access the page was drawn with may be gone since.
    if not current_access().editor:
        st.session_state[_OUTCOME] = ("error", "Only editors may change the data; nothing was changed.")
        return
    try:
        write()
    except ConflictError:
        st.session_state[_OUTCOME] = ("warning", RELOAD)
    except (ReviewError, StoreError) as error:
        st.session_state[_OUTCOME] = ("error", str(error))
    else:
        st.session_state[_OUTCOME] = ("success", done)


def show_outcome() -> None:
    """Say how the last write went, once."""
    if outcome := st.session_state.pop(_OUTCOME, None):
        kind, text = outcome
        if kind == "success":
            st.toast(text, icon=":material/check:")
        else:
            # Plain text: a refusal may quote the draft.
            getattr(st, kind)("Nothing was changed." if kind == "error" else text)
            if kind == "error":
                st.code(text, language=None, wrap_lines=True)


def _who(access: Access) -> str:
    """Who the history names for this editor's changes."""
    return access.who or "unknown"


def _voice(value: str) -> str:
    """A voice's label."""
    return voice_label(Voice(value))


def _kind(value: str) -> str:
    """An excerpt kind's label."""
    return EXCERPT_KIND_LABELS[ExcerptKind(value)]
