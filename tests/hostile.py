"""Pathological document shapes shared by the scaling tests and bench/pathological.py.

Each builder makes a document of about ``n`` characters that once made a rule or a mask
rescan text (quadratic time); the tests double ``n``, the benchmark runs it large.
"""

PARAGRAPH = ("The Beijing summit has also served as a stage for the the leaders, who met on Monday.It was "
             "their first meeting since 2019,and officials said : \"we remain together\" . ")

# name -> builder of a document of about n characters
HOSTILE = {
    "long_blank_run": lambda n: "a" + " " * n + "x",
    "dotted_run": lambda n: "a." * (n // 2),
    "hyphen_run": lambda n: "a-" * (n // 2),
    "unclosed_comments": lambda n: "<!--" * (n // 4),
    "unclosed_directives": lambda n: "<!-- newslint-disable NL3 " * (n // 26),
    "glued_sentences": lambda n: "a.Bc" * (n // 4),
    "many_lt": lambda n: "<" * n,
    "unclosed_script": lambda n: "<script " * (n // 8),
    "quotes": lambda n: "x \"a\" 'b' it's " * (n // 16),
    "repeated_paragraphs": lambda n: (PARAGRAPH + "\n\n") * (n // (len(PARAGRAPH) + 2)),
    "one_long_line": lambda n: PARAGRAPH * (n // len(PARAGRAPH)),
    "deep_markdown": lambda n: "".join(">" * min(i, 200) + " - * item " + "`x` [a](b) **b**\n" for i in range(n // 60)),
    "crlf_mixed": lambda n: "the the  end \r\nnow.The\rx , y\n" * (n // 30),
    "directives_and_findings": lambda n: "<!-- newslint-disable-next-line NL401 -->\nthe the ,x\n" * (n // 50),
}
