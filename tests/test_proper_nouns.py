"""NL202 lowercase-proper-noun and NL203 lowercase-acronym."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability
from tests.conftest import lint


def found(text: str, code: str = "NL202"):
    return [(text[d.start:d.end], d.suggestions[0], d.fix.applicability) for d in lint(text, select=[code])]


@pytest.mark.parametrize("text, wrong, right", [
    ("Heads of state, including north korean leader Kim Jong-un, came.", "north korean", "North Korean"),
    ("He praised the russia-China alliance.", "russia", "Russia"),
    ("New deals between gazprom and Chinese firms were signed.", "gazprom", "Gazprom"),
    ("About 2,000 North korean soldiers were killed.", "korean", "Korean"),
    ("The firm moved to New york last year.", "york", "York"),
    ("Exports to West german buyers fell.", "german", "German"),
    ("The talks in moscow ended on monday.", "moscow", "Moscow"),
])
def test_flags_lowercase_names_with_a_safe_fix(text, wrong, right):
    hits = found(text)
    assert (wrong, right, Applicability.SAFE) in hits


def test_common_noun_names_need_evidence():
    # "china" the porcelain, "turkey" the bird, "polish" the verb: no evidence, no finding.
    assert found("She set out the best china and a roast turkey, then began to polish the silver.") == []


def test_common_noun_name_with_evidence_is_flagged_unsafely():
    text = "Russia and China met. Officials in China said so. Keywords: Putin, china, Russia."
    assert found(text) == [("china", "China", Applicability.UNSAFE)]


def test_frequent_words_are_never_flagged():
    text = "Theresa May spoke. Mrs May said she may go. The US said it would help us."
    assert found(text) == []
    assert found(text, "NL203") == []


def test_house_styles_are_not_flagged():
    assert found("He lives in east London and travelled to south Asia and western Europe.") == []
    assert found("Trade with the Netherlands rose.") == []


def test_document_evidence_for_unknown_names():
    text = "The deal with Shearson is done, Shearson said. Investors sell shearson shares."
    assert found(text) == [("shearson", "Shearson", Applicability.UNSAFE)]


def test_sentence_start_is_left_to_the_sentence_rule():
    assert found("russia said so.") == []


def test_quotation_makes_the_fix_unsafe():
    assert found('He said "we trade with russia" on Monday.') == [("russia", "Russia", Applicability.UNSAFE)]


def test_lowercase_acronym():
    assert found("The nato summit and opec output.", "NL203") == [
        ("nato", "NATO", Applicability.SAFE), ("opec", "OPEC", Applicability.SAFE)]


def test_acronym_shaped_words_are_left_alone():
    # "un" in a name, "who" and "us" (ordinary words), "abcd" (unknown to the lexicon).
    assert found("Kim Jong-un met the abcd delegates who asked us.", "NL203") == []
    assert found("Kim Jong-un met the sco delegates.", "NL203") == [("sco", "SCO", Applicability.SAFE)]


def test_project_lexicon_names_are_known(tmp_path):
    lex = tmp_path / "lex.txt"
    lex.write_text("Druzhba\n", encoding="utf-8")
    text = "Oil flows through the druzhba pipeline."
    assert found(text, "NL202") == []
    hits = [(text[d.start:d.end], d.suggestions[0]) for d in lint(text, select=["NL202"], lexicon=str(lex))]
    assert hits == [("druzhba", "Druzhba")]
