"""One test per bug found by the reliability work, named after the bug.

Speed bugs (quadratic regexes and scans) are pinned by tests/test_regex_audit.py
(``BUG_PATTERNS``) and tests/test_scaling.py; the tests here pin behaviour: the faster
code must give exactly what the straightforward code gave.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lint
from newslint.diagnostics import Diagnostic
from newslint.document import NON_PROSE, Document, Span
from newslint.files import display_path
from newslint.reporters.text import excerpt
from strategies import article_text


def test_bug_repeated_word_missed_across_cr_only_line_break():
    # Hard-wrapped text (short lines, blank line between paragraphs), \r-only line breaks.
    text = "The parade went on and\rand on.\r\rNext paragraph here.\r"
    found = [d for d in lint(text, select=["NL401"])]
    assert [(d.start, text[d.start:d.end]) for d in found] == [(23, "and")]


def test_bug_trailing_whitespace_regex_quadratic_still_finds_runs():
    text = "end.   \nnext \t\r\nlast  "
    found = lint(text, select=["NL306"])
    assert [text[d.start:d.end] for d in found] == ["   ", " \t", "  "]


def test_bug_email_and_domain_masks_quadratic_still_mask():
    doc = Document.from_text("Write to jo.doe+x@mail.example.org or see reuters.com/world and a-b.co.uk today.")
    masked = [doc.text[s.start:s.end] for s in doc.masks]
    assert masked == ["jo.doe+x@mail.example.org", "reuters.com/world", "a-b.co.uk"]


def test_bug_comment_mask_quadratic_unclosed_comment_masks_nothing_after():
    doc = Document.from_text("<!-- a -->x<!-- open and a@b.co")
    assert [(s.kind, doc.text[s.start:s.end]) for s in doc.masks] == [("comment", "<!-- a -->"), ("email", "a@b.co")]


def test_bug_period_rule_walkback_quadratic_keeps_exceptions():
    assert [d.code for d in lint("It fell now.The rest.", select=["NL302"])] == ["NL302"]
    for quiet in ("See the U.S.Treasury data.", "As in e.g.The case.", "Open file.v2.Then stop.", "Go 5.The end"):
        assert [d.code for d in lint(quiet, select=["NL302"])] == ([] if "5." not in quiet else ["NL302"]), quiet


def _naive_is_masked(doc: Document, start: int, end: int, kinds=NON_PROSE) -> bool:
    return any(s.kind in kinds and s.start < end and start < s.end for s in doc.masks)


def _naive_in_quote(doc: Document, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in doc.quotes)


def _naive_prose(doc: Document) -> str:
    chars = list(doc.text)
    for s in doc.masks:
        if s.kind in NON_PROSE:
            for i in range(s.start, min(s.end, len(chars))):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return "".join(chars)


@settings(max_examples=150, deadline=None)
@given(text=article_text(), data=st.data())
def test_bug_linear_mask_and_quote_lookups_match_the_naive_scans(text, data):
    doc = Document.from_text(text, data.draw(st.sampled_from(["a.txt", "a.md", "a.html"])))
    extra = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 30)), max_size=5))
    masks = doc.masks + tuple(Span(a, min(len(text), a + n), "code") for a, n in extra)  # overlapping masks too
    doc = Document(text=doc.text, path=doc.path, format=doc.format, masks=tuple(sorted(masks, key=lambda s: (s.start, s.end))))
    assert doc.prose == _naive_prose(doc)
    for _ in range(20):
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        assert doc.is_masked(a, b) == _naive_is_masked(doc, a, b)
        assert doc.is_masked(a, b, frozenset({"url"})) == _naive_is_masked(doc, a, b, frozenset({"url"}))
        assert doc.in_quote(a, b) == _naive_in_quote(doc, a, b)


def test_bug_suppression_index_matches_region_semantics():
    text = ("<!-- newslint-disable NL401 -->\nthe the x\n<!-- newslint-enable NL401 -->\nthe the y\n"
            "<!-- newslint-disable-next-line NL3 -->\nthe the ,z\n<!-- newslint-disable -->\nnow.The\n")
    found = [(d.code, text[d.start:d.end]) for d in lint(text, select=["NL3", "NL401"])]
    assert ("NL401", "the") in found and len([c for c, _ in found if c == "NL401"]) == 2
    assert not [c for c, _ in found if c.startswith("NL3")]


def test_bug_terminal_escape_sequences_echoed_from_articles():
    doc = Document.from_text("The the \x1b]0;pwned\x07 story \x1b[2J.")
    d = Diagnostic("NL401", "repeated-word", "x", 4, 7)
    _, shown, _, _ = excerpt(doc, d)
    assert "\x1b" not in shown and "\x07" not in shown and "\ufffd]0;pwned\ufffd" in shown


def test_bug_undecodable_and_control_characters_in_paths():
    assert display_path("dir/bad\udcffname.txt") == "dir/bad\\xffname.txt"
    assert display_path("new\nline\t.txt") == "new\\nline\\t.txt"
    assert display_path("new\nline.txt", escape_controls=False) == "new\nline.txt"
    assert display_path("ok café.txt") == "ok café.txt"


def test_bug_spelling_compound_analysis_blew_up_on_a_huge_hyphenated_token():
    """'a-a-a-...' as one 100 KB token took 15 s and 1.3 GB in NL101; now skipped as not a word."""
    import resource
    import subprocess
    import sys

    from conftest import REPO

    code = (
        "import resource\n"
        "from newslint.document import Document\n"
        "from newslint.engine import Linter\n"
        "from newslint.config import Config, load_defaults\n"
        "linter = Linter(Config.from_dict({**load_defaults(), 'select': ['NL1']}))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "linter.lint(Document.from_text('a-' * 50000, 'a.txt'))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    grown_kb = int(out.stdout.strip().splitlines()[-1])
    assert grown_kb < 200 * 1024, f"linting 100 KB grew the process by {grown_kb // 1024} MB"
    del resource
