"""Reporting verbs (reader.language.reporting)."""

from reader.language import ATTRIBUTING, REPORTING_VERBS, reporting_forms


def test_every_verb_is_listed_once_with_its_forms():
    lemmas = [verb.lemma for verb in REPORTING_VERBS]
    assert len(lemmas) == len(set(lemmas))
    forms = reporting_forms()
    assert len(forms) == len(set(forms))
    assert {"said", "says", "saying", "according to", "pointed out", "went on to say"} <= set(forms)


def test_base_forms_that_read_as_nouns_are_not_forms():
    forms = set(reporting_forms())
    assert not {"claim", "report", "note", "comment", "demand"} & forms


def test_verbs_that_only_attribute_are_told_apart():
    assert {"say", "add", "accord", "point"} <= ATTRIBUTING
    assert not {"warn", "urge", "promise"} & ATTRIBUTING


def test_forms_are_chosen_by_lemma_and_ending():
    assert reporting_forms("say", ending="ing") == ["saying"]
    assert reporting_forms("add", "stress", ending="ed") == ["added", "stressed"]
