"""A big text linted in pieces gives the findings of the whole text linted as one document.

The rules that look across the article (duplicated paragraphs and sentences, boilerplate,
stories, dialect majorities) are judged over the whole text from the pieces' facts
(newslint/piece_facts.py). The oracle is the whole document: ``lint_large(..., size=small)``
must equal ``linter.lint(Document.from_text(text))``, in this process and in forked workers.
Texts are generated (random words in news-like paragraphs) so that copies, repeated lines,
stories and dialect words fall on both sides of many piece boundaries.
"""

from __future__ import annotations

import random

import pytest

from conftest import SEEDS, make_config
from newslint.chunking import lint_large, piece_jobs, reporting_document, split_points
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.engine import Linter

# The rules that still read the article's word statistics per piece (docs/reliability.md, "Big files").
PER_PIECE = {"NL101", "NL102", "NL202", "NL407"}
# Everything else.
COVERED = ["NL103", "NL201", "NL203", "NL3", "NL401", "NL402", "NL403", "NL404", "NL405", "NL406", "NL408"]
LINTER = Linter(make_config(select=COVERED, dialect="auto"))
JOBS = [1, 2] if piece_jobs(2, 5) == 2 else [1]

_WORDS = ("council minister report budget river school police harbour village market election "
          "railway hospital farmers winter bridge museum festival court ferry tunnel mayor").split()
_BOILER = ["Read more", "Sign up for our free weekly newsletter", "Advertisement", "Share this article",
           "Related Topics", "Skip to main content"]
_MENU = ["Top stories", "World news", "Weather today", "Sport results"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 14)) for _ in range(rng.randint(1, 4)))


def big_text(seed: int, stories: int = 60) -> str:
    """Stories of generated paragraphs, with copies from far back, boilerplate, datelines,
    URL lines and both spellings of dialect words; ends with a closing menu run."""
    rng = random.Random(seed)
    paras: list[str] = []
    pool: list[str] = []
    long_sentences: list[str] = []
    for n in range(stories):
        if n:
            paras.append(f"Headline number {n} about the {rng.choice(_WORDS)}")
            paras.append(f"LONDON, Feb {n % 28 + 1} - " + _paragraph(rng))
        if rng.random() < 0.7:
            long_sentences = long_sentences[-2:]  # mostly repeats within a story (NL403 is per story)
        for _ in range(rng.randint(4, 9)):
            roll = rng.random()
            if roll < 0.15 and pool:
                copy = rng.choice(pool)  # a copy, often pieces away; some with other spacing
                paras.append(copy.replace(" ", "  ", 1) if rng.random() < 0.3 else copy)
            elif roll < 0.2 and len(pool) > 3:
                k = rng.randrange(len(pool) - 2)
                paras.extend(pool[k:k + 3])  # a block of copies
            elif roll < 0.27:
                paras.append(rng.choice(_BOILER))
            elif roll < 0.33:
                paras.append(rng.choice(_MENU))  # a short unpunctuated line, repeated across the text
            elif roll < 0.37:
                paras.append(f"Read more at https://example.com/{rng.choice(_WORDS)}/{n}")
            elif roll < 0.47 and long_sentences:
                paras.append(_sentence(rng, 9) + " " + rng.choice(long_sentences))  # a repeated sentence
            elif roll < 0.52:
                word = rng.choice(["defence", "defence", "colour", "centre", "defense", "color"])
                paras.append(f"The {word} " + _paragraph(rng))
            elif roll < 0.54:
                paras.append("A message from the editor:")  # an appeal opener
            else:
                p = _paragraph(rng)
                if rng.random() < 0.5:
                    long_sentences.append(_sentence(rng, 10))
                    p += " " + long_sentences[-1]
                paras.append(p)
                pool.append(p)
    paras.extend(_MENU * 2)
    return "\n\n".join(paras) + "\n"


def _whole(linter: Linter, text: str, path: str = "big.txt") -> list:
    return linter.lint(Document.from_text(text, path))


@pytest.mark.parametrize("seed,size", [(1, 3000), (2, 7000), (3, 20000)])
def test_pieces_give_the_whole_documents_findings(seed, size):
    text = big_text(seed)
    assert len(split_points(text, size)) > 4
    whole = _whole(LINTER, text)
    codes = {d.code for d in whole}
    assert {"NL103", "NL402", "NL403", "NL404", "NL408"} <= codes
    for jobs in JOBS:
        assert lint_large(LINTER, reporting_document(text, "big.txt"), size=size, jobs=jobs) == whole


def test_copies_across_pieces_name_whole_text_lines():
    """The copies and stories found only across pieces, with line numbers of the whole text."""
    text = big_text(4)
    size = 3000
    points = split_points(text, size)
    found = lint_large(LINTER, reporting_document(text, "big.txt"), size=size, jobs=1)
    lines = Document.from_text(text).lines
    import bisect

    def piece(offset: int) -> int:
        return bisect.bisect_right(points, offset)

    far = [d for d in found if d.code == "NL402"
           and piece(lines.starts[int(d.message.split("line ")[1].split()[0].rstrip(";")) - 1]) != piece(d.start)]
    assert far, "some copies repeat a paragraph of an earlier piece"
    stories = [d for d in found if d.code == "NL408"]
    assert [int(d.message.split()[1]) for d in stories] == list(range(2, len(stories) + 2))
    assert max(lines.line_of(d.start) for d in stories) > text[:size].count("\n") + 1


def test_units_with_one_fingerprint_are_told_apart_by_their_text(monkeypatch):
    """Fingerprints only find candidates: with every unit on one fingerprint, still exact."""
    from newslint import piece_facts

    monkeypatch.setattr(piece_facts, "_fingerprint", lambda key: 7)
    text = big_text(9, stories=25)
    whole = _whole(LINTER, text)
    assert lint_large(LINTER, reporting_document(text, "big.txt"), size=4000, jobs=1) == whole
    assert [d for d in whole if d.code == "NL402"] and [d for d in whole if d.code == "NL403"]


def test_markdown_and_seed_articles():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) * 4
    md = big_text(5, stories=30).replace("Headline number", "## Headline number")
    for t, path in ((text, "big.txt"), (md, "big.md")):
        whole = _whole(LINTER, t, path)
        for jobs in JOBS:
            assert lint_large(LINTER, reporting_document(t, path), size=5000, jobs=jobs) == whole


def test_a_suppression_region_still_spans_pieces():
    text = big_text(6)
    cut = len(text) // 3
    cut = text.index("\n\n", cut) + 2
    text = text[:cut] + "<!-- newslint-disable NL402 NL404 -->\n\n" + text[cut:]
    whole = _whole(LINTER, text)
    assert lint_large(LINTER, reporting_document(text, "big.txt"), size=4000, jobs=1) == whole
    assert not [d for d in whole if d.code in ("NL402", "NL404") and d.start > cut]


def test_fix_of_a_big_file_equals_fixing_it_as_one_document(monkeypatch):
    """--fix re-lints a big text in pieces too; the fixed text and what is left are the same."""
    from newslint import chunking
    from newslint.files import SourceFile
    from newslint.fixes import fix_source

    text = big_text(7)
    source = SourceFile("big.txt", text, "utf-8", "", len(text), 0)
    for minimum in (Applicability.SAFE, Applicability.UNSAFE):
        monkeypatch.setattr(chunking, "CHUNK_CHARS", 10**9)
        whole = fix_source(source, LINTER, minimum)
        monkeypatch.setattr(chunking, "CHUNK_CHARS", 4000)
        pieces = fix_source(source, LINTER, minimum)
        assert whole.applied > 10
        assert (pieces.text, pieces.applied, pieces.remaining) == (whole.text, whole.applied, whole.remaining)


def test_only_the_per_piece_statistics_rules_differ():
    """With every rule on, the pieces differ from the whole document in PER_PIECE rules only."""
    from collections import Counter

    from newslint.registry import all_rules

    linter = Linter(make_config(select=[r.code for r in all_rules()]))
    native = [r.code for r in all_rules() if r.code < "NL5"]  # NL5xx are the cross-article rules (--corpus)
    assert all(c in PER_PIECE or c.startswith(tuple(COVERED)) for c in native)
    text = big_text(8) + "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) * 3
    whole = Counter(_whole(linter, text))
    pieces = Counter(lint_large(linter, reporting_document(text, "big.txt"), size=6000, jobs=1))
    assert {d.code for d in (whole - pieces) + (pieces - whole)} <= PER_PIECE


def test_pieces_are_not_cut_before_a_continued_quotation():
    """A quotation left open at a paragraph's end continues when the next paragraph opens with
    a quotation mark (NL405): a cut between the two would make a false finding."""
    para = 'He said: "We stay here until the work is done and the roads are open.\n"Nobody leaves before that," he added.\n'
    text = para * 200
    points = split_points(text, 3000)
    assert len(points) > 4 and all(text[p] != '"' for p in points[1:])
    whole = [d for d in _whole(LINTER, text) if d.code == "NL405"]
    assert whole == []
    found = lint_large(LINTER, reporting_document(text, "big.txt"), size=3000, jobs=1)
    assert [d for d in found if d.code == "NL405"] == whole


def test_whole_view_prose_equals_the_documents_prose():
    """The parent reads the whole text's prose through the pieces' masks (piece_facts._Prose):
    every slice, inside a gap between masks, across masks or at the text's ends, equals
    Document.prose's."""
    from newslint.document import NON_PROSE
    from newslint.piece_facts import _Prose

    text = ("See https://example.org/a/b for `code` and <b>bold</b> text.\n\nPlain words here.\n" * 40)
    doc = Document.from_text(text, "a.md")
    masks = sorted((s.start, s.end) for s in doc.masks if s.kind in NON_PROSE)
    assert masks
    merged: list[tuple[int, int]] = []
    for s, e in masks:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    prose = _Prose(text, merged)
    rng = random.Random(5)
    points = [0, len(text)] + [p for m in merged[:6] for p in m]
    spans = [(a, b) for a in points for b in points] + [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(500)]
    for a, b in spans:
        assert prose[a:b] == doc.prose[a:b], (a, b)
