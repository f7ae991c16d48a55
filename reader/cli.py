"""The `reader` command: the app by default, and subcommands for scripts.

No Textual import at module level: `reader check` must start fast and work where the
terminal app is never opened.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_SOUND, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command ended by Ctrl-C

DESCRIPTION = """\
reader: compare how news outlets report the same statements.

  reader [CORPUS]          open the reader on a corpus (default: the bundled one)
  reader check [CORPUS]    validate a corpus
  reader xref ...          print cross-references between outlets
  reader entities ...      print which outlets mention which entities
  reader import ...        turn raw page text files into annotated article files

Run 'reader COMMAND --help' for a command's options."""


def corpus_argument(parser: argparse.ArgumentParser, *names: str) -> None:
    what = "corpus directory (default: the bundled corpus)"
    if names[0].startswith("-"):
        parser.add_argument(*names, type=Path, default=None, help=what)
    else:
        parser.add_argument(*names, type=Path, default=None, help=what, nargs="?")


def resolve_corpus(path: Path | None) -> Path:
    from reader.corpus import bundled_corpus_path

    return path if path is not None else bundled_corpus_path()


def command_check(args: argparse.Namespace) -> int:
    from reader.corpus import counted, load_corpus, summary

    root = resolve_corpus(args.corpus)
    if not root.exists():
        print(f"reader check: {root}: no such directory", file=sys.stderr)
        return EXIT_USAGE
    corpus, problems = load_corpus(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{root}: {counted(len(problems), 'problem')}; loaded {summary(corpus)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(f"{root}: sound: {summary(corpus)}")
    return EXIT_SOUND


def load_for_command(name: str, path: Path | None):
    """The corpus for a subcommand, or None (after saying why) when there is none."""
    from reader.corpus import load_corpus

    root = resolve_corpus(path)
    if not root.is_dir():
        print(f"reader {name}: {root}: no such directory", file=sys.stderr)
        return None
    corpus, problems = load_corpus(root)
    if problems:
        print(
            f"reader {name}: {len(problems)} problem(s) in {root}; "
            f"run 'reader check {root}' to see them",
            file=sys.stderr,
        )
    return corpus


def command_xref(args: argparse.Namespace) -> int:
    from reader.xref import cross_reference, export, grade_rank

    corpus = load_for_command("xref", args.corpus)
    if corpus is None:
        return EXIT_USAGE
    if args.article is not None and corpus.article(args.article) is None:
        known = ", ".join(a.id for a in corpus.articles) or "none"
        print(f"reader xref: no article {args.article!r}; articles: {known}", file=sys.stderr)
        return EXIT_USAGE
    xref = cross_reference(corpus, cache=not args.no_cache)
    links = xref.links_for_article(args.article) if args.article else xref.all_links()
    links = [link for link in links if grade_rank(link.grade) >= grade_rank(args.min_grade)]
    if args.format == "json":
        print(export.links_json(corpus, links, args.min_grade, args.article, xref.why))
    elif args.format == "csv":
        sys.stdout.write(export.links_csv(corpus, links))
    else:
        sys.stdout.write(export.links_table(corpus, links))
    return EXIT_SOUND


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
        sys.stdout.write(export.coverage_table(rows, outlets))
    return EXIT_SOUND


def print_proposed(corpus, rows, output_format: str) -> int:
    """The entities `reader import` proposed, for review (docs/corpus-format.md)."""
    import csv
    import json

    from reader.annotate.import_report import printable

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
            print(printable(f"{r['id']}  {r['type']}  {r['mentions']} mentions  ({aliases})"))
            print(printable(f"    first seen: {r['first_seen']}"))
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
    if not root.is_dir():
        print(f"reader: {root}: no such directory", file=sys.stderr)
        if args.corpus is not None and not args.corpus.exists():
            _, commands = build_parser()
            from rapidfuzz import process

            near = process.extractOne(str(args.corpus), list(commands), score_cutoff=60)
            if near:
                print(f"reader: did you mean 'reader {near[0]}'?", file=sys.stderr)
        return EXIT_USAGE
    from reader.tui.app import run_app

    return run_app(root)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
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

    formats = ("table", "json", "csv")
    xref = argparse.ArgumentParser(
        prog="reader xref",
        description="Print the links between statements of different outlets: source "
        "and target article, outlet, span and text, score and grade. The JSON layout "
        "is documented in docs/json-export.md.",
    )
    corpus_argument(xref, "--corpus")
    xref.add_argument("--article", help="only the links from this article's statements")
    xref.add_argument(
        "--min-grade",
        choices=("same", "related"),
        default="related",
        help="weakest grade to print (default: related)",
    )
    xref.add_argument("--format", choices=formats, default="table")
    xref.add_argument(
        "--no-cache", action="store_true", help="compute again; do not read or write the cache"
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
        try:
            return args.run(args)
        except BrokenPipeError:
            # `reader xref | head`: the reader of our output left; that is not an error.
            # Point stdout at devnull so the interpreter's final flush stays quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_SOUND
    args = parser.parse_args(argv)
    return command_app(args)
