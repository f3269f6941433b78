"""NL402 duplicated-paragraph and NL403 duplicated-sentence."""

from __future__ import annotations

from conftest import lint
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.fixes import fix_text

P1 = "The two leaders met in Beijing on Tuesday ahead of the parade."
P2 = "Officials said the talks covered energy, trade and security cooperation."
P3 = "Analysts expect further agreements to be signed later this week."


def _find(text: str, code: str, path: str = "a.txt"):
    return [d for d in lint(text, path=path, select=[code])]


def _line(text: str, offset: int, path: str = "a.txt") -> int:
    return Document.from_text(text, path).lines.line_of(offset)


def test_exact_copy_is_reported_at_the_copy_pointing_at_the_first():
    text = f"{P1}\n{P2}\n{P3}\n{P2}\n"
    found = _find(text, "NL402")
    assert len(found) == 1
    assert _line(text, found[0].start) == 4
    assert "repeats line 2" in found[0].message
    assert found[0].fix.applicability is Applicability.SAFE


def test_copy_with_other_whitespace_and_quote_style_is_reported():
    a = "He said “we remain together now” and left the hall."
    b = "He said  \"we remain together now\"   and left the hall."
    found = _find(f"{a}\n{P1}\n{b}\n", "NL402")
    assert len(found) == 1 and "quote style aside" in found[0].message


def test_different_paragraphs_and_short_repeats_are_not_reported():
    assert _find(f"{P1}\n{P2}\n{P3}\n", "NL402") == []
    # A short repeated line is the boilerplate rule's business, not a duplicated paragraph.
    assert _find(f"{P1}\nAP reports\n{P2}\nAP reports\n", "NL402") == []
    # A near copy with a changed word is a different paragraph.
    assert _find(f"{P1}\n{P2}\n{P2.replace('energy', 'oil')}\n", "NL402") == []


def test_fix_removes_copy_in_blank_line_separated_text_and_keeps_one_blank_line():
    text = f"{P1}\n\n{P2}\n\n{P3}\n\n{P2}\n\nThe end of the story is here now.\n"
    out = fix_text(text, lambda t: lint(t, select=["NL402"]))
    assert out.text == f"{P1}\n\n{P2}\n\n{P3}\n\nThe end of the story is here now.\n"


def test_fix_removes_last_copy_and_keeps_the_final_newline():
    text = f"{P1}\n\n{P2}\n\n{P2}\n"
    out = fix_text(text, lambda t: lint(t, select=["NL402"]))
    assert out.text == f"{P1}\n\n{P2}\n"


def test_markdown_list_item_copy_is_removed_with_its_bullet():
    text = f"# Heading\n\n- {P1}\n- {P2}\n- {P1}\n"
    found = _find(text, "NL402", path="a.md")
    assert len(found) == 1 and _line(text, found[0].start, "a.md") == 5
    out = fix_text(text, lambda t: lint(t, path="a.md", select=["NL402"]))
    assert out.text == f"# Heading\n\n- {P1}\n- {P2}\n"


def test_html_copy_inside_shared_line_has_no_fix():
    text = f"<div><p>{P1}</p><p>{P1}</p></div>\n"
    found = _find(text, "NL402", path="a.html")
    assert len(found) == 1 and found[0].fix is None


def test_duplicated_sentence_is_reported_once():
    text = (f"{P1} {P2}\n"
            f"{P3}\n"
            f"Later the spokesman repeated it. {P2} Nothing else was said.\n")
    found = _find(text, "NL403")
    assert len(found) == 1
    d = found[0]
    assert text[d.start:d.end] == P2 and _line(text, d.start) == 3 and "line 1" in d.message
    out = fix_text(text, lambda t: lint(t, select=["NL403"]), minimum=Applicability.UNSAFE)
    assert out.text.count(P2) == 1 and "repeated it. Nothing else" in out.text


def test_duplicated_sentence_not_reported_for_short_sentences_copied_paragraphs_or_other_stories():
    short = "He declined to comment."
    assert _find(f"{P1} {short}\n{P3} {short}\n", "NL403") == []
    # Already a duplicated paragraph: NL402 reports it, NL403 stays silent.
    assert _find(f"{P1}\n{P2}\n{P1}\n", "NL403") == []
    # The same sentence in two stories of one file is not a duplicate within an article.
    text = (f"{P1} {P2}\n{P3}\nAnother line of the first story follows here.\nSecond story headline\n"
            f"LONDON (Reuters) - {P2}\n")
    assert _find(text, "NL403") == []
