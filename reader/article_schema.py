"""The fields an article file may hold, and their types (docs/corpus-format.md)."""

from __future__ import annotations

import datetime as dt
import re

from reader.fields import Field
from reader.model import BlockKind
from reader.yamlsource import YamlList, YamlMap

PARAGRAPH_SEPARATOR = "\n\n"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# An article's address: http(s), a host, no white space or control characters.
URL_PATTERN = re.compile(r"^https?://[^\s/?#\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*$")

ARTICLE_FIELDS = {
    "id": Field((str,), True, "id: short-name"),
    "source": Field((str,), True, "source: raw-file-name.txt"),
    "outlet": Field((str, type(None)), True, "outlet: Outlet Name"),
    "outlet_note": Field((str,)),
    "date": Field((dt.date, str, type(None)), True, "date: 2016-09-28"),
    "date_note": Field((str,)),
    "notes": Field((str,)),
    # Where the article was published, and how its text was obtained (docs/import.md).
    "url": Field((str,)),
    "author": Field((str,)),
    "original": Field((str,)),
    "record": Field((int,)),
    "extractor": Field((str,)),
    "blocks": Field((YamlList,), True, "blocks: [- paragraph: ...]"),
}
BLOCK_KINDS = [kind.value for kind in BlockKind]
BLOCK_FIELDS = {kind: Field((str,)) for kind in BLOCK_KINDS} | {
    "line": Field((int,)),
    "mentions": Field((YamlList,)),
    "quotes": Field((YamlList,)),
}
ANCHOR_FIELDS = {
    "exact": Field((str,), True, "exact: the words as printed"),
    "prefix": Field((str,)),
    "suffix": Field((str,)),
    "occurrence": Field((int,)),
}
MENTION_FIELDS = ANCHOR_FIELDS | {
    "entity": Field((str,), True, "entity: entity-id"),
    "kind": Field((str,)),
}
QUOTE_FIELDS = ANCHOR_FIELDS | {
    "id": Field((str,), True, "id: q1"),
    "kind": Field((str,), True, "kind: direct"),
    "speaker": Field((str,)),
    "cue": Field((str, YamlMap)),
    "channel": Field((str,)),
    "continues": Field((str,)),
}
CUE_FIELDS = ANCHOR_FIELDS | {"block": Field((int,))}
