"""The command line end to end: formats, exit codes, selection, stdin, config discovery."""

import json

from conftest import SEEDS, run_cli


def test_version():
    from newslint import __version__
    proc = run_cli("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_text_output_has_location_excerpt_and_summary(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Opening line.\nThey met then,and left.\n", encoding="utf-8")
    proc = run_cli("check", str(f))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == f"{f}:2:14: NL301 Missing space after comma"
    caret_line = next(l for l in lines if "^" in l)
    source_line = lines[lines.index(caret_line) - 1]
    assert source_line[caret_line.index("^")] == ","
    assert lines[-1].startswith("Found 1 problem in 1 file.")


def test_long_line_is_windowed(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Word " * 100 + "then,and " + "word " * 100 + "\n", encoding="utf-8")
    out = run_cli("check", str(f)).stdout
    shown = [l for l in out.splitlines() if l.startswith("1 |")][0]
    assert shown.count("…") == 2 and len(shown) < 120


def test_json_schema_fields(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("👍 They met then,and left.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json", str(f))
    data = json.loads(proc.stdout)
    assert data["version"] == 1 and data["tool"]["name"] == "newslint"
    (d,) = data["diagnostics"]
    # columns count code points: the emoji is one column
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (1, 16, 1, 17)
    assert d["code"] == "NL301" and d["name"] == "missing-space-after-comma" and d["severity"] == "warning"
    assert d["fix"]["applicability"] == "safe"
    assert d["fix"]["edits"][0]["replacement"] == " "
    assert data["summary"] == {"files": 1, "diagnostics": 1, "errors": 0}


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("All is well here.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("All is well here.The end.\n", encoding="utf-8")
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", str(dirty)).returncode == 1
    assert run_cli("check", "--exit-zero", str(dirty)).returncode == 0
    assert run_cli("check", str(tmp_path / "missing.txt")).returncode == 2
    assert run_cli("check", "--format", "nope", str(clean)).returncode == 2


def test_select_and_ignore_by_prefix(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("the start,and now.The end\n", encoding="utf-8")
    def found(*args):
        return {d["code"] for d in json.loads(run_cli("check", "--format", "json", *args, str(f)).stdout)["diagnostics"]}
    assert found() == {"NL201", "NL301", "NL302"}
    assert found("--select", "NL3") == {"NL301", "NL302"}
    assert found("--ignore", "NL30") == {"NL201"}
    assert found("--select", "NL3", "--ignore", "NL302") == {"NL301"}


def test_unknown_rule_code_is_usage_error(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("ok\n", encoding="utf-8")
    proc = run_cli("check", "--select", "NL999", str(f))
    assert proc.returncode == 2 and "NL999" in proc.stderr and "Traceback" not in proc.stderr


def test_stdin_with_filename(tmp_path):
    proc = run_cli("check", "--format", "json", "--stdin-filename", "story.txt", "-", input="Then,and more.\n")
    (d,) = json.loads(proc.stdout)["diagnostics"]
    assert d["path"] == "story.txt" and d["code"] == "NL301"


def test_statistics_table(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("a,b and c,d.\n", encoding="utf-8")
    out = run_cli("check", "--statistics", "--quiet", str(f)).stdout
    row = next(l for l in out.splitlines() if l.startswith("NL301"))
    assert row.split() == ["NL301", "missing-space-after-comma", "2", "2"]


def test_quiet_prints_nothing_when_clean(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Clean.\n", encoding="utf-8")
    proc = run_cli("check", "--quiet", str(f))
    assert proc.returncode == 0 and proc.stdout == ""


def test_directory_recursion_include_and_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "a.md").write_text("X,y\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("X,y\n", encoding="utf-8")
    (tmp_path / "c.rst").write_text("X,y\n", encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text("X,y\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    paths = sorted(d["path"].replace(str(tmp_path), "") for d in data["diagnostics"])
    assert paths == ["/b.txt", "/sub/a.md"]


def test_config_discovered_upward_and_explicit(tmp_path):
    (tmp_path / "newslint.toml").write_text('ignore = ["NL301"]\nexclude = ["skip"]\n', encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "skip").mkdir()
    (tmp_path / "news" / "skip" / "x.txt").write_text("X,y\n", encoding="utf-8")
    art = tmp_path / "news" / "a.txt"
    art.write_text("X,y and z  w\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path / "news")).stdout)
    assert {d["code"] for d in data["diagnostics"]} == {"NL305"}
    other = tmp_path / "other.toml"
    other.write_text('select = ["NL301"]\n', encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", "--config", str(other), str(art)).stdout)
    assert {d["code"] for d in data["diagnostics"]} == {"NL301"}


def test_pyproject_tool_table_and_per_file_ignores(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.newslint]\nper-file-ignores = { "drafts/*" = ["NL3"] }\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("X,y\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("X,y\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    assert [d["path"].replace(str(tmp_path), "") for d in data["diagnostics"]] == ["/b.txt"]


def test_rules_and_rule_commands():
    listing = run_cli("rules").stdout
    assert "NL301" in listing and "missing-space-after-comma" in listing
    proc = run_cli("rule", "NL302")
    assert proc.returncode == 0 and "now.The" in proc.stdout and "Fix:" in proc.stdout
    assert run_cli("rule", "NL999").returncode == 2


def test_seed_001_spacing_and_sentence_findings_at_expected_positions():
    expected = [json.loads(l) for l in (SEEDS / "001_expected.jsonl").read_text().splitlines()]
    seed = next(SEEDS.glob("001_*.txt"))
    data = json.loads(run_cli("check", "--format", "json", str(seed)).stdout)
    got = {(d["line"], d["column"]) for d in data["diagnostics"]}
    for e in expected:
        if e["kind"] in ("comma_space", "sentence_case"):
            assert (e["line"], e["col"]) in got, e
