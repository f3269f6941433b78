"""Wall time of the newslint pre-commit hook on a one-file commit (medians of N runs).

Builds what a newsroom has: a git repository with a .pre-commit-config.yaml that points at a
snapshot of this checkout, the hook installed by the real pre-commit (its virtualenv is built
once, before timing). Then, N times: change one article, stage it, and time
- `git commit` with the hook (what an editor waits for),
- `git commit --no-verify` (git alone), and
- the hook's own command, `newslint check FILE`, from pre-commit's virtualenv.
Prints the medians and the hook's share (commit with hook minus commit without).

Usage: python bench/precommit_hook.py [--runs N] [--hook newslint]
Needs git and pre-commit (dev extra); reaches PyPI once to build the hook's virtualenv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from checkout_snapshot import snapshot_checkout  # noqa: E402  (the same snapshot the hook tests use)
ARTICLE = ("# Council approves the budget\n\nThe city council approved the budget on Tuesday after a long debate.\n\n"
           "Officials said the plan keeps taxes flat while adding money for schools, parks and roads.\n")


def _run(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, check=check, capture_output=True, text=True)


def _timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--hook", default="newslint", help="hook id from .pre-commit-hooks.yaml")
    args = ap.parse_args()
    if shutil.which("git") is None:
        print("bench/precommit_hook.py: git is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newslint-hook-bench-") as tmp:
        root = Path(tmp)
        hook_repo, work, home = root / "hook", root / "articles", root / "home"
        for d in (hook_repo, work, home):
            d.mkdir()
        rev = snapshot_checkout(hook_repo)
        env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "ed@example.invalid",
               "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "ed@example.invalid", "NO_COLOR": "1"}
        env.pop("PYTHONPATH", None)
        _run(["git", "init", "-q"], work, env)
        (work / ".pre-commit-config.yaml").write_text(
            f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: {args.hook}\n", encoding="utf-8")
        _run([sys.executable, "-m", "pre_commit", "install"], work, env)
        _run([sys.executable, "-m", "pre_commit", "install-hooks"], work, env)  # build the venv before timing
        _run(["git", "add", "-A"], work, env)
        _run(["git", "commit", "-q", "--no-verify", "-m", "config"], work, env)
        venv_bin = next(home.glob("repo*/py_env-*/bin"))
        with_hook, without_hook, entry = [], [], []
        for i in range(args.runs):
            (work / "story.md").write_text(ARTICLE + f"\nUpdate {i}: the vote was final.\n", encoding="utf-8")
            _run(["git", "add", "story.md"], work, env)
            with_hook.append(_timed(["git", "commit", "-q", "-m", f"story {i}"], work, env))
            (work / "story.md").write_text(ARTICLE + f"\nUpdate {i}: the vote was close.\n", encoding="utf-8")
            _run(["git", "add", "story.md"], work, env)
            without_hook.append(_timed(["git", "commit", "-q", "--no-verify", "-m", f"plain {i}"], work, env))
            entry.append(_timed([str(venv_bin / "newslint"), "check", "story.md"], work, env))
    med = statistics.median
    print(f"pre-commit hook '{args.hook}', one-file commit, median of {args.runs} runs:")
    print(f"  git commit with the hook      {med(with_hook) * 1000:7.0f} ms")
    print(f"  git commit --no-verify        {med(without_hook) * 1000:7.0f} ms")
    print(f"  hook's share (difference)     {(med(with_hook) - med(without_hook)) * 1000:7.0f} ms")
    print(f"  newslint check FILE (hook venv) {med(entry) * 1000:5.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
