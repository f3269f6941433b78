"""Spacing rules: should-flag and should-not-flag cases."""

import pytest

from conftest import lint


def spans(text, code):
    return [(d.start, d.end, text[d.start:d.end]) for d in lint(text, select=[code])]


@pytest.mark.parametrize("text", ["We were together then,and we remain.", "He stated,highlighting it.", "In 2019,the bank fell."])
def test_comma_flags(text):
    found = lint(text, select=["NL301"])
    assert len(found) == 1 and text[found[0].start] == ","
    assert found[0].fix.edits[0].replacement == " "


@pytest.mark.parametrize("text", ["It cost 1,000 dollars.", "Paris, France.", "A list: a, b, c,", "Ends with a comma,\nnext line."])
def test_comma_quiet(text):
    assert lint(text, select=["NL301"]) == []


@pytest.mark.parametrize("text,word", [("We remain together now.The parade starts.", "now"), ("It grew 5%.Shares rose.", "5%")])
def test_period_flags(text, word):
    found = lint(text, select=["NL302"])
    assert len(found) == 1
    assert text[found[0].start - len(word):found[0].start] == word


@pytest.mark.parametrize("text", [
    "The U.S. Treasury said so.", "He met Mr. Smith.", "J.K. Rowling wrote it.", "Growth was 2.5 percent.",
    "See example.com for details.", "Open report.PDF now.", "Visit www.bbc.co.uk.News today.", "The U.S.Treasury met.",
])
def test_period_quiet(text):
    assert lint(text, select=["NL302"]) == []


def test_other_punctuation():
    assert [t for *_, t in spans("He asked why?The answer came.", "NL303")] == ["?"]
    assert [t for *_, t in spans("There were two;both left.", "NL303")] == [";"]
    assert lint("The meeting at 10:30 ended 3:1 and see https://x.org/a:b now.", select=["NL303"]) == []


def test_space_before_punctuation():
    text = "Mutiny on the Bounty . Maggie Cheung , and others ; fine... and ok ..."
    found = spans(text, "NL304")
    assert len(found) == 3
    assert all(t.strip() == "" for *_, t in found)


def test_multiple_spaces_and_trailing():
    text = "The  parade starts.   \nNext line\t\nok"
    assert [t for *_, t in spans(text, "NL305")] == ["  "]
    assert [t for *_, t in spans(text, "NL306")] == ["   ", "\t"]
    assert lint("Indented\n    line here.", select=["NL305"]) == []


def test_markdown_hard_break_kept():
    assert lint("Line with break  \nnext", path="a.md", select=["NL306"]) == []


@pytest.mark.parametrize("text", [
    '"It was a strange match . . . momentum swings," he said.',
    "He paused . . . . and went on.",
])
def test_spaced_ellipsis_is_not_space_before_punctuation(text):
    assert lint(text, select=["NL304"]) == []


def test_brand_shaped_capitalised_word_period_capitalised_non_word_is_reported_but_unsafe():
    from newslint.diagnostics import Applicability
    for text in ("Providers such as TalkTalk and One.Tel, which route calls.", "He searched with Ask.Jeeves today."):
        found = lint(text, select=["NL302"])
        assert len(found) == 1 and found[0].fix.applicability == Applicability.UNSAFE, text
    for text in ("We remain together now.The parade starts.", "They met on Tuesday.The two leaders spoke.",
                 "He lives in London.Police said so."):
        found = lint(text, select=["NL302"])
        assert len(found) == 1 and found[0].fix.applicability == Applicability.SAFE, text


def test_fix_keeps_brand_with_period_and_spaced_ellipsis():
    from newslint.fixes import fix_text
    text = 'Such as TalkTalk and One.Tel, which route calls. "A strange match . . . momentum swings."\n'
    assert fix_text(text, lambda t: lint(t)).text == text
