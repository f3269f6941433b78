"""The results cache holds native findings only: LanguageTool findings are added on every run."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from lt_support import lt_url


@pytest.fixture(scope="module")
def url() -> str:
    return lt_url()


def test_grammar_findings_survive_a_cache_hit(tmp_path, url) -> None:
    (tmp_path / "a.txt").write_text("He said it was a error. The the plan stands.\n", encoding="utf-8")
    args = ("check", "--format", "json", "--languagetool-url", url, ".")
    first = run_cli(*args, cwd=tmp_path)
    second = run_cli(*args, cwd=tmp_path)
    native_only = run_cli("check", "--format", "json", "--no-grammar", ".", cwd=tmp_path)
    codes = [d["code"] for d in json.loads(first.stdout)["diagnostics"]]
    assert "LT:EN_A_VS_AN" in codes and "NL401" in codes
    assert (tmp_path / ".newslint_cache").is_dir()
    assert first.stdout == second.stdout
    assert [d["code"] for d in json.loads(native_only.stdout)["diagnostics"]] == [c for c in codes if not c.startswith("LT:")]
