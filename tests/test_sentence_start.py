"""NL201 lowercase-sentence-start."""

import pytest

from conftest import lint
from newslint.diagnostics import Applicability


@pytest.mark.parametrize("text,word", [
    ("the Beijing summit has also served.", "the"),
    ("Kim arrived with Jong-un. south Korean officials said so.", "south"),
    ("First paragraph.\nwhile Beijing maintains a stance.", "while"),
    ("Really? yes, he said.", "yes"),
])
def test_flags(text, word):
    found = lint(text, select=["NL201"])
    assert [text[d.start:d.end] for d in found] == [word]
    assert found[0].fix.edits[0].replacement == word[0].upper()


@pytest.mark.parametrize("text", [
    "The U.S. economy grew.", "He met Mr. smith there.", "At 4 p.m. the meeting began.", "For example, e.g. this one.",
    '"Why?" he asked.', "“We will win!” she said.", "iPhone sales rose.", "He paused... and went on.",
    "It was 5 a.m. when it started.", "A headline\n\n", "He said: the end is near.",
])
def test_quiet(text):
    assert lint(text, select=["NL201"]) == []


def test_in_quote_safe_only_in_sentence_case_speech():
    # Quoted speech in sentence case: the capital after a full stop is typography.
    found = lint('He said: "It is over. the end came."', select=["NL201"])
    assert len(found) == 1 and found[0].fix.applicability == Applicability.SAFE
    # No capital anywhere in the quotation: maybe a message reproduced as written.
    found = lint('He posted: "it is over. the end came."', select=["NL201"])
    assert len(found) == 1 and found[0].fix.applicability == Applicability.UNSAFE


def test_wrapped_text_continuation_lines_not_flagged():
    text = "This is a hard-wrapped paragraph that continues\non the next line in lowercase as prose does.\n\nSecond paragraph.\n"
    assert lint(text, select=["NL201"]) == []


@pytest.mark.parametrize("text", [
    "Sen. David Boren (D-Okla.) said the bill would pass.",
    "Majority leader Robert Byrd (D-W.Va.) wants a vote.",
    "The group (founded in 1990 by Smith et al.) says otherwise.",
])
def test_abbreviation_inside_mid_sentence_parenthesis_is_not_a_sentence_end(text):
    assert lint(text, select=["NL201"]) == []


def test_parenthesised_sentence_after_a_sentence_end_still_ends_it():
    text = "He left early. (Nobody saw him go.) then the lights went out."
    found = lint(text, select=["NL201"])
    assert [text[d.start:d.end] for d in found] == ["then"]
    assert found[0].fix.applicability == Applicability.UNSAFE  # after ".)": reported, capitalized only by hand


@pytest.mark.parametrize("text,word", [
    ("The premiere of the musical Mamma Mia! which is based on their songs.", "which"),
    ("The single Do They Know It's Christmas? is expected to sell well.", "is"),
    ("He won! the crowd cheered.", "the"),
])
def test_lowercase_after_exclamation_or_question_is_reported_but_unsafe(text, word):
    found = lint(text, select=["NL201"])
    assert [text[d.start:d.end] for d in found] == [word]
    assert found[0].fix.applicability == Applicability.UNSAFE


def test_fix_leaves_title_with_exclamation_alone():
    from newslint.fixes import fix_text
    text = "The musical Mamma Mia! which is based on their songs opened.\n"
    out = fix_text(text, lambda t: lint(t, select=["NL201"]))
    assert out.text == text


def test_spaced_ellipsis_is_not_a_sentence_end():
    assert lint('"It was a strange match . . . momentum swings," he said.', select=["NL201"]) == []
    assert len(lint("It ended. . . . the next day began.", select=["NL201"])) == 0
