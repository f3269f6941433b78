"""Patterns compiled only when a text can use them give the answers of the patterns compiled at import."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import document
from newslint.document import Document, plain_masks
from newslint.rules import stories

ROOT = Path(__file__).resolve().parent.parent


@settings(max_examples=300, deadline=None)
@given(st.from_regex(re.compile(stories._DATELINE_SOURCE), fullmatch=True),
       st.text(alphabet="ab ,-–—\n.", max_size=20))
def test_every_dateline_passes_the_cheap_check(dateline: str, tail: str) -> None:
    text = dateline + tail
    if stories._dateline().match(text, 0, len(text)):
        assert stories._may_open_with_dateline(text, 0, len(text)), text


def test_datelines_with_and_without_the_check_agree() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [
        "Headline here\n\nTianjin, China (AFP) Sept 1, 2025 - Presidents met.\n\nMore text.\n",
        "A\n\nB\n\nC\n\nNEW YORK, March 2 - Markets fell.\n\nLONDON (Reuters) -\n\nPARIS (AFP) —\n",
        "One.\n\nTwo.\n\nThree - four.\n\nX — y\n\nÉcole (AFP) - z\n\nZ -",
    ]
    for text in texts:
        doc = Document.from_text(text, "a.txt")
        prose = doc.prose
        expected = []
        for i, (ps, pe) in enumerate(doc.paragraphs):
            j = ps
            while j < pe and prose[j].isspace():
                j += 1
            m = re.compile(stories._DATELINE_SOURCE).match(prose, j, pe)
            if m:
                expected.append((i, m.start(), m.end("dl")))
        assert stories.datelines(doc) == expected, text


def test_plain_masks_pattern_is_still_importable_and_equal() -> None:
    assert document._PLAIN_MASKS.pattern == document._PLAIN_MASKS_SOURCE
    assert [(s.start, s.end, s.kind) for s in plain_masks("see www.example.com or @ap #news")] == [
        (4, 19, "url"), (23, 26, "handle"), (27, 32, "hashtag")]
