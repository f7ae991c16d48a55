"""Links and entity coverage as JSON or CSV: what `reader xref` and `reader entities`
print for scripts (the tables are in tables.py). The JSON layout is documented in
docs/json-export.md."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Iterable
from typing import TextIO

from reader.model import Corpus, Link, LinkGrade, Statement
from reader.terminal_text import json_safe
from reader.xref.copies import Copies
from reader.xref.entities import EntityCoverage
from reader.xref.why import Why

# 1.1 added each link's `why` and `judgement`, 1.2 each end's `copies`; a script
# written for 1 reads every 1.x (docs/json-export.md).
XREF_SCHEMA = "reader.xref/1.2"
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


CopiesOf = Callable[[Statement], list[Copies]]


def _end(corpus: Corpus, statement: Statement, copies: CopiesOf | None = None) -> dict:
    article = corpus.article(statement.article_id)
    end: dict[str, object] = {
        "article": statement.article_id,
        "outlet": article.outlet if article else None,
        "statement": statement.index,
        "start": statement.span.start,
        "end": statement.span.end,
        "text": statement.text,
        "quote": statement.quote_id,
    }
    if copies is not None:
        end["copies"] = [{"outlet": c.outlet, "count": c.count} for c in copies(statement)]
    return end


def write_links_json(
    out: TextIO,
    corpus: Corpus,
    links: Iterable[Link],
    min_grade: LinkGrade,
    article: str | None,
    why: Callable[[Link], Why] | None = None,
    copies: CopiesOf | None = None,
) -> None:
    """The links as the JSON document of docs/json-export.md, as `json.dumps(...,
    indent=2)` would give it, written link by link: a corpus with hundreds of thousands
    of links is never held in memory as one string, and `| head` gets its first lines
    at once. `why` explains a link (`CrossReference.why`); `copies` gives a statement's
    copies (`CrossReference.copies_of`)."""
    head = {
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
        "links": [],
    }
    opening = json.dumps(head, ensure_ascii=False, indent=2)
    assert opening.endswith('"links": []\n}')
    out.write(json_safe(opening[: -len("]\n}")]))
    first = True
    for link in links:
        item = json.dumps(_link_json(corpus, link, why, copies), ensure_ascii=False, indent=2)
        out.write(("\n" if first else ",\n") + json_safe(textwrap.indent(item, "    ")))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def links_json(
    corpus: Corpus,
    links: Iterable[Link],
    min_grade: LinkGrade,
    article: str | None,
    why: Callable[[Link], Why] | None = None,
    copies: CopiesOf | None = None,
) -> str:
    out = io.StringIO()
    write_links_json(out, corpus, links, min_grade, article, why, copies)
    return out.getvalue().removesuffix("\n")


def _link_json(
    corpus: Corpus,
    link: Link,
    why: Callable[[Link], Why] | None = None,
    copies: CopiesOf | None = None,
) -> dict:
    item: dict[str, object] = {
        "source": {**_end(corpus, link.source, copies), "match": _span(link.source_match)},
        "target": {**_end(corpus, link.target, copies), "match": _span(link.target_match)},
    }
    if why is not None:
        item.update(_link_fields(link, why))
    else:
        item.update({"score": link.score, "grade": link.grade})
    return item


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


def write_links_csv(out: TextIO, corpus: Corpus, links: Iterable[Link]) -> None:
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


def links_csv(corpus: Corpus, links: Iterable[Link]) -> str:
    out = io.StringIO()
    write_links_csv(out, corpus, links)
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
