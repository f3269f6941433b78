"""NL101 misspelling: what it flags, what it must leave alone, and how sure its fixes are."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Applicability
from newslint.rules.spelling import confident, derivable, edits1
from tests.conftest import lint


def nl101(text: str, **kw):
    return [d for d in lint(text, select=["NL101"], **kw)]


@pytest.mark.parametrize("text, word, right", [
    ("Relations with othre European leaders were strained.", "othre", "other"),
    ("The paiment was made on Tuesday.", "paiment", "payment"),
    ("It would have cost the governmet seven billion dollars.", "governmet", "government"),
    ("The software stopped the progam being caught.", "progam", "program"),
    ("Officials said the authorites had agreed.", "authorites", "authorities"),
    ("They protected the utilties'investments.", "utilties", "utilities"),
])
def test_flags_typos_with_the_right_suggestion(text, word, right):
    found = nl101(text)
    assert [text[d.start:d.end] for d in found] == [word]
    assert found[0].suggestions[0] == right


@pytest.mark.parametrize("text", [
    "Russia's and Beijing’s leaders’ plans didn't change; we’ve seen it, they'd say.",
    "The China-Russia summit was a large-scale, long-term, co-ordinated affair.",
    "Pope John Paul II spoke of WWII and of Louis XIV.",
    "The SCO, NATO, AFP and the U.S. were there, as was the UN.",
    "It was the 79th anniversary in 1959; prices rose 15% to £4.8bn, or $2 a share.",
    "Write to desk@example.com, see https://example.com/x or follow @newsdesk and #election.",
    "She bought an iPhone on eBay from McDonald's staff.",
    "Slovakian Prime Minister Robert Fico discussed the Druzhba pipeline with Masoud Pezeshkian.",
    "The colour of the organisation's defence programme was criticised at the centre.",
    "Turnover was 12 mln dlrs, up 3 pct, or 40 cts a share; the bn figure in stg fell 10 km.",
    "Carmakers and drugmakers hired frontmen; aggregators and downloaders face cybercrime.",
    "The renationalisation, delisting and deregistration of 18-year-olds' add-ons continued.",
    "He met his protege at a cafe; the entree was per annum, de facto and bona fide.",
    "She leant on the railing and learnt the lesson.",
])
def test_leaves_news_prose_alone(text):
    assert nl101(text) == []


def test_min_length_option_skips_short_words():
    assert nl101("The xq was there.") == []  # default min-length 3
    assert [d.code for d in nl101("The xqz was there.", rules={"NL101": {"min-length": 4}})] == []
    assert [d.code for d in nl101("The xqzv was there.", rules={"NL101": {"min-length": 4}})] == ["NL101"]


def test_capitalized_unknown_words_are_names_not_typos():
    assert nl101("Talks with Lee Seong-kweun and Kim Jong-un and Li Ka-shing ended.") == []


def test_confident_fix_is_safe_in_prose():
    (d,) = nl101("Relations with othre leaders.")
    assert d.fix is not None and d.fix.applicability == Applicability.SAFE
    assert d.fix.edits[0].replacement == "other"


def test_fix_inside_a_quotation_is_safe_only_for_a_transcription_slip():
    # Quoted speech: the speaker did not type "othre"; the confident correction is safe.
    (d,) = nl101('He said: "relations with othre leaders are good."')
    assert d.fix is not None and d.fix.applicability == Applicability.SAFE
    # A short quotation is a term being mentioned, not speech: its spelling may be the point.
    (d,) = nl101('Critics dubbed it "othre leaders" at once.')
    assert d.fix is not None and d.fix.applicability == Applicability.UNSAFE


def test_fix_is_unsafe_in_a_headline():
    found = nl101("Talks with othre leaders\n\nThe talks ended on Tuesday.\n")
    assert found and found[0].fix.applicability == Applicability.UNSAFE


def test_several_similar_candidates_give_display_only():
    # "xat" is one edit from "cat", "hat", "eat", "sat"...: no candidate stands out, so suggestions only.
    cands = [("cat", 100), ("cap", 90)]
    assert not confident(cands)
    (d,) = nl101("The xat sat on the mat.")
    assert d.fix is None or d.fix.applicability == Applicability.DISPLAY_ONLY


def test_candidates_the_article_uses_are_suggested_first():
    # "salse": "false" is the more frequent word, but this article is about sales.
    text = "Car sales fell in May. Dealers said salse would recover once sales taxes fell.\n"
    (d,) = nl101(text)
    assert list(d.suggestions[:2]) == ["sales", "false"]
    assert d.fix.applicability == Applicability.DISPLAY_ONLY
    # Without that evidence the general ranking stands.
    (d,) = nl101("Dealers said salse would recover.\n")
    assert list(d.suggestions[:2]) == ["false", "sales"]
    # A safe fix is never reordered: a sure correction needs the article's agreement anyway.
    (d,) = nl101("The paiment was made on Tuesday, the payment office said.\n")
    assert d.suggestions[0] == "payment" and d.fix.applicability == Applicability.SAFE


def test_confidence_definition():
    assert confident([("other", 500)])
    assert confident([("payment", 20000), ("raiment", 50)])
    assert not confident([("payment", 20000), ("raiment", 5000)])
    assert not confident([])


def test_user_dictionary_is_case_sensitive(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("frobnicate\nZorblax\n", encoding="utf-8")
    assert nl101("We frobnicate daily.", dictionaries=[str(words)]) == []
    assert [d.code for d in nl101("We frobnicatte daily.", dictionaries=[str(words)])] == ["NL101"]


def test_derivations_and_guard_against_typos():
    known = {"car", "makers", "nationalisation", "listing", "author", "ites", "authorities", "old"}.__contains__
    assert derivable("carmakers", known)
    assert derivable("renationalisation", known)
    assert derivable("delisting", known)
    assert not derivable("authorites", known)  # one edit from "authorities": a typo, not a compound
    assert "other" in edits1("othre")


def test_two_known_words_run_together_are_not_fixed_safely():
    # "turnround" (British) is "turn" + "round": maybe a closed compound the dictionary lacks
    (d,) = nl101("There would have to be a turnround with tangible results this year.")
    assert d.fix is not None and d.fix.applicability == Applicability.UNSAFE
    assert d.fix.edits[0].replacement == "turnaround"


# --- a capitalized slip at a sentence start ------------------------------------------------------

@pytest.mark.parametrize("slip,right", [("Teh", "The"), ("Thier", "Their"), ("Becuase", "Because"), ("Adn", "And")])
def test_swapped_letters_of_a_common_word_at_a_sentence_start(slip, right):
    text = f"The talks ended late. {slip} leaders met in Beijing on Monday.\n"
    found = [d for d in lint(text, select=["NL101"])]
    assert [(text[d.start:d.end], list(d.suggestions)) for d in found] == [(slip, [right])]
    assert found[0].fix.applicability.name == "UNSAFE"  # a one-off name is not impossible
    assert found[0].fix.edits[0].replacement == right


@pytest.mark.parametrize("text", [
    "Fico said the deal was done.\n",  # a name the lexicons know
    "Teh said the deal was done. Teh left at noon.\n",  # used twice: a name, not a slip
    "The talks ended. Officials said Teh would lead them.\n",  # capitalized mid-sentence: a name
    "Druzhba flows resumed on Monday.\n",  # unknown, but no swap gives a common word
    "Ahn said nothing.\n",  # one edit from "an", but not a swap of two letters
    "Thi said nothing.\n",  # swaps give no word of that frequency
])
def test_capitalized_words_that_are_not_sentence_start_slips(text):
    assert [d for d in lint(text, select=["NL101"]) if "sentence start" in d.message] == []


def test_a_sentence_start_slip_in_a_headline_is_left_alone():
    assert lint("Teh Summit Ends\n\nThe talks ended late.\n", path="a.md", select=["NL101"]) == []
