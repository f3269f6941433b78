"""NL103 dialect-mismatch: en-US, en-GB and auto."""

from __future__ import annotations

from newslint.diagnostics import Applicability
from tests.conftest import lint

BRITISH = "The organisation criticised the defence programme at the centre; the colour of armoured cars travelled."
AMERICAN = "The organization criticized the defense program at the center; the color of armored cars traveled."


def found(text: str, dialect: str):
    return [(text[d.start:d.end], d.suggestions[0], d.fix.applicability) for d in lint(text, select=["NL103"], dialect=dialect)]


def test_en_us_flags_british_forms_with_safe_fixes():
    hits = found(BRITISH, "en-US")
    assert {(w, r) for w, r, _ in hits} == {
        ("organisation", "organization"), ("criticised", "criticized"), ("defence", "defense"),
        ("programme", "program"), ("centre", "center"), ("colour", "color"), ("armoured", "armored"),
        ("travelled", "traveled")}
    assert {a for _, _, a in hits} == {Applicability.SAFE}
    assert found(AMERICAN, "en-US") == []


def test_en_gb_flags_american_forms_but_accepts_oxford_ize_and_shared_words():
    hits = {(w, r) for w, r, _ in found(AMERICAN, "en-GB")}
    assert ("defense", "defence") in hits and ("center", "centre") in hits and ("color", "colour") in hits
    assert not any(w in ("organization", "criticized", "program") for w, _ in hits)
    assert found(BRITISH, "en-GB") == []


def test_auto_accepts_either_dialect():
    assert found(BRITISH, "auto") == []
    assert found(AMERICAN, "auto") == []


def test_auto_flags_both_forms_of_one_word():
    text = "The defence ministry spoke. The defence budget grew. A defense official disagreed."
    assert found(text, "auto") == [("defense", "defence", Applicability.UNSAFE)]


def test_auto_flags_a_stray_form_in_a_clearly_british_article():
    text = BRITISH + " Its behaviour and favourite honour pleased the neighbours. Its color was red."
    assert [(w, r) for w, r, _ in found(text, "auto")] == [("color", "colour")]


def test_names_keep_their_spelling():
    text = "The colour of the armoured defence programme. Officials at the World Trade Center and the Defense Department agreed."
    assert found(text, "auto") == []
    assert found("He works at the Pentagon's Defense Department.", "en-GB") == []


def test_quoted_form_is_unsafe_under_an_explicit_dialect():
    assert found('He said: "the colour is fine."', "en-US") == [("colour", "color", Applicability.UNSAFE)]
