"""The Add article page's names to place: an editor types a point, saves it, and the draft is read again."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.core.atlas import Atlas
from geo.core.records import Ambiguity, NameToPlace
from geo.data.history import entries
from geo.data.load import load_atlas
from geo.ingest.draft import Draft, Metadata, draft
from geo.ingest.gazetteer import Gazetteer
from geo.web.excerpt_rows import draft_rows
from tests.support.datafolder import data_folder, snapshot
from tests.web.test_editing_pages import bound_to

VILLAGE = "Kafr Batikh"
KEY = "place-kafr-batikh"
ARTICLE = (
    f"Shelling hit the village of {VILLAGE}, west of Maarat al-Numan, on Monday, residents said.\n\n"
    "The army said its units had secured the road near Khan Sheikhoun.\n"
)
META = Metadata(id="wire-2026-12-kafr-batikh", title="Shelling", outlet="Wire", published="2026-12")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled places and outlines, served to the page."""
    root = data_folder(tmp_path / "data")
    monkeypatch.setenv("GEO_DATA_DIR", str(root))
    return root


@pytest.fixture
def made(bundled_atlas: Atlas, gazetteer: Gazetteer) -> Draft:
    """The article as ingest reads it."""
    return draft(ARTICLE, META, gazetteer, bundled_atlas.places)


@pytest.fixture
def editor() -> Iterator[None]:
    """The server bound to a loopback address with no sign-in: whoever reaches it edits."""
    yield from bound_to("127.0.0.1")


def add_article_page() -> None:
    """The Add article page alone, as AppTest runs a function."""
    from geo.web.pages.add_article import add_article

    add_article()


def read_article(made: Draft) -> AppTest:
    """The page showing the article as read, the village listed to place."""
    at = AppTest.from_function(add_article_page, default_timeout=120)
    # Handed to the page as its reading leaves it: what is tested here is what follows.
    at.session_state["draft"] = made
    at.run()
    assert not at.exception
    return at


def save(at: AppTest, point: str, arabic: str) -> AppTest:
    """Type the point and the Arabic name into the village's form and save it."""
    at.radio(key=f"{KEY}-way").set_value("typed").run()
    at.text_input(key=f"{KEY}-point").set_value(point)
    at.text_input(key=f"{KEY}-ar").set_value(arabic)
    at.selectbox(key=f"{KEY}-precision").set_value(2_000)
    next(b for b in at.button if b.label == "Save the place").click().run()
    assert not at.exception
    return at


def test_a_typed_point_is_saved_and_the_draft_names_the_place(folder: Path, editor: None, made: Draft) -> None:
    at = read_article(made)
    assert any(m.value == "**Names to place by hand (1)**" for m in at.markdown)
    assert any(VILLAGE in c.value and "Maarat al" in c.value for c in at.caption), "its sentence is shown"
    save(at, "35.6512, 36.5508", "كفر بطيخ")
    assert not at.error
    assert any("is placed at 35.6512, 36.5508" in s.value and "1 excerpt(s) name it" in s.value for s in at.success)
    place = load_atlas(folder).places["kafr-batikh"]
    assert (place.name, place.name_ar, place.precision_m, place.admin1) == (VILLAGE, "كفر بطيخ", 2_000, "Idlib")
    assert place.coord_source.startswith(f"placed by hand by {getpass.getuser()} on ")
    assert place.coord_source.endswith("by coordinates typed in; not from a gazetteer")
    [entry] = entries(folder, "kafr-batikh")
    assert (entry.action, entry.by) == ("place", getpass.getuser())
    # The draft was read again: the village is tied, no longer to place.
    again = at.session_state["draft"]
    assert not again.source.names_not_found
    assert any("kafr-batikh" in e.places for e in again.excerpts)
    assert not any(m.value.startswith("**Names to place") for m in at.markdown)


def test_what_the_editor_changed_in_the_excerpts_is_kept_when_a_place_is_saved(
    folder: Path, editor: None, made: Draft
) -> None:
    at = read_article(made)
    assert not any("starts them afresh" in c.value for c in at.caption), "no warning that edits are lost"
    # The editor's changes, as the excerpt editor starts from them: the army's passage dropped, a speaker named.
    rows = draft_rows(made)
    road = rows["text"].str.contains("army")
    village = rows["text"].str.contains(VILLAGE)
    rows.loc[road, "keep"] = False
    rows.loc[village, ["speaker", "voice"]] = ["a resident", "civilian"]
    at.session_state["draft-rows"] = (made, rows, [])
    save(at, "35.6512, 36.5508", "كفر بطيخ")
    again = at.session_state["draft"]
    assert again is not made and any("kafr-batikh" in e.places for e in again.excerpts)
    kept, unmatched = at.session_state["draft-rows"][1:]
    assert at.session_state["draft-rows"][0] is again and unmatched == []
    [dropped] = kept[kept["text"].str.contains("army")].to_dict("records")
    [named] = kept[kept["text"].str.contains(VILLAGE)].to_dict("records")
    assert not dropped["keep"]
    assert (named["speaker"], named["voice"]) == ("a resident", "civilian")
    assert "kafr-batikh" in named["places"], "and the place just filed, which the new reading found"


@pytest.mark.parametrize(
    ("point", "arabic", "fault"),
    [
        ("", "كفر بطيخ", "give the point"),
        ("35,6512 36,5508", "كفر بطيخ", "is not a latitude and a longitude"),
        ("48.85, 2.35", "كفر بطيخ", "far from Syria"),
        ("35.6512, 36.5508", "", "give the Arabic name"),
        ("35.6512, 36.5508", "Kafr Batikh", "not written in Arabic script"),
    ],
)
def test_a_form_that_cannot_be_saved_says_why_and_writes_nothing(
    folder: Path, editor: None, made: Draft, point: str, arabic: str, fault: str
) -> None:
    at = read_article(made)
    before = snapshot(folder)
    save(at, point, arabic)
    [error] = at.error
    assert error.value.startswith("Not saved: ") and fault in error.value
    assert snapshot(folder) == before
    assert at.text_input(key=f"{KEY}-point").value == point, "what was typed is kept"
    assert [n.name for n in at.session_state["draft"].source.names_not_found] == [VILLAGE]


def test_a_candidate_fills_the_form_and_is_named_as_the_points_source(
    folder: Path, editor: None, made: Draft, gazetteer: Gazetteer
) -> None:
    # A loose spelling of a GeoNames village, as a report might write it, left to place.
    loose = NameToPlace(name="Heesh", sentence="Shelling hit Heesh on Monday.")
    at = read_article(replace(made, source=made.source.model_copy(update={"names_not_found": (loose,)})))
    at.radio(key="place-heesh-way").set_value("candidate").run()
    candidate = at.selectbox(key="place-heesh-candidate")
    assert candidate.options and "GeoNames" in candidate.options[0]
    candidate.set_value(0).run()
    assert at.text_input(key="place-heesh-ar").value == "حيش", "the candidate's Arabic name is filled in"
    assert at.text_input(key="place-heesh-aliases").value == "Ḩīsh", "and its spelling, which is to find it too"
    point = at.text_input(key="place-heesh-point").value
    assert point
    next(b for b in at.button if b.label == "Save the place").click().run()
    assert not at.exception and not at.error
    [place] = [p for p in load_atlas(folder).places.values() if p.name == "Heesh"]
    assert place.aliases == ("Ḩīsh",) and place.name_ar == "حيش"
    assert place.geonames_id is not None
    assert f"from candidate GeoNames {place.geonames_id}" in place.coord_source
    assert "not from a gazetteer" not in place.coord_source
    assert f"{place.lat:.5f}, {place.lon:.5f}" == point


def test_the_name_and_its_sentence_are_shown_as_text_not_markup(folder: Path, editor: None, made: Draft) -> None:
    odd = NameToPlace(name="Kafr *Bold*", sentence="See [this](javascript:alert(1)) <img src=x onerror=alert(1)>.")
    at = read_article(replace(made, source=made.source.model_copy(update={"names_not_found": (odd,)})))
    assert any(m.value == r"**Kafr \*Bold\*" + "**" for m in at.markdown)
    [sentence] = [c.value for c in at.caption if "See" in c.value]
    assert r"\[this\]\(javascript:alert\(1\)\)" in sentence and r"\<img" in sentence


def test_an_ambiguous_name_is_shown_as_text_not_markup(folder: Path, editor: None, made: Draft) -> None:
    odd = Ambiguity(
        name="Tal [x](javascript:alert(1))",
        chose="khan-sheikhoun",
        candidates=("one", "two"),
        reason="the text calls it **a <b>town</b>**",
    )
    at = read_article(replace(made, source=made.source.model_copy(update={"ambiguous": (odd,)})))
    [note] = [c.value for c in at.caption if "could be 2 places" in c.value]
    assert r"Tal \[x\]\(javascript:alert\(1\)\)" in note and r"\*\*a \<b\>town" in note


@pytest.mark.parametrize(
    ("address", "warmed"),
    [
        ("127.0.0.1", 1),  # the researcher's own machine: whoever reaches it edits
        ("0.0.0.0", 0),  # open to others with no sign-in: every visitor reads, and nothing warms for them
    ],
)
def test_the_worker_is_warmed_for_an_editor_alone(
    folder: Path, monkeypatch: pytest.MonkeyPatch, address: str, warmed: int
) -> None:
    import geo.web.pages.add_article as page

    asked: list[str] = []
    monkeypatch.setattr(page, "warm", lambda at: asked.append(at.path))
    for _ in bound_to(address):
        at = AppTest.from_function(add_article_page, default_timeout=120).run()
        assert not at.exception
        at.run()  # a rerun asks again; the worker loads a folder once (tests/web/test_ingesting.py)
    assert asked == [str(folder)] * warmed * 2
