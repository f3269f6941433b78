"""Document.paragraphs: short one-paragraph-per-line text ending in a newline is not one paragraph."""

from newslint.document import Document


def test_final_newline_does_not_make_short_lines_one_paragraph():
    text = "First short paragraph here.\nSecond short paragraph here.\n"
    doc = Document.from_text(text)
    assert [text[s:e] for s, e in doc.paragraphs] == ["First short paragraph here.", "Second short paragraph here."]


def test_blank_line_separated_wrapped_text_still_joins_lines():
    text = "A wrapped paragraph\nthat goes on.\n\nAnother one\nhere.\n"
    doc = Document.from_text(text)
    assert [text[s:e] for s, e in doc.paragraphs] == ["A wrapped paragraph\nthat goes on.", "Another one\nhere."]
