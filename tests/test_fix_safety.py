"""Per-finding fix safety: what --fix may change on its own, and what it must leave to a human.

Found by running `newslint check --diff` over the clean news corpus (../shared/corpus/clean):
each case below was a safe fix that would have changed correct published text.
"""

from __future__ import annotations

from conftest import lint
from newslint.diagnostics import Applicability
from newslint.fixes import fix_text

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE

LONG = "The council met for three hours on Monday evening and agreed the budget for the coming year after a long debate"


def _fixes(text: str, code: str) -> list[Applicability]:
    return [d.fix.applicability for d in lint(text) if d.code == code and d.fix]


def _fixed(text: str) -> str:
    return fix_text(text, lambda t: lint(t)).text


def test_repeat_across_a_paragraph_break_is_not_reported() -> None:
    # One paragraph per line (news style): a headline ending with the word the story starts with.
    text = f"Council approves new bridge plans\nPlans for the bridge were approved. {LONG}.\n"
    assert _fixes(text, "NL401") == []
    assert _fixed(text) == text


def test_repeat_across_a_line_break_in_a_wrapped_paragraph_is_unsafe() -> None:
    text = "The mayor said the\nthe budget was fair.\n\nNext paragraph here.\n"
    assert _fixes(text, "NL401") == [UNSAFE]
    assert _fixed(text) == text


def test_repeat_on_one_line_is_still_safe() -> None:
    assert _fixes("The mayor said the the budget was fair.", "NL401") == [SAFE]


def test_lowercase_after_exclamation_or_question_mark_is_unsafe() -> None:
    # Titles end with "!" or "?" in mid-sentence.
    assert _fixes("They sang Help! which was the hit of the night.", "NL201") == [UNSAFE]
    assert _fixes("The song Where Is Love? is on the album.", "NL201") == [UNSAFE]


def test_lowercase_after_an_abbreviation_in_brackets_is_never_a_safe_fix() -> None:
    # A period inside a parenthesis opened mid-sentence ends an abbreviation: not reported at all
    # (tests/test_sentence_start.py); one that follows a sentence end is reported as unsafe.
    assert _fixes("Senator Ann Lee (D-Ore.) said the bill would pass.", "NL201") == []
    assert _fixes("He left early. (Nobody saw him go.) then the lights went out.", "NL201") == [UNSAFE]


def test_lowercase_after_a_plain_period_or_at_a_paragraph_start_is_safe() -> None:
    assert _fixes("the rally ended. the crowd went home.", "NL201") == [SAFE, SAFE]
    assert _fixed("the rally ended. the crowd went home.") == "The rally ended. The crowd went home."

