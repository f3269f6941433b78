"""The VS Code extension compiles with tsc against the locked dependencies (npm ci)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

EXT = REPO / "editors" / "vscode"


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """``npm ci`` from the committed lockfile (CI has node and npm; elsewhere the tests skip)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("node and npm are required in CI to build editors/vscode")
        pytest.skip("node/npm not installed")
    ci = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXT, capture_output=True, text=True, timeout=600)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    return EXT / "node_modules"


def test_extension_compiles_with_tsc(tmp_path: Path, node_modules: Path) -> None:
    out = tmp_path / "out"
    tsc = subprocess.run([str(node_modules / ".bin" / "tsc"), "-p", str(EXT), "--outDir", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    js = (out / "extension.js").read_text(encoding="utf-8")
    assert "exports.activate" in js and "exports.deactivate" in js
    assert '"lsp"' in js and "vscode-languageclient/node" in js


def test_manifest_points_at_the_compiled_entry_and_starts_the_server() -> None:
    manifest = json.loads((EXT / "package.json").read_text(encoding="utf-8"))
    tsconfig = json.loads((EXT / "tsconfig.json").read_text(encoding="utf-8"))
    assert manifest["main"] == f"./{tsconfig['compilerOptions']['outDir']}/extension.js"
    assert manifest["contributes"]["configuration"]["properties"]["newslint.args"]["default"] == ["lsp"]
    assert (EXT / "package-lock.json").is_file()
    lock = json.loads((EXT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]


def test_server_works_with_vscode_protocol_library(node_modules: Path) -> None:
    """The LSP stack VS Code's client uses (vscode-languageserver-protocol) talks to newslint lsp."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = json.dumps([sys.executable, "-m", "newslint", "lsp"])
    proc = subprocess.run(["node", str(EXT / "test" / "lsp-smoke.js"), server], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["positionEncoding"] == "utf-16"
    assert report["diagnostics"] == [{"code": "NL302", "line": 2, "character": report["expectedCharacter"]}]
    assert report["expectedCharacter"] == 19  # after an emoji: UTF-16 units, not code points (18)
    actions = {a["title"]: a for a in report["actions"]}
    assert actions["Insert a space [NL302]"]["codeAction"] and not actions["Insert a space [NL302]"]["command"]
    assert "Fix all safe issues (newslint)" in actions and "Ignore NL302 on this line" in actions
    assert report["exitCode"] == 0
