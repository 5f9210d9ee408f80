"""The Add article page: paste or upload an article, read it, correct the draft, save it."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import streamlit as st

from geo.core.atlas import Atlas
from geo.core.filters import select
from geo.core.records import ExcerptKind
from geo.core.settings import DRAFT_MAP_HEIGHT, MAX_ARTICLE_BYTES
from geo.core.sides import VOICE_ORDER
from geo.data.problems import DataError
from geo.ingest.draft import Draft, IngestError, Metadata, check_metadata, read_article, revise
from geo.ingest.save import preview_atlas, save_draft
from geo.map.build import build_map
from geo.web.access import Access
from geo.web.account import editing_page
from geo.web.assets import map_assets
from geo.web.cache import Folder, current_atlas
from geo.web.errors import show_data_error
from geo.web.excerpt_rows import EDITOR_KEY, edited_excerpts, rows_of, unmatched_of
from geo.web.ingesting import IngestFailed, follow, start_reading, warm
from geo.web.placing import names_to_place, read_placed_again
from geo.web.widgets import markdown_text


def read_draft(atlas: Atlas, folder: Folder, text: str, meta: Metadata) -> None:
    """Read an article into a draft kept in the session, showing each step."""
    with st.status("Reading the article…", expanded=True) as status:
        try:
            status.write("Checking the text and the details…")
            check_metadata(meta)
            article = read_article(text.encode("utf-8"), "the article")
            status.write("Finding quotations, speakers and places…")
            # In a worker process: a long article read here held every other reader up.
            bar = st.progress(0.0)
            made = follow(start_reading(folder, article, meta), lambda done, step: bar.progress(done, text=step))
        except (IngestError, IngestFailed) as error:
            status.update(label="The article could not be read", state="error")
            st.session_state.draft_error = str(error)
            return
        status.update(label=f"Read: {len(made.excerpts)} excerpts to check", state="complete", expanded=False)
    st.session_state.draft = made
    st.session_state.draft_error = None


def article_form() -> tuple[str, Any, Metadata] | None:
    """The form for an article and its details; what it holds once the reader asks to read it."""
    with st.form("article"):
        text = st.text_area("Article text", height=260, placeholder="Paste the article here")
        # The widget's limit is in whole megabytes; the article's own (MAX_ARTICLE_BYTES) is
        # checked when it is read, with a message that says so.
        upload = st.file_uploader(
            "Or upload it as a text file", type=["txt"], max_upload_size=math.ceil(MAX_ARTICLE_BYTES / 2**20)
        )
        left, right = st.columns(2)
        source_id = left.text_input("Id", placeholder="outlet-yyyy-mm-topic", help="a-z, 0-9 and hyphens")
        title = right.text_input("Title")
        outlet = left.text_input("Outlet")
        published = right.text_input("Published", placeholder="YYYY-MM-DD, YYYY-MM or YYYY")
        author = left.text_input("Author (optional)")
        url = right.text_input("Link (optional)")
        read = st.form_submit_button("Read the article", type="primary")
    if not read:
        return None
    meta = Metadata(
        id=source_id.strip(),
        title=title,
        outlet=outlet,
        published=published.strip(),
        author=author or None,
        url=url.strip() or None,
    )
    return text, upload, meta


def add_article() -> None:
    """The Add article page: paste or upload, read, correct, save as a draft."""
    if (access := editing_page("Add an article")) is None:
        return
    st.caption(
        "Paste or upload an article. It is cleaned of page furniture, its quotations are given to their "
        "speakers and its places are found in any spelling; check the result, then save it as a draft. "
        "Drafts appear on the map only for editors, when **Show unreviewed drafts** is on, until an editor "
        "accepts them on the **Review** page."
    )
    try:
        with st.spinner("Loading the sources…"):
            atlas, folder = current_atlas(drafts=True)
    except DataError as error:
        show_data_error(error, "Fix them first.")
        return
    # Editors alone reach this line: the worker readies itself while the article is pasted.
    warm(folder)
    if (submitted := article_form()) is not None:
        text, upload, meta = submitted
        if upload is not None:
            try:
                text = read_article(upload.getvalue(), upload.name)
            except IngestError as error:
                st.session_state.draft_error = str(error)
                text = ""
        if text or upload is None:
            read_draft(atlas, folder, text, meta)
    if error_text := st.session_state.get("draft_error"):
        # Plain text: the message may quote the pasted article.
        st.error("The article was not read; nothing was saved.")
        st.code(error_text, language=None, wrap_lines=True)
    if st.session_state.get("draft") is not None and not error_text:
        read_placed_again(folder)
    made: Draft | None = st.session_state.get("draft")
    if made is None or error_text:
        return
    show_draft(atlas, folder, made, access)


def replace_choice(atlas: Atlas, source_id: str) -> bool:
    """Whether the editor chooses to replace the source of this id, asked only if there is one."""
    existing = atlas.sources.get(source_id)
    if existing is None:
        return False
    # Replacing a reviewed source takes it from readers until the new draft is accepted: said plainly.
    reviewed = existing.status is None
    st.warning(
        f"A {'reviewed source' if reviewed else 'draft'} with the id `{source_id}` exists: "
        f"{markdown_text(existing.title)}. "
        + ("Replacing it takes it off the readers' map until the new draft is accepted. " if reviewed else "")
        + "Its files are kept in the history.",
        icon=":material/warning:",
    )
    return st.checkbox(f"Replace {'the reviewed source' if reviewed else 'the draft'} {source_id!r}")


def show_draft(atlas: Atlas, folder: Folder, made: Draft, access: Access) -> None:
    """The proposed places on a map and the excerpts in an editor, and the button that saves them."""
    proposals = {p.id: p for p in made.source.proposed_places}
    st.subheader("Places")
    fmap, layers = build_map(
        select(preview_atlas(made, atlas), drafts=True), map_assets(), movements=False, height_px=DRAFT_MAP_HEIGHT
    )
    from streamlit_folium import st_folium

    st_folium(
        fmap,
        feature_group_to_add=layers,
        returned_objects=[],
        key="draft-map",
        height=DRAFT_MAP_HEIGHT,
        use_container_width=True,
    )
    keep = st.multiselect(
        "Proposed new places (from GeoNames) to keep",
        options=list(proposals),
        default=list(proposals),
        format_func=lambda p: f"{proposals[p].name} · {proposals[p].admin1} · GeoNames {proposals[p].geonames_id}",
        help="Each is added to the draft; move it into places.geojson once checked.",
    )
    notes = [
        # The name and the reason quote the article, which is untrusted: escaped like all its text.
        f"**{markdown_text(a.name)}** could be {len(a.candidates)} places; chose `{a.chose}`: "
        f"{markdown_text(a.reason)}."
        for a in made.source.ambiguous
    ]
    for note in notes:
        st.caption(note)
    names_to_place(atlas, folder, made)
    st.subheader("Excerpts")
    st.caption(f"{made.skipped} passages name no place and are left out. Untick an excerpt to drop it.")
    if unmatched := unmatched_of(made):
        st.warning(
            f"{len(unmatched)} excerpt(s) you changed are not in the article as read again: "
            "your changes to them are listed here, to make again below.",
            icon=":material/edit_note:",
        )
        st.dataframe(unmatched, hide_index=True, width="stretch")
    edited = st.data_editor(
        rows_of(made),
        key=EDITOR_KEY,
        hide_index=True,
        width="stretch",
        disabled=["id", "text"],
        column_config={
            "keep": st.column_config.CheckboxColumn("Keep", width="small"),
            "id": None,
            "places": st.column_config.TextColumn("Places (ids)", width="medium"),
            "kind": st.column_config.SelectboxColumn("Kind", options=[k.value for k in ExcerptKind]),
            "voice": st.column_config.SelectboxColumn("Voice", options=[v.value for v in VOICE_ORDER]),
            "guessed": st.column_config.TextColumn("Still guessed", help="Clear what you have checked"),
            "text": st.column_config.TextColumn("Excerpt", width="large"),
        },
    )
    replace_existing = replace_choice(atlas, made.source.id)
    if st.button("Save as draft", type="primary", icon=":material/save:"):
        try:
            revised = revise(made, edited_excerpts(edited), keep, atlas.places)
            # Into the folder the page's atlas was read from, not the folder as read again now.
            written = save_draft(Path(folder.path), revised, replace=replace_existing, by=access.who or "unknown")
        except IngestError as error:
            st.error("Nothing was saved.")
            st.code(str(error), language=None, wrap_lines=True)
            return
        st.session_state.draft = None
        names = ", ".join(p.name for p in written)
        st.success(f"Saved {names} as a draft. Check it and accept it on the **Review** page; readers see it then.")
