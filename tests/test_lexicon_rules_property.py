"""Property test: the lexicon rules never crash and keep their spans and fixes inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import lint

WORDS = st.sampled_from(["russia", "Russia", "north", "korean", "china", "othre", "colour", "color", "NATO", "nato",
                         "Jinping", "Jinpnig", "co-ordinator", "U.S.", "£4.8bn", "79th", "didn't", "Beijing’s",
                         "the", "a", "-", "'", "’", "\"", ".", ",", "\n", "  ", "xq", "Ka-shing", "e-mail", "é"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join), st.sampled_from(["auto", "en-US", "en-GB"]))
def test_no_crash_and_spans_inside(text, dialect):
    for d in lint(text, select=["NL1", "NL202", "NL203"], dialect=dialect):
        assert 0 <= d.start < d.end <= len(text)
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)
