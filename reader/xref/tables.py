"""Links and entity coverage as text tables fitted to a width: what `reader xref` and
`reader entities` print by default.

A table never runs past the width it is given and never cuts a statement or a name:
long cells wrap inside their column, and when even wrapped columns cannot fit (a corpus
with many outlets on a narrow terminal) the outlets that do not fit are named in a
closing note instead of being drawn off-screen. Width 0 means no limit.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable

from reader.model import Corpus, Link, Statement
from reader.terminal_text import visible
from reader.wording import counted
from reader.xref.entities import EntityCoverage
from reader.xref.why import Why

_GAP = "  "
_INDENT = "    "
# Narrower than this, an entity name wraps to a word a line: the table is unreadable
# before it is too wide.
_MIN_NAME_WIDTH = 12
# Outlet headers wrap only when leaving them whole would squeeze the names below this.
_COMFORTABLE_NAME = 28


def links_table(
    corpus: Corpus,
    links: Iterable[Link],
    why: Callable[[Link], Why] | None = None,
    width: int = 100,
    short: bool = False,
) -> str:
    """Each link: grade and score, both statements whole (wrapped to `width`), and
    what they share; with `short`, each statement on one line, shortened to fit."""
    lines: list[str] = []
    count = 0
    # A statement is an end of ten links on average: laid out once.
    laid_out: dict[Statement, list[str]] = {}
    for link in links:
        count += 1
        gap = days_apart(corpus, link.source, link.target)
        apart = f"   {counted(gap, 'day')} apart" if gap else ""
        judged = f"  ({link.verdict})" if link.verdict else ""  # docs/judgements.md
        lines.append(f"{link.grade:<8} {link.score:5.1f}{apart}{judged}")
        for statement in (link.source, link.target):
            found = laid_out.get(statement)
            if found is None:
                if len(laid_out) >= 50_000:
                    laid_out.clear()
                found = laid_out[statement] = _statement_lines(corpus, statement, width, short)
            lines += found
        if why is not None:
            lines += _why_lines(corpus, why(link), width)
        lines.append("")
    if not count:
        return "no links\n"
    lines.append(counted(count, "link"))
    return "\n".join(lines) + "\n"


def days_apart(corpus: Corpus, one: Statement, other: Statement) -> int | None:
    """How many days lie between the two statements' articles, when both are dated."""
    import datetime

    dates = []
    for statement in (one, other):
        article = corpus.article(statement.article_id)
        try:
            dates.append(datetime.date.fromisoformat(article.date or "" if article else ""))
        except ValueError:
            return None
    return abs((dates[0] - dates[1]).days)


def _statement_lines(corpus: Corpus, statement: Statement, width: int, short: bool) -> list[str]:
    article = corpus.article(statement.article_id)
    outlet = article.outlet_label if article else "?"
    date = (article.date if article else None) or "undated"
    span = statement.span
    # escaped before laying out, so widths count what the terminal will show
    head = visible(
        f"  {statement.article_id} ({outlet}, {date}) {span.start}-{span.end}: ", one_line=True
    )
    text = visible(" ".join(statement.text.split()), one_line=True)
    if short:
        if not width:
            return [head + text]
        # The whole line shortened, so a long head leaves the text less room, not more.
        return ["  " + textwrap.shorten(head + text, max(width - 2, 20), placeholder=" ...")]
    return _wrapped(head + text, width)


def _why_lines(corpus: Corpus, why: Why, width: int) -> list[str]:
    # Catalogue names are corpus text too: escaped before laying out.
    shared = ", ".join(dict.fromkeys(term.shown for term in why.shared))
    lines = _wrapped(visible("  shared: " + shared, one_line=True), width)
    if why.conflicts:

        def values(specifics) -> str:
            names = []
            for specific in specifics:
                entity = corpus.entity(specific.value) if specific.kind == "place" else None
                names.append(entity.name if entity else specific.value)
            return ", ".join(dict.fromkeys(names))

        conflicts = "; ".join(
            f"{c.kind} {values(c.source)} / {values(c.target)}" for c in why.conflicts
        )
        line = f"  conflicts (score x{why.score_factor:g}): {conflicts}"
        lines += _wrapped(visible(line, one_line=True), width)
    return lines


def _wrapped(text: str, width: int) -> list[str]:
    if not width:
        return [text]
    return textwrap.wrap(
        text,
        width,
        subsequent_indent=_INDENT,
        break_on_hyphens=False,
        drop_whitespace=True,
    ) or [text]


def coverage_table(rows: list[EntityCoverage], outlets: list[str], width: int = 100) -> str:
    """One row per entity: name, type, total, then its mentions in each outlet."""
    counts = [[str(row.by_outlet.get(o, 0) or "-") for o in outlets] for row in rows]
    outlets = [visible(o, one_line=True) for o in outlets]  # corpus text: no controls
    body = [
        [
            visible(row.name, one_line=True),
            row.type,
            str(row.total),
            *row_counts,
        ]
        for row, row_counts in zip(rows, counts, strict=True)
    ]
    header = ["entity", "type", "total", *outlets]
    natural = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    widths = _fit(header, body, natural, width)
    shown = len(widths)
    lines = []
    for cells in [header[:shown], *(r[:shown] for r in body)]:
        lines += _table_row(cells, widths)
    left_out = outlets[shown - 3 :]
    if left_out:
        lines.append("")
        lines += _wrapped(
            f"{counted(len(left_out), 'outlet')} left out to fit "
            f"{width} columns ({', '.join(left_out)}); --width 0 or --format csv shows "
            "every outlet",
            width,
        )
    return "\n".join(lines) + "\n"


def _fit(header: list[str], body: list[list[str]], natural: list[int], width: int) -> list[int]:
    """Column widths that fit `width`: the name column gives way first (down to
    `_COMFORTABLE_NAME`), then the outlet headers wrap to their longest word, then
    the name column gives way further, then outlets are left out."""
    if not width or _total(natural) <= width:
        return natural
    widths = list(natural)
    if width - _total(widths[1:]) - len(_GAP) < _COMFORTABLE_NAME:
        # Numbers never wrap; an outlet's header wraps at its words.
        for i in range(3, len(widths)):
            longest_word = max((len(word) for word in header[i].split()), default=1)
            widths[i] = max(max((len(r[i]) for r in body), default=1), longest_word)
    while len(widths) > 3 and width - _total(widths[1:]) - len(_GAP) < _MIN_NAME_WIDTH:
        widths.pop()
    widths[0] = max(min(natural[0], width - _total(widths[1:]) - len(_GAP)), _MIN_NAME_WIDTH)
    return widths


def _total(widths: list[int]) -> int:
    return sum(widths) + len(_GAP) * (len(widths) - 1)


def _table_row(cells: list[str], widths: list[int]) -> list[str]:
    columns = [
        textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
        for cell, w in zip(cells, widths, strict=True)
    ]
    lines = []
    for n in range(max(len(c) for c in columns)):
        parts = []
        for i, (column, w) in enumerate(zip(columns, widths, strict=True)):
            piece = column[n] if n < len(column) else ""
            parts.append(piece.ljust(w) if i < 2 else piece.rjust(w))
        lines.append(_GAP.join(parts).rstrip())
    return lines
