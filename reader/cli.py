"""The `reader` command: the app by default, and subcommands for scripts.

No Textual import at module level: `reader check` must start fast and work where the
terminal app is never opened.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from reader.terminal_text import VisibleStream, visible

EXIT_SOUND, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C
# Tables written into a pipe or a file are this wide, unless $COLUMNS or --width says.
DEFAULT_WIDTH = 100

DESCRIPTION = """\
reader: compare how news outlets report the same statements.

  reader [CORPUS]          open the reader on a corpus (default: the bundled one)
  reader check [CORPUS]    validate a corpus
  reader xref ...          print cross-references between outlets
  reader entities ...      print which outlets mention which entities
  reader import ...        turn raw page text files into annotated article files

Run 'reader COMMAND --help' for a command's options."""


# Grade and score in one line each: the --help of an installed wheel has no docs/.
GRADE_HELP = (
    "same = one statement reported twice (most of its terms shared, no conflicting "
    "date, number or place); related = the same claim in other words (score 20 or more)"
)
XREF_EPILOG = (
    """\
score: 0-100, the share of the two statements' terms they have in common, rarer
  terms weighing more; names count as entities whatever the spelling, other words
  by their lemma; x0.7 when a date, number or place conflicts.
grade: """
    + "\n  ".join(textwrap.wrap(GRADE_HELP, 76))
    + """
why: each link lists its shared terms and its conflicts (table), or carries them as
  'why' (json: {shared: [{term, kind, entity, source, target}], conflicts: [...]},
  spans as [start, end] character offsets into the article's text).

formats: table (for reading; fitted to the terminal, see --width, --short), json (one
  document, schema reader.xref/1.1: articles[] and links[], each link with source and
  target {article, outlet, statement, start, end, text, quote, match}, score, grade,
  why, judgement), jsonl (one link a line, as in json), csv (one row per link, no why).

judgements: the corpus's judgements.yaml (a verdict on a pair of statements, each
  named by its article and words: confirmed, rejected, or added by hand; y / x / u
  and m, l in the reader write it) is applied: rejected links left out, added ones
  in, each link's judgement shown. --eval measures the engine against it (precision
  by grade and score band, recall, the score keeping precision >= 0.9); --judged
  prints the judged links as a dataset (csv or jsonl)."""
)


def corpus_argument(parser: argparse.ArgumentParser, *names: str) -> None:
    what = "corpus directory (default: the bundled corpus)"
    if names[0].startswith("-"):
        parser.add_argument(*names, type=Path, default=None, help=what)
    else:
        parser.add_argument(*names, type=Path, default=None, help=what, nargs="?")


def resolve_corpus(path: Path | None) -> Path:
    from reader.corpus import bundled_corpus_path

    return path if path is not None else bundled_corpus_path()


def unusable_corpus(root: Path) -> str | None:
    """Why `root` cannot be read as a corpus directory, or None when it can."""
    try:
        if not root.exists():
            return "no such directory"
        if not root.is_dir():
            return "not a directory; give the corpus directory (the one with entities.yaml)"
        os.listdir(root)
    except OSError as error:
        return f"cannot read the directory: {error.strerror}; check its permissions"
    return None


def command_check(args: argparse.Namespace) -> int:
    from reader.corpus import load_corpus, summary
    from reader.judgements import check_judgements, judgements_summary
    from reader.wording import counted

    root = resolve_corpus(args.corpus)
    if why := unusable_corpus(root):
        print(f"reader check: {root}: {why}", file=sys.stderr)
        return EXIT_USAGE
    corpus, problems = load_corpus(root)
    problems += check_judgements(corpus)
    judged = judgements_summary(corpus)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{root}: {counted(len(problems), 'problem')}; loaded {summary(corpus)}{judged}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(f"{root}: sound: {summary(corpus)}{judged}")
    return EXIT_SOUND


def load_for_command(name: str, path: Path | None, cached: bool = False):
    """The corpus for a subcommand, or None (after saying why) when there is none.
    `cached`: through the corpus cache, which reads again only the files that changed
    (the same corpus and problems as a load)."""
    from reader.corpus import load_corpus

    root = resolve_corpus(path)
    if why := unusable_corpus(root):
        print(f"reader {name}: {root}: {why}", file=sys.stderr)
        return None
    if cached:
        from reader.corpus_cache import load_corpus_cached

        corpus, problems = load_corpus_cached(root)
    else:
        corpus, problems = load_corpus(root)
    point_at_check(name, problems, "", root)
    return corpus


def point_at_check(name: str, problems: list, where: str, root: Path) -> None:
    """One line on stderr when there are problems: `reader check` lists them."""
    if problems:
        print(
            f"reader {name}: {len(problems)} problem(s) in {where or root}; "
            f"run 'reader check {root}' to see them",
            file=sys.stderr,
        )


def output_width(given: int | None) -> int:
    """The width tables fit: `--width`, else the terminal's, else $COLUMNS, else 100
    (output into a pipe or a file); 0 means no limit."""
    import shutil

    if given is not None:
        return given
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def width_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--width",
        type=non_negative,
        metavar="COLUMNS",
        help="fit the table to this many columns (default: the terminal's width, or "
        f"{DEFAULT_WIDTH} when the output is not a terminal; 0: no limit)",
    )


def non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def command_xref(args: argparse.Namespace) -> int:
    from reader.xref import LinkGrade, cross_reference, export, grade_rank
    from reader.xref.judged import JudgedLinks, judged_links

    if (problem := xref_usage_problem(args)) is not None:
        print(f"reader xref: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if (args.eval or args.judged) and args.no_judgements:
        print(
            "reader xref: --eval and --judged read the judgements; drop --no-judgements",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.eval and args.format not in ("table", "json"):
        print("reader xref: --eval prints a table or json", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_for_command("xref", args.corpus, cached=not args.no_cache)
    if corpus is None:
        return EXIT_USAGE
    if args.article is not None and corpus.article(args.article) is None:
        known = ", ".join(a.id for a in corpus.articles) or "none"
        print(f"reader xref: no article {args.article!r}; articles: {known}", file=sys.stderr)
        return EXIT_USAGE
    if args.scheduler is not None:
        from reader.cli_cluster import cluster_cross_reference

        xref = cluster_cross_reference(corpus, args)
        if xref is None:
            return EXIT_PROBLEMS
    elif args.link_store is not None:
        from reader.cli_cluster import stored_cross_reference

        xref = stored_cross_reference(corpus, args)
        if xref is None:
            return EXIT_PROBLEMS
    else:
        xref = cross_reference(corpus, cache=not args.no_cache)
    for note in getattr(xref, "notes", ()):  # the cache could not be used: slower, same links
        print(f"reader xref: note: {note}", file=sys.stderr)
    problems: list = []
    if args.no_judgements:
        view = JudgedLinks(xref, [])
    else:
        view, problems = judged_links(xref)
        point_at_check("xref", problems, "the judgements", corpus.root)
    if args.eval:
        return print_evaluation(xref, view, len(problems), args.format)
    if args.judged:
        return print_judged(corpus, xref, view, args.format)
    if args.format in ("table", "csv") and hasattr(xref, "without_matches"):
        xref.without_matches()  # neither shows the aligned passages
    if args.article:
        every = view.links_for_article(args.article)
    elif view.judgements or not hasattr(xref, "iter_links"):
        every = view.all_links()
    else:  # a generator end to end: links are written as they are made, none kept
        every = xref.iter_links()
    min_grade = LinkGrade(args.min_grade)
    floor = grade_rank(min_grade)
    links = (link for link in every if grade_rank(link.grade) >= floor)
    copies = getattr(xref, "copies_of", None)
    if args.format == "json":
        export.write_links_json(
            sys.stdout, corpus, links, min_grade, args.article, why=xref.why, copies=copies
        )
    elif args.format == "jsonl":
        sys.stdout.write(export.links_jsonl(corpus, list(links), xref.why))
    elif args.format == "csv":
        export.write_links_csv(sys.stdout, corpus, links)
    else:
        from reader.xref.tables import links_table

        width = output_width(args.width)
        sys.stdout.write(links_table(corpus, list(links), xref.why, width, short=args.short))
    return EXIT_SOUND


def print_evaluation(xref, view, orphans: int, output: str) -> int:
    import json

    from reader.xref.evaluate import evaluate, evaluation_json, evaluation_text

    evaluation = evaluate(xref.all_links(), view.judgements, orphans)
    if output == "json":
        print(json.dumps(evaluation_json(evaluation), indent=2))
    else:
        sys.stdout.write(evaluation_text(evaluation))
    return EXIT_SOUND


def print_judged(corpus, xref, view, output: str) -> int:
    import json

    from reader.xref import judged_export

    rows = judged_export.judged_rows(corpus, view.judgements, xref.all_links())
    if output == "csv":
        sys.stdout.write(judged_export.judged_csv(rows))
    elif output == "jsonl":
        sys.stdout.write(judged_export.judged_jsonl(rows))
    elif output == "json":
        from reader.terminal_text import json_safe

        document = {"schema": judged_export.JUDGED_SCHEMA, "judged": rows}
        print(json_safe(json.dumps(document, ensure_ascii=False, indent=2)))
    else:
        sys.stdout.write(judged_export.judged_table(rows))
    return EXIT_SOUND


def xref_usage_problem(args: argparse.Namespace) -> str | None:
    if args.workers is not None and args.scheduler != "local":
        return "--workers starts a local cluster: use it with --scheduler local"
    if args.workers is not None and args.workers < 1:
        return "--workers must be at least 1"
    if args.partitions is not None and args.scheduler is None:
        return "--partitions is for a cluster run: use it with --scheduler"
    if args.partitions is not None and args.partitions < 1:
        return "--partitions must be at least 1"
    return None


def command_entities(args: argparse.Namespace) -> int:
    from reader.xref import entity_coverage, export

    corpus = load_for_command("entities", args.corpus)
    if corpus is None:
        return EXIT_USAGE
    rows = entity_coverage(corpus)
    if args.proposed:
        return print_proposed(corpus, rows, args.format)
    outlets = sorted({a.outlet_label for a in corpus.articles})
    if args.format == "json":
        print(export.coverage_json(rows))
    elif args.format == "csv":
        sys.stdout.write(export.coverage_csv(rows, outlets))
    else:
        from reader.xref.tables import coverage_table

        sys.stdout.write(coverage_table(rows, outlets, output_width(args.width)))
    return EXIT_SOUND


def print_proposed(corpus, rows, output_format: str) -> int:
    """The entities `reader import` proposed, for review (docs/corpus-format.md)."""
    import csv
    import json

    totals = {row.entity_id: row.total for row in rows}
    proposed = [e for e in corpus.entities.values() if e.status == "proposed"]
    records = [
        {
            "id": e.id,
            "type": e.type.value,
            "name": e.name,
            "aliases": list(e.aliases),
            "mentions": totals.get(e.id, 0),
            "first_seen": e.first_seen,
        }
        for e in sorted(proposed, key=lambda e: (-totals.get(e.id, 0), e.id))
    ]
    if output_format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "type", "name", "aliases", "mentions", "first_seen"])
        for r in records:
            writer.writerow([*list(r.values())[:3], "; ".join(r["aliases"]), *list(r.values())[4:]])
    elif not records:
        print("no proposed entities")
    else:
        for r in records:
            aliases = ", ".join(r["aliases"])
            print(f"{r['id']}  {r['type']}  {r['mentions']} mentions  ({aliases})")
            print(f"    first seen: {r['first_seen']}")
        print(
            f"{len(records)} proposed: accept, merge or reject each by editing "
            "entities.yaml (docs/corpus-format.md)"
        )
    return EXIT_SOUND


def command_import(args: argparse.Namespace) -> int:
    from reader.annotate.import_report import ImportReport
    from reader.annotate.importer import UsageError, import_files
    from reader.annotate.sources.records import parse_mapping

    report = ImportReport()
    try:
        run = import_files(
            args.corpus,
            args.raw_files,
            outlet=args.outlet,
            article_id=args.id,
            learn_aliases=args.learn_aliases,
            mapping=parse_mapping(args.map),
            jobs=args.jobs,
            on_result=report.result,
            on_progress=report.progress,
        )
    except (UsageError, ValueError) as error:
        print(f"reader import: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # a second Ctrl-C: files in hand are cleaned up on the way
        print("reader import: interrupted; run the same command again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    for message in run.messages:
        print(message, file=sys.stderr)
    print(report.summary(run), file=sys.stderr)
    if run.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_SOUND if run.ok else EXIT_PROBLEMS


def command_app(args: argparse.Namespace) -> int:
    root = resolve_corpus(args.corpus)
    if why := unusable_corpus(root):
        print(visible(f"reader: {root}: {why}"), file=sys.stderr)
        if args.corpus is not None and why == "no such directory":
            _, commands = build_parser()
            from rapidfuzz import process

            near = process.extractOne(str(args.corpus), list(commands), score_cutoff=60)
            if near:
                print(visible(f"reader: did you mean 'reader {near[0]}'?"), file=sys.stderr)
        return EXIT_USAGE
    from reader.tui.app import run_app

    return run_app(root)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    from reader.model import LinkGrade  # standard library only: cheap at start-up

    parser = argparse.ArgumentParser(
        prog="reader",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    corpus_argument(parser, "corpus")
    commands: dict[str, argparse.ArgumentParser] = {}

    check = argparse.ArgumentParser(
        prog="reader check",
        description="Validate a corpus: every problem as file:line:column: message. "
        "Exit 0 when sound, 1 when there are problems, 2 for wrong usage.",
    )
    corpus_argument(check, "corpus")
    check.set_defaults(run=command_check)
    commands["check"] = check

    formats = ("table", "json", "csv")  # what reader.xref.export writes
    xref = argparse.ArgumentParser(
        prog="reader xref",
        description=textwrap.fill(
            "Print the links between statements of different outlets: both statements "
            "(article, outlet, span, text), the link's grade and score, and why it was "
            "made (the terms both statements share, the specifics that conflict), with "
            "the judgements of the corpus's judgements.yaml applied (rejected links left "
            "out, added ones in).",
            79,
        ),
        epilog=XREF_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    corpus_argument(xref, "--corpus")
    xref.add_argument("--article", help="only the links from this article's statements")
    xref.add_argument(
        "--min-grade",
        choices=[grade.value for grade in LinkGrade],
        default=LinkGrade.RELATED.value,
        help="weakest grade to print (default: related): " + GRADE_HELP,
    )
    xref.add_argument("--format", choices=(*formats, "jsonl"), default="table")
    xref.add_argument(
        "--short",
        action="store_true",
        help="table: each statement on one line, shortened to the width (default: whole, wrapped)",
    )
    width_argument(xref)
    xref.add_argument(
        "--no-cache", action="store_true", help="compute again; do not read or write the cache"
    )
    what = xref.add_mutually_exclusive_group()
    what.add_argument(
        "--eval",
        action="store_true",
        help="measure the engine against the corpus's judgements.yaml: precision by "
        "grade and score band, recall, the score that keeps precision >= 0.9 "
        "(table or json)",
    )
    what.add_argument(
        "--judged",
        action="store_true",
        help="print the judged links as a dataset (csv or jsonl; both statements, "
        "outlets, dates, grade, judgement, who, when)",
    )
    xref.add_argument(
        "--no-judgements",
        action="store_true",
        help="the engine's links alone, without the corpus's judgements applied",
    )
    cluster = xref.add_argument_group(
        "cluster",
        "cross-reference on a Dask cluster: the same engine, stage by stage, on worker "
        "processes here or on other machines, giving the same links; needs the dask extra "
        "(pip install 'outlet-reader[dask]')",
    )
    cluster.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask scheduler at ADDRESS (tcp://host:8786), or 'local' to start "
        "a cluster of --workers processes here",
    )
    cluster.add_argument(
        "--workers", type=int, metavar="N", help="worker processes of --scheduler local (default 2)"
    )
    cluster.add_argument(
        "--partitions",
        type=int,
        metavar="N",
        help="article partitions (default: 2 per worker, at most 2,000 articles each)",
    )
    cluster.add_argument(
        "--link-store",
        type=Path,
        metavar="DIR",
        help="the Parquet link store: written there by a --scheduler run (default: in the "
        "cache directory), read from there without --scheduler",
    )
    xref.set_defaults(run=command_xref)
    commands["xref"] = xref

    entities = argparse.ArgumentParser(
        prog="reader entities",
        description="Print, for each entity, how often each outlet mentions it.",
    )
    corpus_argument(entities, "--corpus")
    entities.add_argument("--format", choices=formats, default="table")
    entities.add_argument(
        "--proposed",
        action="store_true",
        help="list the entities reader import proposed (status: proposed), for review",
    )
    width_argument(entities)
    entities.set_defaults(run=command_entities)
    commands["entities"] = entities

    importer = argparse.ArgumentParser(
        prog="reader import",
        description="Turn pages (plain text like seeds/raw/*.txt, or HTML), records "
        "(JSON Lines, JSON, CSV) and feeds into annotated article files: each page's "
        "text and original go to DIR/raw/ and its article to DIR/<id>.yaml, annotated "
        "automatically (blocks, entity mentions, quotes, outlet, date). Existing files "
        "are never overwritten; what the corpus already holds (same URL or text) is "
        "skipped, so running the command again resumes it. Exit 0 when every input was "
        "imported or skipped, 1 when one had a problem, 2 for wrong usage, 130 when "
        "interrupted. How it works and how well: docs/import.md.",
    )
    importer.add_argument(
        "raw_files",
        nargs="+",
        type=Path,
        metavar="RAW_FILE",
        help="page text (.txt), HTML pages (.html), records (.jsonl, .json, .csv) or "
        "feeds (.rss, .atom, .xml)",
    )
    importer.add_argument(
        "--corpus",
        type=Path,
        required=True,
        metavar="DIR",
        help="the corpus to import into (created if missing; the bundled catalogue is "
        "copied there when it has none)",
    )
    importer.add_argument("--outlet", help="the outlet's name, when the page does not say it")
    importer.add_argument("--id", help="the article's id (one input of one article only)")
    importer.add_argument(
        "--learn-aliases",
        action="store_true",
        help='add spellings close to a catalogued alias ("Jabhat al Nusrah") to the '
        "corpus's entities.yaml and annotate them; without it they are listed in notes",
    )
    importer.add_argument(
        "--map",
        metavar="FIELD=NAME,...",
        help="which record fields hold what, for layouts not recognised: "
        "text=body,outlet=media_name (fields: title, text, date, outlet, url, author)",
    )
    importer.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core)",
    )
    importer.set_defaults(run=command_import)
    commands["import"] = importer
    return parser, commands


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser, commands = build_parser()
    # Subcommands are dispatched by hand: argparse cannot mix an optional positional
    # CORPUS with subcommand names, and `reader seeds/` must open the app.
    if argv and argv[0] in commands:
        command = commands[argv[0]]
        args = command.parse_args(argv[1:])
        return run_command(argv[0], args)
    args = parser.parse_args(argv)
    return command_app(args)


def run_command(name: str, args: argparse.Namespace) -> int:
    """Run a subcommand with its output made safe, and its failures to write reported.

    Messages on stderr always pass through `visible`; so does stdout, except JSON and
    CSV sent to a file or a pipe, which stay exact (JSON escapes controls itself)."""
    stdout, stderr = sys.stdout, sys.stderr
    exact = getattr(args, "format", None) in ("json", "jsonl", "csv") and not _isatty(stdout)
    output = VisibleStream(stdout, escape=not exact)
    sys.stdout, sys.stderr = output, VisibleStream(stderr)
    try:
        code = args.run(args)
        output.flush()
        return code
    except BrokenPipeError:
        # `reader xref | head`: the reader of our output left; that is not an error.
        _silence(stdout)
        return EXIT_SOUND
    except OSError as error:
        if output.failed is not None:
            # `reader check > /dev/full`: one line, not a traceback
            _silence(stdout)
            _say(f"reader {name}: cannot write the output: {error.strerror}")
            return EXIT_USAGE
        where = f": {error.filename}" if error.filename else ""
        _say(f"reader {name}{where}: {error.strerror or error}")
        return EXIT_PROBLEMS
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _say(message: str) -> None:
    """The last word of a failed command, unless stderr cannot take it either."""
    try:
        print(message, file=sys.stderr)
    except (OSError, ValueError):
        pass


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _silence(stdout) -> None:
    # Point stdout at devnull so the interpreter's final flush stays quiet.
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    except (OSError, ValueError):
        pass
