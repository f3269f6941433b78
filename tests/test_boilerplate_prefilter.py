"""NL404 compiles only the patterns an article can match: that never changes a finding.

The substrings each pattern needs (newslint/data/boilerplate_patterns.py, REQUIRED) are read
from the parsed patterns by scripts/build_static_tables.py; these tests check them against
lines generated from the patterns themselves, and the subset's answers against the whole list's.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.data.boilerplate_patterns import ASCII_CASE_PARTNERS, REQUIRED
from newslint.document import Document
from newslint.rules import boilerplate
from newslint.rules.boilerplate import builtin_patterns, classify

ROOT = Path(__file__).resolve().parent.parent
LINES = builtin_patterns().lines


def _meets(text: str, needs: list[list[str]]) -> bool:
    low = text.lower()
    return all(any(s in low for s in alts) for alts in needs)


def test_one_condition_per_pattern_all_lowercase_ascii() -> None:
    assert len(REQUIRED) == len(LINES)
    for needs in REQUIRED:
        for alts in needs:
            assert alts and all(s and s == s.lower() and (s.isascii() or s.casefold() == s == s.upper()) for s in alts)
    assert sum(bool(n) for n in REQUIRED) >= len(REQUIRED) - 3  # the test is worth something
    assert ASCII_CASE_PARTNERS == [c for c in map(chr, range(128, 0x110000)) if re.fullmatch("[\\x00-\\x7f]", c, re.I)]


@pytest.mark.parametrize("index", range(len(LINES)), ids=lambda i: LINES[i][1][:40])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_line_a_pattern_matches_has_what_it_needs(index: int, data: st.DataObject) -> None:
    pattern = re.compile(LINES[index][1], re.I)
    line = data.draw(st.from_regex(pattern, fullmatch=True))
    assert pattern.fullmatch(line)
    if not any(c in line for c in ASCII_CASE_PARTNERS):
        assert _meets(line, REQUIRED[index]), (line, REQUIRED[index])


def _both(doc: Document, extra: tuple[str, ...] = ()) -> tuple[list, list]:
    """classify() as a process's first document (subset) and as a later one (whole list)."""
    saved = boilerplate._classified
    try:
        boilerplate._classified = 0
        first = classify(doc, extra)
        boilerplate._classified = 5
        later = classify(doc, extra)
    finally:
        boilerplate._classified = saved
    return first, later


SAMPLES = [
    "Read more", "Related Links", "Advertisement", "Skip to main content", "Story continues below",
    "Sign up for our free weekly newsletter", "Subscribe Free To Our Daily Newsletters |", "READ MORE »",
    "Share this article on Facebook", "Tweet | Email | Print", "Visa / Mastercard / PayPal", "£5 | £10 | £20",
    "© 2024 All rights reserved.", "We use cookies to improve your experience", "Most Read", "Image caption",
    "Support The Moscow Times!", "Not ready to subscribe? Remind me later.", "Dear readers,", "Before you go…",
    "Comments (12)", "Leave a comment", "Continue reading the main story", "Back to top", "Next article",
    "Click here to subscribe", "You may also like:", "Cookie policy", "Privacy Policy | Terms of Use",
    "Officials said the talks covered energy, trade and security cooperation.",
    "Readers may see more of the minister, officials said.", "The newsletter was sent to staff.",
    "ſign up for our newsletter", "Share", "Ad", "Once", "Monthly",
]


def test_the_subset_gives_the_whole_lists_answers_on_the_seeds_and_samples() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rnd = random.Random(11)
    for _ in range(300):
        texts.append("\n\n".join(rnd.sample(SAMPLES, rnd.randint(1, 8))) + "\n")
    for i, text in enumerate(texts):
        doc = Document.from_text(text, "a.md" if i % 4 == 0 else "a.txt")
        first, later = _both(doc)
        assert first == later, text
        assert _both(doc, ("officials said.*", "Sponsored by .*"))[0] == _both(doc, ("officials said.*", "Sponsored by .*"))[1]


def test_the_subset_is_small_for_an_ordinary_article() -> None:
    text = (ROOT / "seeds").glob("002_*.txt").__next__().read_text(encoding="utf-8")
    saved = boilerplate._classified
    try:
        boilerplate._classified = 0
        segs = boilerplate.segments(Document.from_text(text, "a.txt"))
        live = boilerplate._live_texts(builtin_patterns(), [seg.text for seg in segs])
    finally:
        boilerplate._classified = saved
    assert len(live) < len(LINES) // 2


# -- matching many lines per first character (Matcher.reasons_of, newslint.first_chars) -------------

def _per_first_char_agrees(matcher: boilerplate.Matcher, lines: list[str]) -> None:
    want = [matcher.reason(t) for t in lines]
    saved = boilerplate._BY_FIRST_MIN
    try:
        boilerplate._BY_FIRST_MIN = 0  # the big-text path, whatever the number of lines
        assert matcher.reasons_of(lines) == want
        for start in (0, 1, len(lines) // 2):
            hits = [i for i in range(start, len(lines)) if want[i] is not None]
            assert matcher.first_hit(lines, start) == (hits[0] if hits else -1)
    finally:
        boilerplate._BY_FIRST_MIN = saved


# Lines starting with every ASCII character class and with the case partners that re.I folds
# onto ASCII letters ("ſ" for "s", the Kelvin sign for "k").
_FIRSTS = [chr(c) for c in range(32, 127)] + ["ſ", "K", "İ", "ı", "é", "“", "‘", "©", "\u00a0", ""]


def test_per_first_character_matching_gives_the_whole_alternations_answers() -> None:
    pats = builtin_patterns()
    matchers = [boilerplate._matcher(LINES), boilerplate._matcher(tuple(("weak", p) for p in pats.weak)),
                boilerplate.opener_matcher(),
                boilerplate._matcher(LINES + boilerplate._user_patterns((r"\d+ officials said.*", r"(?i:x)?sponsored .*",
                                                                          r"(?=.)[^a-z]+", r".*\bpromo")))]
    lines = SAMPLES + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rnd = random.Random(5)
    lines += [c + s for c in _FIRSTS for s in rnd.sample(SAMPLES, 3)]
    lines += [s.upper() for s in SAMPLES] + [s.lower() for s in SAMPLES] + ["12 officials said so", "PROMO", "x promo"]
    for m in matchers:
        _per_first_char_agrees(m, lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SAMPLES), st.text(min_size=0, max_size=30),
                          st.builds(str.__add__, st.sampled_from(_FIRSTS), st.sampled_from(SAMPLES))), max_size=20))
def test_per_first_character_matching_on_generated_lines(lines: list[str]) -> None:
    _per_first_char_agrees(boilerplate._matcher(LINES), lines)


@pytest.mark.parametrize("source, starts, others", [
    ("sign up (for|to) .*", "sS", "aT1 "), ("(read|see) more", "rRsS", "tm"), (r"\d+ comments?", "09", "ac"),
    ("(?:copyright|©) ?\\d{4}", "cC©", "d2"), ("(please )?support us", "pPsS", "u"), ("[^a-z]x", "1 ", "azAZ"), (r"(a)\1b", "aA", "b"),
])
def test_first_chars(source: str, starts: str, others: str) -> None:
    from newslint.first_chars import first_chars

    first = first_chars(source, re.I)
    assert first is not None
    assert all(first.fullmatch(c) for c in starts) and not any(first.fullmatch(c) for c in others)


@pytest.mark.parametrize("source", [".*", "a?", "(?:x|)y?", ".b", r"\bx*", "(?:a|.)b", r"(?P<w>\w)?(?P=w)c"])
def test_first_chars_unknown_means_any(source: str) -> None:
    """A pattern that may match the empty string or start with anything is tried on every line."""
    from newslint.first_chars import ascii_candidates, first_chars

    assert first_chars(source, re.I) is None
    assert all(0 in keep for keep in ascii_candidates([source], re.I))
