"""Records: one article per record in JSON Lines, a JSON array or CSV.

The layouts crawlers write are recognised by their field names: news-please
(`maintext`, `date_publish`, `source_domain`, `authors`), trafilatura's JSON (`text`,
`date`, `sitename`, `hostname`) and a plain header (`title`, `text`, `date`, `outlet`,
`url`). `--map text=body,outlet=media_name` names other fields. A bad record is
reported as `file:record N: ...`; the others are still imported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from reader.annotate.sources import BadInput, Metadata, SourceItem, page_text
from reader.annotate.sources.record_dates import parse_date

FIELDS = ("title", "text", "date", "outlet", "url", "author")
# Per field, the names the known layouts use, in order of preference.
LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("maintext", "text", "content", "raw_text"),
    "date": ("date_publish", "date", "published", "publish_date", "pubdate", "date_published"),
    "outlet": ("outlet", "sitename", "source_domain", "hostname", "source", "publisher"),
    "url": ("url", "source_url", "link"),
    "author": ("authors", "author"),
}
LAYOUT = {
    "maintext": "news-please",
    "date_publish": "news-please",
    "sitename": "trafilatura JSON",
    "hostname": "trafilatura JSON",
}


def parse_mapping(text: str | None) -> dict[str, str]:
    """`text=body,outlet=media_name` -> {"text": "body", "outlet": "media_name"}."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        ours, sep, theirs = part.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not sep or ours not in FIELDS or not theirs:
            raise ValueError(
                f"--map {part.strip()!r}: write FIELD=COLUMN, FIELD one of {', '.join(FIELDS)}"
            )
        mapping[ours] = theirs
    return mapping


def read_records(path: Path, data: bytes) -> Iterator[tuple[int, object | BadInput]]:
    """(record number from 1, the record or why it cannot be read), in file order."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"{path}: not UTF-8 (byte offset {error.start}); save it as UTF-8") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_records(path, text)
    elif suffix == ".json" and text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as error:
            where = f":{error.lineno}:{error.colno}"
            raise BadInput(f"{path}{where}: not valid JSON ({_reason(error)})") from None
        except RecursionError as error:
            raise BadInput(f"{path}: not valid JSON ({_reason(error)})") from None
        yield from enumerate(items, start=1)
    else:  # JSON Lines (also a .json file holding one object a line)
        number = 0
        for line in text.splitlines():
            if not line.strip():
                continue
            number += 1
            try:
                yield number, json.loads(line)
            except (json.JSONDecodeError, RecursionError) as error:
                yield number, BadInput(f"not valid JSON ({_reason(error)})")


def _reason(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return getattr(error, "msg", str(error))


def _csv_records(path: Path, text: str) -> Iterator[tuple[int, object]]:
    csv.field_size_limit(10_000_000)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(reader, start=1):
            if None in row:
                yield number, BadInput(f"more cells than the header has (line {reader.line_num})")
                continue
            yield number, row
    except csv.Error as error:
        raise BadInput(f"{path}:{reader.line_num}: not valid CSV ({error})") from None


def _value(record: dict, names: tuple[str, ...]) -> tuple[str | None, str | None]:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip(), name
    return None, None


def record_item(
    path: Path, number: int, record: object, mapping: dict[str, str], text_name: str
) -> SourceItem:
    """The page of one record; BadInput (without the file:record prefix) when unusable."""
    if not isinstance(record, dict):
        raise BadInput(f"not an object with fields (a {type(record).__name__})")
    values: dict[str, str | None] = {}
    used: dict[str, str] = {}
    for key in FIELDS:
        names = (mapping[key],) if key in mapping else LAYOUT_NAMES[key]
        values[key], name = _value(record, names)
        if name:
            used[key] = name
    if not values["text"]:
        wanted = mapping.get("text") or "/".join(LAYOUT_NAMES["text"])
        raise BadInput(
            f"no article text (no field {wanted}); name the text's field with --map text=FIELD"
        )
    date = None
    if values["date"]:
        date = parse_date(values["date"])
        if date is None:
            raise BadInput(
                f"{used['date']}: {values['date'][:40]!r} is not a date; "
                "give ISO dates (2016-09-29) or map another field with --map date=FIELD"
            )
    layout = next((LAYOUT[n] for n in used.values() if n in LAYOUT), "record")
    metadata = Metadata(
        title=values["title"],
        date=date,
        outlet=values["outlet"],
        url=values["url"],
        author=values["author"],
    )
    for key, name in used.items():
        if key != "text":
            metadata.notes[key] = f"field {name!r} of record {number} ({layout} layout)"
    return SourceItem(
        label=f"{path}:record {number}",
        name=text_name,
        text=page_text(values["title"], values["text"].splitlines()),
        original=path.name,
        original_path=path,
        record=number,
        metadata=metadata,
    )
