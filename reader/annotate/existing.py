"""What a corpus already holds, read cheaply from its files, so an import skips what it
has (the same URL, the same text, the same record) and resumes where it stopped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from hashlib import blake2b
from pathlib import Path

from reader.annotate.draft import Draft
from reader.corpus import RAW_DIR, article_files
from reader.rawtext import content_lines

_FIELD = re.compile(
    r"^(id|source|url|original|record):[ \t]*[\"']?([^\"'\n#]*?)[\"']?[ \t]*$", re.M
)


def text_digest(text: str) -> str:
    """The same for two texts that differ only in the white space the format normalises."""
    lines = "\n".join(line for _, line in content_lines(text.removeprefix("\ufeff")))
    return blake2b(lines.encode("utf-8"), digest_size=16).hexdigest()


def slug(text: str) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return value[:40].strip("-")


@dataclass
class ExistingArticles:
    root: Path
    ids: set[str] = field(default_factory=set)
    sources: dict[str, Path] = field(default_factory=dict)  # raw text name -> article
    urls: dict[str, Path] = field(default_factory=dict)
    digests: dict[str, Path] = field(default_factory=dict)
    records: dict[tuple[str, int | None], Path] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> ExistingArticles:
        found = cls(root)
        for path in article_files(root):
            found.ids.add(path.stem)
            try:
                text = path.read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                continue
            fields: dict[str, str] = {}
            for match in _FIELD.finditer(text):
                fields.setdefault(match.group(1), match.group(2))
            if "id" in fields:
                found.ids.add(fields["id"])
            source = fields.get("source")
            if source:
                found.sources[source] = path
                found._digest_raw(source, path)
            if fields.get("url"):
                found.urls[fields["url"]] = path
            if fields.get("original"):
                record = fields.get("record")
                number = int(record) if record and record.isdigit() else None
                found.records[(fields["original"], number)] = path
        return found

    def _digest_raw(self, source: str, article: Path) -> None:
        raw = self.root / RAW_DIR / source
        if Path(source).name != source or not raw.is_file():
            return
        try:
            text = raw.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return
        self.digests.setdefault(text_digest(text), article)

    def duplicate_of(self, url: str | None, digest: str) -> str:
        """Why an item is already in the corpus ("" when it is not)."""
        if url and url in self.urls:
            return f"same URL as {self.urls[url]}"
        if digest in self.digests:
            return f"same text as {self.digests[digest]}"
        return ""

    def add(self, article_id: str, path: Path, source: str, url: str | None, digest: str) -> None:
        self.ids.add(article_id)
        self.sources[source] = path
        if url:
            self.urls[url] = path
        self.digests[digest] = path

    def new_id(self, draft: Draft, path: Path) -> str:
        """Outlet and date when both are known, else the outlet, else the file name."""
        base = slug(draft.outlet) if draft.outlet else ""
        if base and draft.date:
            base = f"{base}-{draft.date}"
        base = base or slug(path.stem) or "article"
        candidate, n = base, 1
        while candidate in self.ids or (self.root / f"{candidate}.yaml").exists():
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate
