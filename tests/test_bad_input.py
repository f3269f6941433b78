"""Bad and odd input through the real CLI: one line per error on stderr, exit 2, never a traceback.

Every test runs ``python -m newslint`` in a subprocess (conftest.run_cli) on real files.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, run_cli

CLEAN = "The parade starts at noon.\n"
DIRTY = "The the parade starts at noon.\n"


def assert_one_line_errors(stderr: str, expected: int | None = None) -> list[str]:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert "Traceback" not in stderr
    for ln in lines:
        assert ln.startswith("newslint: error: "), ln
    if expected is not None:
        assert len(lines) == expected, stderr
    return lines


def check_json(*args: str, cwd: Path, **kw):
    proc = run_cli("check", "--format", "json", *args, cwd=cwd, **kw)
    return proc, json.loads(proc.stdout)


# --- encodings and newlines -------------------------------------------------------------


@pytest.mark.parametrize("raw,encoding", [
    (DIRTY.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + DIRTY.encode("utf-8"), "utf-8-sig"),
    (DIRTY.encode("utf-16"), "utf-16"),  # with BOM (native order)
    (codecs.BOM_UTF16_BE + DIRTY.encode("utf-16-be"), "utf-16-be"),
])
def test_utf8_with_and_without_bom_and_utf16_with_bom(tmp_path, raw, encoding):
    (tmp_path / "a.txt").write_bytes(raw)
    proc, doc = check_json("a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    (d,) = [d for d in doc["diagnostics"] if d["code"] == "NL401"]
    # The BOM is not a character of the text: columns count from the first letter.
    assert (d["line"], d["column"], d["text"]) == (1, 5, "the")


def test_latin1_is_reported_as_not_utf8_with_byte_offset(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le café est ouvert.\n".encode("latin-1"))
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "not valid UTF-8" in line and "0xe9" in line and "offset 6" in line  # 0-based: "Le caf" is 6 bytes


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_crlf_cr_and_lf_give_the_same_positions(tmp_path, newline):
    text = newline.join(["First line is fine.", "The the second line.", "Third line now.The end."]) + newline
    (tmp_path / "a.txt").write_bytes(text.encode())
    _, doc = check_json("a.txt", cwd=tmp_path)
    got = sorted((d["code"], d["line"], d["column"]) for d in doc["diagnostics"])
    assert got == [("NL302", 3, 15), ("NL401", 2, 5)]


def test_mixed_newlines_and_no_final_newline(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"One line.\r\nTwo line.\rThree line.\nThe the end")
    _, doc = check_json("a.txt", cwd=tmp_path)
    assert [(d["code"], d["line"], d["column"]) for d in doc["diagnostics"]] == [("NL401", 4, 5)]


def test_empty_file_is_fine(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run_cli("check", "empty.txt", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == ""


def test_binary_file(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = run_cli("check", "photo.txt", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "binary" in line


# --- paths --------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    proc = run_cli("check", "nowhere.txt", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "nowhere.txt" in line and "no such file" in line


def test_directory_with_no_matching_files(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.docx").write_bytes(b"x")
    proc = run_cli("check", "d", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "no files to lint" in line


def test_some_files_fail_others_lint_both_reported_exit_2(tmp_path):
    (tmp_path / "good.txt").write_text(DIRTY)
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    proc = run_cli("check", "good.txt", "bad.txt", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "good.txt:1:5: NL401" in proc.stdout
    lines = assert_one_line_errors(proc.stderr, 2)
    assert any("bad.txt" in ln for ln in lines) and any("missing.txt" in ln for ln in lines)


def test_symlinks_inside_the_tree_are_read_and_loops_and_broken_links_are_errors(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "real.txt").write_text(DIRTY)
    (tree / "link.txt").symlink_to("real.txt")
    (tree / "loop1.txt").symlink_to("loop2.txt")
    (tree / "loop2.txt").symlink_to("loop1.txt")
    (tree / "broken.txt").symlink_to("gone.txt")
    (tree / "sub").mkdir()
    (tree / "sub" / "up").symlink_to("..", target_is_directory=True)  # a directory loop
    proc = run_cli("check", "tree", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    assert "tree/link.txt:1:5: NL401" in proc.stdout and "tree/real.txt:1:5: NL401" in proc.stdout
    lines = assert_one_line_errors(proc.stderr, 3)
    assert sum("symbolic link loop" in ln for ln in lines) == 2
    assert any("broken.txt" in ln and "broken symbolic link" in ln for ln in lines)


def test_fifo_is_skipped_not_waited_on(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(CLEAN)
    os.mkfifo(d / "pipe.txt")
    proc = run_cli("check", "d", "d/pipe.txt", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2
    lines = assert_one_line_errors(proc.stderr, 2)
    assert all("not a regular file" in ln for ln in lines)


def test_directory_named_dash_and_odd_names(tmp_path):
    dash = tmp_path / "-"
    dash.mkdir()
    (dash / "with space.txt").write_text(DIRTY)
    (dash / "new\nline.txt").write_text(DIRTY)
    (dash / "tab\there.txt").write_text(DIRTY)
    os.close(os.open(os.fsencode(dash) + b"/bad\xffbyte.txt", os.O_CREAT | os.O_WRONLY))
    with open(os.fsencode(dash) + b"/bad\xffbyte.txt", "wb") as fh:
        fh.write(DIRTY.encode())
    proc = run_cli("check", "./-", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    headers = [ln for ln in proc.stdout.splitlines() if ": NL401 " in ln]
    assert sorted(headers) == sorted([
        "./-/bad\\xffbyte.txt:1:5: NL401 Repeated word: 'The'",
        "./-/new\\nline.txt:1:5: NL401 Repeated word: 'The'",
        "./-/tab\\there.txt:1:5: NL401 Repeated word: 'The'",
        "./-/with space.txt:1:5: NL401 Repeated word: 'The'",
    ])
    proc, doc = check_json("./-", cwd=tmp_path)
    assert {d["path"] for d in doc["diagnostics"]} >= {"./-/bad\\xffbyte.txt", "./-/new\nline.txt"}


def test_odd_name_in_an_error_stays_on_one_line(tmp_path):
    with open(os.fsencode(tmp_path) + b"/caf\xe9\nname.txt", "wb") as fh:
        fh.write(b"caf\xe9\n")
    proc = run_cli("check", ".", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "caf\\xe9\\nname.txt" in line


def test_dash_still_means_stdin(tmp_path):
    proc = run_cli("check", "-", "--stdin-filename", "story.md", input=DIRTY, cwd=tmp_path)
    assert proc.returncode == 1 and "story.md:1:5: NL401" in proc.stdout


def _drops_dac_override() -> list[str] | None:
    """A command prefix under which root loses the right to ignore file permissions."""
    if os.geteuid() != 0:
        return []  # an ordinary user: chmod 000 already denies reading
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_permission_denied_file_and_directory(tmp_path):
    prefix = _drops_dac_override()
    if prefix is None:
        pytest.skip("running as root and setpriv is missing: cannot make a file unreadable")
    (tmp_path / "ok.txt").write_text(DIRTY)
    secret = tmp_path / "secret.txt"
    secret.write_text(DIRTY)
    secret.chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(DIRTY)
    locked.chmod(0)
    try:
        env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
        proc = subprocess.run([*prefix, sys.executable, "-m", "newslint", "check", "."],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)
    assert proc.returncode == 2
    assert "ok.txt:1:5: NL401" in proc.stdout
    lines = assert_one_line_errors(proc.stderr, 2)
    assert any("secret.txt: permission denied" in ln for ln in lines), lines
    assert any("locked" in ln and "cannot list directory" in ln for ln in lines), lines


def test_file_deleted_during_the_run(tmp_path):
    """Many files; one is deleted while newslint runs: an error for it, the rest linted."""
    d = tmp_path / "d"
    d.mkdir()
    for i in range(400):
        (d / f"{i:04d}.txt").write_text(DIRTY * 50)
    victim = d / "0399.txt"
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "-q", "d"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    # Delete once the walk has surely listed the folder (imports take longer than that).
    time.sleep(0.3)
    victim.unlink()
    out, err = proc.communicate(timeout=max(1, deadline - time.monotonic()))
    assert "Traceback" not in err
    if proc.returncode == 2:  # deleted after the listing: reported
        (line,) = assert_one_line_errors(err, 1)
        assert "0399.txt" in line and "no such file" in line
    else:  # deleted before the listing: simply not there
        assert proc.returncode == 1 and err == ""
    assert "399 files" in out or "400 files" in out


def test_file_changed_during_the_run_is_read_whole(tmp_path):
    """A writer appends while newslint reads: the result is a consistent prefix, never a crash."""
    target = tmp_path / "grow.txt"
    target.write_text(DIRTY * 1000)
    stop = threading.Event()

    def writer() -> None:
        with open(target, "a", encoding="utf-8") as fh:
            while not stop.is_set():
                fh.write(DIRTY)
                fh.flush()

    t = threading.Thread(target=writer)
    t.start()
    try:
        proc = run_cli("check", "-q", "grow.txt", cwd=tmp_path, timeout=60)
    finally:
        stop.set()
        t.join()
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


# --- the guard ----------------------------------------------------------------------------


BOOM_RULE = '''
from newslint.rules.base import rule

@rule("NL999", "boom", "Raises, to test the guards.")
def boom(doc, ctx):
    """Raises."""
    if "boom" in doc.text:
        raise ValueError("kaboom\\nsecond line")
    return iter(())
'''


def _with_boom_rule(tmp_path: Path) -> dict[str, str]:
    """A sitecustomize that registers a rule raising on files containing 'boom'."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "boomrule.py").write_text(BOOM_RULE)
    (site / "sitecustomize.py").write_text(
        "import newslint.registry as r\n"
        "r.RULE_MODULES = (*r.RULE_MODULES, 'boomrule')\n"
    )
    return {"PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}


def test_a_crashing_rule_fails_its_file_only(tmp_path):
    env = _with_boom_rule(tmp_path)
    (tmp_path / "a.txt").write_text(DIRTY)
    (tmp_path / "b.txt").write_text("boom goes the the story\n")
    proc = run_cli("check", "a.txt", "b.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    assert "a.txt:1:5: NL401" in proc.stdout
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "b.txt: internal error while linting: ValueError: kaboom second line" in line


def test_unexpected_exception_is_one_line_and_debug_shows_traceback(tmp_path):
    """An exception outside any file (here: the reporter) reaches the top-level guard."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import newslint.reporters.text as t\n"
        "def report(*a, **k):\n    raise RuntimeError('reporter broke')\n"
        "t.report = report\n"
    )
    (tmp_path / "a.txt").write_text(DIRTY)
    env = {"PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    proc = run_cli("check", "a.txt", cwd=tmp_path, env=env)
    assert proc.returncode == 2
    (line,) = assert_one_line_errors(proc.stderr, 1)
    assert "internal error: RuntimeError: reporter broke" in line and "NEWSLINT_DEBUG=1" in line
    proc = run_cli("check", "a.txt", cwd=tmp_path, env={**env, "NEWSLINT_DEBUG": "1"})
    assert proc.returncode == 2 and "Traceback" in proc.stderr and "reporter broke" in proc.stderr


def test_closed_stdout_pipe_is_quiet(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY * 2000)
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "a.txt"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `newslint check | head -1`
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err
