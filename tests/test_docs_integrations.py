"""The copy-paste configurations in docs/integrations.md: run what can be run here, parse the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from newslint.config import tomllib  # tomllib or tomli, as the config loader uses

from conftest import REPO
from test_precommit import docs_block

SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_github_workflow_commands_run_as_documented(tmp_path: Path) -> None:
    workflow = yaml.safe_load(docs_block("## GitHub Actions", "yaml"))
    steps = workflow["jobs"]["newslint"]["steps"]
    runs = [s["run"] for s in steps if "newslint check" in s.get("run", "")]
    assert len(runs) == 2
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") and s["with"]["sarif_file"] == "newslint.sarif"
               for s in steps)
    # `newslint` on PATH runs this checkout, as `pip install` would in the workflow.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "newslint"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newslint "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "story.md").write_text("# Title\n\nWe were together then,and we remain.\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    annotate = subprocess.run(["bash", "-c", runs[0]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert annotate.returncode == 1  # findings fail the step
    assert annotate.stdout.startswith("::error file=articles/story.md,line=3,col=22,")
    sarif = subprocess.run(["bash", "-c", runs[1]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert sarif.returncode == 0, sarif.stderr  # --exit-zero: the upload step still gets the file
    log = json.loads((tmp_path / "newslint.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "articles/story.md"


def test_helix_block_is_valid_toml_starting_the_server() -> None:
    config = tomllib.loads(docs_block("### Helix", "toml"))
    server = config["language-server"]["newslint"]
    assert [server["command"], *server["args"]] == ["newslint", "lsp"]
    assert "newslint" in config["language"][0]["language-servers"]


def test_editor_blocks_start_newslint_lsp() -> None:
    for heading in ("### Neovim", "### VS Code"):
        section = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
        assert '"newslint", "lsp"' in section or "newslint lsp" in section
