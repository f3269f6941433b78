"""`newslint check --fix / --diff / --fix-only / --unsafe-fixes`, end to end through the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SEEDS, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _copy_seed(prefix: str, folder: Path) -> Path:
    target = folder / _seed(prefix).name
    shutil.copyfile(_seed(prefix), target)
    return target


def test_fix_seed_001_equals_reviewed_expected_file(tmp_path: Path) -> None:
    """Every planted error of seed 001 is corrected except the factual one ("79th")."""
    article = _copy_seed("001", tmp_path)
    first = run_cli("check", "--fix", str(article))
    assert first.returncode in (0, 1), first.stderr
    assert "Traceback" not in first.stderr
    fixed = article.read_bytes()
    expected = (FIXTURES / "001_fixed.txt").read_bytes()
    if fixed != expected:
        import difflib

        diff = "".join(difflib.unified_diff(expected.decode().splitlines(True), fixed.decode().splitlines(True),
                                            "expected", "newslint --fix"))
        pytest.fail("fixed seed 001 differs from tests/fixtures/001_fixed.txt:\n" + diff)
    assert "79th anniversary" in fixed.decode()
    second = run_cli("check", "--fix", str(article))
    assert article.read_bytes() == expected, "a second --fix run changed the file"
    assert "Fixed 0 problems" in second.stdout


def test_expected_file_is_seed_001_with_the_planted_corrections_only() -> None:
    """The reviewed fixture differs from the seed exactly at the planted errors (guards the fixture itself)."""
    seed = _seed("001").read_text(encoding="utf-8")
    expected = (FIXTURES / "001_fixed.txt").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in (SEEDS / "001_expected.jsonl").read_text().splitlines() if line.strip()]
    seed_lines, expected_lines = seed.split("\n"), expected.split("\n")
    assert len(seed_lines) == len(expected_lines)
    for row in rows:
        line = expected_lines[row["line"] - 1]
        if row["kind"] == "fact":
            assert row["text"] in line and row["right"] not in line
        else:
            assert row["right"] in line
    changed = {n for n, (a, b) in enumerate(zip(seed_lines, expected_lines), 1) if a != b}
    assert changed == {r["line"] for r in rows if r["kind"] != "fact"}


@pytest.mark.parametrize("prefix,ignore", [("002", ()), ("003", ()), ("004", ("--ignore", "NL402"))])
def test_fix_leaves_real_articles_byte_identical(tmp_path: Path, prefix: str, ignore: tuple[str, ...]) -> None:
    """Real articles have no errors --fix is sure of (004's copied block aside: see the next test)."""
    article = _copy_seed(prefix, tmp_path)
    before = article.read_bytes()
    proc = run_cli("check", "--fix", *ignore, str(article))
    assert proc.returncode in (0, 1), proc.stderr
    assert article.read_bytes() == before
    assert "Fixed 0 problems" in proc.stdout
    diff = run_cli("check", "--diff", *ignore, str(article))
    assert diff.returncode == 0 and diff.stdout == ""


def test_fix_on_seed_004_only_drops_its_copied_block(tmp_path: Path) -> None:
    """Seed 004 repeats paragraphs 2-8 as lines 9-15 (a scraping slip); NL402's safe fix (issue 7)
    removes the copies. Nothing else changes, and the missing final newline stays missing."""
    article = _copy_seed("004", tmp_path)
    lines = article.read_bytes().split(b"\n")
    assert lines[8:15] == lines[1:8] and len(lines) == 15  # lines 9-15 copy lines 2-8
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode in (0, 1), proc.stderr
    assert article.read_bytes() == b"\n".join(lines[:8])
    assert "Fixed 7 problems in 1 file" in proc.stdout
    assert run_cli("check", "--diff", str(article)).stdout == ""


def test_diff_is_a_valid_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    original = "the parade was large.The crowd cheered,and sang.\r\nIt was the the best day  of the year.\r\nEnd"
    article.write_bytes(original.encode("utf-8"))
    proc = run_cli("check", "--diff", "story.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert article.read_bytes() == original.encode("utf-8"), "--diff wrote the file"
    assert proc.stdout.startswith("--- a/story.txt\n+++ b/story.txt\n@@ ")
    assert "Would fix 5 problems in 1 file." in proc.stderr
    # The diff applies with the standard tools and gives exactly what --fix writes.
    patched = tmp_path / "patched"
    patched.mkdir()
    shutil.copyfile(article, patched / "story.txt")
    applied = subprocess.run(["git", "apply", "--whitespace=nowarn", "-"], input=proc.stdout.encode(),
                             cwd=patched, capture_output=True)
    assert applied.returncode == 0, applied.stderr.decode()
    fixed = run_cli("check", "--fix", "story.txt", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (patched / "story.txt").read_bytes() == article.read_bytes()
    assert article.read_bytes() == (
        "The parade was large. The crowd cheered, and sang.\r\nIt was the best day of the year.\r\nEnd".encode()
    )


def test_diff_with_nothing_to_fix_exits_0(tmp_path: Path) -> None:
    article = tmp_path / "clean.txt"
    article.write_text("The parade was large.\n", encoding="utf-8")
    proc = run_cli("check", "--diff", str(article))
    assert proc.returncode == 0 and proc.stdout == ""


def test_fix_reports_what_is_left_and_the_summary(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    # The doubled "for" inside the quotation is unsafe to fix: speech strands a preposition before
    # a phrase that starts with it again, so it may be exactly what was said.
    article.write_text("the mayor spoke.“We waited for for years,” she said , smiling.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 1
    assert article.read_text(encoding="utf-8") == "The mayor spoke.“We waited for for years,” she said, smiling.\n"
    assert "NL401" in proc.stdout
    assert proc.stdout.strip().endswith("Fixed 2 problems in 1 file; 1 left. 1 of them fixable with --unsafe-fixes.")


def test_unsafe_fixes_without_fix_only_shows_them_as_available(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    text = "“We waited for for years,” she said.\n"
    article.write_text(text, encoding="utf-8")
    plain = run_cli("check", str(article))
    assert "1 more with --unsafe-fixes." in plain.stdout
    shown = run_cli("check", "--unsafe-fixes", str(article))
    assert shown.returncode == 1
    assert "1 fixable with --fix --unsafe-fixes (1 of them unsafe)." in shown.stdout
    assert article.read_text(encoding="utf-8") == text


def test_unsafe_fixes_with_fix_applies_them(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“We waited for for years,” she said.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--unsafe-fixes", str(article))
    assert proc.returncode == 0, proc.stdout
    assert article.read_text(encoding="utf-8") == "“We waited for years,” she said.\n"


def test_fix_only_fixes_without_reporting_and_exits_0(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("the mayor spoke.“We waited for for years,” she said.\n", encoding="utf-8")
    proc = run_cli("check", "--fix-only", str(article))
    assert proc.returncode == 0
    assert proc.stdout == "Fixed 1 problem in 1 file.\n"
    assert article.read_text(encoding="utf-8").startswith("The mayor")


def test_stdin_fix_prints_the_fixed_text_and_reports_to_stderr() -> None:
    proc = run_cli("check", "--fix", "-", input="the cat sat on the the mat.\r\nIt  rained")
    assert proc.stdout == "The cat sat on the mat.\r\nIt rained"
    assert proc.returncode == 0
    assert "Fixed 3 problems" in proc.stderr


def test_stdin_fix_keeps_a_utf16_big_endian_encoding() -> None:
    raw = "\ufeffthe cat sat.\n".encode("utf-16-be")
    proc = subprocess.run([*_python_m(), "check", "--fix-only", "-"], input=raw, capture_output=True,
                          env=_env())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "\ufeffThe cat sat.\n".encode("utf-16-be")


def test_stdin_fix_with_undecodable_input_prints_nothing_and_exits_2() -> None:
    proc = run_cli("check", "--fix", "-", input=b"caf\xe9 the the end\n")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "not valid UTF-8" in proc.stderr and "Traceback" not in proc.stderr


def test_stdin_diff_writes_a_diff() -> None:
    proc = run_cli("check", "--diff", "--stdin-filename", "draft.txt", "-", input="the cat sat.\n")
    assert proc.returncode == 1
    assert proc.stdout == "--- a/draft.txt\n+++ b/draft.txt\n@@ -1 +1 @@\n-the cat sat.\n+The cat sat.\n"


def test_stdin_cannot_be_fixed_together_with_files(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("the cat.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "-", str(article), input="x")
    assert proc.returncode == 2 and "cannot be fixed together" in proc.stderr
    assert article.read_text(encoding="utf-8") == "the cat.\n"


def test_json_fix_mode_reports_left_diagnostics_with_their_fixes(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("the mayor said.\n“We waited for for years.”\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--format", "json", str(article))
    doc = json.loads(proc.stdout)
    assert doc["summary"]["fixed"] == 1
    (left,) = doc["diagnostics"]
    assert left["code"] == "NL401" and left["line"] == 2
    fix = left["fix"]
    assert fix["applicability"] == "unsafe"
    edit = fix["edits"][0]
    # Offsets and positions are into the fixed file, so an editor can apply them.
    text = article.read_text(encoding="utf-8")
    assert text[edit["start"]:edit["end"]] == " for"
    assert edit["location"] == {"line": 2, "column": 15}


def test_fixing_a_directory_fixes_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("the one.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("the two.\n", encoding="utf-8")
    (tmp_path / "sub" / "link.txt").symlink_to(tmp_path / "a.txt")  # same file twice: no stale write
    proc = run_cli("check", "--fix", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "The one.\n"
    assert (tmp_path / "sub" / "b.md").read_text(encoding="utf-8") == "The two.\n"
    assert (tmp_path / "sub" / "link.txt").is_symlink()
    assert "Fixed 2 problems in 2 files; 0 left." in proc.stdout


def _python_m() -> list[str]:
    import sys

    return [sys.executable, "-m", "newslint"]


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["NO_COLOR"] = "1"
    return env


def test_fix_in_markdown_leaves_code_urls_and_comments_byte_exact(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text(
        "the council voted.The budget rises,and  schools gain.\n\n"
        "```python\nx = a,b  # the the code stays\n```\n\n"
        "See `the the` and https://example.com/a,b?x=the.The for details .\n"
        "<!-- a comment,with the the words -->\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert article.read_text(encoding="utf-8") == (
        "The council voted. The budget rises, and schools gain.\n\n"
        "```python\nx = a,b  # the the code stays\n```\n\n"
        "See `the the` and https://example.com/a,b?x=the.The for details.\n"
        "<!-- a comment,with the the words -->\n"
    )


def test_fix_in_html_changes_text_only_never_tags_attributes_or_scripts(tmp_path: Path) -> None:
    article = tmp_path / "page.html"
    before = ('<html><body><p class="lead,x">the council voted.The budget rises,and  schools gain '
              '&amp; the the <a href="http://x.io/a,b?the.The">link</a></p>\r\n'
              '<script>var a = "the the",b=1;</script></body></html>')
    article.write_bytes(before.encode("utf-8"))
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert article.read_bytes() == before.replace(
        "the council voted.The budget rises,and  schools gain &amp; the the <a",
        "The council voted. The budget rises, and schools gain &amp; the <a",
    ).encode("utf-8")


def test_fix_with_corpus_leaves_the_factual_error_and_reports_it(tmp_path: Path) -> None:
    """The planted factual error of seed 001 is not --fix's to change; --corpus reports it afterwards."""
    for prefix in ("000", "001", "002", "003", "004"):
        _copy_seed(prefix, tmp_path)
    proc = run_cli("check", "--fix", "--corpus", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert "79th anniversary” disagrees with 4 other articles" in proc.stdout
    assert "79th anniversary" in _copied(tmp_path, "001").read_text(encoding="utf-8")


def _copied(folder: Path, prefix: str) -> Path:
    return folder / _seed(prefix).name


def test_fix_summary_in_concise_output(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("the cat sat.\n“We waited for for years,” she said.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--format", "concise", str(article))
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{article}:2:16: NL401 Repeated word: 'for'",
        "Fixed 1 problem in 1 file; 1 left. 1 of them fixable with --unsafe-fixes.",
    ]


def test_fix_with_grammar_checks_the_fixed_text_and_reports_a_languagetool_failure(tmp_path: Path) -> None:
    """--fix applies the native safe fixes, then asks LanguageTool about what is left; when it
    cannot answer, the fixed file stays fixed and the run says so in one line (exit 2)."""
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text("the minister arrived then,and spoke.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--languagetool-url", f"http://127.0.0.1:{port}", str(article),
                   env={"NEWSLINT_LT_URL": "", "HOME": str(tmp_path)})
    assert proc.returncode == 2
    assert article.read_text(encoding="utf-8") == "The minister arrived then, and spoke.\n"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: ") and "cannot reach" in lines[0], proc.stderr


def test_fix_with_grammar_reports_languagetool_findings_on_the_fixed_text(tmp_path: Path) -> None:
    """A real LanguageTool server (started by scripts/test): its fixes are never applied by --fix,
    its findings are reported on the fixed text."""
    from lt_support import lt_url

    url = lt_url()
    (tmp_path / "newslint.toml").write_text("[grammar]\nenabled = true\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("the minister said it was a error.\n", encoding="utf-8")
    proc = run_cli("check", "--fix", "--format", "json", "--languagetool-url", url, str(article), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert article.read_text(encoding="utf-8") == "The minister said it was a error.\n"
    (left,) = [d for d in json.loads(proc.stdout)["diagnostics"] if d["code"] == "LT:EN_A_VS_AN"]
    text = article.read_text(encoding="utf-8")
    assert text[left["start_offset"]:left["end_offset"]] == "a"


def test_stdin_fix_with_grammar_still_prints_the_fixed_text_when_languagetool_fails() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_cli("check", "--fix", "--languagetool-url", f"http://127.0.0.1:{port}", "-",
                   input="the cat sat.\n", env={"NEWSLINT_LT_URL": ""})
    assert proc.stdout == "The cat sat.\n"
    assert proc.returncode == 2 and "cannot reach" in proc.stderr
