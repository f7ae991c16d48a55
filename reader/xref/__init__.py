"""Cross-references: statements matched across outlets, graded, with their differences.

The public API; see docs/xref.md for how links are graded.
"""

from reader.model import LinkGrade
from reader.statements import segment_article
from reader.xref.copies import Copies
from reader.xref.crossref import Carried, Cluster, CrossReference, HowCarried, cross_reference
from reader.xref.diff import DiffOp, DiffTag, aligned_spans, link_diff, word_diff
from reader.xref.entities import EntityCoverage, entity_coverage, resolve_alias
from reader.xref.score import grade_rank
from reader.xref.settings import DEFAULT_SETTINGS, XrefSettings
from reader.xref.terms import Specific
from reader.xref.why import Conflict, SharedTerm, Why

__all__ = [
    "DEFAULT_SETTINGS",
    "SharedTerm",
    "Specific",
    "Why",
    "Carried",
    "Cluster",
    "Conflict",
    "Copies",
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
    "link_diff",
    "resolve_alias",
    "segment_article",
    "word_diff",
]
