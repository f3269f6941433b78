"""Markdown and HTML: only prose is checked, and every finding points into the original file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SEEDS, lint
from newslint.document import Document

FIXTURES = Path(__file__).parent / "fixtures"
# Every error planted in a non-prose region of the fixtures contains one of these.
_PLANTED = re.compile(r"then,and|now\.The|the the|x,y")


def _findings(path: Path) -> list[tuple[str, int, int, str]]:
    text = path.read_text(encoding="utf-8")
    doc = Document.from_text(text, str(path))
    out = []
    for d in lint(text, path=str(path)):
        line, col = doc.lines.position(d.start)
        out.append((d.code, line, col, text[d.start:d.end]))
    return out


def _pos(text: str, needle: str, delta: int = 0) -> tuple[int, int]:
    """(line, column) of ``needle`` (unique in ``text``) plus ``delta`` code points."""
    assert text.count(needle) == 1, needle
    doc = Document.from_text(text)
    return doc.lines.position(text.index(needle) + delta)


def test_markdown_fixture_reports_prose_errors_at_their_positions():
    path = FIXTURES / "formats.md"
    text = path.read_text(encoding="utf-8")
    found = {(code, line, col) for code, line, col, _ in _findings(path)}
    expected = {
        ("NL302", *_pos(text, "beijing.The", 7)),          # front matter title is prose
        ("NL301", *_pos(text, "said,then", 4)),            # front matter description is prose
        ("NL301", *_pos(text, "Tuesday,and", 7)),          # paragraph before a link
        ("NL401", *_pos(text, "the the hall", 4)),         # image alt text is prose
        ("NL301", *_pos(text, "Putin,met", 5)),            # table cell
        ("NL201", *_pos(text, "first item")),              # a list item starts a paragraph
        ("NL201", *_pos(text, "second item")),
        ("NL301", *_pos(text, "item,broken", 4)),
        ("NL301", *_pos(text, "line,with", 4)),            # block quote
    }
    assert found == expected
    assert ("NL301", 11, 25) in found  # pinned once by hand: line 11, column 25


def test_markdown_fixture_is_quiet_in_code_urls_comments_and_front_matter_keys():
    path = FIXTURES / "formats.md"
    text = path.read_text(encoding="utf-8")
    doc = Document.from_text(text, str(path))
    for d in lint(text, path=str(path)):
        line = doc.lines.line_text(doc.lines.line_of(d.start))
        window = text[max(0, d.start - 6):d.end + 6]
        assert not _PLANTED.search(window) or "the the hall" in window, (d, line)


def test_markdown_masks_and_paragraphs():
    text = (FIXTURES / "formats.md").read_text(encoding="utf-8")
    doc = Document.from_text(text, "a.md")
    prose = doc.prose
    assert len(prose) == len(text)
    for needle in ("slug: then,and", "https://example.com/then,and", "`then,and now.The`",
                   "code block then,and", "indented code then,and", "<!-- editor note", "[arch]: https"):
        i = text.index(needle)
        assert prose[i:i + len(needle)].strip() == "", needle
    for needle in ("Officials met on Tuesday,and", "summit page", "A quoted line,with", "Summit opens in Beijing"):
        i = text.index(needle)
        assert prose[i:i + len(needle)] == needle
    # Heading, list items and block quote are paragraphs of their own.
    starts = [text[s:e] for s, e in doc.paragraphs]
    assert "Summit opens in Beijing" in starts
    assert "first item is fine." in starts and "second item,broken here." in starts
    # Markup characters are masked so they do not count as words or sentence starts.
    h = text.index("# Summit")
    assert prose[h] == " " and doc.is_masked(h, h + 1)


def test_html_fixture_reports_prose_errors_only():
    path = FIXTURES / "formats.html"
    text = path.read_text(encoding="utf-8")
    found = {(code, line, col) for code, line, col, _ in _findings(path)}
    expected = {
        ("NL301", *_pos(text, "Tuesday,and", 7)),
        ("NL301", *_pos(text, "left,quickly", 4)),  # after an entity: columns still count the raw "&mdash;"
        ("NL201", *_pos(text, "first item")),       # <li> starts a paragraph
        ("NL201", *_pos(text, "second item")),
        ("NL301", *_pos(text, "item,broken", 4)),
    }
    assert found == expected
    assert ("NL301", 12, 53) in found


def test_html_masks_tags_entities_script_style_pre_code():
    text = (FIXTURES / "formats.html").read_text(encoding="utf-8")
    doc = Document.from_text(text, "a.htm")
    assert doc.format == "html"
    for needle in ("<script>", 'var s = "then,and', 'content: "then,and', "&amp;", "&mdash;",
                   "pre block then,and", "<code>then,and</code>", 'href="https://example.com/then,and"', "<!-- editor"):
        i = text.index(needle)
        assert doc.prose[i:i + len(needle)].strip() == "", needle
    assert [text[s:e] for s, e in doc.paragraphs][:2] == ["Leaders meet in Beijing", "Summit opens in Beijing"]


def _seed_in(fmt: str) -> tuple[str, list[tuple[int, int]], str]:
    """Seed 001 rewritten as Markdown or HTML; returns the text, (text offset, new offset) per line, path."""
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    lines = seed.split("\n")
    out: list[str] = []
    shifts: list[tuple[int, int]] = []
    pos_txt = 0

    def add(s: str) -> None:
        out.append(s)

    if fmt == "markdown":
        add("---\ntitle: Putin and Xi meet in Beijing\ntags: [then,and, the the]\n---\n\n")
    else:
        add("<!DOCTYPE html>\n<html><head><title>Putin and Xi meet in Beijing</title>\n"
            "<script>var a = \"then,and\";</script></head>\n<body>\n")
    for n, line in enumerate(lines):
        if not line:
            pos_txt += 1
            continue
        if fmt == "markdown":
            prefix = "# " if n == 0 else "- " if n == 4 else "> " if n == 6 else ""
            suffix = "\n\n"
        else:
            tag = "h1" if n == 0 else "p"
            prefix, suffix = f"<{tag}>", f"</{tag}>\n"
        here = len("".join(out)) + len(prefix)
        shifts.append((pos_txt, here))
        add(prefix + line + suffix)
        pos_txt += len(line) + 1
        if n == 3:  # extra non-prose blocks between paragraphs
            if fmt == "markdown":
                add("```\nwe were together then,and the the now.The\n```\n\n"
                    "See [the report](https://example.com/then,and) and `now.The` here.\n\n"
                    "<!-- then,and -->\n\n")
            else:
                add("<pre>then,and the the now.The</pre>\n<p>See <a href=\"https://example.com/then,and\">the report</a>"
                    " and <code>now.The</code> here.</p>\n<!-- then,and -->\n")
    if fmt == "html":
        add("</body></html>\n")
    return "".join(out), shifts, "seed001." + ("md" if fmt == "markdown" else "html")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_seed_001_in_another_format_gives_the_same_findings_shifted(fmt):
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    plain = lint(seed, path="seed001.txt")
    assert len(plain) >= 5  # the planted errors the core rules see
    text, shifts, path = _seed_in(fmt)

    def shift(offset: int) -> int:
        base_txt, base_new = max((s for s in shifts if s[0] <= offset), key=lambda s: s[0])
        return offset - base_txt + base_new

    converted = lint(text, path=path)
    assert Document.from_text(text, path).format == fmt
    expected = sorted((d.code, shift(d.start), shift(d.end), d.message) for d in plain)
    got = sorted((d.code, d.start, d.end, d.message) for d in converted)
    assert got == expected


def test_html_line_break_does_not_split_a_paragraph():
    text = "<p>The talks ended late<br>\nand the leaders left.</p>\n"
    doc = Document.from_text(text, "a.html")
    assert [text[s:e] for s, e in doc.paragraphs] == ["The talks ended late<br>\nand the leaders left."]
    assert lint(text, path="a.html", select=["NL201"]) == []


def test_hugo_shortcodes_and_liquid_tags_are_code():
    text = ('The leaders met.\n\n{{< figure src="a_b.jpg" caption="then,and" >}}\n\n'
            'Talks went on {% include note.html text="now.The" %} late into the night.\n')
    doc = Document.from_text(text, "a.md")
    for needle in ('{{< figure src="a_b.jpg" caption="then,and" >}}', '{% include note.html text="now.The" %}'):
        i = text.index(needle)
        assert doc.prose[i:i + len(needle)].strip() == ""
    assert lint(text, path="a.md") == []
