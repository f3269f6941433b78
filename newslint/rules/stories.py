"""Several stories in one file: a later paragraph opens with its own wire dateline.

Scrapers and wire feeds concatenate stories ("Xi and Putin round on West..." followed by
"Tianjin, China (AFP) Sept 1, 2025 - ..."). Article-level rules (duplicated sentences, mixed
quote styles) use :func:`story_spans` so that each story is judged on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document
from newslint.rules.base import Context, rule

_AGENCIES = r"AFP|AP|Reuters|REUTERS|UPI|dpa|DPA|Xinhua|ANI|IANS|PTI|EFE|ANSA|Kyodo|Yonhap|TASS|Bloomberg|CNA|Bernama|AAP"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
# "Tianjin, China (AFP) Sept 1, 2025 -", "NEW YORK, March 2 -", "LONDON (Reuters) -".
_DATELINE_SOURCE = (
    rf"(?P<dl>{_PLACE}(?:,[ ]{_PLACE})?"
    rf"(?:[ ]*\((?P<agency>{_AGENCIES})\)(?:[ ]+{_MONTH}[ ]+\d{{1,2}}(?:,[ ]+\d{{4}})?)?"
    rf"|,[ ]+(?P<date>{_MONTH}[ ]+\d{{1,2}}(?:,[ ]+\d{{4}})?))"
    r")[ ]*[-–—]+(?:[ ]|$)"
)


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    """The dateline pattern, compiled the first time a paragraph could open with one (~1 ms)."""
    return re.compile(_DATELINE_SOURCE)


def _may_open_with_dateline(prose: str, j: int, pe: int) -> bool:
    """A necessary condition of a dateline at ``j``: an ASCII capital there, then on the same
    line a dash followed by a space, or a dash ending the line (nothing in a dateline matches
    a line break, and it ends with dashes and a space or the end)."""
    if j >= pe or not "A" <= prose[j] <= "Z":
        return False
    e = prose.find("\n", j, pe)
    if e < 0:
        e = pe
    return prose.find("- ", j, e) >= 0 or prose.find("– ", j, e) >= 0 or prose.find("— ", j, e) >= 0 or prose[e - 1] in "-–—"


# A dateline in the first paragraphs belongs to the first story.
_LEAD_PARAGRAPHS = 2
# A headline: short, no sentence punctuation at the end.
_HEADLINE = re.compile(r"^(?=.{3,120}$)[^\s].*[^.!?:;,\s\"”’]$")


def datelines(doc: Document) -> list[tuple[int, int, int]]:
    """(paragraph index, start, end) of each paragraph that opens with a wire dateline."""
    out = []
    prose = doc.prose
    for i, (ps, pe) in enumerate(doc.paragraphs):
        j = ps
        while j < pe and prose[j].isspace():
            j += 1
        m = _dateline().match(prose, j, pe) if _may_open_with_dateline(prose, j, pe) else None
        if m:
            out.append((i, m.start(), m.end("dl")))
    return out


def is_headline(doc: Document, para: tuple[int, int]) -> bool:
    """Paragraph ``para`` looks like a headline (short, no closing punctuation)."""
    return _HEADLINE.match(doc.prose[para[0]:para[1]].strip()) is not None


def story_starts(doc: Document) -> list[tuple[int, int, int]]:
    """(paragraph index where a later story starts, dateline start, dateline end).

    The story starts at its headline when the paragraph before the dateline looks like one.
    """
    paras = doc.paragraphs
    starts = []
    for i, s, e in datelines(doc):
        if i < _LEAD_PARAGRAPHS:
            continue
        first = i
        if is_headline(doc, paras[i - 1]):
            first = i - 1
        if not starts or first > starts[-1][0] + _LEAD_PARAGRAPHS:
            starts.append((first, s, e))
    return starts


def story_spans(doc: Document) -> list[tuple[int, int]]:
    """(start, end) offsets of each story in the file; one span for an ordinary article."""
    paras = doc.paragraphs
    if not paras:
        return [(0, len(doc.text))]
    cuts = [paras[i][0] for i, _, _ in story_starts(doc)]
    bounds = [0, *cuts, len(doc.text)]
    return [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


@rule("NL408", "multiple-stories", "Several stories in one file (a later paragraph has its own dateline).",
      severity=Severity.INFO)
def multiple_stories(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a second (third...) story in one file: a later paragraph opening with a wire dateline.

    Why: scraped and wire files often hold several stories; per-article checks and statistics
    (duplicates, quote style, corpus facts) are wrong when two stories count as one. Datelines
    are "Place, Country (AGENCY) Date -" or "PLACE, Month Day -"; a dateline in the first two
    paragraphs belongs to the first story. When the paragraph before the dateline looks like a
    headline (short, no closing punctuation), the story starts there.

    Example: "...according to lawmaker Lee.\\nXi and Putin round on West at regional summit in
    China\\nTianjin, China (AFP) Sept 1, 2025 - Presidents Xi..." -> a second story starts at
    the headline.

    Fix: none; split the file by hand. Severity: info.
    """
    paras = doc.paragraphs
    for n, (first, s, e) in enumerate(story_starts(doc), start=2):
        yield story_start(doc, n, paras[first], s, e)


def story_start(doc: Document, n: int, para: tuple[int, int], s: int, e: int) -> Diagnostic:
    """NL408's finding for story ``n`` starting at paragraph ``para``, dateline ``[s, e)``.

    ``doc`` needs only text and lines (newslint.piece_facts passes a view of a big text).
    """
    dateline = doc.text[s:e].strip()
    where = doc.lines.line_of(s)
    return multiple_stories.diagnostic(
        para[0], para[1], f"Story {n} starts here (dateline {dateline!r} on line {where}); split the file or treat it as separate articles"
    )
