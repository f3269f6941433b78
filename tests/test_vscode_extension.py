"""The VS Code extension compiles with tsc against the locked dependencies (npm ci)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

EXT = REPO / "editors" / "vscode"


def test_extension_compiles_with_tsc(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail("node and npm are required in CI to build editors/vscode")
        pytest.skip("node/npm not installed")
    ci = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=EXT, capture_output=True, text=True, timeout=600)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    out = tmp_path / "out"
    tsc = subprocess.run([str(EXT / "node_modules" / ".bin" / "tsc"), "-p", str(EXT), "--outDir", str(out)],
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
