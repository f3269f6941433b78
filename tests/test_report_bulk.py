"""The text and JSON reporters' bulk paths print what the straightforward formatting prints.

Why: a big file's report has tens of thousands of findings, so the reporters format them in
one loop each (reporters/text.py ``format_plain``, reporters/json.py ``diagnostic_text``)
instead of one helper call per part. Their references are ``format_diagnostic`` and the
stable JSON dict (``diagnostic_dict``, encoded by ``json.dumps(indent=2)``). The texts are
odd on purpose: wide and combining characters, emoji, tabs, CRLF and bare CR line breaks,
control characters, long lines, findings at line ends, empty lines and the text's end.
"""

from __future__ import annotations

import io
import json
import random

import pytest

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.document import Document
from newslint.reporters import json as json_reporter, text as text_reporter
from newslint.runner import FileResult, RunOptions

ODD = [
    "Plain words on one line.\nAnd a second line.\n",
    "東京で会議が開かれた。 The mayor said 東京 is ready.\nＦｕｌｌ width letters here.\n",
    "Cafe\u0301 owners and nai\u0308ve critics met.\n\u00e9t\u00e9 \u2014 \u201cquoted\u201d \u2026 text\n",
    "Fans cheered 🎉 now.The parade 👨‍👩‍👧 went on.\n",
    "Tabs\tinside\tthe\tline and\ttrailing\t\n\tleading tab\n",
    "Windows line\r\nbreaks here\r\n\r\nand a blank line\r\n",
    "Old Mac\rline breaks\r\rand more\r",
    "Mixed\r\nendings\nand\rbare\r\n",
    "Control \x1b[31mred\x1b[0m and \x00 NUL and \x7f DEL and \x85 NEL.\n",
    "A very long line " + "word " * 60 + "with a finding far along " + "more " * 40 + "\n",
    "No newline at the end",
    "\n\n\nLeading blank lines\n\n\n",
    "Ends with blank lines\r\n\r\n",
    "",
    "\u2028Line separator and \u00a0no-break spaces\u3000ideographic space.\n",
]


def _diagnostics(text: str, rng: random.Random) -> list[Diagnostic]:
    """Findings at many spans of ``text`` (zero width, one character, long, across lines,
    at its end), with and without fixes and suggestions."""
    n = len(text)
    spans = {(s, min(n, s + k)) for s in range(n + 1) for k in (0, 1, 3)}
    spans |= {tuple(sorted(rng.sample(range(n + 1), 2))) for _ in range(40)} if n > 1 else set()
    out = []
    for k, (s, e) in enumerate(sorted(spans)):
        fix = None
        suggestions: tuple[str, ...] = ()
        if k % 3 == 0:
            edits = (Edit(s, e, "repl \"quoted\" ü\n\t"),) + ((Edit(e, e, "🎉"),) if k % 2 else ())
            fix = Fix(edits, list(Applicability)[k % 3], f"Fix it {k} «here»")
        elif k % 3 == 1:
            suggestions = ("one", "två", "\"three\"")[: k % 4]
        code = ("NL301", "LT:MORFOLOGIK_RULE", "NL402")[k % 3]
        out.append(Diagnostic(code, "name-" + code, f"Message {k} with 'quotes' \"and\" ü \\ {text[s:e]!r}", s, e,
                              list(Severity)[k % 3], fix, suggestions))
    return out


@pytest.mark.parametrize("text", ODD)
def test_text_bulk_formatting_equals_format_diagnostic(text):
    doc = Document.from_text(text, "odd.txt")
    found = _diagnostics(text, random.Random(len(text)))
    assert found
    expected = [text_reporter.format_diagnostic("dir/odd.txt", doc, d, False) for d in found]
    assert text_reporter.format_plain("dir/odd.txt", doc, found) == expected


def test_text_report_equals_the_finding_by_finding_report():
    docs = [Document.from_text(t, f"odd{k}.txt") for k, t in enumerate(ODD)]
    results = [FileResult(d.path, _diagnostics(d.text, random.Random(k)), d) for k, d in enumerate(docs)]
    results.append(FileResult("missing.txt", error="cannot read"))
    opts = RunOptions(["."], color="never")
    out = io.StringIO()
    text_reporter.report(results, out, opts)
    expected = "".join(text_reporter.format_diagnostic(r.path, r.doc, d, False) + "\n\n"
                       for r in results if r.doc is not None for d in r.diagnostics)
    assert out.getvalue() == expected + text_reporter.summary(results, opts) + "\n"
    colored = io.StringIO()
    text_reporter.report(results, colored, RunOptions(["."], color="always"))
    assert "\x1b[" in colored.getvalue()  # the colored path stays finding by finding


def _reference_json(results: list[FileResult], fixing: bool) -> str:
    document = json_reporter.results_document(results)
    if fixing:
        document["summary"]["fixed"] = sum(r.fixed for r in results)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("fixing", [False, True])
def test_json_report_equals_the_standard_encoding_of_the_documented_dicts(fixing):
    docs = [Document.from_text(t, f"dir/odd \"{k}\" ü\t.txt") for k, t in enumerate(ODD)]
    results = [FileResult(d.path, _diagnostics(d.text, random.Random(k)), d, fixed=k) for k, d in enumerate(docs)]
    results.insert(3, FileResult("clean.txt", [], Document.from_text("Clean.\n", "clean.txt")))
    results.append(FileResult("missing.txt", error="cannot read \"it\""))
    opts = RunOptions(["."], fix=fixing)
    assert opts.fixing == fixing
    out = io.StringIO()
    json_reporter.report(results, out, opts)
    assert out.getvalue() == _reference_json(results, fixing)


def test_json_report_of_no_findings_and_of_an_unusual_value():
    """No findings at all; and a fix whose title is None (not a string: the standard encoder)."""
    doc = Document.from_text("Some text here.\n", "a.txt")
    for results in ([], [FileResult("a.txt", [], doc)], [FileResult("b.txt", error="gone")]):
        out = io.StringIO()
        json_reporter.report(results, out, RunOptions(["."]))
        assert out.getvalue() == _reference_json(results, False)
    odd = Diagnostic("NL301", "x", "m", 0, 4, Severity.WARNING, Fix((Edit(0, 4, ""),), Applicability.SAFE, None))  # type: ignore[arg-type]
    results = [FileResult("a.txt", [odd, Diagnostic("NL302", "y", "n", 5, 9)], doc)]
    out = io.StringIO()
    json_reporter.report(results, out, RunOptions(["."]))
    assert out.getvalue() == _reference_json(results, False)
    assert '"title": null' in out.getvalue()
