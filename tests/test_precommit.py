"""The pre-commit hooks, run by the real pre-commit on a real git commit.

pre-commit installs newslint from a git repository at a commit into its own virtualenv (from
PyPI), exactly as a newsroom's repository would; the hook repository here is a snapshot of this
checkout, uncommitted changes included, so the test exercises the code under test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checkout_snapshot import snapshot_checkout
from conftest import REPO, run_cli

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def docs_block(heading: str, lang: str) -> str:
    """The first ```lang block after ``heading`` in docs/integrations.md."""
    text = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
    section = text[text.index("\n" + heading) + 1:]
    return section.split(f"```{lang}\n", 1)[1].split("```", 1)[0]


def _git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=check, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(hook repository, its commit, PRE_COMMIT_HOME shared by the tests so the venv is built once)."""
    if shutil.which("git") is None:
        pytest.fail("git is required for the pre-commit tests")
    repo = tmp_path_factory.mktemp("hook-repo")
    rev = snapshot_checkout(repo)
    return repo, rev, tmp_path_factory.mktemp("pre-commit-home")


def _article_repo(tmp_path: Path, hook_repo: tuple[Path, str, Path], hook_id: str) -> tuple[Path, dict[str, str]]:
    repo, rev, home = hook_repo
    work = tmp_path / "articles"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "ed@example.invalid",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "ed@example.invalid", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)  # the hook must run the newslint pre-commit installed, not this checkout
    _git("init", "-q", cwd=work, env=env)
    config = docs_block("## pre-commit", "yaml")  # the configuration users copy from the docs
    config = re.sub(r"(?m)^(\s*- repo:) .*$", rf"\1 {repo}", config)
    config = re.sub(r"(?m)^(\s*rev:) .*$", rf"\1 {rev}", config)
    config = config.replace("      - id: newslint\n", f"      - id: {hook_id}\n")
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    subprocess.run([*PRE_COMMIT, "install"], cwd=work, env=env, check=True, capture_output=True, timeout=600)
    _git("add", ".pre-commit-config.yaml", cwd=work, env=env)
    _git("commit", "-q", "--no-verify", "-m", "config", cwd=work, env=env)
    return work, env


def _commit(work: Path, env: dict[str, str], name: str, text: str) -> subprocess.CompletedProcess[str]:
    (work / name).write_text(text, encoding="utf-8")
    _git("add", name, cwd=work, env=env)
    return _git("commit", "-m", f"add {name}", cwd=work, env=env, check=False)


def _commits(work: Path, env: dict[str, str]) -> int:
    return int(_git("rev-list", "--count", "HEAD", cwd=work, env=env).stdout)


def test_check_hook_blocks_a_commit_with_a_finding_and_passes_a_clean_one(tmp_path: Path, hook_repo) -> None:
    work, env = _article_repo(tmp_path, hook_repo, "newslint")
    blocked = _commit(work, env, "story.md", "# Parade\n\nWe were together then,and we remain.\n")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "newslint" in output and "Failed" in output
    assert "story.md:3:22: NL301 Missing space after comma" in output
    assert "then,and" in output  # the source excerpt is shown
    assert _commits(work, env) == 1

    (work / "story.md").write_text("# Parade\n\nWe were together then, and we remain.\n", encoding="utf-8")
    _git("add", "story.md", cwd=work, env=env)
    ok = _git("commit", "-m", "clean", cwd=work, env=env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout + ok.stderr
    assert _commits(work, env) == 2


def test_check_hook_ignores_files_that_are_not_articles(tmp_path: Path, hook_repo) -> None:
    work, env = _article_repo(tmp_path, hook_repo, "newslint")
    result = _commit(work, env, "script.py", "x = [1,2]\nprint('then,and')\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no files to check" in (result.stdout + result.stderr).lower()


def test_check_hook_blocks_a_misspelling(tmp_path: Path, hook_repo) -> None:
    from newslint.registry import get_rule

    if get_rule("NL101") is None:
        pytest.skip("NL101 (spelling, branch lexicon) is not in this build; the spacing case above covers the hook")
    work, env = _article_repo(tmp_path, hook_repo, "newslint")
    blocked = _commit(work, env, "typo.txt", "The othre day it rained in Paris.\n")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "typo.txt:1:5: NL101" in output and "othre" in output
    assert _commits(work, env) == 1


def test_fix_hook_corrects_the_file_and_stops_the_commit(tmp_path: Path, hook_repo) -> None:
    if "--fix" not in run_cli("check", "--help").stdout:
        pytest.skip("`newslint check --fix` (branch fix) is not in this build yet")
    work, env = _article_repo(tmp_path, hook_repo, "newslint-fix")
    result = _commit(work, env, "story.txt", "We were together then,and we remain.\nThe parade starts now.The end.\n")
    assert result.returncode != 0  # files were modified: pre-commit fails so the editor can review
    assert "files were modified by this hook" in result.stdout + result.stderr
    assert (work / "story.txt").read_text(encoding="utf-8") == "We were together then, and we remain.\nThe parade starts now. The end.\n"
    assert _commits(work, env) == 1
    _git("add", "story.txt", cwd=work, env=env)
    again = _git("commit", "-m", "fixed", cwd=work, env=env, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _commits(work, env) == 2


def test_hooks_file_declares_both_hooks() -> None:
    import yaml  # installed with pre-commit

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    # --force-exclude: the project's excludes apply to the staged files pre-commit names
    assert hooks["newslint"]["entry"] == "newslint check --force-exclude"
    assert hooks["newslint-fix"]["entry"] == "newslint check --force-exclude --fix"
    for hook in hooks.values():
        assert set(hook["types_or"]) == {"plain-text", "markdown"}
