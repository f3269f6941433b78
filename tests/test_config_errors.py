"""Configuration mistakes: a clear one-line message naming the file, line and key; exit 2."""

from __future__ import annotations

import pytest

from conftest import run_cli

CASES = [
    # (file content, expected fragments of the one-line message)
    ('# c\nselect = ["NL3"\n', ["newslint.toml", "invalid TOML"]),
    ('# c\nselect = [\'NL3\']\nx = = 1\n', ["newslint.toml", "invalid TOML", "line 3"]),
    ('# c\nselec = ["NL3"]\n', ["newslint.toml:2", "unknown option 'selec'"]),
    ('# c\nselect = ["XX9"]\n', ["newslint.toml:2", "unknown rule code 'XX9'", "'select'"]),
    ('# c\nignore = ["NL301", "NL9"]\n', ["newslint.toml:2", "unknown rule code 'NL9'", "'ignore'"]),
    ('# c\nselect = "NL3"\n', ["newslint.toml:2", "'select' must be a list"]),
    ('# c\nignore = [1]\n', ["newslint.toml:2", "'ignore' must be a list of strings"]),
    ('# c\ndialect = "en-AU"\n', ["newslint.toml:2", "dialect must be one of"]),
    ('# c\nmax-file-size-mb = "big"\n', ["newslint.toml:2", "'max-file-size-mb' must be a int or float"]),
    ('# c\nmax-file-size-mb = inf\n', ["newslint.toml:2", "'max-file-size-mb'", "above 0"]),
    ('# c\nmax-file-size-mb = -1\n', ["newslint.toml:2", "'max-file-size-mb'", "above 0"]),
    ('# c\nper-file-ignores = { "*.txt" = "NL3" }\n', ["newslint.toml:2", "per-file-ignores['*.txt']"]),
    ('# c\n[per-file-ignores]\n"*.txt" = ["XX1"]\n', ["newslint.toml:2", "unknown rule code 'XX1'"]),
    ('# c\n[rules.NL999]\nx = 1\n', ["newslint.toml:2", "unknown rule 'NL999'"]),
    ('# c\n[rules]\nNL401 = 3\n', ["newslint.toml:2", "[rules.NL401] must be a table"]),
    ('# c\n[rules.NL401]\nallowed = 5\n', ["newslint.toml:3", "'allowed' in [rules.NL401] must be a list of strings, not integer"]),
    ('# c\n[rules.NL401]\nallowed = ["had", 2]\n', ["newslint.toml:3", "'allowed'", "list of strings"]),
    ('# c\n[rules.repeated-word]\nalowed = ["x"]\n', ["newslint.toml:3", "unknown option 'alowed'", "known: allowed"]),
    (b'select = ["caf\xe9"]\n', ["newslint.toml", "not valid UTF-8"]),
]


@pytest.mark.parametrize("content,fragments", CASES, ids=[str(i) for i in range(len(CASES))])
def test_config_error_is_one_clear_line(tmp_path, content, fragments):
    cfg = tmp_path / "newslint.toml"
    if isinstance(content, bytes):
        cfg.write_bytes(content)
    else:
        cfg.write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The the story.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert proc.stdout == ""  # nothing was linted with a broken configuration


def test_pyproject_table_errors_name_the_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.newslint]\nselect = ["ZZ1"]\n')
    (tmp_path / "a.txt").write_text("The story.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml" in proc.stderr and "unknown rule code 'ZZ1'" in proc.stderr


def test_cli_selectors_are_named_as_options(tmp_path):
    (tmp_path / "a.txt").write_text("The story.\n")
    proc = run_cli("check", "--select", "NL3,QQ1", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "newslint: error: --select: unknown rule code 'QQ1' (see 'newslint rules')"


@pytest.mark.parametrize("make", ["missing", "directory"])
def test_explicit_config_file_missing_or_a_directory(tmp_path, make):
    (tmp_path / "a.txt").write_text("The story.\n")
    if make == "directory":
        (tmp_path / "conf.toml").mkdir()
    proc = run_cli("check", "--config", "conf.toml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "conf.toml" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_valid_rule_options_still_work(tmp_path):
    (tmp_path / "newslint.toml").write_text('[rules.NL401]\nallowed = ["the"]\n')
    (tmp_path / "a.txt").write_text("The the story.\n")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("args,fragment", [
    (["check", "--format", "xml", "a.txt"], "Invalid value for '--format'"),
    (["chek"], "No such command 'chek'"),
    (["check", "--no-such-option"], "No such option"),
])
def test_usage_errors_are_one_line(tmp_path, args, fragment):
    (tmp_path / "a.txt").write_text("The story.\n")
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: ") and fragment in lines[0], proc.stderr
