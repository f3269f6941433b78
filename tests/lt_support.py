"""Helpers for the grammar tests: the real LanguageTool server that scripts/test starts.

scripts/test exports NEWSLINT_LT_URL (the server), NEWSLINT_LT_JAR_DIR (its jars) and
NEWSLINT_REQUIRE_LT=1; then a missing server fails the grammar tests instead of skipping them.
"""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest

_REASON = ("no LanguageTool server: run scripts/test, or `scripts/languagetool start` and export "
           "NEWSLINT_LT_URL=<its URL> (and NEWSLINT_LT_JAR_DIR=$(scripts/languagetool jar-dir))")


def _missing(what: str) -> None:
    if os.environ.get("NEWSLINT_REQUIRE_LT"):
        pytest.fail(f"{what} is required here (NEWSLINT_REQUIRE_LT is set) but missing")
    pytest.skip(_REASON)


def lt_url() -> str:
    url = os.environ.get("NEWSLINT_LT_URL", "")
    if not url:
        _missing("NEWSLINT_LT_URL")
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(url.rstrip("/") + "/v2/languages", timeout=10) as resp:
            resp.read()
    except OSError:
        _missing(f"the LanguageTool server at {url}")
    return url


def lt_jar_dir() -> Path:
    raw = os.environ.get("NEWSLINT_LT_JAR_DIR", "")
    path = Path(raw) if raw else None
    if path is None or not any(path.glob("languagetool-server-*.jar")):
        _missing("NEWSLINT_LT_JAR_DIR (LanguageTool jars)")
    assert path is not None
    return path
