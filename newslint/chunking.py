"""Lint very large texts in pieces, so memory stays bounded by the piece, not the file.

A whole Document holds, besides the text, its prose copy, masks, paragraphs, quotations
and every rule's intermediate lists; for a 50-100 MB scraped dump that multiplies the
file size several times. Big texts are therefore cut at paragraph boundaries (a blank
line, else a line break, else a space; a hard cut only in a space-free run), each piece
is linted as its own Document, and the diagnostics are shifted back to offsets in the
whole text. Suppression comments are applied once more over the whole text, so a
``newslint-disable`` region that spans pieces still works.

The rules that look across the whole article (duplicated paragraphs and sentences,
boilerplate, stories, dialect majorities: newslint.piece_facts.JUDGED) are judged in two
phases: each piece returns compact facts for them, and they are judged once over the whole
text here, so their findings equal those of the text linted as one document (the copied
paragraphs as each piece arrives, while the workers lint the rest: newslint.copy_findings). Limits
(docs/reliability.md, "Big files"): the rules that read the article's word statistics
(NL101, NL102, NL202, and NL407 when enabled) still count per piece, and a piece decides
on its own whether its lines are hard-wrapped paragraphs.

Pieces are independent, so they can be linted on several cores (``jobs``; auto: the CPUs
that are free when the run starts, see :func:`piece_jobs`), each by a forked worker that
inherits the text, the rules and the loaded lexicon, and sends back only its findings and
facts. The pieces, and so the findings, are the same whichever way they are linted.
"""

from __future__ import annotations

from operator import attrgetter

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.document import Document

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Iterator

    from newslint.engine import Linter

# Texts longer than this (code points) are linted in pieces of about this size.
CHUNK_CHARS = 2_000_000
# How far past the target size to look for a good boundary before settling for a worse one.
_SEARCH = 200_000


def split_points(text: str, size: int | None = None) -> list[int]:
    """Offsets where pieces start: 0, then boundaries after blank lines (or line breaks, spaces).

    The pieces aim at near-equal sizes, an even number of them, none aimed above ``size``.
    Why: two workers (the benchmark machine's cores) take the pieces in turn, so 10.48 M
    characters cut as 5 x 2 M + 0.48 M gave one worker 6 M and the other 4.5 M to lint; as
    6 x 1.75 M each lints 5.24 M. Even whatever the worker count, so the pieces (and the few
    findings that count words per piece, docs/reliability.md "Big files") never depend on
    how many CPUs were free.
    """
    size = size or CHUNK_CHARS
    points = [0]
    n = len(text)
    if n > size:
        count = -(-n // size)
        count += count % 2
        size = -(-n // count)
    pos = 0
    while n - pos > size:
        target = pos + size
        window_end = min(n, target + min(_SEARCH, size // 2))
        cut = -1
        for sep in ("\n\n", "\r\n\r\n", "\r\r", "\n", "\r", " "):
            i = first = text.find(sep, target, window_end)
            # Not before a paragraph that opens with a quotation mark: it may continue the
            # quotation left open before it (news style), which NL405 reads across the two.
            # (When every one in the window does, the first: better than a cut inside a paragraph.)
            while i >= 0 and sep != " " and _opens_quote(text, i + len(sep)):
                i = text.find(sep, i + len(sep), window_end)
            if i < 0:
                i = first
            if i >= 0:
                cut = i + len(sep)
                break
        if cut < 0:
            cut = target  # one huge run without a space: any cut is as good as another
        # Never split a CRLF pair.
        if text[cut - 1:cut + 1] == "\r\n":
            cut += 1
        points.append(cut)
        pos = cut
    return points


def _opens_quote(text: str, at: int) -> bool:
    """The paragraph at ``at`` starts with a quotation mark (as newslint.rules.balance reads it)."""
    from newslint.rules.balance import _OPENING

    head = text[at:at + 40].lstrip(" \t\r\n-–—•*>#")
    return bool(head) and head[0] in _OPENING


def _shift(d: Diagnostic, by: int) -> Diagnostic:
    fix = d.fix
    if fix is not None:
        fix = Fix(tuple(Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits), fix.applicability, fix.title)
    # The constructor, positional (not dataclasses.replace, which re-inspects the fields per call).
    return Diagnostic(d.code, d.name, d.message, d.start + by, d.end + by, d.severity, fix, d.suggestions)


# A finding as a forked worker sends it: plain values, offsets in the whole text.
_Packed = tuple


def _pack(d: Diagnostic, by: int) -> "_Packed":
    """``d`` shifted by ``by``, as a tuple of plain values.

    Why: pickling the records costs more (an enum member is rebuilt by a Python call on
    unpickling, twice per finding): for the 34,000 findings of the 10 MB benchmark file the
    parent spent 0.54 s unpickling them, against 0.03 s for these tuples plus 0.25 s for
    :func:`_unpack`, and the worker's shift and pickling took 0.45 s against 0.13 s.
    """
    f = d.fix
    return (d.code, d.name, d.message, d.start + by, d.end + by, d.severity.value,
            None if f is None else (tuple((e.start + by, e.end + by, e.replacement) for e in f.edits), int(f.applicability), f.title),
            d.suggestions)


def _unpack(t: "_Packed") -> Diagnostic:
    code, name, message, start, end, severity, fix, suggestions = t
    if fix is not None:
        fix = Fix(tuple(Edit(a, b, r) for a, b, r in fix[0]), _APPLICABILITY[fix[1]], fix[2])
    return Diagnostic(code, name, message, start, end, _SEVERITY[severity], fix, suggestions)


# Enum members by value: a dict lookup, not the enum's Python-level call.
_SEVERITY = {s.value: s for s in Severity}
_APPLICABILITY = {int(a): a for a in Applicability}


def is_large(text: str) -> bool:
    return len(text) > CHUNK_CHARS


def lint_large(linter: "Linter", doc: Document, size: int | None = None, jobs: int = 0) -> list[Diagnostic]:
    """``linter.lint(doc)``, in pieces when the text is longer than ``size`` (default CHUNK_CHARS).

    ``jobs``: processes for the pieces (0: the free CPUs, 1: this process only). The rules
    that look across the whole article (newslint.piece_facts.JUDGED) are not run on the
    pieces: each piece returns their facts and they are judged here over the whole text.
    """
    from newslint.engine import dedupe
    from newslint.piece_facts import Judge
    from newslint.suppression import apply_suppressions

    size = size or CHUNK_CHARS
    text = doc.text
    if len(text) <= size:
        return linter.lint(doc)
    points = split_points(text, size) + [len(text)]
    pieces = list(zip(points, points[1:]))
    plan = _plan(linter, doc.path)
    found: list[Diagnostic] = []
    judging = Judge(doc, plan[1], linter.context)
    # Each piece's facts are judged as far as they can be while the workers lint the rest.
    for (part, fact), (_, end) in zip(_lint_pieces(linter, plan, text, doc.path, doc.format, pieces, jobs), pieces):
        found.extend(part)
        judging.add(fact, end)
    if plan[1]:
        found.extend(judging.finish())
        found.sort(key=_SORT_KEY)
        # dedupe keeps the first of each (code, start, end): with none repeated (the usual
        # case: the judged codes are not run on the pieces), a set of the keys tells it at once.
        keys = list(map(_SORT_KEY, found))
        if len(set(keys)) != len(keys):
            found = dedupe(found)
    return apply_suppressions(doc, found)


# Diagnostic.sort_key's tuple, made in C (not a Python call per finding: 34,000 in a 10 MB dump).
_SORT_KEY = attrgetter("start", "end", "code")

# (rules run on each piece, codes judged over the whole text)
_Plan = tuple[list, frozenset]


def _plan(linter: "Linter", path: str) -> "_Plan":
    from newslint.piece_facts import JUDGED

    rules = linter.rules_for(path)
    judged = frozenset(r.code for r in rules if r.code in JUDGED)
    return [r for r in rules if r.code not in judged], judged


def _lint_piece(linter: "Linter", plan: "_Plan", text: str, path: str, fmt: str, a: int, b: int,
                pack: bool = False) -> tuple[list, object]:
    """The findings of ``text[a:b]`` linted as a document of its own, at offsets in ``text``
    (``pack``: as :func:`_pack` tuples, for a worker to send), and its facts for the rules
    judged over the whole text (as Linter.lint, with plan's rules)."""
    from newslint.engine import dedupe
    from newslint.piece_facts import collect
    from newslint.suppression import apply_suppressions

    piece = (PieceDocument if a else Document).from_text(text[a:b], path, fmt)
    found: list[Diagnostic] = []
    for rule in plan[0]:
        found.extend(rule.check(piece, linter.context))
    found = apply_suppressions(piece, found)
    found.sort(key=lambda d: d.sort_key)
    found = dedupe(found)
    facts = collect(piece, a, plan[1], linter.context)
    if pack:
        return [_pack(d, a) for d in found], facts
    return ([_shift(d, a) for d in found] if a else found), facts


class PieceDocument(Document):
    """A piece that does not start the text: its first paragraph is no headline
    (newslint.lexicon.tokens.headline_span), as in the whole text."""

    continues = True


def piece_jobs(jobs: int, pieces: int) -> int:
    """Processes to lint ``pieces`` pieces with: ``jobs``, never more than pieces.

    ``jobs`` 0 (auto): the CPUs that are free now. Workers pay off only on idle cores: on a
    shared, busy machine (bench/speed on the 2-core benchmark box with other work running)
    two workers measured slower than one process, because they add warm-up and pickling
    while the cores they need are taken. One process also when fork is unavailable or threads
    are running (forking a threaded process can copy a held lock into the child).
    """
    import multiprocessing
    import threading

    from newslint.parallel import free_cpu_count

    n = min(jobs if jobs > 0 else free_cpu_count(), pieces)
    if n < 2 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return n


# What forked workers inherit (set just before the pool starts, cleared after).
_shared: tuple["Linter", "_Plan", str, str, str] | None = None


def _worker_piece(span: tuple[int, int]) -> tuple[list, object]:
    assert _shared is not None
    linter, plan, text, path, fmt = _shared
    return _lint_piece(linter, plan, text, path, fmt, *span, pack=True)


def _lint_pieces(linter: "Linter", plan: "_Plan", text: str, path: str, fmt: str, pieces: list[tuple[int, int]],
                 jobs: int) -> Iterator[tuple[list[Diagnostic], object]]:
    """Each piece's findings and facts, in piece order: here, or in forked workers."""
    global _shared

    n = piece_jobs(jobs, len(pieces))
    if n == 1:
        for a, b in pieces:
            yield _lint_piece(linter, plan, text, path, fmt, a, b)
        return
    import multiprocessing

    # Loaded once here and shared by the workers through fork, not built in each of them: the
    # word lists and the suggestion model (a big text always has a word that needs suggestions).
    lex = linter.context.lexicon
    lex.is_known("the")
    lex.frequency("the")
    _shared = (linter, plan, text, path, fmt)
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            # chunksize 1: a worker that finishes early takes the next piece.
            for packed, facts in pool.imap(_worker_piece, pieces, chunksize=1):
                yield [_unpack(t) for t in packed], facts
    finally:
        _shared = None


def lint_text(linter: "Linter", text: str, path: str) -> list[Diagnostic]:
    """``linter.lint`` of ``text`` as one document, in pieces when it is large (the --fix rounds)."""
    if is_large(text):
        return lint_large(linter, reporting_document(text, path))
    return linter.lint(Document.from_text(text, path))


def reporting_document(text: str, path: str) -> Document:
    """A Document for line/column and excerpts only: masks are not computed for the whole text."""
    from newslint import formats

    return Document(text=text, path=path, format=formats.format_for_path(path), masks=())
