"""Sentence start: a sentence or paragraph that begins with a lowercase letter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newslint.diagnostics import Applicability, Diagnostic, replace_fix
from newslint.document import Document
from newslint.quotes import case_fix_sure_in_quote
from newslint.rules.base import Context, rule

# A sentence end: . ! or ? (not an ellipsis), optional closing marks, then whitespace.
# (The look-behind follows the mark so that the engine can skip quickly to . ! ?)
# (Not an ellipsis: "..." , "…" or the spaced ". . ." that quotes use for a pause.)
_SENTENCE_END = re.compile(r"([.!?])(?<![.…][.!?])(?<!\. \.)([”’\"')\]]*)[ \t]+(?=[^\W\d_])")
# The word at a position (letters, apostrophes, hyphens).
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
# Abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen sen rep gov lt col capt sgt maj cmdr adm co corp inc ltd jr sr vs etc
    approx no nos vol jan feb mar apr jun jul aug sep sept oct nov dec mt ft est dept univ assn bros
    fig figs pp cf al ca ch op pt rev hon atty supt cpl pvt messrs mme mlle""".split()
)


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited token ending just before ``pos``."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:pos]


def _is_abbreviation(token: str) -> bool:
    """'U.S', 'e.g', 'a.m' (dotted initials) or a known abbreviation like 'Mr' or 'Sept'."""
    bare = token.lstrip("(“\"'‘[")
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", bare) and ("." in bare or len(bare) == 1):
        return True
    return bare.lower() in ABBREVIATIONS


def _starts_lowercase(word: str) -> bool:
    """A lowercase first letter, not a deliberate lowercase brand (iPhone, eBay)."""
    return word[0].islower() and not any(c.isupper() for c in word[1:])


def sentence_starts(doc: Document, lowercase_only: bool = False) -> Iterator[int]:
    """Offsets where a sentence starts: each paragraph start and after each sentence end.

    ``lowercase_only``: only starts at a lowercase letter (what NL201 needs); skipping the
    others before the abbreviation checks makes that rule several times faster.
    """
    text = doc.prose
    for ps, pe in doc.paragraphs:
        i = ps
        while i < pe and (text[i].isspace() or text[i] in "“\"‘'([-–—•*#>"):
            i += 1
        if i < pe and (not lowercase_only or text[i].islower()):
            yield i
        for m in _SENTENCE_END.finditer(text, ps, pe):
            if lowercase_only and not text[m.end()].islower():
                continue
            mark, closers = m.group(1), m.group(2)
            if closers and mark in "?!":
                continue  # "Why?" he asked.
            if closers and mark == "." and any(c in "”\"’'" for c in closers):
                continue  # "...now." he said - rare but not ours to judge
            if mark == "." and _is_abbreviation(_word_before(text, m.start(1))):
                continue
            if mark == "." and ")" in closers and _embedded_parenthesis(text, ps, m.start(1)):
                continue  # "Sen. David Boren (D-Okla.) said": the period ends an abbreviation
            yield m.end()


def _lowercase_starts(doc: Document) -> Iterable[int]:
    """``sentence_starts(doc, lowercase_only=True)``, read off the document's shared start list
    when the native scan made it (the word table needs it anyway, so it costs nothing here);
    the two agree because ``lowercase_only`` only drops starts before a non-lowercase letter."""
    from newslint import native

    if native.module() is None:
        return sentence_starts(doc, lowercase_only=True)
    from newslint.lexicon.tokens import sentence_start_list

    text = doc.prose
    return [pos for pos in sentence_start_list(doc) if text[pos].islower()]


def _embedded_parenthesis(text: str, para_start: int, mark: int) -> bool:
    """True when the parenthesis closing after ``mark`` opened in the middle of a sentence.

    A parenthesis that opens mid-sentence ("Boren (D-Okla.) said") holds an aside, so a period
    just inside it ends an abbreviation, not the outer sentence; one that opens after a sentence
    end ("... left. (He did.) then") holds a sentence of its own.
    """
    open_ = text.rfind("(", para_start, mark)
    if open_ < 0 or ")" in text[open_:mark]:
        return False
    before = text[para_start:open_].rstrip()
    return bool(before) and before[-1] not in ".!?:"


def _after_plain_period_or_paragraph_start(text: str, pos: int) -> bool:
    """True when what ends before ``pos`` is a bare period, or nothing (a paragraph start).

    After "!" or "?" the end may be a title ("Help! was their fifth album"); after ".)" an
    abbreviation in brackets ("(D-Ore.) said"): capitalizing there is a guess, not a fix.
    """
    i = pos
    while i > 0 and text[i - 1] in " \t“\"‘'([-–—•*#>":
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    return text[i - 1] == "." and text[pos - 1] not in "“\"‘'(["


@rule("NL201", "lowercase-sentence-start", "A sentence or paragraph that starts with a lowercase letter.", fixable=True)
def lowercase_sentence_start(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a paragraph, or a sentence after ``.`` ``!`` or ``?``, whose first word is lowercase.

    Why: "the Beijing summit has..." at the head of a paragraph, or "...Kim Jong-un. south Korean
    officials...", is a visible slip. Abbreviations (U.S., Mr., e.g., a.m.), ellipses, a question
    or exclamation inside quotation marks ("Why?" he asked) and brand names with inner capitals
    (iPhone, eBay) are not reported.

    Example: "the Beijing summit has also served..." -> "The Beijing summit...".

    A period just inside a parenthesis that opened mid-sentence ("Boren (D-Okla.) said") ends an
    abbreviation, so the word after it is not a sentence start at all.

    Fix: safe at a paragraph start and after a plain period; unsafe after "!" or "?" (a title
    such as "Help!" may end there) and after a closing bracket or quote. Inside a quotation it
    is safe only in quoted speech (4+ words) written in sentence case (a capital elsewhere in
    the quotation): an all-lowercase quotation may be a message reproduced as written.
    """
    text = doc.prose
    for pos in _lowercase_starts(doc):
        m = _WORD.match(text, pos)
        if not m or not _starts_lowercase(m.group()):
            continue
        if doc.is_masked(m.start(), m.end()):
            continue
        word = m.group()
        # In a quotation written in sentence case the capital is typography, not the speaker's word.
        sure = _after_plain_period_or_paragraph_start(text, m.start()) and (
            not doc.in_quote(m.start(), m.end()) or case_fix_sure_in_quote(doc, m.start(), m.end()))
        applicability = Applicability.SAFE if sure else Applicability.UNSAFE
        right = word[0].upper()
        fix = replace_fix(m.start(), m.start() + 1, right, applicability, f"Capitalize to {right + word[1:]!r}")
        yield lowercase_sentence_start.diagnostic(
            m.start(), m.end(), f"Sentence starts with a lowercase letter: {word!r}", fix, suggestions=(right + word[1:],)
        )
