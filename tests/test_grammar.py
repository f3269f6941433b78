"""Grammar checks against the REAL LanguageTool server started by scripts/test (no mock)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS, make_config, run_cli
from lt_support import lt_url
from newslint.backends.languagetool import GrammarSession
from newslint.backends.lt_client import LTClient
from newslint.backends.lt_settings import load_settings
from newslint.config import load_defaults
from newslint.document import Document
from newslint.engine import Linter


@pytest.fixture
def url() -> str:
    return lt_url()


def check_json(tmp_path: Path, text: str, url: str, name: str = "article.txt", *extra: str) -> list[dict]:
    """Run the CLI with grammar on ``text``; a config file in tmp_path keeps the cache there."""
    (tmp_path / "newslint.toml").write_text("[grammar]\nenabled = true\n", encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--languagetool-url", url, *extra, str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)["diagnostics"]


def session(url: str, tmp_path: Path, select: list[str] | None = None, **grammar) -> tuple[GrammarSession, Linter]:
    defaults = load_defaults()["grammar"]  # make_config replaces whole tables; keep the shipped defaults
    over = {"select": select} if select else {}
    cfg = make_config(grammar={**defaults, "enabled": True, "url": url, "cache-dir": str(tmp_path / "cache"), **grammar}, **over)
    return GrammarSession(cfg, load_settings(cfg)), Linter(cfg)


def run_session(s: GrammarSession, linter: Linter, text: str, path: str = "a.txt"):
    doc = Document.from_text(text, path)
    native = linter.lint(doc)
    return doc, native, s.check(doc, native, linter.context, [r.code for r in linter.rules])


def test_a_error_gets_an_with_line_and_column(tmp_path, url):
    diags = check_json(tmp_path, "The minister spoke.\nThis is a error.\n", url)
    [d] = [d for d in diags if d["code"] == "LT:EN_A_VS_AN"]
    assert (d["line"], d["column"], d["text"]) == (2, 9, "a")
    assert d["fix"]["applicability"] == "unsafe"
    assert d["fix"]["edits"][0]["replacement"] == "an"
    assert d["name"] == "misc" and "[Miscellaneous]" in d["message"]


def test_she_go_is_flagged(tmp_path, url):
    diags = check_json(tmp_path, "She go to school every day.\n", url)
    [d] = [d for d in diags if d["code"].startswith("LT:")]
    assert d["code"] == "LT:HE_VERB_AGR" and (d["line"], d["column"], d["text"]) == (1, 5, "go")
    assert "goes" in d["suggestions"]
    # Several replacements: shown, never applied automatically.
    assert d["fix"]["applicability"] == "display-only"


def test_emoji_and_curly_quotes_before_the_error_keep_the_column(tmp_path, url):
    line = "“Great,” fans wrote 😀😀 on 𝕏, and she go to school every day."
    diags = check_json(tmp_path, f"Intro line.\n{line}\n", url)
    [d] = [d for d in diags if d["code"] == "LT:HE_VERB_AGR"]
    assert d["line"] == 2 and d["column"] == line.index(" go ") + 2
    assert d["text"] == "go"


def test_masked_markdown_is_not_sent_and_offsets_do_not_shift(tmp_path, url):
    text = "Run `this is a error` in a shell, see https://example.com/a-error and this is a error.\n"
    diags = check_json(tmp_path, text, url, "a.md")
    found = [(d["column"], d["code"]) for d in diags if d["code"].startswith("LT:")]
    assert found == [(text.rindex(" a error") + 2, "LT:EN_A_VS_AN")]


def test_seed_001_native_findings_win(tmp_path, url):
    """LanguageTool itself flags 'then,and' and the lowercase sentence starts; only the native rule reports them."""
    seed = next(SEEDS.glob("001_*.txt"))
    text = seed.read_text(encoding="utf-8")
    raw = LTClient(url, 60).check(text, {"language": "en-US"})["matches"]
    raw_spans = {(m["offset"], m["offset"] + m["length"], m["rule"]["id"]) for m in raw}
    comma = text.index("then,and")
    assert any(r == "COMMA_PARENTHESIS_WHITESPACE" and s <= comma + 4 <= e for s, e, r in raw_spans)
    assert any(r == "UPPERCASE_SENTENCE_START" for _, _, r in raw_spans)

    s, linter = session(url, tmp_path)
    doc, native, lt = run_session(s, linter, text, str(seed))
    assert s.failure is None
    native_codes = {d.code for d in native}
    assert {"NL301", "NL201"} <= native_codes
    for d in lt:
        assert d.code not in ("LT:COMMA_PARENTHESIS_WHITESPACE", "LT:UPPERCASE_SENTENCE_START"), d
        for n in native:
            overlap = d.start < max(n.end, n.start + 1) and n.start < max(d.end, d.start + 1)
            assert not (overlap and (d.start, d.end) == (n.start, n.end)), (d, n)
            if overlap and (d.name in ("typos", "casing")):
                raise AssertionError(f"{d.code} repeats native {n.code} at {doc.text[d.start:d.end]!r}")


def test_spelling_on_known_words_is_dropped(tmp_path, url):
    words = tmp_path / "names.txt"
    words.write_text("Vrotslavek\n", encoding="utf-8")
    text = "Minister Vrotslavek met Klomprandt after the vote and recieved applause.\n"
    # NL101 (native spelling) off: LanguageTool's spelling counts, but not on known words.
    # (language en-US: with dialect "auto" LanguageTool's US spell checker is off.)
    s, linter = session(url, tmp_path, select=["NL2", "NL3", "NL4"], language="en-US")
    s.config.dictionaries = [words]
    _, _, lt = run_session(s, linter, text)
    flagged = {text[d.start:d.end] for d in lt if d.name == "typos"}
    assert "Klomprandt" in flagged and "recieved" in flagged
    assert "Vrotslavek" not in flagged
    # With the native spelling rule on (the default selection), it owns spelling: no LanguageTool spelling.
    s2, linter2 = session(url, tmp_path, language="en-US")
    assert "NL101" in {r.code for r in linter2.rules}
    _, native2, lt2 = run_session(s2, linter2, text)
    assert not [d for d in lt2 if d.name == "typos"]
    assert "recieved" in {text[d.start:d.end] for d in native2}  # said once, by newslint
    assert s2.stats.check_requests == 0  # answered from the first session's cache


def test_ignore_and_disabled_rules(tmp_path, url):
    text = "This is a error. She go to school every day.\n"
    diags = check_json(tmp_path, text, url, "a.txt", "--ignore", "LT:EN_A_VS_AN")
    assert [d["code"] for d in diags if d["code"].startswith("LT:")] == ["LT:HE_VERB_AGR"]
    s, linter = session(url, tmp_path, **{"disabled-rules": ["HE_VERB_AGR"]})
    _, _, lt = run_session(s, linter, text)
    assert [d.code for d in lt] == ["LT:EN_A_VS_AN"]


def test_dialect_picks_the_variant(tmp_path, url):
    """dialect -> LanguageTool language. Without native spelling rules and without the lexicon
    (context None; the lexicon knows both "colour" and "color"), LanguageTool's own spell checker
    shows which variant was asked for."""
    text = "The colour of the defence budget is a error.\n"

    def words(dialect: str) -> set[str]:
        s, _ = session(url, tmp_path / dialect, select=["NL2"])
        s.config.dialect = dialect
        s.settings = load_settings(s.config)
        doc = Document.from_text(text, "a.txt")
        return {text[d.start:d.end] for d in s.check(doc, [], None, ["NL201"])}

    assert {"colour", "defence", "a"} <= words("en-US")
    assert not {"colour", "defence"} & words("en-GB")
    auto = words("auto")
    assert not {"colour", "defence"} & auto and "a" in auto


def test_lexicon_words_are_not_lt_spelling_errors(tmp_path, url):
    """With the lexicon as context, British spellings it knows are not reported by LanguageTool en-US."""
    text = "The colour of the defence budget is a error.\n"
    s, linter = session(url, tmp_path, select=["NL2", "NL3", "NL4"], language="en-US")
    found = {text[d.start:d.end] for d in run_session(s, linter, text)[2]}
    assert found == {"a"}


def test_cache_second_run_sends_nothing(tmp_path, url):
    paras = ["This is a error.", "She go to school every day.", "The 😀 vote was held on Sunday."]
    text = "\n\n".join(paras) + "\n"
    first, linter = session(url, tmp_path)
    _, _, lt1 = run_session(first, linter, text)
    assert first.stats.paragraphs_sent == 3 and first.stats.check_requests == 1
    second, linter2 = session(url, tmp_path)
    _, _, lt2 = run_session(second, linter2, text)
    assert second.stats.paragraphs_sent == 0 and second.stats.check_requests == 0
    assert second.stats.cached_paragraphs == 3
    assert [(d.code, d.start, d.end) for d in lt2] == [(d.code, d.start, d.end) for d in lt1]
    # Change one paragraph: only it is sent; the others come from the cache at their new offsets.
    changed = "\n\n".join(["Breaking: " + paras[0], paras[1], paras[2]]) + "\n"
    third, linter3 = session(url, tmp_path)
    _, _, lt3 = run_session(third, linter3, changed)
    assert third.stats.paragraphs_sent == 1
    assert sorted(changed[d.start:d.end] for d in lt3) == ["a", "go"]
    # Different settings are a different cache key.
    fourth, linter4 = session(url, tmp_path, picky=True)
    run_session(fourth, linter4, text)
    assert fourth.stats.paragraphs_sent == 3


def test_cli_cache_is_next_to_the_config(tmp_path, url):
    check_json(tmp_path, "This is a error.\n", url)
    assert list((tmp_path / ".newslint_cache" / "languagetool").rglob("*.json"))


def test_grammar_off_by_default_sends_nothing(tmp_path, url):
    (tmp_path / "a.txt").write_text("This is a error.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", str(tmp_path / "a.txt"), cwd=tmp_path, env={"NEWSLINT_LT_URL": url})
    assert proc.returncode == 0 and json.loads(proc.stdout)["diagnostics"] == []


def test_env_var_selects_the_server(tmp_path, url):
    (tmp_path / "a.txt").write_text("This is a error.\n", encoding="utf-8")
    proc = run_cli("check", "--grammar", "--format", "json", str(tmp_path / "a.txt"), cwd=tmp_path,
                   env={"NEWSLINT_LT_URL": url, "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert proc.returncode == 1, proc.stderr
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["LT:EN_A_VS_AN"]


def test_news_house_style_is_quiet_by_default(tmp_path, url):
    """Default disabled rules/categories (and the EN_COMPOUNDS_* pattern) keep house style quiet."""
    text = ('The car maker opened a store next to Wal-Mart, and it won best design.\n\n'
            '"The plan is sound, said the chief executive.\n\n'
            '"We will open more stores," she added.\n')
    s, linter = session(url, tmp_path)
    _, _, quiet = run_session(s, linter, text)
    assert quiet == []
    loud, linter2 = session(url, tmp_path, **{"disabled-rules": [], "disabled-categories": []})
    _, _, lt = run_session(loud, linter2, text)
    codes = {d.code for d in lt}
    assert "LT:EN_COMPOUNDS_WAL_MART" in codes and "LT:MAKER_COMPOUNDS" in codes
    only_pattern, linter3 = session(url, tmp_path, **{"disabled-rules": ["EN_COMPOUNDS_*"], "disabled-categories": []})
    _, _, lt3 = run_session(only_pattern, linter3, text)
    assert "LT:EN_COMPOUNDS_WAL_MART" not in {d.code for d in lt3} and "LT:MAKER_COMPOUNDS" in {d.code for d in lt3}


def test_cli_second_run_sends_no_paragraph(tmp_path, url):
    """End to end through a counting loopback relay in front of the real server."""
    import http.server
    import threading
    import urllib.parse
    import urllib.request

    sent: list[str] = []
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    class Relay(http.server.BaseHTTPRequestHandler):
        def _relay(self, body: bytes | None) -> None:
            if body is not None:
                sent.append(urllib.parse.parse_qs(body.decode("utf-8")).get("text", [""])[0])
            with opener.open(urllib.request.Request(url.rstrip("/") + self.path, data=body), timeout=60) as resp:
                data = resp.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._relay(None)

        def do_POST(self) -> None:  # noqa: N802
            self._relay(self.rfile.read(int(self.headers["Content-Length"])))

        def log_message(self, *args) -> None:
            pass

    relay = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    relay_url = f"http://127.0.0.1:{relay.server_address[1]}"
    text = "This is a error.\n\nShe go to school every day.\n"
    try:
        first = check_json(tmp_path, text, relay_url)
        first_sent = [t for t in sent if "school" in t]
        sent.clear()
        second = check_json(tmp_path, text, relay_url)
    finally:
        relay.shutdown()
    assert len(first_sent) == 1 and "This is a error." in first_sent[0]
    assert [t for t in sent if t.strip(". ")] == []  # only the version probe (".") was sent
    assert first == second and {d["code"] for d in second} == {"LT:EN_A_VS_AN", "LT:HE_VERB_AGR"}


def test_undecodable_characters_do_not_break_sending_or_columns(tmp_path, url):
    text = "Bad byte \udcff here 😀 and this is a error.\n"
    s, linter = session(url, tmp_path)
    doc, _, lt = run_session(s, linter, text)
    assert s.failure is None
    [d] = [d for d in lt if d.code == "LT:EN_A_VS_AN"]
    assert doc.lines.position(d.start) == (1, text.index(" a error") + 2)
