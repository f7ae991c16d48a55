"""Language resources shared by the annotator (reader.annotate) and the
cross-referencer (reader.xref, reader.statements): each rule about English news text
is written here once, and tested once (tests/language/).

Sentences (`sentences.py`)
    `sentence_spans(text, start=0, end=None) -> list[Span]`: sentence boundaries from
    syntok, offsets into `text`, closing quotation marks kept with their sentence.

Names (`names.py`)
    `catalogue_aliases(entities, with_names=True) -> {form: entity id}`: the printed
    forms of a catalogue, each owned by the first entity that lists it.
    `AliasMatcher(owners)` (or `AliasMatcher.for_entities(entities)`):
    `.find(text, start=0, end=None) -> list[AliasMatch(alias, entity_id, span)]`,
    case-sensitive, whole words, longest first, no overlaps.
    `NearSpellings(owners, min_score=NEAR_SPELLING_SCORE)`:
    `.closest(spelling) -> NearSpelling(alias, entity_id, score) | None`, by
    rapidfuzz's ratio over `folded()` forms (no case, hyphens or double spaces).
    `NAME_PARTICLES`, `is_name_particle(word)`: "al", "bin", "von" ...

Calendar names (`calendar_names.py`, from the standard library's `calendar`)
    `MONTHS`, `WEEKDAYS` (English names), `month_of(word)` ("Sept." -> "September"),
    `month_number(word)`, and `MONTH_PATTERN`, `WEEKDAY_PATTERN` (regular expression
    alternatives of the names and their printed abbreviations).

Reporting verbs (`reporting.py`)
    `REPORTING_VERBS` (lemma, printed forms, whether the verb only attributes),
    `reporting_forms(*lemmas, ending="")`, and `ATTRIBUTING`: the lemmas of the verbs
    that say who speaks and nothing more ("say", "add", "according to").

Nothing here imports the annotator or the cross-referencer; both import this.
"""

from reader.language.calendar_names import (
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    month_number,
    month_of,
)
from reader.language.names import (
    NAME_PARTICLES,
    NEAR_SPELLING_SCORE,
    AliasMatch,
    AliasMatcher,
    NearSpelling,
    NearSpellings,
    catalogue_aliases,
    folded,
    is_name_particle,
)
from reader.language.reporting import (
    ATTRIBUTING,
    REPORTING_VERBS,
    ReportingVerb,
    reporting_forms,
)
from reader.language.sentences import sentence_spans

__all__ = [
    "ATTRIBUTING",
    "MONTHS",
    "MONTH_PATTERN",
    "NAME_PARTICLES",
    "NEAR_SPELLING_SCORE",
    "REPORTING_VERBS",
    "WEEKDAYS",
    "WEEKDAY_PATTERN",
    "AliasMatch",
    "AliasMatcher",
    "NearSpelling",
    "NearSpellings",
    "ReportingVerb",
    "catalogue_aliases",
    "folded",
    "is_name_particle",
    "month_number",
    "month_of",
    "reporting_forms",
    "sentence_spans",
]
