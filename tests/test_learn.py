"""`newslint learn`: the project lexicon it writes, and the user's edits surviving a re-run."""

from __future__ import annotations

from pathlib import Path

from newslint.lexicon.project import OWN_MARK, read_project_lexicon
from tests.conftest import run_cli

ARTICLES = {
    "a.txt": "The talks in Minsk were led by Alexander Lukashenko. Officials from Zorvath Energy and the ZVXC attended. "
             "The ruble fell as Lukashenko spoke.\n",
    "b.txt": "Shares in Zorvath Energy rose after Lukashenko backed the ZVXC deal. The Bank of England said little.\n",
    "c.txt": "Analysts said Lukashenko wants a new deal with Zorvath Energy. The bank said the frobnitz rate was flat. "
             "Another frobnitz rise followed.\n",
}


def write_articles(folder: Path) -> None:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")


def learned_rows(path: Path) -> dict[str, tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    rows = {}
    for line in text.split("(word, count, kind) ===\n", 1)[1].splitlines():
        word, count, kind = line.split("\t")
        rows[word] = (int(count), kind)
    return rows


def test_learn_writes_consistent_names_acronyms_and_terms(tmp_path):
    write_articles(tmp_path)
    proc = run_cli("learn", str(tmp_path), "-o", str(tmp_path / "lex.txt"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = learned_rows(tmp_path / "lex.txt")
    assert rows["Lukashenko"] == (4, "name")
    assert rows["Zorvath"] == (3, "name")
    assert rows["ZVXC"] == (2, "acronym")
    assert "Bank" not in rows  # also written in lowercase: not a consistent name
    assert "Minsk" not in rows  # one article only (and the built-in lexicon knows it)


def test_round_trip_keeps_hand_edits(tmp_path):
    write_articles(tmp_path)
    target = tmp_path / "newslint-lexicon.txt"
    assert run_cli("learn", str(tmp_path), cwd=tmp_path).returncode == 0  # default target from config
    text = target.read_text(encoding="utf-8")
    assert OWN_MARK in text
    # The editor adds a word of their own and vetoes a learned one.
    edited = text.replace(OWN_MARK + "\n", OWN_MARK + "\nDruzhba\n!Zorvath\n# our house style\n")
    target.write_text(edited, encoding="utf-8")
    (tmp_path / "d.txt").write_text("Again Lukashenko and Zorvath Energy met.\n", encoding="utf-8")
    assert run_cli("learn", str(tmp_path), cwd=tmp_path).returncode == 0
    again = target.read_text(encoding="utf-8")
    own_part = again.split(OWN_MARK, 1)[1].split("# ===", 1)[0]
    assert "Druzhba" in own_part and "!Zorvath" in own_part and "# our house style" in own_part
    rows = learned_rows(target)
    assert rows["Lukashenko"] == (5, "name")  # recounted with the new article
    assert "Zorvath" not in rows  # vetoed
    words = read_project_lexicon(target)
    assert "Druzhba" in words and "Zorvath" not in words


def test_check_uses_the_learned_lexicon(tmp_path):
    write_articles(tmp_path)
    assert run_cli("learn", str(tmp_path), cwd=tmp_path).returncode == 0
    article = tmp_path / "new.txt"
    article.write_text("Belarus leader Alexander Lukashneko met zorvath officials.\n", encoding="utf-8")
    proc = run_cli("check", "--select", "NL102,NL202", "--format", "json", str(article), cwd=tmp_path)
    assert '"Lukashenko"' in proc.stdout and '"Zorvath"' in proc.stdout, proc.stdout


def test_learn_bad_path_is_one_line_exit_2(tmp_path):
    proc = run_cli("learn", str(tmp_path / "missing"), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
