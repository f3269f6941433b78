"""Shared test helpers: lint a string with real rules, run the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newslint.config import Config, load_defaults
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.engine import Linter

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


def make_config(**over: Any) -> Config:
    """Defaults merged with keyword overrides (underscores become dashes)."""
    data = load_defaults()
    for key, value in over.items():
        data[key.replace("_", "-")] = value
    return Config.from_dict(data)


def lint(text: str, path: str = "article.txt", select: list[str] | None = None, **over: Any) -> list[Diagnostic]:
    """Diagnostics of all default rules (or ``select``) on ``text``."""
    if select is not None:
        over["select"] = select
    linter = Linter(make_config(**over))
    return linter.lint(Document.from_text(text, path))


def codes(text: str, **kw: Any) -> list[str]:
    return [d.code for d in lint(text, **kw)]


def run_cli(*args: str, input: str | bytes | None = None, cwd: Path | str | None = None,
            env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m newslint ARGS`` from this checkout; text output."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.setdefault("NO_COLOR", "1")
    if env:
        full_env.update(env)
    data = input.encode("utf-8") if isinstance(input, str) else input
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        input=data, capture_output=True, cwd=cwd, env=full_env, timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode,
        proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def seed_path():
    def find(prefix: str) -> Path:
        return next(SEEDS.glob(f"{prefix}_*.txt"))
    return find
