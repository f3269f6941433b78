"""NL402 built in bulk as a big text's pieces arrive (newslint/copy_findings.py) equals the
straightforward builder (duplicates.paragraph_copy for every copy, after the last piece) and
the whole text linted as one document.

The texts are crafted so that each of the bulk builder's shortcuts meets its edge: runs of
consecutive copies across piece boundaries, blank lines after a copy reaching into the next
piece, URLs (masks) in copied paragraphs and beside them, CRLF and bare CR line breaks, a copy
ending the text, copies sharing their lines with other text (Markdown lists, HTML), a copy
differing in spacing and quote style, and suppression comments.
"""

from __future__ import annotations

import pickle
import random

import pytest

from conftest import make_config
from newslint import chunking
from newslint.chunking import lint_large, reporting_document, split_points
from newslint.copy_findings import ParagraphCopies, _new, _plain_removal
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.document import Document
from newslint.engine import Linter
from newslint.piece_facts import Judge, WholeView, judge

LINTER = Linter(make_config(select=["NL402", "NL403", "NL404", "NL408"]))

_WORDS = ("council minister report budget river school police harbour village market election "
          "railway hospital farmers winter bridge museum festival court ferry tunnel mayor").split()


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 30))]
    return " ".join(words).capitalize() + "."


def crafted(seed: int, newline: str = "\n", url_every: int = 5, lists: bool = False) -> str:
    """Paragraphs with many copies (single ones and runs of 2-5), some copies with a URL or
    a changed spacing / quote style, extra blank lines, and a copy ending the text."""
    rng = random.Random(seed)
    paras: list[str] = []
    for n in range(400):
        roll = rng.random()
        if paras and roll < 0.25:
            k = rng.randrange(len(paras))
            paras.extend(paras[k:k + rng.randint(1, 5)])  # a run of copies (may copy copies)
        elif paras and roll < 0.3:
            p = rng.choice(paras)
            paras.append(p.replace(" ", "  ", 1).replace("'", "’"))  # whitespace / quote style aside
        elif roll < 0.35:
            paras.append(f"See https://example.com/{rng.choice(_WORDS)}/{n} for the {_paragraph(rng)}")
        elif lists and roll < 0.42:
            paras.append(f"- {_paragraph(rng)}\n- {_paragraph(rng)}")  # a list: items share no line
        else:
            p = _paragraph(rng)
            if n % url_every == 0:
                p += " More at www.example.org/" + rng.choice(_WORDS) + " today."
            if rng.random() < 0.2:
                p = "It's the council's " + p
            paras.append(p)
        if rng.random() < 0.1:
            paras.append("")  # two blank lines between some paragraphs
        if n == 200:
            paras.extend(paras[20:100])  # a long run of copies: it crosses piece boundaries
    paras.append(paras[len(paras) // 2])  # a copy ending the text
    return newline.join(p.replace("\n", newline) for p in (newline * 2).join(paras).split("\n")) + newline


def _pieces(text: str, path: str, size: int) -> tuple[Document, list, list[tuple[int, int]]]:
    doc = reporting_document(text, path)
    plan = chunking._plan(LINTER, path)
    points = split_points(text, size) + [len(text)]
    spans = list(zip(points, points[1:]))
    facts = [chunking._lint_piece(LINTER, plan, text, path, doc.format, a, b)[1] for a, b in spans]
    return doc, facts, spans


def _straightforward(doc: Document, facts: list) -> list[Diagnostic]:
    """NL402 the plain way: every copy through duplicates.paragraph_copy, after every piece."""
    from newslint.rules.duplicates import _blocks, paragraph_copy

    copies = ParagraphCopies(doc, build=False)
    for f in facts:
        copies.add(f)
    view = WholeView(doc, facts)
    blocks = _blocks(copies.pairs)
    spans = copies.spans
    return [paragraph_copy(view, spans[c], spans[o], spans[blocks[c][0]][0], spans[blocks[c][1]][0],  # type: ignore[arg-type]
                           blocks[c][1] - blocks[c][0] + 1) for c, o in copies.pairs]


def _incremental(doc: Document, facts: list, spans: list[tuple[int, int]]) -> list[Diagnostic]:
    judging = Judge(doc, frozenset({"NL402"}), LINTER.context)
    for f, (_, end) in zip(facts, spans):
        judging.add(f, end)
    return judging.finish()


_KEY = lambda d: (d.start, d.end, d.code)  # noqa: E731


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("path", ["big.txt", "big.md", "big.html"])
def test_bulk_copies_equal_the_straightforward_builder(newline, path):
    text = crafted(1, newline, lists=path.endswith(".md"))
    if path.endswith(".html"):
        text = newline.join(f"<p>{line}</p>" if line.strip() else line for line in text.split(newline))
    doc, facts, spans = _pieces(text, path, 4000)
    assert len(spans) > 8
    expected = sorted(_straightforward(doc, facts), key=_KEY)
    assert len(expected) > 100 and any("block of" in d.message for d in expected)
    assert any("quote style aside" in d.message for d in expected)
    assert sorted(_incremental(doc, facts, spans), key=_KEY) == expected
    assert sorted(judge(doc, facts, frozenset({"NL402"}), LINTER.context), key=_KEY) == expected


def test_the_shortcuts_are_taken_and_refused_where_they_should_be():
    """Not a vacuous comparison: most copies are built from the text, and the ones next to a
    mask, past the known text or at the prose's end are left to paragraph_copy."""
    text = crafted(2)
    doc, facts, spans = _pieces(text, "big.txt", 4000)
    copies = ParagraphCopies(doc, build=False)
    for f in facts:
        copies.add(f)
    view = WholeView(doc, facts)
    starts = doc.lines.starts
    mask_starts = [s for s, _ in view.prose.masks]
    mask_ends = [e for _, e in view.prose.masks]
    answers = {}
    for c, _ in copies.pairs:
        ps, pe = copies.spans[c]
        answers[c] = _plain_removal(text, starts, ps, pe, view.prose_end, len(text), mask_starts, mask_ends)
    plain = [c for c, a in answers.items() if a is not None]
    masked = [c for c, a in answers.items() if a is None]
    assert len(plain) > 5 * len(masked) > 0
    for c in masked:  # each refusal reads a mask or ends the prose
        ps, pe = copies.spans[c]
        assert "http" in text[ps - 300:pe + 300] or "www." in text[ps - 300:pe + 300] or pe >= view.prose_end - 1
    # Past what is known (the next piece's masks are not in yet): refused, built at finish.
    c = plain[len(plain) // 2]
    ps, pe = copies.spans[c]
    assert _plain_removal(text, starts, ps, pe, view.prose_end, pe, mask_starts, mask_ends) is None


@pytest.mark.parametrize("seed,size", [(3, 2500), (4, 6000), (5, 15000)])
def test_pieces_give_the_one_documents_findings(seed, size):
    """The oracle: the whole text linted as one document (runs across boundaries included)."""
    text = crafted(seed, url_every=3 + seed)
    whole = LINTER.lint(Document.from_text(text, "big.txt"))
    assert sum(d.code == "NL402" for d in whole) > 100
    points = split_points(text, size)
    lines = Document.from_text(text).lines
    blocks_across = [d for d in whole if "block of" in d.message and any(
        lines.starts[int(d.message.rsplit("lines ", 1)[1].split("-")[0]) - 1] < p <= d.start for p in points[1:])]
    assert blocks_across, "some run of copies crosses a piece boundary"
    assert lint_large(LINTER, reporting_document(text, "big.txt"), size=size, jobs=1) == whole


def test_suppressed_copies_and_pieces():
    text = crafted(6)
    third = text.index("\n\n", len(text) // 3) + 2
    half = text.index("\n\n", len(text) // 2) + 2
    text = (text[:third] + "<!-- newslint-disable NL402 -->\n\n" + text[third:half]
            + "<!-- newslint-enable NL402 -->\n\n" + text[half:])
    whole = LINTER.lint(Document.from_text(text, "big.txt"))
    assert lint_large(LINTER, reporting_document(text, "big.txt"), size=3000, jobs=1) == whole
    assert any(d.code == "NL402" for d in whole)


def test_records_built_without_init_equal_constructed_ones():
    """copy_findings._new gives what the constructors give: equal, same hash and repr,
    picklable, and still frozen."""
    edit = Edit(3, 9, "")
    fix = Fix((edit,), Applicability.SAFE, "Remove the copy of line 2")
    diag = Diagnostic("NL402", "duplicated-paragraph", "Paragraph repeats line 2", 3, 8, Severity.WARNING, fix, ())
    e2 = _new(Edit, {"start": 3, "end": 9, "replacement": ""})
    f2 = _new(Fix, {"edits": (e2,), "applicability": Applicability.SAFE, "title": "Remove the copy of line 2"})
    d2 = _new(Diagnostic, {"code": "NL402", "name": "duplicated-paragraph", "message": "Paragraph repeats line 2",
                           "start": 3, "end": 8, "severity": Severity.WARNING, "fix": f2, "suggestions": ()})
    assert (d2, f2, e2) == (diag, fix, edit)
    assert hash(d2) == hash(diag) and repr(d2) == repr(diag) and d2.sort_key == diag.sort_key
    assert pickle.loads(pickle.dumps(d2)) == diag
    with pytest.raises(AttributeError):
        d2.start = 4  # type: ignore[misc]


def test_a_copy_before_a_url_line_in_the_next_piece():
    """A copy followed by a line that only holds a URL: in the prose that line is blank, so the
    copy's removal runs on past it. When the URL starts the next piece, its mask is not known
    yet as the copy's piece arrives: the finding waits for it (the piece's last copy is built
    with the next piece anyway, its run may go on; _plain_removal's ``known`` guards besides,
    tested above)."""
    rng = random.Random(8)
    pool = [_paragraph(rng) for _ in range(30)]
    paras = []
    for n in range(300):
        paras.append(rng.choice(pool) if n > 30 else pool[n % 30])
        paras.append(f"https://example.com/{n}")
    text = "\n\n".join(paras) + "\n"
    for size in (1500, 2300, 3100):
        doc, facts, spans = _pieces(text, "big.txt", size)
        boundaries = [a for a, _ in spans[1:] if text.startswith("https://", a)]
        assert boundaries
        expected = sorted(_straightforward(doc, facts), key=_KEY)
        assert sorted(_incremental(doc, facts, spans), key=_KEY) == expected
        whole = LINTER.lint(Document.from_text(text, "big.txt"))
        assert lint_large(LINTER, reporting_document(text, "big.txt"), size=size, jobs=1) == whole
