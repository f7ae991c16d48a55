"""How `reader import` agrees with the hand annotation of the bundled seeds.

Each seeds/raw/*.txt is imported (bundled catalogue) and its article compared with the
hand-made one, raw line by raw line:

- block kinds: the share of raw lines on the same side of chrome / body, and with the
  same kind;
- mentions of kind name: precision and recall of (line, entity, span in the line);
  metonyms likewise (role mentions are beyond the importer);
- quotes: recall of the hand's direct quote spans (found with kind direct), precision
  of the importer's direct quotes, and the same for indirect quotes; speaker agreement
  over the direct quotes found.

Run `python tests/annotate/seed_agreement.py` for the table in docs/import.md.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reader.annotate.importer import import_files
from reader.corpus import bundled_corpus_path, load_corpus
from reader.model import Article, BlockKind, MentionKind, QuoteKind

SEEDS = bundled_corpus_path()


@dataclass
class Counts:
    hits: int = 0
    found: int = 0  # by the importer
    expected: int = 0  # by hand

    def add(self, auto: set, hand: set) -> None:
        self.hits += len(auto & hand)
        self.found += len(auto)
        self.expected += len(hand)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0


@dataclass
class Agreement:
    lines: int = 0
    side_agrees: int = 0  # chrome vs body
    kind_agrees: int = 0
    names: Counts = None
    metonyms: Counts = None
    direct: Counts = None
    indirect: Counts = None
    direct_speakers: int = 0  # of the direct quotes found, how many with the hand's speaker

    def __post_init__(self):
        self.names, self.metonyms = Counts(), Counts()
        self.direct, self.indirect = Counts(), Counts()


def _line_kinds(article: Article) -> dict[int, BlockKind]:
    kinds = {p.line: p.kind for p in article.paragraphs}
    kinds.update({c.line: BlockKind.CHROME for c in article.chrome})
    return kinds


def _local(article: Article, span, paragraph: int) -> tuple[int, int, int]:
    block = article.paragraphs[paragraph]
    return block.line, span.start - block.span.start, span.end - block.span.start


def _mentions(article: Article, kind: MentionKind) -> set:
    return {
        (m.entity_id, *_local(article, m.span, m.paragraph))
        for m in article.mentions
        if m.kind is kind
    }


def _quotes(article: Article, kind: QuoteKind) -> dict:
    return {
        _local(article, q.span, q.paragraph): q.speaker for q in article.quotes if q.kind is kind
    }


def compare(auto: Article, hand: Article, total: Agreement) -> None:
    auto_kinds, hand_kinds = _line_kinds(auto), _line_kinds(hand)
    for line, kind in hand_kinds.items():
        total.lines += 1
        other = auto_kinds.get(line)
        total.side_agrees += (other is BlockKind.CHROME) == (kind is BlockKind.CHROME)
        total.kind_agrees += other is kind
    total.names.add(_mentions(auto, MentionKind.NAME), _mentions(hand, MentionKind.NAME))
    total.metonyms.add(_mentions(auto, MentionKind.METONYM), _mentions(hand, MentionKind.METONYM))
    auto_direct, hand_direct = _quotes(auto, QuoteKind.DIRECT), _quotes(hand, QuoteKind.DIRECT)
    total.direct.add(set(auto_direct), set(hand_direct))
    total.direct_speakers += sum(
        auto_direct[span] == speaker for span, speaker in hand_direct.items() if span in auto_direct
    )
    total.indirect.add(
        set(_quotes(auto, QuoteKind.INDIRECT)), set(_quotes(hand, QuoteKind.INDIRECT))
    )


def measure() -> tuple[Agreement, dict[str, Agreement]]:
    hand_corpus, problems = load_corpus(SEEDS)
    assert not problems, problems
    total, per_article = Agreement(), {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corpus"
        raws = sorted((SEEDS / "raw").glob("*.txt"))
        run = import_files(root, raws)
        assert run.ok, [p for r in run.results for p in r.problems]
        auto_corpus, problems = load_corpus(root)
        assert not problems, [str(p) for p in problems]
    auto_by_source = {a.source: a for a in auto_corpus.articles}
    for hand in hand_corpus.articles:
        one = Agreement()
        compare(auto_by_source[hand.source], hand, one)
        compare(auto_by_source[hand.source], hand, total)
        per_article[hand.id] = one
    return total, per_article


def table(total: Agreement, per_article: dict[str, Agreement]) -> str:
    rows = [
        "| article | chrome/body | kind | names P | names R | metonyms P | metonyms R "
        "| direct R | direct P | indirect R | indirect P |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, a in [*per_article.items(), ("all", total)]:
        rows.append(
            f"| {name} | {a.side_agrees / a.lines:.2f} | {a.kind_agrees / a.lines:.2f} "
            f"| {a.names.precision:.2f} | {a.names.recall:.2f} "
            f"| {a.metonyms.precision:.2f} | {a.metonyms.recall:.2f} "
            f"| {a.direct.recall:.2f} | {a.direct.precision:.2f} "
            f"| {a.indirect.recall:.2f} | {a.indirect.precision:.2f} |"
        )
    rows.append(
        f"\n{total.lines} raw lines; {total.names.expected} name mentions by hand, "
        f"{total.names.found} by import; {total.direct.expected} direct quotes by hand, "
        f"{total.direct.hits} found, {total.direct_speakers} of them with the hand's speaker; "
        f"{total.indirect.expected} indirect quotes by hand."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table(*measure()))
