"""How well ingest reads places and speakers, scored against passages a careful reader has labelled."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from geo.core.names import fold
from geo.core.records import PlaceKind
from geo.ingest.draft import speaker_spans
from geo.ingest.gazetteer import Entry, Gazetteer
from geo.ingest.quotes import utterances
from geo.ingest.reading import read_places
from geo.ingest.titles import without_titles

_THE = re.compile(r"^[Tt]he\s+")
# The key categories() gives each passage: the name of the file it is read from.
CATEGORY = "category"
# Kinds of place a category's passages do not mark, as its file's header says: known-towns.yaml
# predates countries in the gazetteer and marks none; regions.yaml and countries.yaml do.
UNMARKED = {"known-towns": frozenset({PlaceKind.COUNTRY})}


@dataclass
class Score:
    """Counts of what was found, what of it was right, and what should have been found."""

    found: int = 0
    correct: int = 0  # labels matched
    labelled: int = 0
    misses: list[str] = field(default_factory=list)
    # Findings that were right; it differs from `correct` only when one finding (a quotation
    # found whole) matches several labels (its paragraphs).
    right: int | None = None

    @property
    def precision(self) -> float:
        right = self.correct if self.right is None else self.right
        return right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    def line(self, what: str) -> str:
        """One line of the report."""
        right = self.correct if self.right is None else self.right
        return (
            f"{what}: precision {self.precision:.1%} ({right}/{self.found}), "
            f"recall {self.recall:.1%} ({self.correct}/{self.labelled})"
        )


def label_of(entry: Entry) -> str | int:
    """How the evaluation set names a place: our id, an area's key ("region:...", "adm1:...",
    "country:tr"), or a GeoNames id for the rest."""
    if entry.ours or not entry.key.startswith("geonames:"):
        return entry.key
    return int(entry.geonames_id or 0)


def places_found(text: str, gazetteer: Gazetteer) -> set[str | int]:
    """The places ingest reads in a passage, labelled as the evaluation set labels them."""
    return read_passage(text, gazetteer)[0]


def read_passage(
    text: str, gazetteer: Gazetteer, unmarked: frozenset[PlaceKind] = frozenset()
) -> tuple[set[str | int], list[str]]:
    """The places ingest ties a passage to, as labels, and the names it lists to place by hand.

    Places of the kinds `unmarked` are left out: the passage's category does not mark them.
    """
    reading = read_places(text, gazetteer, skip=speaker_spans(text, utterances(text)))
    tied = {label_of(r.entry) for _, r in reading.placed if r.entry.kind not in unmarked}
    return tied, [n.name for n in reading.to_place]


@dataclass
class PlaceScore:
    """Places tied or proposed, and names listed to place by hand, each scored against the labels."""

    tied: Score = field(default_factory=Score)
    listed: Score = field(default_factory=Score)

    @property
    def found(self) -> float:
        """Of all the places a reader marks, the share ingest tied, proposed or listed to place."""
        labelled = self.tied.labelled + self.listed.labelled
        return (self.tied.correct + self.listed.correct) / labelled if labelled else 1.0

    def lines(self, what: str) -> list[str]:
        """The report's lines for this score."""
        labelled = self.tied.labelled + self.listed.labelled
        return [
            self.tied.line(what),
            self.listed.line(f"{what}, names to place"),
            f"{what}, found at all: {self.found:.1%} ({self.tied.correct + self.listed.correct}/{labelled})",
        ]


def score_places(items: Iterable[Mapping[str, Any]], gazetteer: Gazetteer) -> PlaceScore:
    """Precision and recall of place recognition over labelled passages, and of the names left to place."""
    score = PlaceScore()
    for item in items:
        want = set(item.get("places") or ())
        got, listed = read_passage(item["text"], gazetteer, UNMARKED.get(item.get(CATEGORY, ""), frozenset()))
        tied = score.tied
        tied.found += len(got)
        tied.labelled += len(want)
        tied.correct += len(got & want)
        if got != want:
            tied.misses.append(
                f"{item['text'][:70]!r}: missed {sorted(map(str, want - got))}, wrong {sorted(map(str, got - want))}"
            )
        _score_listed(score.listed, [str(n) for n in item.get("unlisted") or ()], listed, item["text"])
    return score


def _score_listed(score: Score, want: Sequence[str], listed: Sequence[str], text: str) -> None:
    """Count the names to place a passage should list against those ingest listed."""
    wanted = {_name_key(n) for n in want}
    got = {_name_key(n) for n in listed}
    score.labelled += len(wanted)
    score.found += len(got)
    score.correct += len(wanted & got)
    if wanted != got:
        score.misses.append(
            f"{text[:70]!r}: names to place missed {sorted(wanted - got)}, listed wrongly {sorted(got - wanted)}"
        )


def _name_key(name: str) -> str:
    """A name to place as compared: folded, without a leading "the"."""
    return fold(_THE.sub("", name.strip()))


def same_speaker(found: str | None, labelled: str | None) -> bool:
    """Whether two ways of writing a speaker's name are the same person, titles aside."""
    if found is None or labelled is None:
        return found is labelled
    return fold(_bare(found)) == fold(_bare(labelled))


def _bare(name: str) -> str:
    """A speaker's name without its titles or a leading "the" ("the Observatory")."""
    return without_titles(_THE.sub("", without_titles(name)))


def score_speakers(items: Iterable[Mapping[str, Any]]) -> Score:
    """Precision and recall of quote attribution: each quotation given to the speaker the label names."""
    score = Score(right=0)
    for item in items:
        text = item["text"]
        said = [
            (" ".join(text[u.start : u.end].split()), u.speaker.name if u.speaker else None) for u in utterances(text)
        ]
        score.found += sum(1 for _, name in said if name is not None)
        # A quotation found whole may hold several labelled paragraphs: it is right once.
        credited: set[int] = set()
        for quote in item.get("quotes") or ():
            if quote.get("speaker") is not None:
                score.labelled += 1
            words = " ".join(str(quote["says"]).split())
            hits = [n for n, (span, _) in enumerate(said) if words in span]
            names = [said[n][1] for n in hits]
            right = [n for n in hits if quote.get("speaker") is not None and same_speaker(said[n][1], quote["speaker"])]
            if right:
                score.correct += 1
                credited.add(right[0])
            elif quote.get("speaker") is not None or any(names):
                score.misses.append(f"{words[:50]!r}: labelled {quote.get('speaker')!r}, found {names}")
        score.right = (score.right or 0) + len(credited)
    return score


def categories(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The labelled passages of each YAML file in a folder, by category (the file's name)."""
    import yaml

    found = {}
    for path in sorted(folder.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(items, list) or not all(isinstance(i, dict) and "text" in i for i in items):
            raise ValueError(f"{path}: not a list of labelled passages (each a mapping with a text)")
        found[path.stem] = [{**item, CATEGORY: path.stem} for item in items]
    if not found:
        raise ValueError(f"{folder}: no labelled passages (*.yaml)")
    return found


def lookup_times(gazetteer: Gazetteer, names: Sequence[str], repeat: int = 200) -> list[float]:
    """Seconds per lookup of each name, the best of several rounds."""
    import timeit

    return [min(timeit.repeat(partial(gazetteer.lookup, n), number=repeat, repeat=3)) / repeat for n in names]
