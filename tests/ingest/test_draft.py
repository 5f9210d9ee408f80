"""Ingest: an article becomes a draft source, and a refusal leaves the data folder as it was."""

from __future__ import annotations

import contextlib
import io
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from geo.cli import main
from geo.core.atlas import Atlas
from geo.core.names import slug
from geo.core.provenance import locate
from geo.core.records import ExcerptKind, Place, PlaceKind, Voice
from geo.core.settings import MAX_ARTICLE_BYTES
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.ingest.draft import (
    IngestError,
    Metadata,
    _proposals,
    check_metadata,
    clean,
    draft,
    read_article,
    speaker_spans,
)
from geo.ingest.evaluation import same_speaker
from geo.ingest.gazetteer import Entry, Gazetteer, build_gazetteer, geonames_records
from geo.ingest.mentions import Resolved
from geo.ingest.quotes import utterances
from geo.ingest.reading import read_places
from tests.support.datafolder import data_folder, snapshot

MONITOR, NATIONAL = "al-monitor-2020-01-idlib-crossings", "the-national-2019-05-idlib-residents"
# Speakers of the curated sources that are bodies or sides, not people ingest should name.
NOT_PEOPLE = frozenset(
    {"SANA", "Reuters", "the opposition", "Syrian state media", "Syrian Observatory for Human Rights"}
)

SHORT_ARTICLE = (
    "Skip to main content\n\nShelling in Saraqib\n\n"
    "Shelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
    "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n\n"
    "Share this article\n"
)


def ingest_args(article: str | Path, source_id: str, root: Path, *extra: str) -> list[str]:
    """The command line of an ingest into root."""
    return [
        "ingest",
        str(article),
        "--id",
        source_id,
        "--title",
        "Shelling in Saraqib",
        "--outlet",
        "Test Outlet",
        "--published",
        "2020-01",
        "--data",
        str(root),
        *extra,
    ]


# --- Page furniture ------------------------------------------------------------------------------


FURNITURE = [
    "Skip to main content",
    "Skip to content",
    "Recommended Articles",
    "More from Khaled al-Khateb",
    "Share this article",
    "Share on Facebook",
    "Subscribe to our newsletter",
    "Sign up for our daily briefing",
    "Follow us on Twitter",
    "Beta V.1.0 - Powered by automated translation",
    "Advertisement",
    "  Read more  ",  # spaces around it do not hide it
    "© 2020 Al-Monitor",
]

ARTICLE_LINES = [
    "Shelling hit Saraqib on Monday.",
    "More than 200 civilians are estimated to have been killed.",  # "More", but not "More from ..."
    "Share prices in Damascus fell.",
    "Subscribers to the channel saw the video first.",
    "Recommended by the UN, the corridor stayed closed.",
    "Mohamad Rasheed, an activist based in Idlib, told Al-Monitor, “The opposition attacked.”",
    # Furniture words at the start of a long line are the article's own.
    "More from the front line: residents of Maarat al-Numan say shelling went on all night and they are leaving",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_clean_removes_page_furniture(line: str) -> None:
    article, removed = clean(f"Shelling hit Saraqib.\n\n{line}\n\nResidents fled.\n")
    assert article == "Shelling hit Saraqib.\n\nResidents fled.\n"
    assert removed == (line.strip(),)


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_clean_keeps_article_lines(line: str) -> None:
    article, removed = clean(f"{line}\n")
    assert (article, removed) == (f"{line}\n", ())


def test_clean_keeps_the_article_and_returns_what_it_took_out() -> None:
    article, removed = clean(SHORT_ARTICLE)
    assert removed == ("Skip to main content", "Share this article")
    assert article == (
        "Shelling in Saraqib\n\nShelling hit Saraqib and Maarat al-Numan on Monday.\n\n"
        "“We will not leave,” said Dana Qassem, a teacher in Saraqib.\n"
    )


def test_clean_of_the_curated_article_takes_out_only_the_furniture(bundled_data: Path) -> None:
    _, removed = clean((bundled_data / "sources" / f"{MONITOR}.txt").read_text(encoding="utf-8"))
    assert removed == ("Skip to main content", "More from Khaled al-Khateb", "Recommended Articles")


# --- Reading the input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fault"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  ", "empty"),
        ("\ufeff \n".encode(), "empty"),  # a byte-order mark alone
        (b"Shelling hit\x00 Saraqib.", "binary data (a NUL byte at byte 12)"),
        ("Shelling hit Saraqib.".encode("utf-16"), "binary data"),
        ("Café in Saraqib".encode("latin-1"), "not UTF-8 text (byte 3 cannot be read)"),
        (b"\xff\xfe", "not UTF-8 text (byte 0"),
        (b"a" * (MAX_ARTICLE_BYTES + 1), f"{MAX_ARTICLE_BYTES + 1:,} bytes is more than an article"),
    ],
)
def test_read_article_refuses_what_is_not_an_article(raw: bytes, fault: str) -> None:
    with pytest.raises(IngestError) as error:
        read_article(raw, "pasted.txt")
    assert str(error.value).startswith("pasted.txt: ")
    assert fault in str(error.value)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"Shelling hit Saraqib.\n", "Shelling hit Saraqib.\n"),
        ("\ufeffمعرة النعمان\n".encode(), "معرة النعمان\n"),  # a byte-order mark is dropped
        (b"One.\r\n\r\nTwo.\rThree.", "One.\n\nTwo.\nThree."),  # Windows and old Mac line ends
        (b"a" * MAX_ARTICLE_BYTES, "a" * MAX_ARTICLE_BYTES),  # the largest allowed
    ],
)
def test_read_article_reads_text(raw: bytes, text: str) -> None:
    assert read_article(raw, "pasted.txt") == text


# --- Metadata ------------------------------------------------------------------------------------


def meta(**changes: str) -> Metadata:
    """Valid metadata with some fields changed."""
    fields = {"id": "al-monitor-2020-01-test", "title": "T", "outlet": "O", "published": "2020-01"} | changes
    return Metadata(**fields)


@pytest.mark.parametrize(
    ("changes", "fault"),
    [
        ({"id": "Al Monitor"}, "id 'Al Monitor' is not a slug"),
        ({"id": "../x"}, "id '../x' is not a slug"),
        ({"id": "a--b"}, "id 'a--b' is not a slug"),
        ({"id": "-ab"}, "is not a slug"),
        ({"id": "ab_c"}, "is not a slug"),
        ({"id": ""}, "is not a slug"),
        ({"id": "ab\n"}, "is not a slug"),  # re.match would let the newline through
        ({"published": "2020-13"}, "published: '2020-13' is not a date"),
        ({"published": "yesterday"}, "published: 'yesterday' is not a date"),
        ({"published": "2019-02-30"}, "published: '2019-02-30' is not a day of the calendar"),
        ({"published": ""}, "published"),
        ({"title": ""}, "title"),
        ({"url": "ftp://example.com/x"}, "url must start with http:// or https://"),
    ],
)
def test_check_metadata_refuses(changes: dict[str, str], fault: str) -> None:
    with pytest.raises(IngestError) as error:
        check_metadata(meta(**changes))
    assert fault in str(error.value)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"published": "2020"},
        {"published": "2020-01-19"},
        {"id": "x"},
        {"url": "https://example.com/a"},
        {"author": "Khaled al-Khateb"},
    ],
)
def test_check_metadata_accepts(changes: dict[str, str]) -> None:
    check_metadata(meta(**changes))


# --- Re-ingesting the curated articles -----------------------------------------------------------


@dataclass
class Reingest:
    """One curated article ingested again into a fresh folder, and what came of it."""

    curated: str
    new_id: str
    root: Path
    code: int
    out: str
    err: str
    atlas: Atlas | None
    problems: list[str]


@pytest.fixture(scope="module", params=[MONITOR, NATIONAL])
def reingested(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, bundled_atlas: Atlas, bundled_data: Path
) -> Reingest:
    """The curated article ingested again as "<id>-again", into a folder without it."""
    curated = bundled_atlas.sources[request.param]
    # The folder holds the other curated source: a folder with no source at all is refused
    # (see test_ingest_into_a_folder_with_no_sources_yet).
    other = NATIONAL if curated.id == MONITOR else MONITOR
    root = data_folder(tmp_path_factory.mktemp(curated.id) / "data", sources=(other,))
    args = [
        "ingest",
        str(bundled_data / "sources" / f"{curated.id}.txt"),
        "--id",
        f"{curated.id}-again",
        "--title",
        curated.title,
        "--outlet",
        curated.outlet,
        "--published",
        curated.published,
        "--data",
        str(root),
    ]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    try:
        atlas, problems = load_atlas(root), []
    except DataError as error:
        atlas, problems = None, [str(p) for p in error.problems]
    return Reingest(curated.id, f"{curated.id}-again", root, code, out.getvalue(), err.getvalue(), atlas, problems)


def test_reingest_succeeds_and_the_folder_loads(reingested: Reingest) -> None:
    assert reingested.code == 0, reingested.err
    assert reingested.err == ""
    # load_atlas finds every excerpt verbatim in the article, or raises DataError.
    assert reingested.problems == []
    assert reingested.atlas is not None
    assert f"wrote {reingested.root / 'sources' / reingested.new_id}.txt" in reingested.out


def test_reingest_is_a_draft(reingested: Reingest) -> None:
    assert reingested.atlas is not None
    assert reingested.atlas.sources[reingested.new_id].status == "draft"
    excerpts = [e for e in reingested.atlas.excerpts if e.source == reingested.new_id]
    assert excerpts and all(e.guessed for e in excerpts), "every excerpt is marked for checking"


def test_reingest_keeps_the_article_as_cleaned(bundled_data: Path, reingested: Reingest) -> None:
    assert reingested.atlas is not None
    original = (bundled_data / "sources" / f"{reingested.curated}.txt").read_text(encoding="utf-8")
    article = reingested.atlas.articles[reingested.new_id]
    assert article == clean(original)[0]
    for excerpt in reingested.atlas.excerpts:
        if excerpt.source == reingested.new_id:
            assert locate(article, excerpt.text) is not None, excerpt.id


def test_reingest_finds_every_curated_place(reingested: Reingest, bundled_atlas: Atlas) -> None:
    assert reingested.atlas is not None
    curated = {p for e in bundled_atlas.excerpts if e.source == reingested.curated for p in e.places}
    drafted = {p for e in reingested.atlas.excerpts if e.source == reingested.new_id for p in e.places}
    assert curated - drafted == set()


def test_reingest_finds_every_curated_person(reingested: Reingest, bundled_atlas: Atlas) -> None:
    assert reingested.atlas is not None
    curated = {e.speaker for e in bundled_atlas.excerpts if e.source == reingested.curated and e.speaker}
    people = curated - NOT_PEOPLE
    assert len(people) >= 4
    drafted = {e.speaker for e in reingested.atlas.excerpts if e.source == reingested.new_id and e.speaker}
    missing = [p for p in people if not any(same_speaker(d, p) for d in drafted)]
    assert missing == []


def test_reingest_leaves_the_other_source_alone(bundled_data: Path, reingested: Reingest) -> None:
    for path in (reingested.root / "sources").glob("*"):
        if not path.stem.endswith("-again"):
            assert path.read_bytes() == (bundled_data / "sources" / path.name).read_bytes()


def test_validate_lists_the_draft_to_review(reingested: Reingest, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--data", str(reingested.root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"draft to review: {reingested.new_id} (") for line in lines), lines


def test_ingest_into_a_folder_with_no_sources_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = data_folder(tmp_path / "data", sources=())
    article = tmp_path / "article.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    assert main(ingest_args(article, "first-article", root)) == 0, capsys.readouterr().err
    assert load_atlas(root).sources["first-article"].status == "draft"


# --- Standard input ------------------------------------------------------------------------------


def test_ingest_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = data_folder(tmp_path / "data")
    # A byte-order mark and Windows line ends, as a paste from some editors has them.
    raw = b"\xef\xbb\xbf" + SHORT_ARTICLE.replace("\n", "\r\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(raw)))
    assert main(ingest_args("-", "from-stdin", root)) == 0
    out = capsys.readouterr().out
    assert "speakers: Dana Qassem" in out
    assert "proposed: saraqib (Saraqib, GeoNames 164816)" in out
    assert "removed page furniture: 'Skip to main content'" in out
    assert (root / "sources" / "from-stdin.txt").read_text(encoding="utf-8") == clean(SHORT_ARTICLE)[0]
    atlas = load_atlas(root)
    (said,) = [e for e in atlas.excerpts if e.source == "from-stdin" and e.speaker]
    assert (said.speaker, said.role, said.places) == ("Dana Qassem", "a teacher in Saraqib", ("saraqib",))
    assert [p.id for p in atlas.sources["from-stdin"].proposed_places] == ["saraqib"]


def test_standard_input_faults_name_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = data_folder(tmp_path / "data")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"")))
    assert main(ingest_args("-", "from-stdin", root)) == 1
    assert capsys.readouterr().err == "error: standard input: empty; there is no article to read\n"


# --- Refusals leave the folder as it was ---------------------------------------------------------


def _input(tmp_path: Path, name: str, raw: bytes) -> Path:
    """An input file outside the data folder."""
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(
    ("name", "raw", "source_id", "fault"),
    [
        ("existing.txt", SHORT_ARTICLE.encode(), MONITOR, "already exist(s); choose another --id, or pass --replace"),
        ("empty.txt", b"", "new-source", "empty; there is no article to read"),
        ("blank.txt", b"\n  \n", "new-source", "empty; there is no article to read"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "new-source", "binary data"),
        ("latin1.txt", "Café in Saraqib.".encode("latin-1"), "new-source", "not UTF-8 text"),
        ("slug.txt", SHORT_ARTICLE.encode(), "Al Monitor", "id 'Al Monitor' is not a slug"),
        ("dots.txt", SHORT_ARTICLE.encode(), "../escape", "id '../escape' is not a slug"),
        ("huge.txt", b"Shelling. " * (MAX_ARTICLE_BYTES // 10 + 1), "new-source", "is more than an article"),
        ("date.txt", SHORT_ARTICLE.encode(), "new-source", "published"),  # see the --published below
    ],
)
def test_a_refusal_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, raw: bytes, source_id: str, fault: str
) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    article = _input(tmp_path, name, raw)
    args = ingest_args(article, source_id, root)
    if name == "date.txt":
        args[args.index("--published") + 1] = "2020-02-30"
    assert main(args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and fault in captured.err
    if name == "existing.txt":
        # The files that stand in the way are named.
        assert str(root / "sources" / f"{MONITOR}.txt") in captured.err
        assert str(root / "sources" / f"{MONITOR}.yaml") in captured.err
    elif "not a slug" not in fault and name != "date.txt":
        assert f"error: {article}: " in captured.err  # the input at fault is named
    assert snapshot(root) == before


def test_a_missing_input_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = data_folder(tmp_path / "data")
    before = snapshot(root)
    missing = tmp_path / "nowhere.txt"
    assert main(ingest_args(missing, "new-source", root)) == 1
    assert capsys.readouterr().err == f"error: {missing}: no such file\n"
    assert snapshot(root) == before


def test_a_spoiled_folder_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = data_folder(tmp_path / "data")
    (root / "sources" / f"{MONITOR}.txt").write_text("Edited.\n", encoding="utf-8")  # no longer matches its hash
    before = snapshot(root)
    article = _input(tmp_path, "article.txt", SHORT_ARTICLE.encode())
    assert main(ingest_args(article, "new-source", root)) == 1
    assert "has faults; fix them first (python -m geo validate)" in capsys.readouterr().err
    assert snapshot(root) == before


def test_replace_overwrites_an_existing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = data_folder(tmp_path / "data")
    article = _input(tmp_path, "article.txt", SHORT_ARTICLE.encode())
    assert main(ingest_args(article, MONITOR, root, "--replace")) == 0
    capsys.readouterr()
    assert (root / "sources" / f"{MONITOR}.txt").read_text(encoding="utf-8") == clean(SHORT_ARTICLE)[0]
    document = yaml.safe_load((root / "sources" / f"{MONITOR}.yaml").read_text(encoding="utf-8"))
    assert document["status"] == "draft" and document["title"] == "Shelling in Saraqib"
    assert load_atlas(root).sources[MONITOR].status == "draft"
    assert sorted(p.name for p in (root / "sources").iterdir()) == [f"{MONITOR}.txt", f"{MONITOR}.yaml"]


# --- Countries -----------------------------------------------------------------------------------

COUNTRY_ARTICLE = (
    "Turkey said on Monday that it would send more troops to its posts.\n\n"
    "Shelling hit Saraqib overnight, and Russia denied that its jets had struck Maarat al-Numan.\n"
)
TURKEY = Place(
    id="turkey",
    name="Turkey",
    name_ar="تركيا",
    kind=PlaceKind.COUNTRY,
    lat=39.92,
    lon=32.85,
    precision_m=800_000,
    admin1="Turkey",
    geonames_id=298795,
    coord_source="filed by an editor for a test",
)


@pytest.mark.parametrize(
    ("holds_turkey", "first_places"),
    [
        # The atlas has no Turkey: the paragraph that names only Turkey is no excerpt.
        (False, ["saraqib", "maarat-al-numan"]),
        # An editor filed Turkey: it is one of ours, and tied as any other.
        (True, ["turkey"]),
    ],
)
def test_a_draft_never_proposes_a_country(
    bundled_atlas: Atlas, gazetteer: Gazetteer, holds_turkey: bool, first_places: list[str]
) -> None:
    places = dict(bundled_atlas.places) | ({"turkey": TURKEY} if holds_turkey else {})
    if holds_turkey:
        gazetteer = build_gazetteer(places, geonames_records(), bundled_atlas.boundaries)
    made = draft(COUNTRY_ARTICLE, meta(), gazetteer, places)
    proposed = made.document.get("proposed_places", [])
    assert [p["id"] for p in proposed] == ["saraqib"]
    assert [n["name"] for n in made.document.get("names_not_found", [])] == []
    assert list(made.excerpts[0].places) == first_places
    filed = {p for e in made.excerpts for p in e.places}
    assert ("turkey" in filed) is holds_turkey and not {"russia", "country:ru", "country:tr"} & filed


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind", "voice"),
    [
        # A state named alone speaks as a state; its name is still a place of the passage.
        ("Turkey said on Monday that its troops near Saraqib would stay.", "Turkey", "statement", Voice.FOREIGN_STATE),
        ("Iran said the fighting around Saraqib must stop.", "Iran", "statement", Voice.FOREIGN_STATE),
        (
            "Saudi Arabia and Qatar said they would rebuild schools in Saraqib.",
            "Saudi Arabia and Qatar",
            "statement",
            Voice.FOREIGN_STATE,
        ),
        ("Russia said the road to Saraqib was open to civilians.", "Russia", "statement", Voice.RUSSIA),
        ("Syria said its army had entered Saraqib.", "Syria", "statement", Voice.GOVERNMENT),
        # An unnamed source is filed as narration until a reader says who spoke.
        ("A resident said Saraqib was empty.", None, "report", Voice.JOURNALIST),
    ],
)
def test_a_state_named_alone_speaks_in_its_own_voice(
    bundled_atlas: Atlas, gazetteer: Gazetteer, sentence: str, speaker: str | None, kind: str, voice: Voice
) -> None:
    made = draft(f"{sentence}\n", meta(), gazetteer, bundled_atlas.places)
    (excerpt,) = made.excerpts
    assert (excerpt.speaker, excerpt.kind, excerpt.voice) == (speaker, ExcerptKind(kind), voice)
    assert "saraqib" in excerpt.places


@pytest.mark.parametrize(
    ("sentence", "hidden", "kept"),
    [
        # A state's office holder or body: the office is the speaker's, the state a country named.
        ("Iran's foreign minister said the talks would go on.", ["foreign minister"], ["Iran"]),
        ("Turkey's defence ministry said two soldiers died.", ["defence ministry"], ["Turkey"]),
        ("Russia’s Defence Ministry said no jets flew.", ["Defence Ministry"], ["Russia"]),
        # A person's or a body's own name is hidden whole, possessive and all.
        ("Ahmad Hallaj, a local official, said the town was empty.", ["Ahmad Hallaj"], []),
        ("The White Helmets said 12 people were pulled out alive.", ["White Helmets"], []),
    ],
)
def test_speaker_spans_leave_the_state_of_an_office_a_place(sentence: str, hidden: list[str], kept: list[str]) -> None:
    spans = speaker_spans(sentence, utterances(sentence))
    covered = [sentence[start:end] for start, end in spans]
    assert [h for h in hidden if h in covered] == hidden
    assert not [k for k in kept if any(k in c for c in covered)]


def test_the_country_of_an_office_is_a_place_of_the_passage(gazetteer: Gazetteer) -> None:
    sentence = "Iran's foreign minister said the army would retake Maarat al-Numan."
    reading = read_places(sentence, gazetteer, skip=speaker_spans(sentence, utterances(sentence)))
    assert {r.entry.key for _, r in reading.placed} == {"country:ir", "maarat-al-numan"}


def _chosen(key: str, name: str, kind: PlaceKind, name_ar: str | None) -> Resolved:
    """A GeoNames entry, or one of ours, as resolution chose it for a name."""
    number = int(key.split(":")[1]) if key.startswith("geonames:") else None
    entry = Entry(key, name, name_ar, 35.9, 36.6, kind, "Idlib", "SY", number, names=(name,))
    return Resolved(name, entry, (entry,), "the only place of that name")


@pytest.mark.parametrize(
    ("chosen", "proposed", "refused", "filed"),
    [
        # One of ours is filed as it is, and proposed by nobody.
        (_chosen("ariha", "Ariha", PlaceKind.TOWN, "أريحا"), [], set(), {"ariha"}),
        # A GeoNames village with an Arabic name is proposed, and filed under its new id.
        (_chosen("geonames:1", "Kafr Uwayd", PlaceKind.VILLAGE, "كفر عويد"), ["kafr-uwayd"], set(), {"geonames:1"}),
        # One without is refused, and nothing is filed under it.
        (_chosen("geonames:2", "Hish", PlaceKind.VILLAGE, None), [], {"Hish"}, set()),
        # A country is neither proposed, refused nor filed.
        (_chosen("country:tr", "Turkey", PlaceKind.COUNTRY, "تركيا"), [], set(), set()),
    ],
)
def test_proposals_return_what_is_filed_and_leave_the_ids_given_alone(
    chosen: Resolved, proposed: list[str], refused: set[str], filed: set[str]
) -> None:
    ids = {chosen.entry.key: slug(chosen.name) if not chosen.entry.ours else chosen.entry.key}
    given = dict(ids)
    made = _proposals([chosen], ids)
    assert ids == given
    assert [p.id for p in made.places] == proposed
    assert made.refused == refused
    assert set(made.ids) == filed
