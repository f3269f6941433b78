"""The CI output formats: SARIF (validated against the official schema), GitHub, JSON Lines, concise."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, run_cli
from newslint.registry import all_rules
from newslint.reporters.github import command, escape_data, escape_property

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# Two planted spacing errors; an emoji (one code point, two UTF-16 units) sits before the second.
ARTICLE = "We were together then,and we remain.\nFans cheered 🎉 now.The parade went on.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def _validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_is_valid_against_the_official_schema(article: Path) -> None:
    proc = run_cli("check", "--format", "sarif", str(article))
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    _validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == ["NL301", "NL302"]


def test_schema_check_is_not_vacuous(article: Path) -> None:
    log = json.loads(run_cli("check", "--format", "sarif", str(article)).stdout)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError):
        _validate(log)
    del log["version"]
    assert not jsonschema.Draft4Validator(SCHEMA).is_valid(log)


def test_sarif_rules_come_from_the_registry_with_help(article: Path) -> None:
    log = json.loads(run_cli("check", "--format", "sarif", str(article)).stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    for rule in all_rules():
        assert by_id[rule.code]["name"] == rule.name
        assert by_id[rule.code]["help"]["text"] == rule.explanation
        assert by_id[rule.code]["shortDescription"]["text"] == rule.summary
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_regions_and_fixes(article: Path) -> None:
    log = json.loads(run_cli("check", "--format", "sarif", str(article)).stdout)
    comma, period = log["runs"][0]["results"]
    region = comma["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (1, 22, 1, 23)
    assert region["snippet"]["text"] == ","
    # Columns count code points: the emoji is one column.
    region = period["locations"][0]["physicalLocation"]["region"]
    line = ARTICLE.splitlines()[1]
    assert line[region["startColumn"] - 1] == "."
    assert region["startColumn"] == line.index(".") + 1
    # Applying every replacement (by character offset) gives the fixed article.
    edits = []
    for result in (comma, period):
        change = result["fixes"][0]["artifactChanges"][0]
        assert change["artifactLocation"]["uri"] == comma["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for rep in change["replacements"]:
            d = rep["deletedRegion"]
            edits.append((d["charOffset"], d["charOffset"] + d["charLength"], rep["insertedContent"]["text"]))
    fixed = ARTICLE
    for s, e, text in sorted(edits, reverse=True):
        fixed = fixed[:s] + text + fixed[e:]
    assert fixed == "We were together then, and we remain.\nFans cheered 🎉 now. The parade went on.\n"
    assert comma["fixes"][0]["properties"]["applicability"] == "safe"


def test_sarif_reports_unreadable_files_as_notifications(tmp_path: Path, article: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    proc = run_cli("check", "--format", "sarif", str(article), str(bad))
    assert proc.returncode == 2
    log = json.loads(proc.stdout)
    _validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "not valid UTF-8" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_relative_uri(tmp_path: Path, article: Path) -> None:
    (tmp_path / "a b,c.txt").write_text("then,and\n", encoding="utf-8")
    log = json.loads(run_cli("check", "--format", "sarif", "a b,c.txt", cwd=tmp_path).stdout)
    _validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "a%20b%2Cc.txt"


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert command("error", "x: y, z", file="dir/a:b,c.md", line=3) == "::error file=dir/a%3Ab%2Cc.md,line=3::x: y, z"


def test_github_format(tmp_path: Path) -> None:
    (tmp_path / "a,b.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("check", "--format", "github", "a,b.txt", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == ("::error file=a%2Cb.txt,line=1,col=22,endLine=1,endColumn=23,title=NL301"
                        "::NL301 missing-space-after-comma: Missing space after comma")
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::.+$")
    assert len(lines) == 2 and all(pattern.match(line) for line in lines)


def test_github_format_reports_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    proc = run_cli("check", "--format", "github", "bad.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.startswith("::error file=bad.txt,title=newslint::newslint could not check this file")


def test_json_lines_matches_json(article: Path) -> None:
    lines = run_cli("check", "--format", "json-lines", str(article)).stdout.splitlines()
    full = json.loads(run_cli("check", "--format", "json", str(article)).stdout)
    assert [json.loads(line) for line in lines] == full["diagnostics"]
    assert len(lines) == 2


def test_json_lines_clean_file_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("All is well.\n", encoding="utf-8")
    proc = run_cli("check", "--format", "json-lines", "ok.txt", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "")


def test_concise(article: Path) -> None:
    proc = run_cli("check", "--format", "concise", str(article))
    lines = proc.stdout.splitlines()
    assert lines[:2] == [f"{article}:1:22: NL301 [*] Missing space after comma", f"{article}:2:19: NL302 [*] Missing space after period"]
    assert lines[2].startswith("Found 2 problems")
    assert "|" not in proc.stdout and "^" not in proc.stdout  # no source excerpt


def test_format_choice_lists_every_reporter() -> None:
    proc = run_cli("check", "--help")
    for name in ("text", "json", "json-lines", "concise", "sarif", "github"):
        assert name in proc.stdout
    bad = run_cli("check", "--format", "xml", ".")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_concise_quiet_and_statistics(article: Path) -> None:
    quiet = run_cli("check", "--format", "concise", "-q", str(article)).stdout.splitlines()
    assert len(quiet) == 1 and quiet[0].startswith("Found 2 problems")
    stats = run_cli("check", "--format", "concise", "--statistics", str(article)).stdout
    assert "missing-space-after-comma" in stats and "count" in stats
