"""Which files a walked folder yields: default excludes, ignore files, exclude options, named paths.

Real folders, real ``git init`` repositories (and the same trees without git), the real CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_cli
from newslint.config import load_config
from newslint.discovery import WalkRules, discover, repository_root

DIRTY = "Hello,world.\n"  # NL301 (no space after a comma): every linted file has a finding


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path -> text) below ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def walked(folder: Path, **config) -> list[str]:
    """The files ``newslint check FOLDER`` lints (paths relative to FOLDER), via discover."""
    cfg = load_config(start=folder)
    for key, value in config.items():
        setattr(cfg, key, value)
    out = []
    for item in discover([str(folder)], WalkRules.from_config(cfg)):
        assert isinstance(item, str), item
        out.append(os.path.relpath(item, folder).replace(os.sep, "/"))
    return sorted(out)


def linted(*args: str, cwd: Path) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    """The files the real CLI reported findings for (relative to ``cwd``), and the process."""
    proc = run_cli("check", "--no-cache", "--format", "json", *args, cwd=cwd)
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout) if proc.stdout.strip() else {"diagnostics": []}
    paths = {os.path.relpath(os.path.join(cwd, d["path"]), cwd).replace(os.sep, "/") for d in data["diagnostics"]}
    return sorted(paths), proc


# --- the default excludes -------------------------------------------------------------------

DEFAULT_JUNK = {
    "node_modules/pkg/README.md": DIRTY,
    "editors/vscode/node_modules/dep/readme.md": DIRTY,
    "venv/lib/site.txt": DIRTY,
    "lib/site-packages/pkg/notes.txt": DIRTY,
    "build/out.html": DIRTY,
    "dist/pkg.txt": DIRTY,
    "__pycache__/x.txt": DIRTY,
    "_build/html/index.html": DIRTY,
    ".venv/notes.md": DIRTY,
    ".tox/log.txt": DIRTY,
}


def test_default_excludes_skip_tool_folders_without_git_or_ignore_files(tmp_path: Path) -> None:
    tree(tmp_path, {"story.md": DIRTY, "news/a.txt": DIRTY, "news/builds.txt": DIRTY, **DEFAULT_JUNK})
    assert repository_root(tmp_path) is None  # the precondition: no repository anywhere above
    assert walked(tmp_path) == ["news/a.txt", "news/builds.txt", "story.md"]


def test_include_takes_globs_names_and_folders(tmp_path: Path) -> None:
    tree(tmp_path, {"wires/ap.json": "{}", "wires/sub/x.csv": "a", "story.md": DIRTY, "notes.rst": DIRTY,
                    "desk/a.rst": DIRTY})
    (tmp_path / "newslint.toml").write_text('include = ["*.md", "wires", "desk/*.rst"]\n', encoding="utf-8")
    assert walked(tmp_path) == ["desk/a.rst", "story.md", "wires/ap.json", "wires/sub/x.csv"]


def test_setting_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    tree(tmp_path, {"story.md": DIRTY, "drafts/x.md": DIRTY, "node_modules/pkg/README.md": DIRTY})
    (tmp_path / "newslint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    assert walked(tmp_path) == ["node_modules/pkg/README.md", "story.md"]
    (tmp_path / "newslint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    assert walked(tmp_path) == ["story.md"]


# --- ignore files -----------------------------------------------------------------------------

IGNORED_TREE = {
    ".gitignore": "drafts/\n*.tmp.md\n/rootonly.md\n",
    "story.md": DIRTY,
    "rootonly.md": DIRTY,
    "notes.tmp.md": DIRTY,
    "drafts/a.md": DIRTY,
    "drafts/keep.md": DIRTY,  # the folder is ignored: a `!keep.md` below cannot bring it back (git)
    "archive/.gitignore": "*.md\n!keep.md\n",
    "archive/old.md": DIRTY,
    "archive/keep.md": DIRTY,
    "archive/rootonly.md": DIRTY,  # `/rootonly.md` is anchored to the root's folder
    "archive/deep/keep.md": DIRTY,
    "archive/deep/other.txt": DIRTY,
    "archive/deep/note.md": DIRTY,  # archive/.gitignore's `*.md` applies two folders down too
    "archive/deep/.gitignore": "!old.md\n",
    "archive/deep/old.md": DIRTY,  # the deeper file's negation wins over archive/.gitignore
    "private/.ignore": "secret.txt\n",
    "private/secret.txt": DIRTY,
    "private/public.txt": DIRTY,
}
EXPECTED_KEPT = ["archive/deep/keep.md", "archive/deep/old.md", "archive/deep/other.txt", "archive/keep.md",
                 "private/public.txt", "story.md"]


def test_gitignore_in_a_git_repository_nested_files_and_negation(tmp_path: Path) -> None:
    tree(tmp_path, IGNORED_TREE)
    git_init(tmp_path)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("private/public.txt\n", encoding="utf-8")
    kept = [p for p in EXPECTED_KEPT if p != "private/public.txt"]
    assert walked(tmp_path) == kept
    # git agrees on every file (nothing is committed here), except what `.ignore` (ripgrep's and
    # ruff's file, which git does not read) ignores
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    git_kept = sorted(p for p in listed if p and not os.path.basename(p).startswith("."))
    assert git_kept == sorted(kept + ["private/secret.txt"])


def test_gitignore_is_respected_outside_a_git_repository_too(tmp_path: Path) -> None:
    tree(tmp_path, IGNORED_TREE)
    assert repository_root(tmp_path) is None
    assert walked(tmp_path) == EXPECTED_KEPT


def test_a_pattern_git_cannot_read_is_skipped_not_a_crash(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "\\\n!\n[z-a]\ndrafts/\nfoo\\\n", "story.md": DIRTY, "drafts/a.md": DIRTY})
    assert walked(tmp_path) == ["story.md"]


def test_walking_a_subfolder_applies_the_ignore_files_above_it(tmp_path: Path) -> None:
    tree(tmp_path, {
        ".gitignore": "/news/embargoed/\nscratch.md\n",
        "news/today.md": DIRTY,
        "news/scratch.md": DIRTY,
        "news/embargoed/x.md": DIRTY,
        "news/world/embargoed/y.md": DIRTY,  # the anchored pattern names news/embargoed only
    })
    git_init(tmp_path)
    assert walked(tmp_path / "news") == ["today.md", "world/embargoed/y.md"]


def test_a_named_ignored_folder_is_walked_with_its_own_ignore_files_only(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "drafts/\n*.bak.md\n", "story.md": DIRTY, "drafts/a.md": DIRTY,
                    "drafts/old.bak.md": DIRTY, "drafts/sub/b.md": DIRTY, "drafts/sub/c.md": DIRTY,
                    "drafts/.gitignore": "b.md\n"})
    git_init(tmp_path)
    assert walked(tmp_path) == ["story.md"]
    # the root's .gitignore ignores drafts/, so none of its patterns apply inside the named folder
    assert walked(tmp_path / "drafts") == ["a.md", "old.bak.md", "sub/c.md"]
    # drafts/.gitignore does not ignore drafts/sub: it applies there
    assert walked(tmp_path / "drafts" / "sub") == ["c.md"]
    assert linted("drafts", cwd=tmp_path)[0] == ["drafts/a.md", "drafts/old.bak.md", "drafts/sub/c.md"]


def test_a_worktree_reads_info_exclude_from_the_common_git_folder(tmp_path: Path) -> None:
    main = tmp_path / "main"
    tree(main, {"a.md": DIRTY})
    git_init(main)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    subprocess.run(["git", "add", "a.md"], cwd=main, check=True)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=main, check=True, env=env)
    subprocess.run(["git", "worktree", "add", "-q", str(tmp_path / "wt")], cwd=main, check=True)
    (main / ".git" / "info").mkdir(exist_ok=True)
    (main / ".git" / "info" / "exclude").write_text("local-notes.md\n", encoding="utf-8")
    tree(tmp_path / "wt", {"local-notes.md": DIRTY, "b.md": DIRTY})
    assert (tmp_path / "wt" / ".git").is_file()
    assert walked(tmp_path / "wt") == ["a.md", "b.md"]


def test_respect_gitignore_off_lints_ignored_files_but_keeps_the_default_excludes(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "drafts/\n", "story.md": DIRTY, "drafts/a.md": DIRTY,
                    "node_modules/pkg/README.md": DIRTY})
    assert walked(tmp_path, respect_gitignore=False) == ["drafts/a.md", "story.md"]
    (tmp_path / "newslint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert walked(tmp_path) == ["drafts/a.md", "story.md"]


def test_symlinked_files_are_linted_unless_ignored_and_symlinked_folders_not_followed(tmp_path: Path) -> None:
    tree(tmp_path, {"real/a.md": DIRTY, "outside/b.md": DIRTY, "site/.gitignore": "hidden-link.md\n"})
    os.symlink(tmp_path / "real" / "a.md", tmp_path / "site" / "link.md")
    os.symlink(tmp_path / "real" / "a.md", tmp_path / "site" / "hidden-link.md")
    os.symlink(tmp_path / "outside", tmp_path / "site" / "folder-link")
    os.symlink(tmp_path / "site", tmp_path / "site" / "loop")
    assert walked(tmp_path / "site") == ["link.md"]


# --- the command line ------------------------------------------------------------------------


def test_cli_flags_exclude_extend_exclude_and_no_respect_gitignore(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "drafts/\n", "story.md": DIRTY, "drafts/a.md": DIRTY, "wires/ap.txt": DIRTY,
                    "node_modules/pkg/README.md": DIRTY})
    git_init(tmp_path)
    assert linted(".", cwd=tmp_path)[0] == ["story.md", "wires/ap.txt"]
    assert linted("--extend-exclude", "wires", ".", cwd=tmp_path)[0] == ["story.md"]
    assert linted("--no-respect-gitignore", ".", cwd=tmp_path)[0] == ["drafts/a.md", "story.md", "wires/ap.txt"]
    # --exclude replaces the whole list, the defaults too
    assert linted("--exclude", "wires", ".", cwd=tmp_path)[0] == ["node_modules/pkg/README.md", "story.md"]
    assert linted("--exclude=", "--no-respect-gitignore", ".", cwd=tmp_path)[0] == [
        "drafts/a.md", "node_modules/pkg/README.md", "story.md", "wires/ap.txt"]
    # --extend-exclude adds to the configured extend-exclude; the file's relative globs start at its folder
    (tmp_path / "newslint.toml").write_text('extend-exclude = ["wires/*.txt"]\n', encoding="utf-8")
    assert linted("--extend-exclude", "story.md", ".", cwd=tmp_path)[0] == []
    assert linted("wires", cwd=tmp_path)[1].returncode == 2  # walked from below: wires/ap.txt still excluded


def test_named_files_are_linted_even_when_excluded_unless_force_exclude(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "drafts/\n", "story.md": DIRTY, "drafts/a.md": DIRTY,
                    "node_modules/pkg/README.md": DIRTY, "newslint.toml": 'extend-exclude = ["archive"]\n',
                    "archive/2019/old.md": DIRTY})
    git_init(tmp_path)
    named = ["story.md", "drafts/a.md", "node_modules/pkg/README.md", "archive/2019/old.md"]
    paths, proc = linted(*named, cwd=tmp_path)
    assert paths == sorted(named) and proc.returncode == 1
    # --force-exclude applies the exclude globs (a folder above counts), not the ignore files
    paths, proc = linted("--force-exclude", *named, cwd=tmp_path)
    assert paths == ["drafts/a.md", "story.md"]
    paths, proc = linted("--force-exclude", "node_modules/pkg/README.md", "archive", cwd=tmp_path)
    assert paths == [] and proc.returncode == 0 and proc.stderr == ""
    fix = run_cli("check", "--no-cache", "--fix", "--force-exclude", *named, cwd=tmp_path)
    assert fix.returncode == 0 and "Traceback" not in fix.stderr
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == "Hello, world.\n"
    assert (tmp_path / "node_modules/pkg/README.md").read_text(encoding="utf-8") == DIRTY  # never written
    for rel in ("story.md", "drafts/a.md"):  # (both fixed) dirty again for the checks below
        (tmp_path / rel).write_text(DIRTY, encoding="utf-8")
    # a named folder is walked even when excluded; the rules apply below it
    assert linted("node_modules", "archive", cwd=tmp_path)[0] == ["archive/2019/old.md", "node_modules/pkg/README.md"]
    (tmp_path / "newslint.toml").write_text('extend-exclude = ["archive"]\nforce-exclude = true\n', encoding="utf-8")
    assert linted(*named, cwd=tmp_path)[0] == ["drafts/a.md", "story.md"]
    assert linted("--no-force-exclude", *named, cwd=tmp_path)[0] == sorted(named)


def test_stdin_with_an_excluded_stdin_filename_is_skipped_only_with_force_exclude(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('extend-exclude = ["vendor"]\n', encoding="utf-8")
    text = "Caf\u00e9,bar.\n"
    plain = run_cli("check", "--no-cache", "--stdin-filename", "vendor/x.md", "-", input=text, cwd=tmp_path)
    assert plain.returncode == 1 and "NL301" in plain.stdout
    forced = run_cli("check", "--force-exclude", "--stdin-filename", "vendor/x.md", "-", input=text, cwd=tmp_path)
    assert forced.returncode == 0 and "NL301" not in forced.stdout and forced.stderr == ""
    fixed = run_cli("check", "--fix", "--stdin-filename", "vendor/x.md", "-", input=text, cwd=tmp_path)
    assert fixed.stdout == "Caf\u00e9, bar.\n"
    untouched = run_cli("check", "--fix", "--force-exclude", "--stdin-filename", "vendor/x.md", "-", input=text, cwd=tmp_path)
    assert untouched.returncode == 0 and untouched.stdout == text and untouched.stderr == ""
    diff = run_cli("check", "--diff", "--force-exclude", "--stdin-filename", "vendor/x.md", "-", input=text, cwd=tmp_path)
    assert diff.returncode == 0 and diff.stdout == ""
    kept = run_cli("check", "--force-exclude", "--stdin-filename", "news/x.md", "-", input=text, cwd=tmp_path)
    assert kept.returncode == 1 and "NL301" in kept.stdout


def test_the_pre_commit_hook_entry_skips_excluded_files(tmp_path: Path) -> None:
    entry = next(line.split(":", 1)[1].strip() for line in (REPO / ".pre-commit-hooks.yaml").read_text().splitlines()
                 if line.strip().startswith("entry:"))
    assert entry.split()[:2] == ["newslint", "check"]
    tree(tmp_path, {"story.md": DIRTY, "vendor/notes.md": DIRTY, "newslint.toml": 'extend-exclude = ["vendor"]\n'})
    paths, proc = linted(*entry.split()[2:], "story.md", "vendor/notes.md", cwd=tmp_path)
    assert paths == ["story.md"] and proc.returncode == 1


def test_a_folder_whose_files_are_all_ignored_says_why(tmp_path: Path) -> None:
    tree(tmp_path, {".gitignore": "*.md\n", "d/a.md": DIRTY, "d/b.md": DIRTY, "d/node_modules/x.md": DIRTY,
                    "d/notes.docx": "x"})
    proc = run_cli("check", "d", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith("newslint: error: d: no files to lint in this directory")
    assert "1 not matching include" in line and "1 skipped by exclude" in line
    assert "2 ignored by .gitignore/.ignore" in line and "--no-respect-gitignore" in line
    assert run_cli("check", "--no-respect-gitignore", "d", cwd=tmp_path).returncode == 1


def test_bad_option_values_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('respect-gitignore = "no"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(DIRTY, encoding="utf-8")
    proc = run_cli("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "respect-gitignore" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "newslint.toml").write_text('extend-exclude = "drafts"\n', encoding="utf-8")
    proc = run_cli("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "extend-exclude" in proc.stderr and len(proc.stderr.splitlines()) == 1


# --- the other readers of files ---------------------------------------------------------------


def test_corpus_context_reads_the_siblings_a_walk_would_lint(tmp_path: Path) -> None:
    from newslint.corpus import context_documents
    from newslint.runner import FileResult

    tree(tmp_path, {".gitignore": "notes.md\n", "a.md": "A.\n", "b.md": "B.\n", "notes.md": "N.\n",
                    "newslint.toml": 'extend-exclude = ["c.md"]\n', "c.md": "C.\n"})
    cfg = load_config(start=tmp_path)
    docs = context_documents([FileResult(str(tmp_path / "a.md"))], cfg, limit=10)
    assert [os.path.basename(d.path) for d in docs] == ["b.md"]


def test_learn_walks_folders_as_check_does(tmp_path: Path) -> None:
    body = "Zelenskyy met Borrell in Brussels. Zelenskyy and Borrell spoke.\n"
    tree(tmp_path, {"news/a.md": body, "news/b.md": body, "node_modules/x/README.md": "Qwertzuiop. " * 5,
                    "node_modules/y/README.md": "Qwertzuiop. " * 5})
    out = tmp_path / "lexicon.txt"
    proc = run_cli("learn", "-o", str(out), ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "from 2 files" in proc.stdout
    assert "Qwertzuiop" not in out.read_text(encoding="utf-8")


# --- start-up cost ------------------------------------------------------------------------------

_IMPORTS = ("import sys; sys.argv = ['newslint', 'check', '--no-cache', '-q', '--exit-zero', *sys.argv[1:]]\n"
            "from newslint import entry\n"
            "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
            "print('pathspec' in sys.modules, file=sys.stderr)")


def _imports_pathspec(*args: str, cwd: Path) -> bool:
    proc = subprocess.run([sys.executable, "-c", _IMPORTS, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    return proc.stderr.strip().splitlines()[-1] == "True"


def test_pathspec_is_imported_only_by_a_walk_that_meets_an_ignore_file(tmp_path: Path) -> None:
    tree(tmp_path, {"plain/a.md": "A.\n", "repo/.gitignore": "x.md\n", "repo/a.md": "A.\n"})
    assert not _imports_pathspec("repo/a.md", cwd=tmp_path)  # a named file (pre-commit)
    assert not _imports_pathspec("--force-exclude", "repo/a.md", cwd=tmp_path)
    assert not _imports_pathspec("plain", cwd=tmp_path)  # a walk without ignore files
    assert _imports_pathspec("repo", cwd=tmp_path)
