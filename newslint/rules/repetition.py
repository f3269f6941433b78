"""Repeated word: "the the", across spaces or a line break within one paragraph."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.quotes import marked_sic, repeat_fix_sure_in_quote
from newslint.rules.base import Context, rule

# A word, whitespace within the paragraph (no blank line), the same word again.
# Function words are never names, so "The The" is a slip even though both are capitalized.
_FUNCTION_WORDS = frozenset("the a an and or but of to in on at for by with from as is was are were it he she they we".split())
# Any line break counts: \r\n, \n, and the old Mac \r (files with \r-only lines were missed).
_REPEAT = re.compile(r"\b([^\W\d_]+)([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)\b", re.I)
if sys.version_info >= (3, 11):
    # Same matches, without retrying shorter prefixes of every word (possessive quantifiers,
    # Python 3.11+): a shorter prefix is followed by a letter, so it can never match.
    _REPEAT = re.compile(r"\b([^\W\d_]++)([ \t]++|[ \t]*+(?:\r\n|\r|\n)[ \t]*+)(\1)\b", re.I)


def repeat_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end) of the first copy and of the second copy of each ``_REPEAT`` match, in order.

    The native scan gives the same spans (docs/native.md); the regex is the reference and the
    fallback (no native module, or text it cannot take).
    """
    from newslint import native

    nat = native.module()
    if nat is not None:
        spans = nat.repeats(text, native.same_ignoring_case)
        if spans is not None:
            return spans
    return [(m.start(1), m.end(1), m.start(3), m.end(3)) for m in _REPEAT.finditer(text)]


def _same_paragraph(doc: Document, a: int, b: int) -> bool:
    """True when offsets ``a`` and ``b`` lie in one paragraph (one line, in one-paragraph-per-line news)."""
    paras = doc.paragraphs
    i = bisect.bisect_right([ps for ps, _ in paras], a) - 1
    return i >= 0 and paras[i][0] <= a and b < paras[i][1]


def _same_paragraph(doc: Document, start: int, end: int) -> bool:
    return any(ps <= start and end <= pe for ps, pe in doc.paragraphs)


@rule("NL401", "repeated-word", "The same word twice in a row (\"the the\").", fixable=True)
def repeated_word(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a word written twice in a row, ignoring case: "the the firm's".

    Why: the eye skips the second copy, so writers and editors miss it. Grammatical doublings
    ("had had", "that that"; the list is the rule option ``allowed``) and names, where both
    copies are capitalized mid-sentence ("Duran Duran"), are not reported.

    Example: "the the firm's results" -> "the firm's results".

    Fix: safe; it removes the second copy and the space before it. Unsafe across a line break
    (it would join two lines) and, inside a quotation, when the doubling may be what was said:
    a quotation under 4 words (a chant, a term), a word speakers double on purpose ("really
    really", "yes yes"), a preposition speech strands before a phrase that starts with it again
    ("waiting for for years"). Unsafe anywhere when marked "[sic]". Other doublings in quoted speech ("the the") are the
    reporter's slip: safe. Copies in different paragraphs (a headline ending with the word the
    first paragraph starts with) are not reported.
    """
    allowed = {w.lower() for w in ctx.options(repeated_word).get("allowed", [])}
    text = doc.prose
    for s1, e1, s3, e3 in repeat_spans(text):
        first, gap, second = text[s1:e1], text[e1:s3], text[s3:e3]
        if first.lower() in allowed:
            continue
        if first[0].isupper() and second[0].isupper() and first.lower() not in _FUNCTION_WORDS:
            continue  # Duran Duran, Sirhan Sirhan, "Bora Bora"
        if ("\n" in gap or "\r" in gap) and not _same_paragraph(doc, s1, s3):
            continue  # a headline ending "... plans" and a paragraph starting "Plans to ..."
        s, e = e1, e3
        if "\n" in gap and not _same_paragraph(doc, s1, e):
            continue  # a headline's last word and the next paragraph's first: not a slip
        # Removing a copy across a line break would join two lines: a human should look.
        across_lines = "\n" in gap
        quoted = doc.in_quote(s, e) and not repeat_fix_sure_in_quote(doc, s, e, second)
        applicability = Applicability.UNSAFE if across_lines or quoted or marked_sic(doc, e) else Applicability.SAFE
        fix = replace_fix(s, e, "", applicability, f"Remove the repeated {second!r}")
        yield repeated_word.diagnostic(s3, e, f"Repeated word: {first!r}", fix, suggestions=("",))
