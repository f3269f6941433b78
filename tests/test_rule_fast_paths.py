"""The per-piece rules' fast paths decide exactly as the step-by-step code they skip.

Why: the speed work on the rules (docs/benchmarks.md, session 4) added shortcuts that must
never change a finding; each is compared here with the reference on generated text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.rules.balance import _double_marks, _plainly_balanced, unbalanced

# Characters around double quotation marks: every role-deciding neighbour (spaces, brackets,
# dashes, slashes, punctuation, digits for inch marks, letters) and the curly and guillemet marks.
MARK_PIECES = st.sampled_from(['"', '"', '"', "“", "”", "«", "»", "„", " ", " ", "a", "Z", "7", "(", ")", "[", "]",
                               "—", "–", "-", "/", ".", ",", "!", "?", "…", ":", "\t", "\u00a0", "é", "' ",
                               'He said "yes." ', '12" screen ', '"quoted" ', ' "open ', 'close" '])
PARAGRAPHS = st.lists(MARK_PIECES, max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(PARAGRAPHS)
def test_plainly_balanced_paragraphs_have_no_double_mark_findings(text: str) -> None:
    """NL405 skips a paragraph _plainly_balanced accepts: the full check must find nothing there."""
    if _plainly_balanced(text):
        unclosed, open_at, stray = unbalanced(text, _double_marks(text), False)
        assert (unclosed, open_at, stray) == ([], None, []), text


def test_plainly_balanced_accepts_the_common_case() -> None:
    """The shortcut is taken for ordinary straight quotation (else it would speed nothing up)."""
    assert _plainly_balanced('He said "we will go" and "they" left, with a 12" screen.')
    assert _plainly_balanced("No marks at all.")
    assert not _plainly_balanced('He said "we will go and left.')
    assert not _plainly_balanced("He said “we will go” and left.")  # curly marks: the full check


PROSE_PIECES = st.sampled_from(['"', '"', "“", "”", " ", "a", "7", "(", ".", ",", "—", "\n", "\n\n", "\n\n", "\t",
                                'He said "yes." ', '12" screen ', '"quoted" ', ' "open ', 'close" ', "x\n\ny"])


@settings(max_examples=800, deadline=None)
@given(st.lists(PROSE_PIECES, max_size=50).map("".join), st.sampled_from(["a.txt", "a.md"]))
def test_balanced_paragraphs_from_one_scan_equal_each_paragraph_alone(text: str, path: str) -> None:
    """The whole-text reading of the marks' roles picks exactly the paragraphs _plainly_balanced picks."""
    from newslint.document import Document
    from newslint.rules.balance import _DOUBLE, _paragraphs_with, _plainly_balanced_paragraphs

    doc = Document.from_text(text, path)
    visit = _paragraphs_with(_DOUBLE, doc.prose, doc.paragraphs)
    if visit is None:
        return
    want = {n for n in visit if _plainly_balanced(doc.prose[slice(*doc.paragraphs[n])])}
    assert _plainly_balanced_paragraphs(doc.prose, doc.paragraphs, visit) == want


def test_balanced_paragraphs_glued_to_text_are_judged_alone() -> None:
    """A paragraph span that does not end at whitespace reads its edges as the paragraph does."""
    from newslint.rules.balance import _plainly_balanced_paragraphs

    prose = 'x"a" b"'  # paragraph (1, 6): '"a" b' has marks at its edges
    assert _plainly_balanced_paragraphs(prose, [(0, 1), (1, 6)], [1]) == ({1} if _plainly_balanced('"a" b') else set())
