"""Cross-references: statements matched across outlets, graded, with their differences.

The public API; see docs/xref.md for how links are graded.
"""

from reader.model import LinkGrade
from reader.statements import segment_article
from reader.xref.crossref import Carried, Cluster, CrossReference, HowCarried, cross_reference
from reader.xref.diff import DiffOp, DiffTag, aligned_spans, word_diff
from reader.xref.entities import EntityCoverage, entity_coverage, resolve_alias
from reader.xref.score import grade_rank
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings

__all__ = [
    "DEFAULT_SETTINGS",
    "Carried",
    "Cluster",
    "CrossReference",
    "DiffOp",
    "DiffTag",
    "EntityCoverage",
    "HowCarried",
    "LinkGrade",
    "XrefSettings",
    "aligned_spans",
    "cross_reference",
    "entity_coverage",
    "grade_rank",
    "resolve_alias",
    "segment_article",
    "word_diff",
]
