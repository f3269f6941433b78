"""The speed-ups in Document must find exactly what the straightforward versions find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lint
from newslint.document import _PLAIN_MASKS, NON_PROSE, Document, plain_masks

# Pieces that exercise every mask kind, whitespace of several kinds, and near misses.
PIECES = st.sampled_from([
    "a", "Z", " ", "  ", "\n", "\t", "\u00a0", ".", ",", ":", "/", "@", "#", "-", "_", "w", "'", "“", "”", "(",
    "http://", "https://a.b/c?d=e.", "ftp://", "www.", "WWW.", "wwww.", "x@y.org", "@handle", "#tag",
    "example.com/p", "a.co.uk", ".comx", "U.S.", "me@x", "(www.x.com)", "<!--", "-->", "said", "\r\n",
])
TEXTS = st.lists(PIECES, max_size=60).map("".join)


# The reference: one scan of the whole text with HTML comments as the first alternative (the
# original pattern; comments are now found with str.find, which is linear on unclosed "<!--").
_WITH_COMMENTS = re.compile(r"(?P<comment><!--.*?-->)|" + _PLAIN_MASKS.pattern, re.S)


def _full_scan(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WITH_COMMENTS.finditer(text):
        kind = m.lastgroup or "url"
        out.append((m.start(), m.end(), "url" if kind == "domain" else kind))
    return out


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_plain_masks_fast_path_equals_full_scan(text: str) -> None:
    assert [(s.start, s.end, s.kind) for s in plain_masks(text)] == _full_scan(text)


def test_plain_masks_finds_masks_in_long_text() -> None:
    text = ("Plain prose here. " * 2000) + "Mail x@y.org or see www.example.com/a and @ed #news now."
    assert [s.kind for s in plain_masks(text)] == ["email", "url", "handle", "hashtag"]
    assert [(s.start, s.end, s.kind) for s in plain_masks(text)] == _full_scan(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_prose_blanks_exactly_the_masked_characters(text: str) -> None:
    doc = Document.from_text(text, "a.txt")
    chars = list(text)
    for s in doc.masks:
        if s.kind in NON_PROSE:
            for i in range(s.start, min(s.end, len(chars))):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    assert doc.prose == "".join(chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\n\n", '"', "“", "”", "'", "‘", "’", "b c", ".", "> ", "- ", "<p>", "</p>",
                                 "<blockquote>", "# "]), max_size=40).map("".join),
       st.integers(0, 80), st.integers(0, 10), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_in_quote_equals_scan_of_all_quotations(text: str, start: int, length: int, path: str) -> None:
    doc = Document.from_text(text, path)
    end = start + length
    assert doc.in_quote(start, end) == any(a <= start and end <= b for a, b in doc.quotes)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 300), st.integers(0, 20))
def test_is_masked_equals_scan_of_all_masks(text: str, start: int, length: int) -> None:
    doc = Document.from_text(text, "a.md")
    end = start + length
    assert doc.is_masked(start, end) == any(s.kind in NON_PROSE and s.start < end and start < s.end for s in doc.masks)


def test_rules_still_flag_after_rewrites() -> None:
    text = "Word , next  word.\nEnd line  \nSaid:the  the the answer now.The end"
    found = {(d.code, text[d.start:d.end]) for d in lint(text)}
    assert ("NL304", " ") in found
    assert ("NL305", "  ") in found
    assert ("NL306", "  ") in found
    assert ("NL303", ":") in found
    assert ("NL302", ".") in found
    assert any(code == "NL401" for code, _ in found)
    assert not re.search(r"NL30[4-6]", " ".join(d.code for d in lint("Clean text, with no problems.\n")))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\t", "\u00a0", "x@y.org", "<!-- c -->", "`c`"]), max_size=30).map("".join),
       st.sampled_from(["a.txt", "a.md"]))
def test_prose_end_is_the_end_of_the_stripped_prose(text: str, path: str) -> None:
    doc = Document.from_text(text, path)
    assert doc.prose_end == len(doc.prose.rstrip())
    assert all(not doc.prose[i:].strip() for i in (doc.prose_end,))
