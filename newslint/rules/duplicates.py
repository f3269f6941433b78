"""Duplicated paragraphs and sentences within one article (scraper and copy-paste slips)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Fix, replace_fix
from newslint.document import Document
from newslint.rules.base import Context, rule
from newslint.rules.units import normalized_span, removal_edit

# Shorter units repeat legitimately ("He declined to comment." is rare twice, but a subhead or
# "Reporting by ..." line may be); those are left to the boilerplate rule's repeated-line check.
_MIN_PARAGRAPH_WORDS = 6
_MIN_SENTENCE_WORDS = 8
_SHORT_LINE_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]$")


def paragraph_key(doc: Document, ps: int, pe: int) -> str | None:
    """The normalized text of paragraph ``[ps, pe)`` when it is long enough to count as a copy.

    Apart from :func:`duplicate_paragraphs` because a big text's pieces (newslint.piece_facts)
    fingerprint their paragraphs with it and the copies are found across the whole text.
    """
    unit = doc.prose[ps:pe].strip()
    # Counted up to one past the largest limit: a long paragraph is not split in full.
    words = len(unit.split(None, _SHORT_LINE_WORDS + 1))
    if words < _MIN_PARAGRAPH_WORDS or (words <= _SHORT_LINE_WORDS and not _SENTENCE_END.search(unit)):
        return None  # short, unpunctuated: a menu or sign-up line, NL404's repeated-line signal
    return normalized_span(doc.text, ps, pe)


@lru_cache(maxsize=4)
def duplicate_paragraphs(doc: Document) -> list[tuple[int, int]]:
    """(index of the copy, index of its first occurrence) for each repeated paragraph.

    Cached per document: NL402 and NL403 both need it.
    """
    first: dict[str, int] = {}
    out = []
    for i, (ps, pe) in enumerate(doc.paragraphs):
        key = paragraph_key(doc, ps, pe)
        if key is None:
            continue
        if key in first:
            out.append((i, first[key]))
        else:
            first[key] = i
    return out


def _blocks(pairs: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Copy index -> (first, last) copy index of the run of consecutive copies it belongs to.

    A run counts when both the copies and their originals are consecutive paragraphs.
    """
    out: dict[int, tuple[int, int]] = {}
    k = 0
    while k < len(pairs):
        j = k
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[j][0] + 1 and pairs[j + 1][1] == pairs[j][1] + 1:
            j += 1
        for n in range(k, j + 1):
            out[pairs[n][0]] = (pairs[k][0], pairs[j][0])
        k = j + 1
    return out


@rule("NL402", "duplicated-paragraph", "A paragraph repeated (whitespace and quote style aside) in the same article.",
      fixable=True)
def duplicated_paragraph(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a paragraph that repeats an earlier one exactly, or with only whitespace and quote
    style (straight/curly) changed.

    Why: scrapers and copy-paste duplicate paragraphs, often a whole block (a page's "continue
    reading" fold scraped twice). Readers notice at once; corpora count the text twice.
    Paragraphs under six words are left to the boilerplate rule (repeated short lines).
    Each copied paragraph is one finding, pointing at the line of its first occurrence; the
    message names the block when several consecutive paragraphs are repeated, so one fix per
    paragraph keeps every fix small and independent.

    Example: paragraphs 9-15 repeat paragraphs 2-8 -> seven findings, "repeats line 2 (block
    of 7 repeated paragraphs, lines 9-15)".

    Fix: safe; it removes the copy and its line break (the first occurrence stays).
    """
    paras = doc.paragraphs
    pairs = duplicate_paragraphs(doc)
    blocks = _blocks(pairs)
    for copy, orig in pairs:
        b0, b1 = blocks[copy]
        yield paragraph_copy(doc, paras[copy], paras[orig], paras[b0][0], paras[b1][0], b1 - b0 + 1)


def paragraph_copy(doc: Document, copy: tuple[int, int], orig: tuple[int, int], block_start: int, block_last: int,
                   block: int, exact: bool | None = None) -> Diagnostic:
    """NL402's finding for the paragraph ``copy`` repeating ``orig``, in a run of ``block``
    repeated paragraphs starting at ``block_start`` and ``block_last``.

    ``doc`` needs only text, lines, prose, prose_end and format (newslint.piece_facts passes a
    view of a big text). ``exact``: whether the copy equals ``orig`` but for surrounding
    whitespace, when the caller already compared them (None: compared here).
    """
    ps, pe = copy
    line = doc.lines.line_of(orig[0])
    if exact is None:
        exact = doc.text[ps:pe].strip() == doc.text[orig[0]:orig[1]].strip()
    msg = f"Paragraph repeats line {line}" + ("" if exact else " (whitespace or quote style aside)")
    if block > 1:
        l0, l1 = doc.lines.line_of(block_start), doc.lines.line_of(block_last)
        msg += f"; block of {block} repeated paragraphs, lines {l0}-{l1}"
    edit = removal_edit(doc, ps, pe)
    fix = Fix((edit,), Applicability.SAFE, f"Remove the copy of line {line}") if edit else None
    return duplicated_paragraph.diagnostic(ps, pe, msg, fix)


def sentences(doc: Document, starts: list[int], ps: int, pe: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of paragraph ``[ps, pe)``, ends trimmed of spaces.

    ``starts`` are the sorted sentence starts of the whole document (NL201's reading).
    """
    inside = starts[bisect.bisect_left(starts, ps):bisect.bisect_left(starts, pe)]
    out = []
    for k, s in enumerate(inside):
        e = inside[k + 1] if k + 1 < len(inside) else pe
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


@rule("NL403", "duplicated-sentence", "A sentence repeated within an article.", fixable=True)
def duplicated_sentence(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a sentence of eight words or more that occurs twice in one story (whitespace and
    quote style aside), when its paragraph is not already a repeated paragraph (NL402).

    Why: an edited lede reused lower down, or a sentence pasted twice while rewriting, reads as
    a slip. Each story of a multi-story file (NL408) is judged on its own. Short stock
    sentences ("He declined to comment.") are below the length limit.

    Example: "Putin described Xi as a dear friend. ... Putin described Xi as a dear friend."
    -> the second is reported, pointing at the first's line.

    Fix: unsafe; it removes the repeated sentence (the paragraph may need rewording).
    """
    from newslint.lexicon.tokens import sentence_start_list
    from newslint.rules.stories import story_spans

    paras = doc.paragraphs
    starts = sorted(sentence_start_list(doc))
    copies = {c for c, _ in duplicate_paragraphs(doc)}
    para_starts = [ps for ps, _ in paras]
    for ss, se in story_spans(doc):
        seen: dict[str, int] = {}
        # The paragraphs starting inside this story (paragraphs are sorted by start).
        for i in range(bisect.bisect_left(para_starts, ss), bisect.bisect_left(para_starts, se)):
            ps, pe = paras[i]
            if i in copies:
                continue
            for s, e, key in sentence_keys(doc, starts, ps, pe):
                if key not in seen:
                    seen[key] = s
                    continue
                yield sentence_copy(doc.text, doc.lines.line_of(seen[key]), s, e, ps, pe)


def sentence_keys(doc: Document, starts: list[int], ps: int, pe: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalized text) of each sentence of paragraph ``[ps, pe)`` long enough for NL403."""
    for s, e in sentences(doc, starts, ps, pe):
        if len(doc.prose[s:e].split(None, _MIN_SENTENCE_WORDS)) < _MIN_SENTENCE_WORDS:
            continue
        yield s, e, normalized_span(doc.text, s, e)


def sentence_copy(text: str, line: int, s: int, e: int, ps: int, pe: int) -> Diagnostic:
    """NL403's finding for sentence ``[s, e)`` of paragraph ``[ps, pe)``, first seen on ``line``."""
    # Remove the sentence and the space after it (or before it, at a paragraph end).
    a, b = s, e
    while b < pe and text[b] in " \t":
        b += 1
    if b == pe:
        while a > ps and text[a - 1] in " \t":
            a -= 1
    fix = replace_fix(a, b, "", Applicability.UNSAFE, "Remove the repeated sentence") if (a, b) != (ps, pe) else None
    return duplicated_sentence.diagnostic(s, e, f"Sentence repeats one on line {line}", fix)
