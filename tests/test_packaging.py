"""Packaging: an editable install is a plain sys.path line, and the wheel holds only newslint.

Why the first matters: setuptools gives a flat layout without ``package-dir`` an import-hook
finder that imports pathlib and importlib.util at every Python start (~10 ms of every
``newslint`` run for anyone who followed the README's ``pip install -e .``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def _project_copy(tmp_path: Path) -> Path:
    """The files a build reads, copied (a build writes egg-info and build/ where it runs)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    shutil.copytree(REPO / "config", project / "config")  # newslint/defaults.toml links into it
    shutil.copytree(REPO / "newslint", project / "newslint", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return project


def _pip(*args: str) -> None:
    """pip as a user runs it: an isolated build with setuptools from the package index."""
    done = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def test_editable_install_is_a_plain_path_line(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    site = tmp_path / "site"
    # --target: a throwaway install folder, never this environment's site-packages.
    _pip("install", "--no-deps", "--target", str(site), "--editable", str(project))
    assert not list(site.glob("*finder*")), sorted(p.name for p in site.iterdir())
    pth = list(site.glob("*.pth"))
    assert len(pth) == 1
    lines = pth[0].read_text().split()
    assert [Path(line).resolve() for line in lines] == [project.resolve()]  # no "import ..." line


def test_wheel_holds_the_package_and_its_data_only(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    _pip("wheel", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(project))
    wheel = zipfile.ZipFile(next((tmp_path / "dist").glob("newslint-*.whl")))
    tops = {n.split("/")[0] for n in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newslint"}
    names = set(wheel.namelist())
    for shipped in ("newslint/__init__.py", "newslint/defaults.toml", "newslint/rules/spelling.py"):
        assert shipped in names
    assert any(n.endswith(".lst") for n in names)  # the word list (package data)
