"""An unclosed comment or tag at the end of an HTML file: prose before it is still checked,
the tail is masked (html.parser would otherwise rescan it quadratically)."""

from conftest import lint
from newslint.formats.html import parseable_end


def test_unclosed_comment_tail_is_masked_and_prose_before_is_checked():
    text = "<p>They met then,and left.</p>\n<!-- unclosed then,and more"
    assert parseable_end(text) == text.index("<!--")
    found = lint(text, path="a.html", select=["NL301"])
    assert [text[d.start - 4:d.start] for d in found] == ["then"]
    assert all(d.start < text.index("<!--") for d in found)


def test_unclosed_tag_tail_is_masked():
    text = "<p>Fine text here.</p>\n<script then,and"
    assert parseable_end(text) == text.index("<script")
    assert lint(text, path="a.html", select=["NL3"]) == []


def test_closed_constructs_are_parsed_whole():
    text = "<!-- c --><p>A then,and B.</p>"
    assert parseable_end(text) == len(text)
    assert len(lint(text, path="a.html", select=["NL301"])) == 1
