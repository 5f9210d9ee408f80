"""One source: an article written round its excerpts, and its YAML file, about a block of places."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from geo.core.records import Excerpt, Place, Source
from geo.data.layout import SOURCES_DIR
from geo.tools.synth.draws import _between, _pick
from geo.tools.synth.excerpts import _Say, _say
from geo.tools.synth.phrases import FILLER, FIRST_NAMES, HEADLINES, LAST_NAMES, OUTLETS, REPORT_MORE
from geo.tools.synth.voices import VOICE_WEIGHTS, VOICES, Speakers

# The articles' dates: two years from the start of 2019, unless a shape asks for another span.
FIRST_DAY, DAYS = date(2019, 1, 1), 730


def _source_files(
    rng: random.Random,
    data_dir: Path,
    index: int,
    block: Sequence[Place],
    share: int,
    seed: int,
    *,
    primaries: Sequence[Place] | None = None,
    days: int = DAYS,
    voices: Speakers = (VOICES, VOICE_WEIGHTS),
) -> list[tuple[Path, str]]:
    """One article and its YAML: `share` excerpts about the places of `block`, every place named.

    With `primaries`, the article's excerpts are about those places, one each, in that order;
    its speakers are drawn from `voices`.
    """
    outlet = _pick(rng, OUTLETS)
    published = FIRST_DAY + timedelta(days=_between(rng, 0, days))
    month_only = rng.random() < 0.4
    source_id = f"synthetic-{index + 1:04d}-{published:%Y-%m}"
    lead = _pick(rng, block)
    title = _pick(rng, HEADLINES).format(p=lead.name, gov=lead.admin1)
    author = f"{_pick(rng, FIRST_NAMES)} {_pick(rng, LAST_NAMES)}" if rng.random() < 0.8 else None
    if primaries is None:
        drawn = list(block)
        rng.shuffle(drawn)
        primaries = drawn[:share] + rng.choices(block, k=max(0, share - len(block)))
    says = [_say(rng, outlet, published, place, block, voices) for place in primaries]
    article = _article(rng, title, author, says)
    source = Source(
        id=source_id,
        title=title,
        outlet=outlet,
        author=author,
        published=f"{published:%Y-%m}" if month_only else published.isoformat(),
        published_note=f"Synthetic: written by geo.tools.synth (seed {seed}); not a real article, outlet or author.",
        url=f"https://example.org/synthetic/{source_id}",
        text_sha256=hashlib.sha256(article.encode("utf-8")).hexdigest(),
    )
    records = [
        Excerpt(
            id=f"syn{index + 1}-{number + 1}-{say.places[0]}",
            source=source_id,
            places=say.places,
            text=say.text,
            **say.fields,
        )
        for number, say in enumerate(says)
    ]
    folder = data_dir / SOURCES_DIR
    return [(folder / f"{source_id}.txt", article), (folder / f"{source_id}.yaml", _source_yaml(source, records))]


def _source_yaml(source: Source, excerpts: Sequence[Excerpt]) -> str:
    """The source's YAML file written as JSON, which YAML reads as is and the folder's reader reads fastest."""
    header = {k: v for k, v in source.model_dump(mode="json", exclude_none=True).items() if v != []}
    fields = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n" for key, value in header.items()]
    rows = ",\n".join("    " + json.dumps(_excerpt_fields(e), ensure_ascii=False) for e in excerpts)
    # One excerpt a line, so that a diff or a grep of the file reads like the YAML one.
    return "{\n" + "".join(fields) + '  "excerpts": [\n' + rows + "\n  ]\n}\n"


def _article(rng: random.Random, title: str, author: str | None, says: Sequence[_Say]) -> str:
    """The article: page furniture, title and byline, then a paragraph round each excerpt, with asides."""
    paragraphs = ["Skip to main content", title]
    if author:
        paragraphs.append(f"By {author}")
    for number, say in enumerate(says):
        before = _pick(rng, REPORT_MORE).format(n=_between(rng, 3, 40)) + " " if rng.random() < 0.15 else ""
        paragraphs.append(before + say.text)
        if number % 7 == 6:
            paragraphs.append(_pick(rng, FILLER))
    return "\n\n".join(paragraphs) + "\n"


def _excerpt_fields(excerpt: Excerpt) -> dict[str, Any]:
    """An excerpt's fields as its source file holds them: the source is the file's own."""
    return excerpt.model_dump(mode="json", by_alias=True, exclude_defaults=True, exclude={"source"})
