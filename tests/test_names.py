"""NL102 misspelled-name: a near-miss of a name the article or the project lexicon uses more often."""

from __future__ import annotations

from newslint.diagnostics import Applicability
from tests.conftest import lint


def found(text: str, **kw):
    return [(text[d.start:d.end], d.suggestions[0], d.fix.applicability) for d in lint(text, select=["NL102"], **kw)]


def test_transposed_name_in_the_article():
    # Written twice, the variant once, 7 letters, no other name one edit away: a safe fix
    # (the full policy: tests/test_fix_policy.py).
    text = "Xi Jinping met Putin. Xi Jinping said so. Later Xi Jinpnig left."
    assert found(text) == [("Jinpnig", "Jinping", Applicability.SAFE)]


def test_name_variants_by_deletion_and_swap():
    text = ("Lukashenko spoke. Lukashenko was there. Lukashneko left. "
            "The Druzhba pipeline, the Druzhba route and the Druzbha link.")
    assert {w for w, _, _ in found(text)} == {"Lukashneko", "Druzbha"}


def test_not_flagged_without_evidence():
    assert found("Robert Fico met Masoud Pezeshkian and Alexander Lukashenko.") == []


def test_inflections_and_dictionary_words_are_not_names():
    assert found("Putin and Putin's aides. The Putins. Korea and Korean troops. Korea said.") == []
    assert found("Standard Life and Life shares and Life's board backed Liffe.") == []


def test_quoted_name_is_display_only():
    text = 'Xi Jinping met Putin. Xi Jinping said: "Jinpnig is fine."'
    assert found(text) == [("Jinpnig", "Jinping", Applicability.DISPLAY_ONLY)]


def test_project_lexicon_supplies_the_name(tmp_path):
    lex = tmp_path / "lex.txt"
    lex.write_text("# === learned: rewritten by each `newslint learn` run (word, count, kind) ===\n"
                   "Lukashenko\t40\tname\nAlan\t12\tname\n", encoding="utf-8")
    text = "Belarus leader Alexander Lukashneko spoke to Alain."
    hits = found(text, lexicon=str(lex))
    # A swap of two letters is a typo; "Alain" vs "Alan" is another name.
    assert hits == [("Lukashneko", "Lukashenko", Applicability.UNSAFE)]


def test_misspelling_of_a_word_the_article_uses_only_as_a_name():
    text = ("Labour said the plan was costed. Voters trust Labour on health, and Labour leads. "
            "A Lavour spokesman disagreed.")
    assert found(text) == [("Lavour", "Labour", Applicability.SAFE)]
    swapped = text.replace("Lavour", "Laboru")
    assert found(swapped) == [("Laboru", "Labour", Applicability.SAFE)]


def test_a_word_also_used_in_lowercase_or_a_brand_made_from_it_is_not_a_misspelled_name():
    # the article uses "labour" as an ordinary word too: "Lavour" is no evidence of a name slip
    assert found("Labour said so. Voters trust Labour and Labour leads. Child labour fell. A Lavour aide spoke.") == []
    # a letter added to a word is how brands are made ("Liffe" beside "Standard Life")
    assert found("Standard Life and Life shares rose while Life's board backed Liffe.") == []


def test_dropped_letter_of_a_double_is_a_slip_not_an_inflection():
    text = "Graeme Souness spoke. Souness said the club would act. Souness added that Sounes was wrong."
    assert found(text) == [("Sounes", "Souness", Applicability.SAFE)]
    assert found("Putin and Putin's aides. The Putins. Korea and Korean troops. Korea said.") == []
