"""Pieces of the language server that need no client: position conversion and lexicon writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from newslint.lsp.positions import PositionMap

UTF8, UTF16, UTF32 = types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32


@pytest.mark.parametrize("encoding,expected", [(UTF16, 5), (UTF8, 7), (UTF32, 4)])
def test_columns_count_the_negotiated_code_units(encoding: str, expected: int) -> None:
    text = "x\r\nab🎉c,d\n"  # 🎉: 2 UTF-16 units, 4 UTF-8 bytes, 1 code point
    comma = text.index(",")
    pmap = PositionMap(text, encoding)
    assert pmap.position(comma) == types.Position(line=1, character=expected)
    assert pmap.offset(types.Position(line=1, character=expected)) == comma


def test_offsets_round_trip_on_awkward_text() -> None:
    text = "e\u0301\u200b👍🏽\ud800x\rnext\r\nלשון ,end"
    for encoding in (UTF8, UTF16, UTF32):
        pmap = PositionMap(text, encoding)
        for offset in range(len(text) + 1):
            if text[offset - 1:offset + 1] == "\r\n":
                continue  # between CR and LF is not a position
            assert pmap.offset(pmap.position(offset)) == offset, (encoding, offset)


def test_stale_positions_are_clamped() -> None:
    pmap = PositionMap("one\ntwo\n")
    assert pmap.offset(types.Position(line=99, character=0)) == 8
    assert pmap.offset(types.Position(line=0, character=99)) == 3
    assert pmap.position(1000) == types.Position(line=2, character=0)


def test_added_words_survive_newslint_learn(tmp_path: Path) -> None:
    """The word lands in the user's section, which `newslint learn` never rewrites."""
    from newslint.lsp.actions import append_to_lexicon

    lexicon = tmp_path / "words.txt"
    assert append_to_lexicon(lexicon, "Druzhba") is True
    assert append_to_lexicon(lexicon, "Druzhba") is False
    try:
        from newslint.lexicon.project import read_project_lexicon
    except ImportError:
        assert lexicon.read_text(encoding="utf-8") == "Druzhba\n"
        return
    from conftest import run_cli

    (tmp_path / "newslint.toml").write_text('lexicon = "words.txt"\n', encoding="utf-8")
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text("Officials from Zelvakorp met on Monday.\n", encoding="utf-8")
    learned = run_cli("learn", str(tmp_path), cwd=tmp_path)
    assert learned.returncode == 0, learned.stderr
    words = read_project_lexicon(lexicon)
    assert words.get("Druzhba") == 0  # still there, as one of the user's own words
