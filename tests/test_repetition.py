"""NL401 repeated-word."""

import pytest

from conftest import lint


@pytest.mark.parametrize("text,removed", [
    ("Profits of the the firm's unit fell.", " the"),
    ("The The firm said.", " The"),
    ("It was in in\nthe end.", " in"),
])
def test_flags(text, removed):
    found = lint(text, select=["NL401"])
    assert len(found) == 1
    edit = found[0].fix.edits[0]
    assert text[edit.start:edit.end] == removed and edit.replacement == ""


@pytest.mark.parametrize("text", [
    "He had had enough.", "He said that that was it.", "Duran Duran played.", "They met in May. May was warm.",
    "It is the end.\n\nThe end.", "Bye bye, he said.",
])
def test_quiet(text):
    assert lint(text, select=["NL401"]) == []
