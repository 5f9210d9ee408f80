"""python -m geo: validate, export, publish, ingest, drafts, accept, reject, history, evaluate, synth or bench.

The parser and the smaller commands are here; review.py holds the review commands, publish.py the
publish command, and filters.py the page's filters as options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from geo.cli import filters, review
from geo.cli import gazetteer as gazetteer_command
from geo.cli import publish as publish_command
from geo.core.atlas import Atlas
from geo.core.settings import DATA_DIR_VARIABLE, TITLE, data_dir
from geo.core.viewstate import parse_query, selection
from geo.data.export import FORMATS, write_export
from geo.data.load import load_atlas
from geo.data.problems import DataError
from geo.data.wordfile import words_beside
from geo.publish.tiles import OSM_ATTRIBUTION, OSM_URL

if TYPE_CHECKING:
    # Only named in a signature: ingest, and the gazetteer it brings, load when a command needs them.
    from geo.ingest.draft import Draft

DATA_HELP = f"data folder (default: ${DATA_DIR_VARIABLE}, or the bundled data)"
BY_HELP = "who is reviewing, as the history names them (default: your user name)"


def _parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a data folder and list every fault")
    validate.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    export = commands.add_parser("export", help="print the selected places to standard output")
    export.add_argument("--format", choices=sorted(FORMATS), required=True)
    filters.add_filters(export, "export")
    export.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    publish = commands.add_parser("publish", help="write a static site of the reviewed material in one view")
    publish.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="an empty or new folder, or a site published before"
    )
    filters.add_filters(publish, "publish")
    publish.add_argument("--title", default=TITLE, metavar="TEXT", help=f"the page's title (default: {TITLE})")
    publish.add_argument("--tiles", default=OSM_URL, metavar="URL", help=f"the map tiles' URL (default: {OSM_URL})")
    publish.add_argument(
        "--attribution", default=OSM_ATTRIBUTION, metavar="TEXT", help="the tiles' attribution, as text"
    )
    publish.add_argument("--base-url", metavar="URL", help="the address the folder will be served at, for the embed")
    publish.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    ingest = commands.add_parser("ingest", help="turn an article into a draft source for review")
    ingest.add_argument("article", help="the article as a UTF-8 text file, or - for standard input")
    ingest.add_argument("--id", required=True, help="the new source's id, a slug (al-monitor-2020-01-idlib)")
    ingest.add_argument("--title", required=True)
    ingest.add_argument("--outlet", required=True)
    ingest.add_argument("--published", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    ingest.add_argument("--author")
    ingest.add_argument("--url")
    ingest.add_argument("--language", default="en", help="language code (default: en)")
    ingest.add_argument("--replace", action="store_true", help="overwrite a source of this id")
    ingest.add_argument("--by", help=BY_HELP)
    ingest.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    listed = commands.add_parser("drafts", help="list the drafts waiting for review, and what is left in each")
    listed.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    accept = commands.add_parser("accept", help="accept a draft as a reviewed source, filing its proposed places")
    accept.add_argument("id", help="the draft's source id")
    accept.add_argument(
        "--all", dest="accept_rest", action="store_true", help="accept the undecided excerpts as they stand"
    )
    accept.add_argument("--by", help=BY_HELP)
    accept.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    reject = commands.add_parser("reject", help="delete a draft (its files are kept in the history)")
    reject.add_argument("id", help="the draft's source id")
    reject.add_argument("--note", default="", metavar="TEXT", help="why, for the history")
    reject.add_argument("--by", help=BY_HELP)
    reject.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    history = commands.add_parser("history", help="list the changes made to the data folder, oldest first")
    history.add_argument("id", nargs="?", help="only the changes to this source")
    history.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    bench = commands.add_parser("bench", help="time loading, filtering and drawing synthetic corpora")
    bench.add_argument("--sizes", default=_CORPUS_SIZES, help="places per corpus, comma-separated")
    bench.add_argument("--repeat", type=int, default=3, help="runs of each quick step; the median is given")
    bench.add_argument("--no-naive", dest="naive", action="store_false", help="skip the naive folium map")
    bench.add_argument("--ingest", action="store_true", help="time ingest instead, on reports of --sizes KB")
    bench.add_argument("--year", action="store_true", help="measure a year-shaped corpus instead (python -m geo synth)")
    bench.add_argument("--places", type=int, default=20_000, help="with --year: places (default: 20,000)")
    bench.add_argument("--sources", type=int, default=20_000, help="with --year: articles (default: 20,000)")
    bench.add_argument("--excerpts", type=int, default=1_000_000, help="with --year: excerpts (default: 1,000,000)")
    bench.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)

    synth = commands.add_parser("synth", help="write a seeded synthetic data folder to measure the app with")
    synth.add_argument(
        "--shape",
        choices=("three", "year"),
        default="three",
        help="three: three excerpts a place, an article per thousand places (the default); year: a year of "
        "coverage, the places named on a Zipf law and Idlib province in 5%% of the excerpts",
    )
    synth.add_argument("--places", type=int, help="places (default: 20,000)")
    synth.add_argument("--sources", type=int, help="articles (default: the shape's; 20,000 for a year)")
    synth.add_argument("--excerpts", type=int, help="excerpts (default: three a place; 1,000,000 for a year)")
    synth.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new or empty folder")
    synth.add_argument("--seed", type=int, default=0, help="the same seed and sizes give the same bytes (default: 0)")

    evaluate = commands.add_parser("evaluate", help="score place and speaker recognition on a labelled set")
    evaluate.add_argument(
        "--set",
        type=Path,
        default=Path("tests/evaluation"),
        help="folder holding places/ and speakers/, one YAML file of labelled passages per category",
    )
    evaluate.add_argument("--verbose", action="store_true", help="list every miss")
    evaluate.add_argument("--data", type=Path, default=data_dir(), help=DATA_HELP)
    gazetteer_command.add_parser(commands, DATA_HELP)
    return parser


def _validate(data: Path) -> int:
    """List every fault in the folder (exit 1), or say what it holds (exit 0)."""
    try:
        atlas = load_atlas(data)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {data}", file=sys.stderr)
        return 1
    print(
        f"{data}: {len(atlas.sources)} sources, {len(atlas.places)} places, "
        f"{len(atlas.excerpts)} excerpts; all excerpts verbatim"
    )
    for source in atlas.sources.values():
        if source.status == "draft":
            print(f"draft to review: {source.id} ({describe_draft(atlas, source.id)})")
    return 0


def describe_draft(atlas: Atlas, source_id: str) -> str:
    """What is left to check in a draft."""
    source = atlas.sources[source_id]
    excerpts = [e for e in atlas.excerpts if e.source == source_id]
    guessed = sum(1 for e in excerpts if e.guessed)
    parts = [f"{len(excerpts)} excerpts, {guessed} with guesses to check"]
    parts += [f"{len(source.proposed_places)} proposed places"] if source.proposed_places else []
    parts += [f"{len(source.ambiguous)} ambiguous names"] if source.ambiguous else []
    parts += [f"{len(source.names_not_found)} names not found"] if source.names_not_found else []
    return "; ".join(parts)


def _ingest(args: argparse.Namespace) -> int:
    """Write a draft source from an article; exit 1, writing nothing, on any fault."""
    from geo.ingest.draft import IngestError, Metadata, draft, read_article
    from geo.ingest.gazetteer import gazetteer_for
    from geo.ingest.save import save_draft

    # The command's options are the metadata's fields, by name.
    meta = Metadata(**{field.name: getattr(args, field.name) for field in fields(Metadata)})
    if (by := review.reviewer(args.by)) is None:
        return 1
    try:
        if args.article == "-":
            text = read_article(sys.stdin.buffer.read(), "standard input")
        else:
            path = Path(args.article)
            if not path.is_file():
                raise IngestError(f"{path}: no such file")
            text = read_article(path.read_bytes(), str(path))
        atlas = load_atlas(args.data, sources_optional=True)
        made = draft(text, meta, gazetteer_for(atlas, args.data), atlas.places)
        written = save_draft(args.data, made, replace=args.replace, by=by)
    except DataError as error:
        print(f"error: {args.data} has faults; fix them first (python -m geo validate):\n{error}", file=sys.stderr)
        return 1
    except IngestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(_ingest_report(made, written))
    return 0


def _ingest_report(made: Draft, written: list[Path]) -> str:
    """What ingest found and wrote, for the researcher to review."""
    document = made.document
    speakers = sorted({e.speaker for e in made.excerpts if e.speaker})
    lines = [f"wrote {' and '.join(map(str, written))} (status: draft)"]
    lines.append(f"{len(made.excerpts)} excerpts; {made.skipped} passages name no place and were left out")
    lines.append(f"speakers: {', '.join(speakers) or 'none found'}")
    places = sorted({p for e in made.excerpts for p in e.places})
    lines.append(f"places: {', '.join(places)}")
    for place in document.get("proposed_places", ()):
        lines.append(f"proposed: {place['id']} ({place['name']}, GeoNames {place['geonames_id']})")
    for item in document.get("ambiguous", ()):
        lines.append(
            f"ambiguous: {item['name']!r} -> {item['chose']} ({item['reason']}); "
            f"candidates: {'; '.join(item['candidates'])}"
        )
    for name in made.source.names_not_found:
        why = f" ({name.reason})" if name.reason else ""
        lines.append(f"not placed: {name.name}{why}: {name.sentence!r}")
    for line in document.get("removed_lines", ()):
        lines.append(f"removed page furniture: {line!r}")
    return "\n".join(lines)


def _evaluate(args: argparse.Namespace) -> int:
    """Print precision and recall of place and speaker recognition, by category and in all."""
    import statistics

    import yaml

    from geo.ingest.evaluation import categories, lookup_times, score_places, score_speakers
    from geo.ingest.gazetteer import gazetteer_for

    try:
        atlas = load_atlas(args.data)
        places = categories(args.set / "places")
        quotes = categories(args.set / "speakers")
    except (DataError, OSError, ValueError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    gazetteer = gazetteer_for(atlas, args.data)
    print(f"gazetteer: {len(gazetteer):,} places")
    for category, items in places.items():
        for line in score_places(items, gazetteer).lines(f"  places, {category} ({len(items)} passages)"):
            print(line)
    every = [item for items in places.values() for item in items]
    place_score = score_places(every, gazetteer)
    for line in place_score.lines(f"places in {len(every)} passages"):
        print(line)
    for category, items in quotes.items():
        print(score_speakers(items).line(f"  speakers, {category} ({len(items)} passages)"))
    said = [item for items in quotes.values() for item in items]
    speaker_score = score_speakers(said)
    print(speaker_score.line(f"speakers in {len(said)} passages"))
    misses = place_score.tied.misses + place_score.listed.misses + speaker_score.misses
    times = lookup_times(gazetteer, [n for e in gazetteer.entries[:200] for n in e.names[:2]])
    print(f"lookup: median {statistics.median(times) * 1e6:.1f} µs, slowest {max(times) * 1e6:.1f} µs")
    if args.verbose:
        for miss in misses:
            print(f"    {miss}")
    return 0


def _export(args: argparse.Namespace) -> int:
    """Stream the selection to standard output; exit 1 on a faulty folder, 2 on a bad filter."""
    try:
        atlas = load_atlas(args.data)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    # A search opens the word index the app keeps beside the data (in memory where the folder
    # is read-only) rather than indexing every excerpt again, half a minute at a million.
    atlas.words.opener = words_beside(args.data)
    # The page's own reader of links, so a filter means the same here as there; where the
    # page drops a bad value with a notice, a script is better stopped.
    state, notices = parse_query(filters.query(args), atlas)
    if notices:
        for notice in notices:
            print(f"error: {notice}", file=sys.stderr)
        return 2
    # Chunk by chunk, so a large export never has its whole text in memory.
    write_export(selection(atlas, state), args.format, sys.stdout)
    return 0


_CORPUS_SIZES = "10,1000,10000,100000"


def _bench(args: argparse.Namespace) -> int:
    """Print the benchmark's figures for each corpus size."""
    from geo.tools.bench import run  # imports streamlit-folium, which the other commands do without

    if args.ingest and args.sizes == _CORPUS_SIZES:
        args.sizes = "10,100,300,1000"
    try:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    except ValueError:
        print(f"error: --sizes takes whole numbers separated by commas, not {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        print("error: every size and --repeat must be at least 1", file=sys.stderr)
        return 2
    if args.year:
        from geo.tools.yearbench import run as run_year

        try:
            run_year(args.places, args.sources, args.excerpts, repeat=args.repeat)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        return 0
    if args.ingest:
        from geo.tools.ingestbench import run as run_ingest

        run_ingest(sizes, data=args.data, repeat=args.repeat)
        return 0
    run(sizes, repeat=args.repeat, naive=args.naive)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.data)
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "drafts":
        return review.drafts(args.data)
    if args.command == "accept":
        return review.accept(args)
    if args.command == "reject":
        return review.reject(args)
    if args.command == "history":
        return review.history(args)
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "synth":
        from geo.tools.synth import synth

        return synth(args.shape, args.out, args.places, args.sources, args.excerpts, args.seed)
    if args.command == "publish":
        return publish_command.publish(args)
    if args.command == "gazetteer":
        return gazetteer_command.run(args)
    return _export(args)


if __name__ == "__main__":
    sys.exit(main())
