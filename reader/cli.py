"""The `reader` command: the app by default, and subcommands for scripts.

No Textual import at module level: `reader check` must start fast and work where the
terminal app is never opened.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_SOUND, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
reader: compare how news outlets report the same statements.

  reader [CORPUS]          open the reader on a corpus (default: the bundled one)
  reader check [CORPUS]    validate a corpus
  reader xref ...          print cross-references between outlets
  reader entities ...      print which outlets mention which entities

Run 'reader COMMAND --help' for a command's options."""


def corpus_argument(parser: argparse.ArgumentParser, *names: str) -> None:
    parser.add_argument(
        *names,
        type=Path,
        default=None,
        help="corpus directory (default: the bundled corpus)",
        **({"nargs": "?"} if not names[0].startswith("-") else {}),
    )


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
            f"{root}: {counted(len(problems), 'problem')}; "
            f"loaded {summary(corpus)}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(f"{root}: sound: {summary(corpus)}")
    return EXIT_SOUND


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
    return parser, commands


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser, commands = build_parser()
    # Subcommands are dispatched by hand: argparse cannot mix an optional positional
    # CORPUS with subcommand names, and `reader seeds/` must open the app.
    if argv and argv[0] in commands:
        command = commands[argv[0]]
        args = command.parse_args(argv[1:])
        return args.run(args)
    args = parser.parse_args(argv)
    return command_app(args)
