"""The inputs of `reader import` as tasks: page files to annotate, records and feed
entries read here (they are quick to read), and what is skipped or refused at once."""

from __future__ import annotations

import os
from hashlib import blake2b
from pathlib import Path

from reader.annotate.existing import ExistingArticles
from reader.annotate.import_work import Task
from reader.annotate.raw_input import read_raw
from reader.annotate.sources import BadInput, SourceItem, kind_of
from reader.corpus import RAW_DIR

Early = tuple[str, str, str]  # (label, problem, why skipped): settled without annotating


def original_name(path: Path, data: bytes, raw_dir: Path) -> str:
    """The original's name in raw/: its own, unless raw/ holds other bytes under it."""
    name = path.name
    target = raw_dir / name
    try:
        if not target.exists() or (target.is_file() and target.read_bytes() == data):
            return name
    except OSError:
        pass
    stem, suffix = os.path.splitext(name)
    return f"{stem}-{blake2b(data, digest_size=4).hexdigest()}{suffix}"


def read_inputs(
    files: list[Path], mapping: dict[str, str], existing: ExistingArticles
) -> tuple[list[Task], list[Early]]:
    tasks: list[Task] = []
    early: list[Early] = []
    raw_dir = existing.root / RAW_DIR
    for path in files:
        kind = kind_of(path)
        problems: list[str] = []
        data = read_raw(path, problems, text=kind == "text")
        if data is None:
            early.append((str(path), problems[0], ""))
            continue
        if kind == "text":
            done = existing.sources.get(path.name)
            raw = raw_dir / path.name
            if done is not None and raw.is_file() and raw.read_bytes() == data:
                early.append((str(path), "", f"already imported as {done}"))
            else:
                tasks.append(Task(str(path), path, "text"))
            continue
        original = original_name(path, data, raw_dir)
        if kind == "html":
            done = existing.records.get((original, None))
            if done is not None:
                early.append((str(path), "", f"already imported as {done}"))
            else:
                tasks.append(Task(str(path), path, "html", text_name=f"{path.stem}.txt"))
                tasks[-1].original = original
            continue
        try:
            for number, item in _records(path, data, kind, mapping):
                label = f"{path}:record {number}"
                if isinstance(item, BadInput):
                    early.append((label, f"{label}: {item}", ""))
                    continue
                item.original = original
                done = existing.records.get((original, number))
                if done is None and item.metadata.url:
                    done = existing.urls.get(item.metadata.url)
                if done is not None:
                    early.append((label, "", f"already imported as {done}"))
                    continue
                tasks.append(Task(label, None, "item", item))
        except BadInput as error:
            early.append((str(path), str(error), ""))
    return tasks, early


def _records(path: Path, data: bytes, kind: str, mapping: dict[str, str]):
    if kind == "feed":
        from reader.annotate.sources.feeds import feed_items

        yield from feed_items(path, data, path.stem)
        return
    from reader.annotate.sources.records import read_records, record_item

    for number, record in read_records(path, data):
        if isinstance(record, BadInput):
            yield number, record
            continue
        try:
            yield number, record_item(path, number, record, mapping, f"{path.stem}-{number}.txt")
        except BadInput as error:
            yield number, error


__all__ = ["read_inputs", "SourceItem"]
