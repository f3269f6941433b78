"""When a fix is safe: the policy of docs/fixing.md, one sure case and each doubtful case per rule.

Every case runs the real linter (default rules and lexicons) and, where the text changes,
``fix_text`` with safe fixes only, so a policy that breaks makes a test fail.
"""

from __future__ import annotations

import pytest

from conftest import lint
from newslint.diagnostics import Applicability
from newslint.fixes import fix_text

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY


def applicability(text: str, code: str) -> list[Applicability]:
    return [d.fix.applicability for d in lint(text) if d.code == code and d.fix]


def fixed(text: str) -> str:
    return fix_text(text, lambda t: lint(t)).text


# -- quotations: transcription slips are the reporter's ----------------------------------------

SPEECH = 'The minister spoke on Tuesday. "We have {} with our partners," she said.\n'


def test_typo_in_quoted_speech_is_a_safe_fix() -> None:
    text = SPEECH.format("agreed a new deal othre")
    assert applicability(text, "NL101") == [SAFE]
    assert fixed(text) == SPEECH.format("agreed a new deal other")


@pytest.mark.parametrize("text", [
    # a short quotation is a term being mentioned, not speech: its spelling may be the point
    'Fans call the new stadium "othre place" already.\n',
    # the speaker's own elision, transcribed on purpose
    'The fan said: "There was nothin\' we could do about it."\n',
    # reproduced as found, on purpose
    'The letter said: "We will work with othre [sic] partners."\n',
])
def test_quoted_word_that_may_be_deliberate_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL101") == [UNSAFE]
    assert fixed(text) == text


def test_sic_makes_a_typo_fix_unsafe_outside_quotations_too() -> None:
    text = "The sign promised othre [sic] bargains.\n"
    assert applicability(text, "NL101") == [UNSAFE]
    assert applicability("The sign promised othre bargains.\n", "NL101") == [SAFE]


def test_another_form_of_the_same_stem_is_not_a_sure_typo() -> None:
    # "trailblazed" is "trailblaze" + d; its correction "trailblazer" is the same stem + r:
    # more likely a word the dictionary lacks than a slip, in quotation or not.
    quoted = 'She said: "The ground that she trailblazed can now be followed by anyone."\n'
    assert applicability(quoted, "NL101") == [UNSAFE]
    assert fixed(quoted) == quoted
    prose = "The ground that she trailblazed can now be followed by anyone.\n"
    assert applicability(prose, "NL101") == [UNSAFE]


def test_repeated_word_in_quoted_speech_is_a_safe_fix() -> None:
    text = SPEECH.format("agreed the the deal")
    assert applicability(text, "NL401") == [SAFE]
    assert fixed(text) == SPEECH.format("agreed the deal")


@pytest.mark.parametrize("text", [
    # speakers double intensifiers on purpose
    'The coach said: "It was really really tough for all of us."\n',
    # a stranded preposition before a phrase that starts with it: grammatical speech
    'Moya said: "This is the moment I have been waiting for for years."\n',
    # a short quotation: a chant or slogan being mentioned
    'The crowd chanted "out out" as he left.\n',
])
def test_quoted_doubling_that_may_be_what_was_said_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL401") == [UNSAFE]
    assert fixed(text) == text


def test_lowercased_name_in_quoted_speech_is_a_safe_fix() -> None:
    text = 'The envoy said: "We will keep trading with russia this year."\n'
    assert applicability(text, "NL202") == [SAFE]
    assert fixed(text) == 'The envoy said: "We will keep trading with Russia this year."\n'


@pytest.mark.parametrize("text", [
    # no capital anywhere in the quotation: maybe a post or message reproduced as written
    'He posted: "we will keep trading with russia this year"\n',
    # a short quotation (a slogan, a name being mentioned)
    'Fans held signs reading "russia out" at the match.\n',
])
def test_lowercased_name_in_a_quotation_that_may_be_verbatim_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL202") == [UNSAFE]
    assert fixed(text) == text


def test_sentence_start_in_quoted_speech_is_a_safe_fix() -> None:
    text = 'He said: "It is over. the end came quickly."\n'
    assert applicability(text, "NL201") == [SAFE]
    assert fixed(text) == 'He said: "It is over. The end came quickly."\n'
    verbatim = 'He posted: "it is over. the end came quickly."\n'
    assert applicability(verbatim, "NL201") == [UNSAFE]
    assert fixed(verbatim) == verbatim


def test_dialect_change_in_a_quotation_stays_unsafe() -> None:
    # The speaker's word, not a slip: "colour" is right in British English.
    found = [d for d in lint('She said: "The colour of the flag matters to us."\n', dialect="en-US")
             if d.code == "NL103"]
    assert [d.fix.applicability for d in found] == [UNSAFE]


def test_sic_makes_a_repeated_word_fix_unsafe() -> None:
    assert applicability("The notice said the the [sic] office was shut.\n", "NL401") == [UNSAFE]
    assert applicability("The notice said the the office was shut.\n", "NL401") == [SAFE]
