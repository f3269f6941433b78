"""NL408 multiple-stories and the story spans other article-level rules use."""

from __future__ import annotations

from conftest import lint
from newslint.diagnostics import Severity
from newslint.document import Document
from newslint.rules.stories import story_spans

FIRST = ["Leaders meet in Beijing",
         "BEIJING (AFP) - The two leaders met in Beijing on Tuesday ahead of a parade.",
         "Officials said the talks covered energy, trade and security cooperation.",
         "Analysts expect further agreements to be signed later this week."]


def _found(text: str):
    doc = Document.from_text(text)
    return [(doc.lines.line_of(d.start), d) for d in lint(text, select=["NL408"])]


def test_second_story_with_headline_and_dateline_is_reported_at_the_headline():
    text = "\n".join(FIRST + ["Xi and Putin round on West at summit",
                              "Tianjin, China (AFP) Sept 1, 2025 - Presidents Xi and Putin took turns.",
                              "More text of the second story follows here."]) + "\n"
    found = _found(text)
    assert [line for line, _ in found] == [5]
    assert found[0][1].severity is Severity.INFO and "line 6" in found[0][1].message
    doc = Document.from_text(text)
    spans = story_spans(doc)
    assert len(spans) == 2 and text[spans[1][0]:].startswith("Xi and Putin round")


def test_reuters_style_dateline_without_headline():
    text = "\n".join(FIRST + ["NEW YORK, March 2 - Shares rose on Monday as oil prices fell."]) + "\n"
    assert [line for line, _ in _found(text)] == [5]


def test_dateline_of_the_first_story_and_ordinary_sentences_are_not_reported():
    text = "\n".join(FIRST + [
        "Meanwhile, Putin - who arrived on Sunday - met Modi.",
        "Beijing, China - the capital - was quiet on Wednesday.",
        "The agency (AFP) said the meeting lasted an hour.",
    ]) + "\n"
    assert _found(text) == []
    assert len(story_spans(Document.from_text(text))) == 1
