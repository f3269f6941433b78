"""UTF-16 to code-point mapping and splitting a batched answer back into paragraphs (no server)."""

from __future__ import annotations

from newslint.backends.languagetool import split_matches
from newslint.backends.utf16 import utf16_length, utf16_to_codepoints


def u16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def test_bmp_text_is_identity():
    text = "“Curly” quotes — and dashes"
    conv = utf16_to_codepoints(text)
    assert all(conv(i) == i for i in range(len(text) + 1))


def test_non_bmp_offsets_map_back_exactly():
    text = "a😀b 𝕏 c 👍🏽 d"
    conv = utf16_to_codepoints(text)
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        assert conv(u16(text, cp)) == cp


def test_split_matches_assigns_paragraphs_and_relative_offsets():
    paras = ["Fans 😀 said a error.", "“She” go home."]
    batch = "\n\n".join(paras)
    starts = [0, len(paras[0]) + 2]
    a_at = batch.index("a error")
    go_at = batch.index("go")
    answer = {"matches": [
        {"offset": u16(batch, a_at), "length": 1, "message": "m", "replacements": [{"value": "an"}],
         "rule": {"id": "EN_A_VS_AN", "category": {"id": "MISC", "name": "Miscellaneous"}}},
        {"offset": u16(batch, go_at), "length": 2, "message": "m", "replacements": [],
         "rule": {"id": "HE_VERB_AGR", "category": {"id": "GRAMMAR", "name": "Grammar"}}},
        {"offset": u16(batch, len(paras[0]) + 1), "length": 1, "message": "on the separator",
         "rule": {"id": "X", "category": {}}},
    ]}
    first, second = split_matches(batch, starts, [len(p) for p in paras], answer)
    assert [(m["rule"], paras[0][m["o"]:m["o"] + m["l"]], m["rep"]) for m in first] == [("EN_A_VS_AN", "a", ["an"])]
    assert [(m["rule"], paras[1][m["o"]:m["o"] + m["l"]]) for m in second] == [("HE_VERB_AGR", "go")]


def test_rule_command_explains_languagetool_codes():
    from conftest import run_cli

    proc = run_cli("rule", "LT:EN_A_VS_AN")
    assert proc.returncode == 0
    assert "LanguageTool rule EN_A_VS_AN" in proc.stdout and 'disabled-rules = ["EN_A_VS_AN"]' in proc.stdout
    assert run_cli("rule", "LT:").returncode == 2
