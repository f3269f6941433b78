"""Property tests: any input parses without error, masks and paragraphs stay inside the text,
and all prose characters are original characters (masking never moves text)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from newslint.document import Document

_MD_PIECES = st.sampled_from([
    "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "\t", "```", "~~~", "`", "``", "*", "**", "_", "[", "]",
    "(", ")", "![", "<", ">", "<b>", "</b>", "<!--", "-->", "&amp;", "&#35;", "\\", "|", "---", "+++",
    "===", "\n", "\r\n", "\n\n", "word", "Then,and", "now.The", " ", "http://x.y/z", "[r]: /u", "\"", "“", "é",
])
_HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<h1>", "</h1>", "<li>", "<pre>", "</pre>", "<code>", "</code>", "<script>", "</script>",
    "<!-- c -->", "<!--", "&amp;", "&nbsp;", "&#8220;", "&bogus", "<", ">", "<br/>", "<a href='x'>", "</a>",
    "\n", "\r\n", "word", "Then,and", " ", "<!DOCTYPE html>", "<![CDATA[x]]>", "</div>",
])


def _check(text: str, path: str) -> None:
    doc = Document.from_text(text, path)
    assert len(doc.prose) == len(text)
    for s in doc.masks:
        assert 0 <= s.start <= s.end <= len(text), s
    for a, b in doc.paragraphs:
        assert 0 <= a <= b <= len(text)
    for i, ch in enumerate(doc.prose):
        assert ch == text[i] or (ch == " " and text[i] not in "\r\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(_MD_PIECES, max_size=40).map("".join))
def test_markdown_masks_never_break(text):
    _check(text, "a.md")


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=40).map("".join))
def test_html_masks_never_break(text):
    _check(text, "a.html")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_in_any_format(text):
    for path in ("a.md", "a.html", "a.txt"):
        _check(text, path)


_PROSE_PIECES = st.sampled_from([
    "The leaders met in Beijing on Tuesday. ", "Read more", "Related Links", "\n", "\n\n", "“", "”", "\"", "'",
    "(", ")", "[", "]", "Tianjin, China (AFP) Sept 1, 2025 - ", "Officials said the talks went well today. ",
    "# ", "- ", "Once", "Monthly", "Dear readers,", "Sign up for our newsletter",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PROSE_PIECES, max_size=30).map("".join), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_hygiene_rules_never_crash_and_spans_stay_inside(text, path):
    from conftest import lint
    from newslint.fixes import fix_text

    found = lint(text, path=path, select=["NL4"], extend_select=["NL407"])
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        if d.fix:
            assert all(0 <= e.start <= e.end <= len(text) for e in d.fix.edits)
    out = fix_text(text, lambda t: lint(t, path=path, select=["NL402"]))
    assert out.converged
    assert fix_text(out.text, lambda t: lint(t, path=path, select=["NL402"])).text == out.text
