"""Inline suppression comments in .txt and .md articles."""

import pytest

from conftest import lint


@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_disable_next_line(path):
    text = "<!-- newslint-disable-next-line NL301 -->\nThen,and now.\nThen,and now.\n"
    found = lint(text, path=path, select=["NL301"])
    assert [text.count("\n", 0, d.start) + 1 for d in found] == [3]


def test_disable_line_and_prefix():
    text = "Then,and now. <!-- newslint-disable-line NL3 -->\nThen,and now.\n"
    assert len(lint(text, select=["NL301"])) == 1


def test_disable_enable_block_and_other_codes_still_reported():
    text = ("Then,and now.\n<!-- newslint-disable NL301 -->\nThen,and now.The end.\n"
            "<!-- newslint-enable NL301 -->\nThen,and now.\n")
    found = lint(text, select=["NL3"])
    lines = sorted((text.count("\n", 0, d.start) + 1, d.code) for d in found)
    assert lines == [(1, "NL301"), (3, "NL302"), (5, "NL301")]


def test_disable_without_codes_and_file():
    text = "<!-- newslint-disable -->\nThen,and now.The end.\n"
    assert lint(text) == []
    text = "Then,and now.\n<!-- newslint-disable-file -->\n"
    assert lint(text) == []


def test_comment_itself_is_not_prose():
    assert lint("<!-- newslint-disable-next-line NL101 -->\nFine text here.\n") == []
