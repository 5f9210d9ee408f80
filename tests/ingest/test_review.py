"""Review: a draft's excerpts decided, then the source accepted or rejected, each step one commit in the history."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from geo.core.atlas import Atlas
from geo.core.settings import BUNDLED_DATA
from geo.data.history import entries, kept
from geo.data.load import load_atlas
from geo.data.store import ConflictError, digest, read_current
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import Gazetteer
from geo.ingest.review import (
    DraftSummary,
    ReviewError,
    UndecidedError,
    accept_source,
    decide_excerpt,
    drafts,
    reject_source,
)
from geo.ingest.save import draft_yaml
from tests.support.datafolder import data_folder, place, snapshot

DRAFT_ID = "short-draft"
REVIEWED = "al-monitor-2020-01-idlib-crossings"
ARTICLE = (
    "Skip to main content\n\nShelling in Saraqib\n\n"
    "Shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n\n"
    "Families fled from Kafr Nabl to Saraqib, an activist in Istanbul said.\n\n"
    "Share this article\n"
)
# The draft's excerpts, as ingest numbers them: the headline, the shelling, Dana's words, the families.
HEADLINE, SHELLING, DANA, FAMILIES = (f"{DRAFT_ID}-0{n}" for n in range(1, 5))
SARAQIB, KAFRANBEL = 164816, 168661  # the GeoNames ids of the places the draft proposes
YAML = f"sources/{DRAFT_ID}.yaml"


def make_draft(source_id: str, atlas: Atlas, gazetteer: Gazetteer, article: str = ARTICLE) -> Draft:
    """A draft of the article, as ingest makes it."""
    return draft(article, Metadata(id=source_id, title="T", outlet="O", published="2020-01"), gazetteer, atlas.places)


def write_draft(root: Path, made: Draft) -> None:
    """The draft's files, as ingest writes them."""
    (root / "sources" / f"{made.source.id}.txt").write_text(made.article, encoding="utf-8")
    (root / "sources" / f"{made.source.id}.yaml").write_text(draft_yaml(made), encoding="utf-8")


@pytest.fixture(scope="module")
def made(bundled_atlas: Atlas, gazetteer: Gazetteer) -> Draft:
    """The draft of the short article."""
    return make_draft(DRAFT_ID, bundled_atlas, gazetteer)


@pytest.fixture
def root(tmp_path: Path, made: Draft) -> Path:
    """A copy of the bundled places with one reviewed source, and the draft."""
    folder = data_folder(tmp_path / "data")
    write_draft(folder, made)
    return folder


def document(root: Path, source_id: str = DRAFT_ID) -> dict[str, Any]:
    """A source's YAML document as it stands."""
    loaded: dict[str, Any] = yaml.safe_load((root / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    return loaded


def excerpt(root: Path, excerpt_id: str) -> dict[str, Any]:
    """The draft's excerpt of this id, as the file holds it."""
    [found] = [e for e in document(root)["excerpts"] if e["id"] == excerpt_id]
    return found


def place_ids(root: Path) -> list[str]:
    """The ids in places.geojson, in its order."""
    collection = json.loads((root / "places.geojson").read_text(encoding="utf-8"))
    return [f["properties"]["id"] for f in collection["features"]]


def decide_all(root: Path) -> None:
    """Accept every excerpt of the draft as it stands."""
    for excerpt_id in (HEADLINE, SHELLING, DANA, FAMILIES):
        decide_excerpt(root, DRAFT_ID, excerpt_id, accept=True, by="Rana")


# --- What ingest leaves to review ----------------------------------------------------------------------


@pytest.mark.parametrize("source_id", ["al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"])
def test_ingest_leaves_something_guessed_in_every_excerpt(
    bundled_atlas: Atlas, gazetteer: Gazetteer, made: Draft, source_id: str
) -> None:
    # An excerpt with nothing guessed counts as decided: ingest must never make one.
    article = (BUNDLED_DATA / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    again = make_draft("again", bundled_atlas, gazetteer, article)
    for each in (*made.excerpts, *again.excerpts):
        assert each.guessed and "places" in each.guessed, each.id


def test_drafts_lists_each_draft_and_what_is_left_in_it(root: Path) -> None:
    _, read = read_current(root, YAML)
    assert drafts(root) == [
        DraftSummary(
            id=DRAFT_ID,
            title="T",
            outlet="O",
            published="2020-01",
            excerpts=4,
            undecided=4,
            proposed_places=2,
            names_not_found=("Istanbul",),
            ambiguous=0,
            digest=str(read),
        )
    ]
    decide_excerpt(root, DRAFT_ID, HEADLINE, accept=True, by="Rana")
    assert drafts(root)[0].undecided == 3


def test_a_folder_without_drafts_lists_none(tmp_path: Path) -> None:
    assert drafts(data_folder(tmp_path / "data")) == []


# --- Deciding an excerpt --------------------------------------------------------------------------------


def test_accepting_an_excerpt_clears_its_guesses_and_applies_the_edits(root: Path, made: Draft) -> None:
    before = excerpt(root, DANA)
    edits = {"voice": "opposition-civil", "role": "a teacher", "places": ["saraqib", "idlib-province"]}
    decide_excerpt(root, DRAFT_ID, DANA, accept=True, edits=edits, by="Rana")
    after = excerpt(root, DANA)
    assert after == {**{k: v for k, v in before.items() if k != "guessed"}, **edits}
    assert list(after) == ["id", "places", "kind", "speaker", "role", "voice", "text"], "fields keep their order"
    assert after["text"] == before["text"]
    assert all(excerpt(root, e)["guessed"] for e in (HEADLINE, SHELLING, FAMILIES)), "the others are untouched"
    text = (root / YAML).read_text(encoding="utf-8")
    assert text.startswith("# A draft written by"), "the note to the reviewer stays while it is a draft"
    assert load_atlas(root).sources[DRAFT_ID].status == "draft"
    [entry] = entries(root, DRAFT_ID)
    assert (entry.by, entry.action, entry.subject) == ("Rana", "edit", DRAFT_ID)
    assert entry.note == f"accepted excerpt {DANA}; edited role, voice, places"
    assert [(f.path, f.after) for f in entry.files] == [(YAML, digest(text))]


def test_an_edit_that_adds_a_field_puts_it_in_its_place(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, SHELLING, accept=True, edits={"event_date": "2020-01-06", "role": None}, by="R")
    assert list(excerpt(root, SHELLING)) == ["id", "places", "kind", "voice", "event_date", "text"]
    decide_excerpt(root, DRAFT_ID, DANA, accept=True, edits={"role": "", "speaker": " Dana Q "}, by="R")
    assert "role" not in excerpt(root, DANA) and excerpt(root, DANA)["speaker"] == "Dana Q"


def test_rejecting_an_excerpt_removes_it(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, FAMILIES, accept=False, by="Rana")
    assert [e["id"] for e in document(root)["excerpts"]] == [HEADLINE, SHELLING, DANA]
    assert [(e.action, e.note) for e in entries(root, DRAFT_ID)] == [("edit", f"rejected excerpt {FAMILIES}")]
    assert [e.id for e in load_atlas(root).excerpts if e.source == DRAFT_ID] == [HEADLINE, SHELLING, DANA]


DECISION_REFUSALS: list[tuple[str, dict[str, Any], str]] = [
    ("an unknown excerpt", {"excerpt_id": "short-draft-99"}, "has no excerpt 'short-draft-99'"),
    ("the text", {"edits": {"text": "We will leave"}}, "verbatim, and cannot be edited"),
    ("a field not editable", {"edits": {"colour": "red"}}, "'colour' cannot be edited"),
    ("an unknown voice", {"edits": {"voice": "rebels"}}, "voice 'rebels' is not one of"),
    ("an unknown kind", {"edits": {"kind": "rumour"}}, "kind 'rumour' is not one of"),
    ("an empty voice", {"edits": {"voice": ""}}, "voice cannot be left empty"),
    ("an unknown place", {"edits": {"places": ["saraqib", "atlantis"]}}, "unknown place id.s. atlantis"),
    ("no place", {"edits": {"places": []}}, "at least one place"),
    ("places as text", {"edits": {"places": "saraqib"}}, "list of place ids"),
    ("a place twice", {"edits": {"places": ["saraqib", "saraqib"]}}, "more than once"),
    ("a bad date", {"edits": {"event_date": "Jan. 6"}}, "YYYY"),
    ("a speaker as a number", {"edits": {"speaker": 7}}, "speaker must be text"),
    ("testimony without a speaker", {"edits": {"speaker": None}}, "a testimony needs a speaker"),
    ("edits to a rejection", {"accept": False, "edits": {"voice": "civilian"}}, "takes no edits"),
    ("nobody", {"by": " "}, "say who is reviewing"),
    ("a reviewed source", {"source_id": REVIEWED, "excerpt_id": "amc-lead-three-crossings"}, "not a draft"),
    ("a missing source", {"source_id": "nothing-here"}, "no source 'nothing-here'"),
    ("an id that is no slug", {"source_id": "../places"}, "not a source id"),
]


@pytest.mark.parametrize(("change", "fault"), [r[1:] for r in DECISION_REFUSALS], ids=[r[0] for r in DECISION_REFUSALS])
def test_a_refused_decision_writes_nothing(root: Path, change: dict[str, Any], fault: str) -> None:
    call: dict[str, Any] = {"source_id": DRAFT_ID, "excerpt_id": DANA, "accept": True, "by": "Rana", **change}
    before = snapshot(root)
    with pytest.raises(ReviewError, match=fault):
        decide_excerpt(root, call.pop("source_id"), call.pop("excerpt_id"), **call)
    assert snapshot(root) == before


def test_the_last_excerpt_is_not_rejected_but_the_draft(root: Path) -> None:
    for excerpt_id in (HEADLINE, SHELLING, DANA):
        decide_excerpt(root, DRAFT_ID, excerpt_id, accept=False, by="Rana")
    before = snapshot(root)
    with pytest.raises(ReviewError, match="last excerpt .* reject the draft instead"):
        decide_excerpt(root, DRAFT_ID, FAMILIES, accept=False, by="Rana")
    assert snapshot(root) == before


def test_a_decision_on_a_draft_changed_since_it_was_read_is_a_conflict(root: Path) -> None:
    seen = drafts(root)[0].digest
    decide_excerpt(root, DRAFT_ID, HEADLINE, accept=True, by="Sami", expect=seen)
    before = snapshot(root)
    with pytest.raises(ConflictError, match="reload"):
        decide_excerpt(root, DRAFT_ID, DANA, accept=False, by="Rana", expect=seen)
    assert snapshot(root) == before
    decide_excerpt(root, DRAFT_ID, DANA, accept=False, by="Rana", expect=drafts(root)[0].digest)


# --- Accepting a source ---------------------------------------------------------------------------------


def test_an_accepted_source_loads_reviewed_with_its_places_filed(root: Path, made: Draft) -> None:
    old_places = (root / "places.geojson").read_text(encoding="utf-8")
    decide_all(root)
    accept_source(root, DRAFT_ID, by="Rana")
    atlas = load_atlas(root)
    source = atlas.sources[DRAFT_ID]
    assert (source.status, source.reviewed_by) == (None, "Rana")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", source.reviewed_at or "")
    assert (source.proposed_places, source.ambiguous, source.names_not_found) == ((), (), ())
    assert source.removed_lines == made.source.removed_lines
    excerpts = [e for e in atlas.excerpts if e.source == DRAFT_ID]
    assert [(e.id, e.text, e.places) for e in excerpts] == [(e.id, e.text, e.places) for e in made.excerpts]
    assert all(e.guessed == () for e in excerpts)
    assert place_ids(root)[-2:] == ["saraqib", "kafranbel"]
    assert atlas.places["saraqib"].geonames_id == SARAQIB
    new_places = (root / "places.geojson").read_text(encoding="utf-8")
    assert new_places.startswith(old_places.removesuffix("\n]}\n") + ",\n"), "a feature a line, added at the end"
    text = (root / YAML).read_text(encoding="utf-8")
    assert not text.startswith("#") and "status" not in document(root)
    assert list(document(root))[:8] == [
        "id",
        "title",
        "outlet",
        "published",
        "language",
        "reviewed_by",
        "reviewed_at",
        "text_sha256",
    ]
    history = entries(root, DRAFT_ID)
    assert [e.action for e in history] == ["edit"] * 4 + ["accept"]
    assert history[-1].note == "added place(s) saraqib, kafranbel"
    assert {f.path for f in history[-1].files} == {YAML, "places.geojson"}
    assert kept(root, str(history[-1].files[0].before)).startswith("# A draft written by")
    assert drafts(root) == []


def test_accept_rest_accepts_the_undecided_excerpts_as_they_stand(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, DANA, accept=True, edits={"voice": "opposition-civil"}, by="Rana")
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    excerpts = {e.id: e for e in load_atlas(root).excerpts if e.source == DRAFT_ID}
    assert excerpts[DANA].voice == "opposition-civil" and excerpts[FAMILIES].voice == "journalist"
    assert all(e.guessed == () for e in excerpts.values())


def test_a_proposal_no_excerpt_names_is_not_filed(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, FAMILIES, accept=True, edits={"places": ["saraqib"]}, by="Rana")
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    assert "kafranbel" not in place_ids(root) and "saraqib" in place_ids(root)
    load_atlas(root)


def test_a_place_of_the_same_geonames_id_stands_for_the_proposal(root: Path) -> None:
    # Someone filed Saraqib meanwhile, under an id of their own: the excerpts are filed under it.
    collection = json.loads((root / "places.geojson").read_text(encoding="utf-8"))
    town = place("saraqib-town", "Saraqib", 36.8, 35.86, name_ar="سراقب", geonames_id=SARAQIB)
    collection["features"].append(town)
    (root / "places.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    assert place_ids(root)[-2:] == ["saraqib-town", "kafranbel"]
    excerpts = {e.id: e for e in load_atlas(root).excerpts if e.source == DRAFT_ID}
    assert excerpts[FAMILIES].places == ("kafranbel", "saraqib-town")
    assert entries(root, DRAFT_ID)[-1].note == "added place(s) kafranbel; saraqib filed as saraqib-town"


def test_a_proposal_whose_id_was_taken_meanwhile_is_filed_under_its_geonames_id(root: Path) -> None:
    collection = json.loads((root / "places.geojson").read_text(encoding="utf-8"))
    collection["features"].append(place("saraqib", "Another Saraqib", 36.1, 35.1, name_ar="سراقب"))
    (root / "places.geojson").write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    atlas = load_atlas(root)
    assert atlas.places[f"saraqib-{SARAQIB}"].geonames_id == SARAQIB
    assert atlas.places["saraqib"].name == "Another Saraqib"
    assert {p for e in atlas.excerpts if e.source == DRAFT_ID for p in e.places} >= {f"saraqib-{SARAQIB}"}


def test_another_draft_proposing_a_place_filed_proposes_it_no_more(
    root: Path, bundled_atlas: Atlas, gazetteer: Gazetteer
) -> None:
    other = make_draft("other-draft", bundled_atlas, gazetteer, "Saraqib was shelled again, residents said.\n")
    write_draft(root, other)
    assert [p.id for p in load_atlas(root).sources["other-draft"].proposed_places] == ["saraqib"]
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    atlas = load_atlas(root)
    assert atlas.sources["other-draft"].status == "draft" and atlas.sources["other-draft"].proposed_places == ()
    assert [e.places for e in atlas.excerpts if e.source == "other-draft"] == [("saraqib",)]
    assert "proposed_places" not in document(root, "other-draft")
    assert {f.path for f in entries(root, DRAFT_ID)[-1].files} == {YAML, "places.geojson", "sources/other-draft.yaml"}


def spoil_places(root: Path) -> None:
    """An excerpt of the draft names a place neither in places.geojson nor proposed."""
    path = root / YAML
    path.write_text(path.read_text(encoding="utf-8").replace("- maarat-al-numan", "- atlantis"), encoding="utf-8")


def spoil_article(root: Path) -> None:
    """The draft's article changed after ingest."""
    path = root / "sources" / f"{DRAFT_ID}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")


ACCEPT_REFUSALS: list[tuple[str, Callable[[Path], None], dict[str, Any], str]] = [
    ("undecided", lambda root: None, {}, "4 of 4 excerpts of short-draft are undecided"),
    ("an unknown place", spoil_places, {"accept_rest": True}, f"{SHELLING}: atlantis"),
    ("a changed article", spoil_article, {"accept_rest": True}, "has changed since its excerpts were found"),
    ("a reviewed source", lambda root: None, {"source_id": REVIEWED}, "not a draft"),
    ("nobody", lambda root: None, {"by": "", "accept_rest": True}, "say who is reviewing"),
]


@pytest.mark.parametrize(
    ("spoil", "change", "fault"), [r[1:] for r in ACCEPT_REFUSALS], ids=[r[0] for r in ACCEPT_REFUSALS]
)
def test_a_refused_acceptance_writes_nothing(
    root: Path, spoil: Callable[[Path], None], change: dict[str, Any], fault: str
) -> None:
    spoil(root)
    call: dict[str, Any] = {"source_id": DRAFT_ID, "by": "Rana", **change}
    before = snapshot(root)
    with pytest.raises(ReviewError, match=fault):
        accept_source(root, call.pop("source_id"), **call)
    assert snapshot(root) == before


def test_undecided_excerpts_are_counted(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, HEADLINE, accept=True, by="Rana")
    with pytest.raises(UndecidedError) as refused:
        accept_source(root, DRAFT_ID, by="Rana")
    assert (refused.value.undecided, refused.value.total) == (3, 4)


# --- Rejecting a source ---------------------------------------------------------------------------------


def test_a_rejected_draft_is_deleted_and_kept_in_the_history(root: Path) -> None:
    article = (root / "sources" / f"{DRAFT_ID}.txt").read_text(encoding="utf-8")
    meta = (root / YAML).read_text(encoding="utf-8")
    reject_source(root, DRAFT_ID, by="Rana", note="an opinion piece")
    assert not (root / YAML).exists() and not (root / "sources" / f"{DRAFT_ID}.txt").exists()
    assert DRAFT_ID not in load_atlas(root).sources
    [entry] = entries(root, DRAFT_ID)
    assert (entry.action, entry.by, entry.note) == ("reject", "Rana", "an opinion piece")
    assert {f.path: f.after for f in entry.files} == {YAML: None, f"sources/{DRAFT_ID}.txt": None}
    assert {kept(root, str(f.before)) for f in entry.files} == {article, meta}


@pytest.mark.parametrize(
    ("source_id", "fault"),
    [(REVIEWED, "reviewed source, not a draft"), ("nothing-here", "no source 'nothing-here'")],
)
def test_only_a_draft_is_rejected(root: Path, source_id: str, fault: str) -> None:
    before = snapshot(root)
    with pytest.raises(ReviewError, match=fault):
        reject_source(root, source_id, by="Rana")
    assert snapshot(root) == before


def test_a_whole_review_is_in_the_history_in_order(root: Path) -> None:
    decide_excerpt(root, DRAFT_ID, HEADLINE, accept=False, by="Sami")
    decide_excerpt(root, DRAFT_ID, DANA, accept=True, edits={"voice": "opposition-civil"}, by="Rana")
    accept_source(root, DRAFT_ID, by="Rana", accept_rest=True)
    assert [(e.by, e.action, e.note.split(";")[0]) for e in entries(root, DRAFT_ID)] == [
        ("Sami", "edit", f"rejected excerpt {HEADLINE}"),
        ("Rana", "edit", f"accepted excerpt {DANA}"),
        ("Rana", "accept", "added place(s) saraqib, kafranbel"),
    ]
    assert entries(root, REVIEWED) == []
