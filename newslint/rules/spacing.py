"""Spacing rules: missing spaces after punctuation, spaces before it, doubled and trailing spaces.

All patterns run over ``Document.prose`` (URLs, e-mail addresses, code already blanked) and are
linear: each is a single character class with fixed-width look-arounds, so no input can make
them backtrack. Each starts with the punctuation or space it is about (look-behinds come after
it) so that the regex engine can skip quickly to candidate characters: a leading look-behind
forces a test at every position (measured with bench/speed/inprocess.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.rules.base import Context, Rule, rule

_LETTER = r"[^\W\d_]"

# "then,and" / "2019,the": a word or number, a comma, then a letter.
_COMMA = re.compile(rf",(?<=[\w”’\"')],)(?={_LETTER})")
# "now.The": lowercase letter, digit, or closing mark, a period, then a capitalised word.
_PERIOD = re.compile(r"\.(?<=[a-z0-9%”’\"')]\.)(?=[A-Z][a-z])")
# "said:the", "why?The", "now;then": letters on both sides.
# One pattern per mark: a pattern that starts with a single literal character is searched
# for several times faster than one that starts with a character class.
_OTHER = tuple((c, re.compile(rf"{re.escape(c)}(?<={_LETTER}{re.escape(c)})(?={_LETTER})")) for c in ";:?!")
# "word ," : spaces, then punctuation that ends a clause followed by space or line end.
# (Found from the mark, which is rare, back to the spaces; the character before the spaces,
# a word character or closing mark, is checked with _BEFORE_OK.)
_BEFORE = re.compile(r"[,.;:?!](?<=[ \t][,.;:?!])(?=[\s”’\"')]|$)", re.M)
_BEFORE_OK = re.compile(r"[\w”’\"')]")
# Two or more spaces between non-space characters.
# (The character before the spaces must not be whitespace: checked with _NON_SPACE.)
# The look-behind after the two literal spaces lets only the FIRST two blanks of a run start a
# match: "(  +)(?=\S)" alone was retried from every blank of a long run (quadratic, found by
# tests/test_regex_audit.py after the speed work).
_DOUBLE = re.compile(r"(  (?<!   ) *)(?=\S)")
_NON_SPACE = re.compile(r"\S")
# (Trailing spaces and tabs are found from the line index: one check per line end.)

# Words that end with a period but are abbreviations or parts of names ("St.Petersburg" is still an error,
# but "Yahoo.Com"-style domains are masked as URLs before this runs).


def _dotted_before(text: str, pos: int) -> bool:
    """True when the token before the period at ``pos`` ends with ``.word`` ("e.g", "U.S", "file.v2").

    This replaces a search of ``(?:\\b[A-Za-z]\\.[A-Za-z]|\\.\\w+)$`` over the whole token, which
    was quadratic on a long token with many periods ("a.Bca.Bca.Bc..."): only the run of
    word characters just before ``pos`` is walked, and those runs do not overlap.
    """
    i = pos
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return i < pos and i > 0 and text[i - 1] == "."


# Spacing fixes are safe, even in quotations: they change no word anyone said.
SAFE = Applicability.SAFE


# A spaced ellipsis (". . ." or ". . . ."), a house style of several wire services.
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \u00a0]\.){2}")


_WORD_AFTER = re.compile(r"[A-Za-z]+")


# pyspellchecker frequency from which a word is common ("analysts" 2,140; "tel" 0, "jeeves" 159).
_COMMON_FREQUENCY = 1_000


def _capitalized_before(text: str, pos: int) -> bool:
    """The run of letters just before ``pos`` starts with a capital ("One" in "One.Tel")."""
    i = pos
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i < pos and text[i].isupper()


def _starts_with_word(text: str, pos: int, ctx: Context) -> bool:
    """The word at ``pos`` ("The" in "Tuesday.The") is a common word once lowercased."""
    m = _WORD_AFTER.match(text, pos)
    return bool(m) and ctx.lexicon.frequency(m.group().lower()) >= _COMMON_FREQUENCY


def _insert_space(r: Rule, doc: Document, pos: int, message: str,
                  applicability: Applicability = SAFE) -> Diagnostic:
    """Diagnostic at the punctuation at ``pos`` with a fix inserting a space after it."""
    fix = replace_fix(pos + 1, pos + 1, " ", applicability, "Insert a space")
    return r.diagnostic(pos, pos + 1, message, fix, suggestions=(doc.text[pos] + " ",))


@rule("NL301", "missing-space-after-comma", "A comma between words with no space after it (\"then,and\").", fixable=True)
def missing_space_after_comma(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a comma followed directly by a letter: "then,and", "stated,highlighting".

    Why: a missing space after a comma is a typing slip that spell checkers cannot see.
    Numbers (1,000) and commas at the end of a line are not reported.

    Example: "We were together then,and we remain" -> "then, and".

    Fix: safe; it inserts one space.
    """
    text = doc.prose
    for m in _COMMA.finditer(text):
        yield _insert_space(missing_space_after_comma, doc, m.start(), "Missing space after comma")


@rule("NL302", "missing-space-after-period", "A sentence-ending period glued to the next sentence (\"now.The\").", fixable=True)
def missing_space_after_period(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a period between a lowercase word (or number) and a capitalised word: "now.The".

    Why: the two sentences run together; no spell checker reports it because both words exist.
    Abbreviations (U.S., J.K.), decimals (2.5), domains (example.com) and file names are
    not reported: they have a capital or a digit after the period, or are masked as URLs.

    Example: "we remain together now.The parade" -> "now. The".

    Fix: safe; it inserts one space. Unsafe when the word before the period is capitalised and
    the one after it is no common word: "One.Tel" may be a brand ("Tuesday.The" is safe).
    """
    text = doc.prose
    for m in _PERIOD.finditer(text):
        pos = m.start()
        if _dotted_before(text, pos):
            continue  # "e.g.The" is rare, "U.S.Treasury" style initials are not sentence ends
        applicability = SAFE
        if _capitalized_before(text, pos) and not _starts_with_word(text, pos + 1, ctx):
            # "One.Tel", "Ask.Jeeves": a capitalised word, a period and a capitalised non-word
            # may be a brand; still reported, but not changed without a human look.
            applicability = Applicability.UNSAFE
        yield _insert_space(missing_space_after_period, doc, pos, "Missing space after period", applicability)


@rule("NL303", "missing-space-after-punctuation", "No space after ; : ? or ! between words (\"said:the\").", fixable=True)
def missing_space_after_punctuation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds ``;`` ``:`` ``?`` or ``!`` with a letter directly on both sides: "now;then", "why?The".

    Why: a slip of the keyboard. Times (10:30), ratios (3:1) and URLs are not reported
    (digits, or masked).

    Example: "He asked why?The answer" -> "why? The".

    Fix: safe; it inserts one space.
    """
    text = doc.prose
    positions = sorted(m.start() for mark, pattern in _OTHER if mark in text for m in pattern.finditer(text))
    for pos in positions:
        yield _insert_space(missing_space_after_punctuation, doc, pos, f"Missing space after '{text[pos]}'")


def spaced_marks(text: str) -> "Iterator[int] | list[int]":
    """Offsets of the marks _BEFORE matches (a mark after a space, before a space, closing mark
    or the end): from the native scan when it is built (docs/native.md), else the regex."""
    from newslint import native

    nat = native.module()
    found = None if nat is None else nat.spaced_marks(text)  # None: lone surrogates
    return (m.start() for m in _BEFORE.finditer(text)) if found is None else found


@rule("NL304", "space-before-punctuation", "A space before , . ; : ? or ! (\"Cheung ,\").", fixable=True)
def space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds spaces between a word and the punctuation that follows it: "Maggie Cheung ,".

    Why: English sets no space before these marks; it shows as a stray gap in print.
    An ellipsis, spaced or not ("match . . . momentum"), or a number starting with a period
    (".5") is not reported.

    Example: "the Bounty ." -> "the Bounty.".

    Fix: safe; it removes the spaces.
    """
    text = doc.prose
    for e in spaced_marks(text):
        s = e - 1
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if s == 0 or not _BEFORE_OK.match(text, s - 1):
            continue  # the run must follow a word or closing mark ("word ,", not "\n ,")
        if text.startswith("..", e) or _SPACED_ELLIPSIS.match(text, e) or doc.is_masked(s, e):
            continue  # an ellipsis (". . ." too), or a blanked link destination / tag before the mark
        fix = replace_fix(s, e, "", SAFE, "Remove the space")
        yield space_before_punctuation.diagnostic(s, e, f"Space before '{text[e]}'", fix, suggestions=("",))


@rule("NL305", "multiple-spaces", "Two or more spaces between words.", fixable=True)
def multiple_spaces(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds runs of two or more spaces between words.

    Why: a doubled space is invisible on screen but shows in print and in search snippets.
    Indentation at the start of a line and alignment before a line end are not reported.

    Example: "the  parade" -> "the parade".

    Fix: safe; it leaves one space.
    """
    text = doc.prose
    for m in _DOUBLE.finditer(text):
        s, e = m.span(1)
        if s == 0 or not _NON_SPACE.match(text, s - 1):
            continue  # indentation, not a gap between words
        if doc.is_masked(s - 1, e + 1):
            continue  # a masked region (code, table) keeps its own spacing
        fix = replace_fix(s, e, " ", SAFE, "Replace with one space")
        yield multiple_spaces.diagnostic(s, e, f"{e - s} spaces between words", fix, suggestions=(" ",))


@rule("NL306", "trailing-whitespace", "Spaces or tabs at the end of a line.", fixable=True)
def trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds spaces and tabs at the end of a line.

    Why: invisible noise that shows up in diffs. In Markdown, two trailing spaces are a hard
    line break and are kept.

    Example: "parade.  \\n" -> "parade.\\n".

    Fix: safe; it removes them.
    """
    text = doc.text
    for line in range(1, doc.lines.count + 1):
        e = doc.lines.line_span(line)[1]
        if e == 0 or text[e - 1] not in " \t":
            continue
        s = e - 1
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        if doc.format == "markdown" and text[s:e] == "  ":
            continue
        if doc.is_masked(s, e):
            continue
        fix = replace_fix(s, e, "", SAFE, "Remove trailing whitespace")
        yield trailing_whitespace.diagnostic(s, e, "Trailing whitespace", fix, suggestions=("",))
