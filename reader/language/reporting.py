"""Reporting verbs: the words with which news attributes words to a speaker.

Each verb is listed once, by its lemma, with the forms in which it attributes speech
in running text ("said", "adds", "stressing", "according to"). A base form that reads
mostly as a noun ("a claim", "the report", "a note") is left out of its forms, and so
are forms that rarely attribute ("hoping"). The annotator finds cues by these forms;
the cross-referencer drops the lemmas of the verbs that only attribute (`ATTRIBUTING`):
news attributes every claim, so "said" ties any two statements of any story together,
while "warned", "urged" or "promised" also say what kind of claim was made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str  # as reader.xref's lemmatiser gives it ("emphasize", "accord")
    forms: tuple[str, ...]  # as printed, phrases included ("pointed out")
    attributes_only: bool  # only says who speaks: no term when statements are compared


# lemma: forms ("_" joins the words of a phrase). A "+" marks the verbs that stay
# terms when statements are compared: they say what kind of claim was made ("warned",
# "urged", "promised"), or, measured on the development set, linking does better
# with them kept ("argued", "confirmed": benchmarks/xref_devset.py).
_TABLE = """
say: say says said saying went_on_to_say
tell: tells told telling
add: adds added adding
note: notes noted noting
state: states stated stating
stress: stresses stressed stressing
emphasize: emphasizes emphasized emphasizing emphasises emphasised emphasising
explain: explains explained explaining
insist: insists insisted insisting
claim: claims claimed claiming
assert: asserts asserted asserting
underline: underlines underlined underlining
remark: remarked
recall: recalls recalled recalling
declare: declares declared
announce: announces announced
comment: commented
reiterate: reiterates reiterated reiterating
report: reports reported
point: pointed_out points_out pointing_out
accord: according_to According_to
argue+: argues argued arguing
underscore+: underscores underscored
conclude+: concludes concluded
write+: writes wrote
reply+: replies replied
respond+: responded
answer+: answered
observe+: observed
maintain+: maintained
acknowledge+: acknowledged
admit+: admitted
confirm+: confirms confirmed confirming
warn+: warns warned warning
urge+: urges urged urging
suggest+: suggests suggested
hope+: hopes hoped
believe+: believes
demand+: demands demanded
threaten+: threatened
promise+: promised
vow+: vowed
pledge+: pledged
advise+: advised advising
ask+: asked
call+: called_on calls_on calling_on called_for calls_for
"""


def _verbs() -> tuple[ReportingVerb, ...]:
    verbs = []
    for line in _TABLE.strip().splitlines():
        head, _, rest = line.partition(":")
        forms = [form.replace("_", " ") for form in rest.split()]
        act = head.endswith("+")
        verbs.append(ReportingVerb(head.rstrip("+"), tuple(forms), attributes_only=not act))
    return tuple(verbs)


REPORTING_VERBS = _verbs()
_BY_LEMMA = {verb.lemma: verb for verb in REPORTING_VERBS}
# The lemmas of the verbs that only attribute: evidence of nothing when statements
# are compared.
ATTRIBUTING = frozenset(verb.lemma for verb in REPORTING_VERBS if verb.attributes_only)


def reporting_forms(*lemmas: str, ending: str = "") -> list[str]:
    """The printed forms of the given verbs (all verbs when none is named) whose
    first word ends with `ending` ("ing" for the participles, "ed" for the past)."""
    verbs = [_BY_LEMMA[lemma] for lemma in lemmas] if lemmas else REPORTING_VERBS
    return [f for verb in verbs for f in verb.forms if f.split()[0].endswith(ending)]
