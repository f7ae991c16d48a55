"""How well `reader import` finds names the catalogue does not have.

    python benchmarks/name_finding.py                 # 5 random splits
    python benchmarks/name_finding.py --splits 10 --seed 7

For each split, half of the bundled catalogue's people, organisations, armed groups,
government bodies and places are hidden, chosen by a seeded random shuffle (events,
documents and outlets stay: they are not what the finder looks for). The seeds'
raw pages are imported again with the rest of the catalogue, so their annotations are
made anew, and the result is compared with the hand annotation of the hidden names:

- mention P / R: a found mention counts when it has exactly the span of a hand
  mention (kind name) of a hidden entity, on the same raw line, and its proposed
  entity is the one that hidden entity's mentions mostly went to (so two hidden
  entities merged into one proposal, or one split in two, cost);
- span R: the hand mentions of hidden names found at all, whatever their entity;
- speaker: of the hand's direct and indirect quotes whose speaker is hidden, the
  share the import also has (same line, overlapping words) with that speaker found
  (its proposal), and the share it has at all; "all known" is the speaker share when
  the seeds are imported with the whole catalogue: the speaker rules' own ceiling.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.annotate.importer import import_files  # noqa: E402
from reader.corpus import bundled_corpus_path, load_corpus  # noqa: E402
from reader.model import Article, Corpus, EntityType, MentionKind, QuoteKind  # noqa: E402

FOUND_TYPES = {
    EntityType.PERSON,
    EntityType.ORGANISATION,
    EntityType.ARMED_GROUP,
    EntityType.GOVERNMENT_BODY,
    EntityType.PLACE,
}


def located(article: Article, span) -> tuple[int, int, int] | None:
    """(raw line, start, end) of a span inside its block."""
    paragraph = article.paragraph_at(span.start)
    if paragraph is None or paragraph.line is None:
        return None
    return paragraph.line, span.start - paragraph.span.start, span.end - paragraph.span.start


def reimported(catalogue: dict) -> Corpus:
    """The seeds' raw pages imported afresh with `catalogue`."""
    with tempfile.TemporaryDirectory(prefix="name-bench-") as scratch:
        root = Path(scratch) / "c"
        root.mkdir()
        (root / "entities.yaml").write_text(
            yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        raws = sorted((bundled_corpus_path() / "raw").glob("*.txt"))
        import_files(root, raws, jobs=1)
        imported, problems = load_corpus(root)
    assert not problems, problems[:3]
    return imported


def speakers_found(seeds: Corpus, imported: Corpus, hidden: set[str], target: dict) -> tuple:
    """Of the hand's quotes with a hidden speaker: (total, matched, speaker right)."""
    by_source = {a.source: a for a in imported.articles}
    speakers = total = matched = 0
    for article in seeds.articles:
        mine = by_source.get(article.source)
        for q in article.quotes:
            if q.kind not in (QuoteKind.DIRECT, QuoteKind.INDIRECT) or q.speaker not in hidden:
                continue
            total += 1
            where = located(article, q.span)
            if mine is None or where is None:
                continue
            for other in mine.quotes:
                there = located(mine, other.span)
                if there and there[0] == where[0] and there[1] < where[2] and where[1] < there[2]:
                    matched += 1
                    speakers += other.speaker is not None and other.speaker == target.get(q.speaker)
                    break
    return total, matched, speakers


def run_split(seed: int, full: Corpus) -> dict[str, float]:
    seeds, _ = load_corpus(bundled_corpus_path())
    candidates = sorted(e.id for e in seeds.entities.values() if e.type in FOUND_TYPES)
    random.Random(seed).shuffle(candidates)
    hidden = set(candidates[: len(candidates) // 2])
    catalogue = yaml.safe_load((bundled_corpus_path() / "entities.yaml").read_text("utf-8"))
    catalogue["entities"] = [e for e in catalogue["entities"] if e["id"] not in hidden]
    imported = reimported(catalogue)
    visible = {e["id"] for e in catalogue["entities"]}

    gold: dict[tuple, str] = {}
    for article in seeds.articles:
        for m in article.mentions:
            if m.kind is MentionKind.NAME and m.entity_id in hidden:
                where = located(article, m.span)
                if where:
                    gold[(article.source, *where)] = m.entity_id
    found: dict[tuple, str] = {}
    for article in imported.articles:
        for m in article.mentions:
            if m.kind is MentionKind.NAME and m.entity_id not in visible:
                where = located(article, m.span)
                if where:
                    found[(article.source, *where)] = m.entity_id
    votes: dict[str, Counter] = defaultdict(Counter)
    for key, hidden_id in gold.items():
        if key in found:
            votes[hidden_id][found[key]] += 1
    target = {h: c.most_common(1)[0][0] for h, c in votes.items()}
    right = sum(1 for k, h in gold.items() if k in found and found[k] == target.get(h))
    total, matched, speakers = speakers_found(seeds, imported, hidden, target)
    # The same quotes imported with the whole catalogue: what the speaker rules give
    # when every name is known, the ceiling for the hidden ones.
    _, _, known = speakers_found(seeds, full, hidden, {h: h for h in hidden})
    return {
        "hidden": len(hidden),
        "gold": len(gold),
        "found": len(found),
        "P": right / len(found) if found else 0.0,
        "R": right / len(gold) if gold else 0.0,
        "span R": sum(1 for k in gold if k in found) / len(gold) if gold else 0.0,
        "quotes": total,
        "speaker": speakers / total if total else 0.0,
        "all known": known / total if total else 0.0,
        "quote found": matched / total if total else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    columns = ["hidden", "gold", "found", "P", "R", "span R", "quotes", "speaker", "all known"]
    columns.append("quote found")
    catalogue = yaml.safe_load((bundled_corpus_path() / "entities.yaml").read_text("utf-8"))
    full = reimported(catalogue)
    print("split  " + "  ".join(f"{c:>11}" for c in columns))
    rows = []
    for n in range(args.splits):
        row = run_split(args.seed + n, full)
        rows.append(row)
        print(f"{args.seed + n:>5}  " + "  ".join(_cell(row[c]) for c in columns))
    mean = {c: sum(r[c] for r in rows) / len(rows) for c in columns}
    print(" mean  " + "  ".join(_cell(mean[c]) for c in columns))


def _cell(value: float) -> str:
    return f"{value:>11.2f}" if isinstance(value, float) and value <= 1 else f"{value:>11.0f}"


if __name__ == "__main__":
    main()
