"""Hypothesis strategies for hostile article text, shared by the property and fuzz tests.

The text mixes ordinary prose with the characters that break naive text code (non-BMP
emoji, combining marks, right-to-left letters, zero-width characters, NUL, lone surrogates
as ``surrogateescape`` produces them, every newline convention) and with fragments that
make the rules fire (the injected errors), so that fixes and suppressions are exercised too.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Characters that have broken text tools before.
HOSTILE_CHARS = [
    "\U0001F600", "\U0001F1FA\U0001F1F8", "\U0001F468\u200D\U0001F469\u200D\U0001F467",  # emoji, flag, ZWJ family
    "\U00010348", "\U0001D400",  # Gothic, math bold (non-BMP letters)
    "e\u0301", "\u0301", "\u0308\u0308",  # combining marks, on a letter and alone
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u202c", "\u200f",  # RTL text and controls
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060",  # zero-width
    "\x00", "\x07", "\x1b[31m", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",  # control and odd line separators
    "\udc80", "\udcff", "\udce9",  # lone surrogates, as surrogateescape decodes bad bytes
    "\r\n", "\r", "\n", "\n\n", "\r\r", "\n\r",  # every newline convention, mixed
    "\t", "  ", "   ", "\u00a0", "\u3000",
    "İ", "ß", "ǅ", "ﬁ", "Σ", "ς",  # case mappings that change length or are titlecase
    "中文", "日本語",  # wide characters
]

# Fragments that make rules fire (injected errors) or exercise masks and suppressions.
ERROR_FRAGMENTS = [
    "then,and", "stated,highlighting", "now.The", "why?The", "said:the", "word ,", "the  parade", "end.  ",
    "the the", "The The", "and\nand", "the\r\nthe", "the beijing summit. south Korean", "2019,the",
    "“the quote,said", "\"unclosed quote", "'single' quote", "U.S.Treasury", "e.g.The",
    "Duran Duran", "had had", "1,000", "10:30", "3.5", "...", "…", "?!", "“", "”", "‘", "’",
    "https://example.com/a,b", "www.x.com.", "a@b.co", "@handle", "#tag", "example.org/path",
    "<!-- newslint-disable NL3 -->", "<!-- newslint-enable -->", "<!-- newslint-disable-next-line -->",
    "<!-- newslint-disable-line NL401 -->", "<!-- newslint-disable-file -->", "<!--", "-->",
    "```", "```\ncode  here\n```", "`x  y`", "<b>", "</b>", "<script>a  b</script>", "<p>", "&amp;",
    "# Heading", "> quote", "- item", "* item", "1. item", "[link](http://x.y)", "---\ntitle: x\n---\n",
]

WORDS = ["the", "The", "a", "news", "Beijing", "said", "and", "Russia's", "leaders’", "Mr.", "Dr.", "it", "was", "on"]

_atom = st.one_of(
    st.sampled_from(HOSTILE_CHARS),
    st.sampled_from(ERROR_FRAGMENTS),
    st.sampled_from(WORDS),
    st.sampled_from([" ", " ", ". ", ", ", "\n"]),
    st.text(min_size=1, max_size=4),  # arbitrary Unicode, including surrogates
)


@st.composite
def article_text(draw: st.DrawFn, max_atoms: int = 60) -> str:
    """A string built from hostile characters, words and error fragments."""
    atoms = draw(st.lists(_atom, max_size=max_atoms))
    return "".join(atoms)


plain_unicode = st.text(max_size=200)  # hypothesis' own arbitrary Unicode (all planes, surrogates)

any_text = st.one_of(article_text(), plain_unicode)

long_line = st.builds(lambda word, n, tail: (word + " ") * n + tail,
                      st.sampled_from(WORDS + ["now.The", "the the", "\U0001F600", "a  b"]),
                      st.integers(min_value=200, max_value=2000), article_text(max_atoms=5))

PATHS = ["article.txt", "article.md", "article.html"]


# Structure-aware pieces for the Markdown and HTML fuzzers: well-formed, half-formed and broken.
MARKDOWN_PIECES = [
    "# ", "## ", "###### ", "#no-space", "> ", ">> ", "> > > ", "- ", "* ", "+ ", "1. ", "10) ", "    ", "\t",
    "```", "```python\n", "~~~", "    code  block\n", "`", "``", "`code  here`", "**", "__", "*", "_",
    "[", "]", "(", ")", "[text](http://example.com/a_b)", "![alt](img.png)", "[ref]: http://x.y \"T\"", "[ref]",
    "<http://auto.link>", "<a@b.co>", "| a | b |\n|---|---|\n| 1 | 2 |\n", "---\n", "***\n", "===\n",
    "---\ntitle: The the title\ndate: 2024\n---\n", "+++\ntoml = 1\n+++\n", "<div>\n", "</div>\n", "<!-- c -->",
    "\\*", "\\", "&nbsp;", "&#x1F600;", "[^1]", "[^1]: note", "$$", "{#id}", ":::", "- [ ] task", "- [x] done",
]
HTML_PIECES = [
    "<p>", "</p>", "<p class=\"x\">", "<br/>", "<br>", "<img src='a.png' alt=\"a > b\">", "<a href=\"http://x.y/?a=1&b=2\">",
    "</a>", "<script>var a = 'the  the';</script>", "<script>", "</script>", "<style>p{a:b}</style>", "<style>",
    "<pre>  x  </pre>", "<code>", "</code>", "<!-- comment -->", "<!--", "-->", "<!DOCTYPE html>", "<![CDATA[x]]>",
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&#8217;", "&bogus;", "&", "<", ">", "</", "<p", "<a href=", "\"", "'",
    "<div><div><div>", "</div></div></div>", "<html><head><title>The the</title></head><body>", "</body></html>",
    "<textarea>", "</textarea>", "<svg><text>x</text></svg>", "<?xml version=\"1.0\"?>", "<b><i>x</b></i>",
]


@st.composite
def markdown_text(draw: st.DrawFn) -> str:
    atoms = draw(st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), _atom), max_size=80))
    return "".join(atoms)


@st.composite
def html_text(draw: st.DrawFn) -> str:
    atoms = draw(st.lists(st.one_of(st.sampled_from(HTML_PIECES), _atom), max_size=80))
    return "".join(atoms)
