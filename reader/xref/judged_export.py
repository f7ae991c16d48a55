"""The judged links as a dataset: CSV or JSON Lines (`reader xref --judged`).

One row per judgement whose statements are found, in the file's order: both
statements (article, outlet, date, offsets, text), the judgement (verdict, grade, who,
when, note) and what the engine says of the pair now (its grade and score, empty when
it does not link them). Documented in docs/judgements.md.
"""

from __future__ import annotations

import csv
import io
import json

from reader.judgements import ResolvedJudgement, pair_key
from reader.model import Corpus, Link, Statement
from reader.terminal_text import json_safe

JUDGED_SCHEMA = "reader.judged/1"
_END_COLUMNS = ("article", "outlet", "date", "start", "end", "text")
CSV_COLUMNS = [
    *(f"a_{c}" for c in _END_COLUMNS),
    *(f"b_{c}" for c in _END_COLUMNS),
    "verdict",
    "grade",
    "who",
    "when",
    "note",
    "engine_grade",
    "engine_score",
]


def judged_rows(
    corpus: Corpus, judgements: list[ResolvedJudgement], engine_links: list[Link]
) -> list[dict]:
    engine = {pair_key(link.source, link.target): link for link in engine_links}
    rows = []
    for judged in judgements:
        link = engine.get(judged.pair)
        j = judged.judgement
        rows.append(
            {
                "a": _end(corpus, judged.a),
                "b": _end(corpus, judged.b),
                "verdict": j.verdict,
                "grade": j.grade or (link.grade if link else None),
                "who": j.who,
                "when": j.when,
                "note": j.note,
                "engine_grade": link.grade if link else None,
                "engine_score": link.score if link else None,
            }
        )
    return rows


def _end(corpus: Corpus, statement: Statement) -> dict:
    article = corpus.article(statement.article_id)
    return {
        "article": statement.article_id,
        "outlet": article.outlet if article else None,
        "date": article.date if article else None,
        "start": statement.span.start,
        "end": statement.span.end,
        "text": statement.text,
    }


def judged_jsonl(rows: list[dict]) -> str:
    return "".join(
        json_safe(json.dumps({"schema": JUDGED_SCHEMA, **row}, ensure_ascii=False)) + "\n"
        for row in rows
    )


def judged_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = [row[side][c] for side in ("a", "b") for c in _END_COLUMNS]
        cells += [row[c] for c in CSV_COLUMNS[len(cells) :]]
        writer.writerow(["" if cell is None else cell for cell in cells])
    return out.getvalue()


def judged_table(rows: list[dict], width: int = 100) -> str:
    import textwrap

    if not rows:
        return "no judgements\n"
    lines = []
    for row in rows:
        engine = (
            f"engine {row['engine_grade']} {row['engine_score']:.1f}"
            if row["engine_grade"]
            else "engine: no link"
        )
        lines.append(
            f"{row['verdict']:<9} {row['grade'] or '-':<8} {row['who']} {row['when']}; {engine}"
        )
        for side in ("a", "b"):
            end = row[side]
            outlet, date = end["outlet"] or "unknown outlet", end["date"] or "no date"
            head = f"  {end['article']} ({outlet}, {date}): "
            lines.append(
                head + textwrap.shorten(end["text"], max(width - len(head), 20), placeholder=" ...")
            )
        lines.append("")
    lines.append(f"{len(rows)} judged link{'s' if len(rows) != 1 else ''}")
    return "\n".join(lines) + "\n"
