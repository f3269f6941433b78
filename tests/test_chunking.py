"""Big texts are linted in pieces; the findings are the same as for the whole text."""

from __future__ import annotations

from conftest import SEEDS, make_config
from newslint.chunking import lint_large, reporting_document, split_points
from newslint.document import Document
from newslint.engine import Linter
from newslint.registry import all_rules

LINTER = Linter(make_config(select=[r.code for r in all_rules()]))
# Rules whose findings depend only on their paragraph: pieces must give exactly the same.
# The rules judged over the whole text from the pieces' facts are tested in
# tests/test_chunking_whole.py; those that still count words per piece are listed there.
LOCAL = Linter(make_config(select=["NL201", "NL3", "NL401"]))


def _seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def test_pieces_give_the_same_findings_as_the_whole_text():
    text = _seed_text() * 4
    whole = LOCAL.lint(Document.from_text(text, "big.txt"))
    pieces = lint_large(LOCAL, reporting_document(text, "big.txt"), size=5000)
    assert len(split_points(text, 5000)) > 10
    assert whole and pieces == whole
    # Every rule still runs on every piece and every offset lands inside the text.
    for d in lint_large(LINTER, reporting_document(text, "big.txt"), size=5000):
        assert 0 <= d.start <= d.end <= len(text)


def test_a_disable_region_spans_pieces():
    para = "The the parade went on.\n\n"
    text = "<!-- newslint-disable NL401 -->\n\n" + para * 2000
    found = lint_large(LINTER, reporting_document(text, "big.txt"), size=4000)
    assert not [d for d in found if d.code == "NL401"]
    found = lint_large(LINTER, reporting_document(para * 2000, "big.txt"), size=4000)
    assert len([d for d in found if d.code == "NL401"]) == 2000


def test_split_points_prefer_blank_lines_then_line_breaks_and_never_split_crlf():
    text = ("word " * 300 + "\r\n") * 50
    points = split_points(text, 1400)
    assert all(text[p - 2:p] == "\r\n" for p in points[1:])
    blank = ("a" * 50 + "\n") * 10 + "\n" + ("b" * 50 + "\n") * 100
    assert split_points(blank, 450)[1] == blank.index("\n\n") + 2
    assert split_points("x" * 10_000, 1000)[1:3] == [1000, 2000]  # no space at all: a hard cut


def test_a_single_huge_line_is_cut_at_spaces():
    text = "The the long line goes on. " * 20_000
    found = lint_large(LINTER, reporting_document(text, "big.txt"), size=50_000)
    assert len([d for d in found if d.code == "NL401"]) == 20_000
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)


def test_pieces_linted_by_forked_workers_equal_pieces_linted_here():
    """--jobs for one big file: every rule, same pieces, so exactly the same findings in order."""
    from newslint.chunking import piece_jobs

    text = _seed_text() * 3 + "<!-- newslint-disable NL401 -->\n\nThe the end.\n"
    doc = reporting_document(text, "big.txt")
    assert len(split_points(text, 6000)) > 4
    serial = lint_large(LINTER, doc, size=6000, jobs=1)
    if piece_jobs(2, 5) == 2:  # fork available and no threads running
        assert lint_large(LINTER, doc, size=6000, jobs=2) == serial
    assert serial and any(d.code == "NL402" for d in serial)


def test_pieces_stay_in_this_process_while_threads_run():
    import threading

    from newslint.chunking import piece_jobs

    assert piece_jobs(1, 5) == 1 and piece_jobs(4, 1) == 1
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert piece_jobs(2, 5) == 1
    finally:
        stop.set()
        worker.join()


def test_auto_mode_uses_only_free_cpus_and_never_more_than_the_pieces():
    from newslint.chunking import piece_jobs
    from newslint.parallel import free_cpus

    for cpus in (1, 2, 8):
        assert 1 <= free_cpus(cpus) <= cpus
    assert piece_jobs(0, 1) == 1  # one piece: this process
    assert 1 <= piece_jobs(0, 6) <= 6


def test_lines_that_all_open_with_a_quotation_are_still_cut_at_line_breaks():
    text = '"Every line of this dialogue opens with a quotation mark, and none closes.\n' * 400
    points = split_points(text, 3000)
    assert len(points) > 4 and all(text[p - 1] == "\n" for p in points[1:])
