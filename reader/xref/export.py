"""Links and entity coverage as JSON or CSV: what `reader xref` and `reader entities`
print for scripts (the tables are in tables.py). The JSON layout is documented in
docs/json-export.md."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from reader.model import Corpus, Link, LinkGrade, Statement
from reader.terminal_text import json_safe
from reader.xref.entities import EntityCoverage
from reader.xref.why import Why

# 1.1 added each link's `why` and `judgement`; a script written for 1 reads 1.1
# (docs/json-export.md).
XREF_SCHEMA = "reader.xref/1.1"
ENTITIES_SCHEMA = "reader.entities/1"
CSV_COLUMNS = [
    "source_article",
    "source_outlet",
    "source_start",
    "source_end",
    "source_text",
    "target_article",
    "target_outlet",
    "target_start",
    "target_end",
    "target_text",
    "score",
    "grade",
    "judgement",
    "source_url",
    "target_url",
]


def _end(corpus: Corpus, statement: Statement) -> dict:
    article = corpus.article(statement.article_id)
    return {
        "article": statement.article_id,
        "outlet": article.outlet if article else None,
        "statement": statement.index,
        "start": statement.span.start,
        "end": statement.span.end,
        "text": statement.text,
        "quote": statement.quote_id,
    }


def links_json(
    corpus: Corpus,
    links: list[Link],
    min_grade: LinkGrade,
    article: str | None,
    why: Callable[[Link], Why],
) -> str:
    """The links as the JSON document of docs/json-export.md; `why` explains a link
    (`CrossReference.why`)."""
    document = {
        "schema": XREF_SCHEMA,
        "corpus": str(corpus.root) if corpus.root else None,
        "min_grade": min_grade,
        "article": article,
        "articles": [
            {
                "id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "date": a.date,
                "source": a.source,
                "url": a.url,
            }
            for a in corpus.articles
        ],
        "links": [
            {
                "source": {**_end(corpus, link.source), "match": _span(link.source_match)},
                "target": {**_end(corpus, link.target), "match": _span(link.target_match)},
                **_link_fields(link, why),
            }
            for link in links
        ],
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2))


def _link_fields(link: Link, why: Callable[[Link], Why]) -> dict:
    return {
        "score": link.score,
        "grade": link.grade,
        "why": why_json(why(link)),
        "judgement": link.verdict,
    }


def links_jsonl(corpus: Corpus, links: list[Link], why: Callable[[Link], Why]) -> str:
    """One link a line, each as in the JSON document's `links`, with its schema."""
    return "".join(
        json_safe(
            json.dumps(
                {
                    "schema": XREF_SCHEMA,
                    "source": {**_end(corpus, link.source), "match": _span(link.source_match)},
                    "target": {**_end(corpus, link.target), "match": _span(link.target_match)},
                    **_link_fields(link, why),
                },
                ensure_ascii=False,
            )
        )
        + "\n"
        for link in links
    )


def _span(span) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


def why_json(why: Why) -> dict:
    return {
        "shared": [
            {
                "term": term.term,
                "kind": term.kind,
                "entity": term.entity_id,
                "source": [_span(s) for s in term.source],
                "target": [_span(s) for s in term.target],
            }
            for term in why.shared
        ],
        "conflicts": [
            {
                "kind": conflict.kind,
                "source": [{"value": s.value, "span": _span(s.span)} for s in conflict.source],
                "target": [{"value": s.value, "span": _span(s.span)} for s in conflict.target],
            }
            for conflict in why.conflicts
        ],
    }


def links_csv(corpus: Corpus, links: list[Link]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for link in links:
        row, urls = [], []
        for statement in (link.source, link.target):
            end = _end(corpus, statement)
            row += [end["article"], end["outlet"] or "", end["start"], end["end"], end["text"]]
            article = corpus.article(statement.article_id)
            urls.append(article.url if article and article.url else "")
        writer.writerow(row + [link.score, link.grade, link.verdict or ""] + urls)
    return out.getvalue()


def coverage_json(rows: list[EntityCoverage]) -> str:
    document = json.dumps(
        {
            "schema": ENTITIES_SCHEMA,
            "entities": [
                {
                    "id": row.entity_id,
                    "name": row.name,
                    "type": row.type,
                    "total": row.total,
                    "by_article": row.by_article,
                    "by_outlet": row.by_outlet,
                }
                for row in rows
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
    return json_safe(document)


def coverage_csv(rows: list[EntityCoverage], outlets: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["entity", "name", "type", "total", *outlets])
    for row in rows:
        writer.writerow(
            [
                row.entity_id,
                row.name,
                row.type,
                row.total,
                *(row.by_outlet.get(o, 0) for o in outlets),
            ]
        )
    return out.getvalue()
