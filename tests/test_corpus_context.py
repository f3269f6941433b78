"""--corpus on some articles compares them with the other articles in their folders
(what a pre-commit hook needs: only the staged article is passed)."""

import json
import shutil

from conftest import SEEDS, run_cli


def _copy_seeds(tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    return next(tmp_path.glob("001_*.txt"))


def _nl5(proc):
    return [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(proc.stdout)["diagnostics"]]


def test_one_checked_article_is_compared_with_its_siblings(tmp_path):
    one = _copy_seeds(tmp_path)
    found = _nl5(run_cli("check", "--corpus", "--select", "NL501", "--format", "json", str(one)))
    assert found == [(str(one), 2, 275, "NL501")]  # the "79th" against the four siblings' 80 years


def test_siblings_own_findings_are_not_reported(tmp_path):
    one = _copy_seeds(tmp_path)
    found = _nl5(run_cli("check", "--corpus", "--select", "NL5", "--format", "json", str(one)))
    assert {p for p, *_ in found} == {str(one)}  # 000 also writes "Kim Jong-un", but it was not checked


def test_context_files_zero_compares_only_the_checked_articles(tmp_path):
    one = _copy_seeds(tmp_path)
    (tmp_path / "newslint.toml").write_text("[corpus]\ncontext-files = 0\n", encoding="utf-8")
    assert _nl5(run_cli("check", "--corpus", "--select", "NL5", "--format", "json", str(one))) == []


def test_bad_context_files_value_is_a_config_error(tmp_path):
    one = _copy_seeds(tmp_path)
    (tmp_path / "newslint.toml").write_text("[corpus]\ncontext-files = -1\n", encoding="utf-8")
    proc = run_cli("check", "--corpus", str(one))
    assert proc.returncode == 2 and "context-files" in proc.stderr
