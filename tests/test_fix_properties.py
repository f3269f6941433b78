"""Property tests of fixing (hypothesis): generated articles with injected errors.

The generator builds each article twice in step: the correct text and the text with errors
injected (missing spaces, doubled spaces, space before punctuation, repeated words, lowercase
sentence starts, trailing whitespace). Fixing the broken one must give back exactly the correct
one, which also proves that no byte outside the injected errors moved.
"""

from __future__ import annotations

import codecs
import io
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import make_config
from newslint.diagnostics import Applicability, Diagnostic
from newslint.document import Document
from newslint.engine import Linter
from newslint.fixes import MAX_ROUNDS, apply_edits, fix_text, select_edits
from newslint.runner import RunOptions, run_check

# Plain English words: not names, not abbreviations, not grammatical doublings, two letters or more.
WORDS = (
    "city council voted today new budget plan after long debate residents welcomed decision officials "
    "said school funding would rise next year river bridge opened morning crowd gathered near market "
    "prices fell sharply week report showed workers strike ended quietly police arrived later"
).split()
# Tokens that are not words: dashes, currency, emoji (a surrogate pair in UTF-16), accents.
OTHERS = ["—", "€5", "🙂", "42%", "(again)"]


@lru_cache(maxsize=1)
def _linter() -> Linter:
    return Linter(make_config())


def lint(text: str) -> list[Diagnostic]:
    return _linter().lint(Document.from_text(text, "article.txt"))


@dataclass
class Article:
    broken: str
    correct: str


@st.composite
def sentence(draw: st.DrawFn, lowercase_ok: bool) -> tuple[list[str], list[str], bool, bool]:
    """(broken parts, correct parts, starts lowercase in broken, ends with a space before '.')."""
    n = draw(st.integers(2, 8))
    words: list[str] = []
    for _ in range(n):
        choices = [w for w in WORDS if not words or w != words[-1]]
        pool = choices + (OTHERS if 0 < len(words) < n - 1 else [])
        words.append(draw(st.sampled_from(pool)))
    first = words[0].capitalize()
    lower = lowercase_ok and draw(st.booleans())
    broken = [words[0] if lower else first]
    correct = [first]
    for i in range(1, n):
        prev, word = words[i - 1], words[i]
        letters = prev in WORDS and word in WORDS
        kind = draw(st.sampled_from(["plain", "plain", "double", "comma", "repeat", "space-comma"] if letters
                                    else ["plain", "double"]))
        if kind == "plain":
            broken.append(" " + word)
            correct.append(" " + word)
        elif kind == "double":
            broken.append(" " * draw(st.integers(2, 4)) + word)
            correct.append(" " + word)
        elif kind == "comma":
            broken.append("," + word)
            correct.append(", " + word)
        elif kind == "space-comma":
            broken.append(" , " + word)
            correct.append(", " + word)
        else:  # repeat the previous word
            broken.append(" " + prev.lower() + " " + word)
            correct.append(" " + word)
    space_before = draw(st.booleans()) and words[-1] in WORDS
    broken.append(" ." if space_before else ".")
    correct.append(".")
    return broken, correct, lower, space_before


@st.composite
def articles(draw: st.DrawFn) -> Article:
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    n_paragraphs = draw(st.integers(1, 4))
    broken: list[str] = []
    correct: list[str] = []
    seen: list[str] = []  # paragraphs so far: a repeated one is a real finding (NL402), not an injected error
    for p in range(n_paragraphs):
        start = len(correct)
        if p:
            nl = draw(st.sampled_from(["\n", "\r\n", "\r"])) if newline == "mixed" else newline
            if draw(st.booleans()):
                broken.append(" " * draw(st.integers(1, 3)))  # trailing whitespace
            broken.append(nl)
            correct.append(nl)
        prev_space_before = False
        for s in range(draw(st.integers(1, 4))):
            glue_ok = s > 0 and not prev_space_before
            glued = glue_ok and draw(st.booleans())
            # A lowercase start is only certain to be seen mid-line after ". " or at the very start.
            lowercase_ok = (p == 0 and s == 0) or (s > 0 and not glued)
            b, c, lower, prev_space_before = draw(sentence(lowercase_ok))
            if s:
                broken.append("" if glued else " ")
                correct.append(" ")
            broken.extend(b)
            correct.extend(c)
        paragraph = "".join(correct[start:]).strip()
        assume(paragraph not in seen)
        seen.append(paragraph)
    if draw(st.booleans()):
        nl = "\n" if newline == "mixed" else newline
        broken.append(nl)
        correct.append(nl)
    return Article("".join(broken), "".join(correct))


PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(articles())
def test_fixing_gives_back_exactly_the_correct_text(article: Article) -> None:
    outcome = fix_text(article.broken, lint)
    assert outcome.converged
    assert outcome.text == article.correct
    assert not [d for d in outcome.remaining if d.fix and d.fix.applicability == Applicability.SAFE]


@PROPERTY_SETTINGS
@given(articles())
def test_fixing_is_idempotent_and_leaves_correct_text_alone(article: Article) -> None:
    once = fix_text(article.broken, lint).text
    again = fix_text(once, lint)
    assert again.text == once and again.applied == 0
    clean = fix_text(article.correct, lint)
    assert clean.text == article.correct and clean.applied == 0


# Text from pieces that provoke the rules, and arbitrary Unicode around them.
PIECES = st.sampled_from(
    WORDS + OTHERS + ["The", "the the", ",", ".", ", ", ". ", " .", ";", ":", "?", "!", "  ", "\t", "\n", "\r\n",
                      "\r", "“", "”", "\"", "'", "’", "U.S.", "Mr.", "e.g.", "10:30", "1,000", "http://x.io/a,b",
                      "<!-- newslint-disable NL401 -->", "\ufeff", "\u200b", "é", "ß", "İ", "ǅ"]
)
TEXTS = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=200))


def _check_edits(text: str, diagnostics: list[Diagnostic], minimum: Applicability) -> None:
    edits, count = select_edits(diagnostics, minimum)
    assert count <= len(diagnostics)
    for e in edits:
        assert 0 <= e.start <= e.end <= len(text)
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start, f"overlapping edits {a} {b}"
        assert not (a.start == a.end == b.start == b.end), f"two insertions at one point {a} {b}"
    fixed = apply_edits(text, edits)
    # Every character outside the edits is in the output, shifted only by the edits before it.
    shift, pos = 0, 0
    for e in edits + [None]:
        gap_end = e.start if e is not None else len(text)
        assert fixed[pos + shift:gap_end + shift] == text[pos:gap_end]
        if e is None:
            break
        assert fixed[e.start + shift:e.start + shift + len(e.replacement)] == e.replacement
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    assert len(fixed) == len(text) + shift


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([Applicability.SAFE, Applicability.UNSAFE]))
def test_fixing_anything_never_raises_never_overlaps_and_settles(text: str, minimum: Applicability) -> None:
    def checked_lint(t: str) -> list[Diagnostic]:
        found = lint(t)
        for d in found:
            assert 0 <= d.start <= d.end <= len(t)
        _check_edits(t, found, minimum)
        return found

    outcome = fix_text(text, checked_lint, minimum)
    assert outcome.converged, f"did not settle in {MAX_ROUNDS} rounds"
    again = fix_text(outcome.text, lint, minimum)
    assert again.text == outcome.text and again.applied == 0


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(sorted(ENCODINGS)))
def test_files_round_trip_byte_exactly_through_fix(article: Article, encoding: str) -> None:
    encode = ENCODINGS[encoding]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "article.txt")
        with open(path, "wb") as fh:
            fh.write(encode(article.broken))
        out, err = io.StringIO(), io.StringIO()
        code = run_check(RunOptions(paths=[path], fix=True, color="never"), out, err)
        assert code in (0, 1) and err.getvalue() == "", out.getvalue() + err.getvalue()  # 1: unsafe findings left
        with open(path, "rb") as fh:
            assert fh.read() == encode(article.correct)
        assert os.listdir(folder) == ["article.txt"]
