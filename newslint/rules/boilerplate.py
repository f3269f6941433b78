"""Leftover web boilerplate: sign-ups, appeals, share bars, "Read more" left in a scraped article.

The patterns are data (``newslint/data/boilerplate.toml``), extended by the configuration key
``[hygiene] boilerplate-patterns``. Structural signals catch what no list can: a run of short
unpunctuated lines at the end of an article (link lists, menus) and a short line repeated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterator

from newslint.diagnostics import Applicability, Diagnostic, Fix
from newslint.document import Document
from newslint.records import _set, record
from newslint.rules.base import Context, rule
from newslint.rules.units import Segment, normalize, removal_edit, segments

# A line that ends like a sentence (or a quotation, or an introduction to a list).
_SENTENCE_END = re.compile(r"[.!?…:;,\"”’')\]]$")
# "Short" for the structural signals: a menu item or link title, not a paragraph.
_SHORT_WORDS = 12
# A trailing run needs this many lines (with one pattern hit), or twice as many without one.
_TAIL_RUN = 3
# Repeated lines in the headline area (title + H1) are not boilerplate.
_HEAD_SEGMENTS = 2


@record(frozen=True)
class Patterns:
    # Sources, not compiled patterns: they are compiled once, joined in a Matcher (compiling
    # each one alone as well doubled the rule's start-up cost).
    lines: tuple[tuple[str, str], ...]  # (reason, pattern source)
    weak: tuple[str, ...]
    openers: tuple[str, ...]  # sources, compiled (as one Matcher) only when a later line is boilerplate
    sure: tuple[str, ...]  # fixed phrases whose whole line is furniture: a safe removal

    def __init__(self, lines: tuple[tuple[str, str], ...], weak: tuple[str, ...], openers: tuple[str, ...],
                 sure: tuple[str, ...] = ()) -> None:
        _set(self, "lines", lines)
        _set(self, "weak", weak)
        _set(self, "openers", openers)
        _set(self, "sure", sure)


# Lines at or above this count are matched through the per-first-character alternations
# (Matcher.reasons): building those costs more than it saves on an ordinary article.
_BY_FIRST_MIN = 1000


class Matcher:
    """All line patterns in one alternation: one C-level match per line instead of fifty."""

    def __init__(self, pairs: tuple[tuple[str, str | re.Pattern[str]], ...]) -> None:
        self.pairs = pairs
        self.reasons = [r for r, _ in pairs]
        self.sources = [p if isinstance(p, str) else p.pattern for _, p in pairs]
        alternatives = "|".join(f"(?P<p{k}>(?:{p}))" for k, p in enumerate(self.sources))
        self.regex = re.compile(alternatives or r"(?!)", re.I)
        self._by_first: dict[str, Matcher | None] | None = None

    def reasons_of(self, texts: list[str]) -> list[str | None]:
        """``[self.reason(t) for t in texts]``; for many lines, each is matched against the
        alternation of only the patterns that can start with its first character (when that
        is ASCII), built once per matcher (newslint.first_chars: the same answers, ~5x faster)."""
        if len(texts) < _BY_FIRST_MIN:
            return [self.reason(t) for t in texts]
        get = self._first_char_table().get
        out: list[str | None] = []
        for t in texts:
            m = get(t[:1], self)  # a non-ASCII (or no) first character: the whole alternation
            out.append(None if m is None else m.reason(t))
        return out

    def first_hit(self, texts: list[str], start: int = 0) -> int:
        """The index of the first of ``texts[start:]`` that one of the patterns fully matches (-1: none)."""
        get = self._first_char_table().get if len(texts) - start >= _BY_FIRST_MIN else None
        for i in range(start, len(texts)):
            t = texts[i]
            m = self if get is None else get(t[:1], self)
            if m is not None and m.regex.fullmatch(t) is not None:
                return i
        return -1

    def _first_char_table(self) -> dict[str, "Matcher | None"]:
        """ASCII first character -> the matcher of the patterns that can start with it (None: no
        pattern); a character not in it (non-ASCII, or an empty line) needs the whole alternation."""
        if self._by_first is None:
            self._by_first = dict(zip(map(chr, range(128)), self._first_char_matchers()))
        return self._by_first

    def _first_char_matchers(self) -> list["Matcher | None"]:
        from newslint.first_chars import ascii_candidates

        built: dict[tuple[int, ...], Matcher | None] = {tuple(range(len(self.pairs))): self, (): None}
        out = []
        for keep in ascii_candidates(self.sources, re.I):
            if keep not in built:
                built[keep] = Matcher(tuple(self.pairs[k] for k in keep))
            out.append(built[keep])
        return out

    def reason(self, text: str) -> str | None:
        m = self.regex.fullmatch(text)
        if not m:
            return None
        # fullmatch may take an alternative that matches a prefix only; find the one that fits.
        for k, reason in enumerate(self.reasons):
            if m.group(f"p{k}") is not None:
                return reason
        return None


@lru_cache(maxsize=8)
def _matcher(pairs: tuple[tuple[str, str | re.Pattern[str]], ...]) -> Matcher:
    return Matcher(pairs)


def _compile(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


@lru_cache(maxsize=1)
def builtin_patterns() -> Patterns:
    """The packaged list (boilerplate.toml, as its Python-literal copy: no TOML parser at start-up)."""
    from newslint.data.boilerplate_patterns import PATTERNS as data

    lines = data.get("lines", {})
    return Patterns(
        lines=tuple((reason, p) for reason, pats in lines.items() if reason != "weak" for p in pats),
        weak=tuple(lines.get("weak", [])),
        openers=tuple(data.get("openers", {}).get("patterns", [])),
        sure=tuple(data.get("sure", {}).get("patterns", [])),
    )


def sure_lines(segs: list[Segment], reasons: list[str | None]) -> list[bool]:
    """Per segment: it is reported and it is a ``sure`` phrase as a whole (every sure phrase is
    also a ``lines`` match, tests/test_fix_policy.py). Apart from :func:`classify` because only
    the fix needs it, and only for reported lines."""
    sure = _matcher(tuple(("sure", p) for p in builtin_patterns().sure))
    return [bool(r) and sure.reason(seg.text) is not None for seg, r in zip(segs, reasons)]


@lru_cache(maxsize=8)
def _user_patterns(patterns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(("configured pattern", _compile(p)) for p in patterns)


def _is_short_unpunctuated(seg: Segment) -> bool:
    # The end first: one character, while splitting a long paragraph into words is not.
    return not _SENTENCE_END.search(seg.text, len(seg.text) - 1) and len(seg.text.split(None, _SHORT_WORDS)) <= _SHORT_WORDS


# Texts up to this size (characters) are searched for what each pattern needs before compiling.
_PREFILTER_MAX = 200_000
_classified = 0  # documents classified by this process


def _live_texts(pats: Patterns, texts: list[str]) -> tuple[tuple[str, str], ...]:
    """The [lines] patterns that can match one of the line ``texts``, in their order.

    Why: compiling all of them costs ~8 ms, as much as linting the article, and an article
    holds the substrings that most patterns need (boilerplate_patterns.REQUIRED) nowhere.
    The first pattern that fully matches a line is always among these, so the alternation of
    this subset gives exactly the whole list's answers. Only for a process's first document:
    later ones (a batch, the language server) compile the whole list once.
    """
    from newslint.data.boilerplate_patterns import ASCII_CASE_PARTNERS, REQUIRED

    global _classified
    _classified += 1
    if _classified > 1 or len(REQUIRED) != len(pats.lines):
        return pats.lines
    text = "\n".join(texts)
    # A substring test on the lowercased text equals the patterns' ignore-case matching of ASCII
    # letters unless the text has a non-ASCII letter that matches one ("ſ" for "s"): then no test.
    if len(text) > _PREFILTER_MAX or not text.isascii() and any(c in text for c in ASCII_CASE_PARTNERS):
        return pats.lines
    low = text.lower()
    return tuple(pair for pair, needs in zip(pats.lines, REQUIRED) if all(any(s in low for s in alts) for alts in needs))


def mark_segments(doc: Document, extra: tuple[str, ...] = ()) -> tuple[list[Segment], list[str | None], list[bool]]:
    """Every prose segment, the pattern reason of each (None: no pattern) and whether a weak
    word list matches it: what each line says on its own, before the structural signals."""
    segs = segments(doc)
    reasons, weak = line_reasons([seg.text for seg in segs], extra)
    return segs, reasons, weak


def line_reasons(texts: list[str], extra: tuple[str, ...] = ()) -> tuple[list[str | None], list[bool]]:
    """The pattern reason of each line text (None: no pattern) and whether a weak word list
    matches it (:func:`mark_segments` for lines already cut, as newslint.piece_facts has them)."""
    pats = builtin_patterns()
    strong = _matcher(_live_texts(pats, texts) + _user_patterns(extra))
    weak_re = _matcher(tuple(("weak", p) for p in pats.weak))
    reasons = strong.reasons_of(texts)
    unmatched = [i for i, r in enumerate(reasons) if r is None]
    weak = [False] * len(texts)
    for i, r in zip(unmatched, weak_re.reasons_of([texts[i] for i in unmatched])):
        weak[i] = r is not None
    return reasons, weak


def is_opener(text: str) -> bool:
    """An appeal opener ("A message from ...:"), compiled only when first asked."""
    return _openers().fullmatch(text) is not None


@lru_cache(maxsize=1)
def _openers() -> re.Pattern[str]:
    return opener_matcher().regex


def opener_matcher() -> Matcher:
    """The appeal openers as one :class:`Matcher` (its ``first_hit`` scans many lines)."""
    return _matcher(tuple(("opener", p) for p in builtin_patterns().openers))


def repeat_key(seg: Segment) -> str | None:
    """The key a short, unpunctuated line is compared by for "repeated line" (None: not short)."""
    return normalize(seg.text).lower() if _is_short_unpunctuated(seg) else None


def classify(doc: Document, extra: tuple[str, ...] = ()) -> tuple[list[Segment], list[str | None]]:
    """Every prose segment and its boilerplate reason (None: article text)."""
    segs, reasons, weak = mark_segments(doc, extra)
    judge(reasons, weak, lambda i: is_opener(segs[i].text), lambda i: repeat_key(segs[i]), doc.format)
    return segs, reasons


def judge(reasons: list[str | None], weak: list[bool], opener, key_of, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Add the structural signals to ``reasons`` (in place): an appeal running to the end, a
    short line repeated, a closing run of short lines, weak words beside boilerplate.

    Apart from :func:`mark_segments` because for a big text linted in pieces these signals
    span the whole text: newslint.piece_facts calls this once with every piece's segments.
    ``opener(i)``: segment i opens an appeal; ``key_of(i)``: :func:`repeat_key` of segment i.
    """
    n = len(reasons)
    # An appeal opener followed (anywhere later) by a pattern hit: the rest is the appeal.
    # (The openers are compiled only when some line has a hit: a clean article needs none; then
    # as one alternation, one call a line.)
    last_hit = max((k for k, r in enumerate(reasons) if r), default=-1)
    if last_hit > 1:
        for i in range(1, last_hit):
            if opener(i):
                for k in range(i, n):
                    reasons[k] = reasons[k] or "appeal"
                break

    # The same short, unpunctuated line twice (a doubled "Subscribe ... |" or menu).
    keys = [key_of(i) for i in range(n)]
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        if key in seen and seen[key] >= _HEAD_SEGMENTS:
            reasons[seen[key]] = reasons[seen[key]] or "repeated line"
            reasons[i] = reasons[i] or "repeated line"
        seen.setdefault(key, i)

    # A run of short unpunctuated lines closing the article: related links, menus.
    k = n
    while k > 0 and (reasons[k - 1] or weak[k - 1] or keys[k - 1] is not None):
        k -= 1
    run = range(k, n)
    has_hit = any(reasons[i] for i in run)
    # In Markdown and HTML a closing list of short items can be content ("Key facts"); there
    # the run needs a pattern hit ("Related Links") to count.
    needed = _TAIL_RUN if has_hit else (2 * _TAIL_RUN if fmt == "text" else n + 1)
    if len(run) >= needed and k > 0:
        for i in run:
            reasons[i] = reasons[i] or "trailing link or menu lines"

    # Weak words count only beside boilerplate (spreading along a run of them).
    changed = True
    while changed:
        changed = False
        for i in range(n):
            if weak[i] and not reasons[i] and (
                (i > 0 and reasons[i - 1]) or (i + 1 < n and reasons[i + 1])
            ):
                reasons[i] = "form or share-bar text"
                changed = True


@rule("NL404", "boilerplate", "Leftover web boilerplate (sign-ups, appeals, share bars, \"Read more\").", fixable=True)
def boilerplate(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds web page leftovers in an article: newsletter sign-ups, subscription and donation
    appeals, "Read more", "Related Links", "Advertisement", "Skip to main content", cookie and
    privacy notices, share-button text, "Story continues below", payment-method lists.

    Why: scraped articles carry their page's furniture; it pollutes corpora, search snippets and
    word counts, and a reader sees it as an editing slip. Lines are matched as a whole against
    a pattern list (``newslint/data/boilerplate.toml``, extended by ``[hygiene]
    boilerplate-patterns``); an appeal opened by "A message from ...:" or "Dear readers," runs to
    the end of the article; a run of short lines without sentence punctuation at the end of the
    article, and a short line repeated, are reported too. Consecutive boilerplate lines are one
    finding.

    Example: "...in the conflict.\\n\\nSign up for our free weekly newsletter\\n...\\nRead more"
    -> one finding covering the sign-up through "Read more".

    Fix: it removes the lines (and one line break; blank lines around stay single). Safe when
    every line is page furniture and nothing else: a built-in pattern matches it and so does a
    fixed phrase of the ``sure`` list ("Advertisement", "Skip to main content", "Share this
    article", "Sign up for our daily newsletter", "Related Topics", a bare "Image caption",
    "All rights reserved."), whose words all come from the pattern. Unsafe otherwise: a pattern
    with free text can match a real sentence ("By clicking 'accept', users agreed to terms
    that..."), a caption label followed by its text holds content, the structural signals
    (appeals, closing runs of short lines, repeated lines) are guesses, and a configured pattern
    is the user's own judgement.
    """
    extra = tuple(ctx.config.hygiene.get("boilerplate-patterns", []) or ())
    segs, reasons = classify(doc, extra)
    sure: list[bool] = []

    def sure_of(i: int) -> bool:
        if not sure:
            sure.extend(sure_lines(segs, reasons))
        return sure[i]

    yield from findings(doc, segs, reasons, sure_of)


def findings(doc: Document, segs, reasons: list[str | None], sure_of) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
    """NL404's findings: each run of consecutive boilerplate segments is one.

    ``doc`` needs text, lines, prose, prose_end and format; ``segs`` supports len() and
    indexing (newslint.piece_facts passes views of a big text); ``sure_of(i)``: segment i is
    a ``sure`` phrase as a whole.
    """
    i = 0
    while i < len(segs):
        if not reasons[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(segs) and reasons[j + 1]:
            j += 1
        start, end = segs[i].start, segs[j].end
        why = list(dict.fromkeys(r for r in reasons[i:j + 1] if r))
        where = f"lines {segs[i].line}-{segs[j].line}" if segs[j].line != segs[i].line else f"line {segs[i].line}"
        edit = removal_edit(doc, start, end)
        # Safe only when every line is a sure phrase: then the edit takes those lines, nothing else.
        applicability = Applicability.SAFE if all(sure_of(k) for k in range(i, j + 1)) else Applicability.UNSAFE
        fix = Fix((edit,), applicability, f"Remove the boilerplate ({where})") if edit else None
        first = segs[i].text if len(segs[i].text) <= 40 else segs[i].text[:37] + "..."
        yield boilerplate.diagnostic(start, end, f"Leftover web boilerplate ({', '.join(why)}), {where}: {first!r}", fix)
        i = j + 1
