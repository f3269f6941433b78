"""NL405 unbalanced-quotes, NL406 unbalanced-brackets, NL407 mixed-quote-styles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import codes, lint, make_config
from newslint.document import Document
from newslint.engine import Linter
from newslint.diagnostics import Applicability
from newslint.fixes import fix_text


def _marks(text: str, code: str, path: str = "a.txt") -> list[str]:
    """The text of each finding of ``code`` with ten characters of context after it."""
    return [text[d.start:d.end + 10] for d in lint(text, path=path, select=[code])]


# --- NL405 -----------------------------------------------------------------------------------

def test_unclosed_quote_is_reported_at_its_opening_mark():
    text = "Putin said “we were always together then, and we remain together now.\nThe talks ended.\n"
    assert _marks(text, "NL405") == ["“we were al"]


def test_closing_quote_without_opener_is_reported():
    text = 'Police were already buried under plans that reassure nobody," said Mr Davis.\n'
    assert _marks(text, "NL405") == ['" said Mr D']


def test_new_opener_inside_an_open_quote_reports_the_first():
    text = 'He warned that "retirement programmes would need "significant" changes soon.\n'
    assert _marks(text, "NL405") == ['"retirement']


def test_quote_continued_into_next_paragraph_is_not_reported():
    text = ("“We were always together then,” he said. “We remain together now.\n"
            "“And we will stay together,” he added.\n")
    assert codes(text, select=["NL405"]) == []


def test_paragraphs_joined_on_one_line_keep_the_continuation_convention():
    text = ('"It was hard," he said. "I lost the first set. '
            '"But then I found a way out of there."\n')
    assert codes(text, select=["NL405"]) == []


def test_apostrophes_inches_and_balanced_quotes_are_fine():
    text = ("Russia's leaders' talks in the '90s used a 12\" screen, he said.\n"
            "Xi said the ties had “withstood the test” of time, calling it 'exemplary'.\n")
    assert codes(text, select=["NL405"]) == []


def test_single_quotes_checked_in_an_article_quoting_with_them():
    text = "Putin said ties are at an 'unprecedented level as the two met.\nXi agreed.\n"
    assert _marks(text, "NL405") == ["'unpreceden"]
    # With double quotes in the article, a lone ' is an elision ('bot nets), not a quotation.
    mixed = "Zombie or 'bot nets spread, the \"Honeynet\" group said.\n"
    assert codes(mixed, select=["NL405"]) == []


def test_quotes_in_markdown_code_are_ignored():
    text = 'Run `say "hello` to test.\n\nThe tool is "fine" now.\n'
    assert codes(text, path="a.md", select=["NL405"]) == []


# --- NL406 -----------------------------------------------------------------------------------

def test_unclosed_and_stray_brackets_are_reported():
    assert _marks("The Shanghai Cooperation Organisation (SCO summit opened.\n", "NL406") == ["(SCO summit"]
    assert _marks("The summit opened) on Monday.\n", "NL406") == [") on Monday"]
    assert _marks("The list [of names) was long.\n", "NL406") == ["[of names) ", ") was long."]


def test_balanced_brackets_enumerations_and_markdown_links_are_fine():
    assert codes("Companies (44) publish them (see page 3 [appendix]).\n", select=["NL406"]) == []
    assert codes("The plan has two parts: a) taxes and b) spending.\n", select=["NL406"]) == []
    assert codes("See [the report](https://example.com/a_(b)) for details.\n", path="a.md", select=["NL406"]) == []


# --- NL407 -----------------------------------------------------------------------------------

def test_mixed_quote_styles_is_off_by_default():
    from newslint.registry import get_rule

    text = "He said “yes” and she said \"no\" to the plan, it's said.\n"
    assert get_rule("NL407").default_enabled is False
    assert "NL407" not in codes(text)
    assert "NL407" in codes(text, select=["NL407"])


def test_mixed_quote_styles_reports_the_minority_with_fixes():
    text = "He said “yes” and “maybe” and she said \"no\" today.\n"
    found = lint(text, select=["NL407"])
    assert [text[d.start] for d in found] == ['"', '"']
    assert all(d.fix.applicability is Applicability.UNSAFE for d in found)
    fixed = fix_text(text, lambda t: lint(t, select=["NL407"]), minimum=Applicability.UNSAFE).text
    assert fixed == "He said “yes” and “maybe” and she said “no” today.\n"


def test_curly_minority_fix_is_safe_and_single_style_articles_are_fine():
    text = 'He said "yes" and "maybe" and she said “no” today.\n'
    found = lint(text, select=["NL407"])
    assert [text[d.start] for d in found] == ["“", "”"]
    assert all(d.fix.applicability is Applicability.SAFE for d in found)
    assert codes('He said "yes" and "no".\n', select=["NL407"]) == []
    assert codes("He said “yes” and it’s fine.\n", select=["NL407"]) == []


QUOTEY = st.lists(st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "he said", "12", " ", ". ", "\n\n", "\n", "'em", "Russia's",
    "leaders'", "(", "the talks", "x", "—",
]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(QUOTEY)
def test_nl405_visits_only_paragraphs_with_marks_and_finds_what_visiting_all_finds(text: str) -> None:
    """NL405 skips the paragraphs without a quotation mark of the kind it checks; visiting every
    paragraph (what it does when the paragraphs are not sorted and disjoint) finds the same."""
    from newslint.rules import balance

    linter = Linter(make_config(select=["NL405"]))
    doc = Document.from_text(text, "a.txt")
    got = list(balance.unbalanced_quotes.check(doc, linter.context))
    every = balance._paragraphs_with
    try:
        balance._paragraphs_with = lambda *args: None
        assert got == list(balance.unbalanced_quotes.check(doc, linter.context))
    finally:
        balance._paragraphs_with = every


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"“”«»„ 1a.,(—\n-!x', max_size=30))
def test_straight_mark_roles_read_from_the_memo_equal_the_roles_read_in_place(text: str) -> None:
    """Each straight mark's role comes from a memo of the characters around it: the same as
    reading them in the paragraph itself (a '"' after a digit that does not open is an inch mark)."""
    from newslint.rules.balance import _double_marks, _role

    expected = []
    for i, ch in enumerate(text):
        if ch in "“«„":
            expected.append((i, "open"))
        elif ch in "”»":
            expected.append((i, "close"))
        elif ch == '"' and not (i and text[i - 1].isdigit() and _role(text, i) != "open"):
            expected.append((i, _role(text, i)))
    assert _double_marks(text) == expected
