"""Every regex in newslint runs in (about) linear time on hostile strings.

The method is in tests/regex_audit.py and docs/reliability.md. The second test proves the
detector can fail: the patterns this audit found quadratic in the core are flagged by it.
"""

from __future__ import annotations

import re

import os

from regex_audit import CORE, audit, package_patterns

# CI audits the core modules; NEWSLINT_AUDIT_ALL=1 audits every module of the package (slow).
MODULES = None if os.environ.get("NEWSLINT_AUDIT_ALL") else CORE


def test_patterns_are_collected_from_every_module():
    wheres = {where for where, _ in package_patterns()}
    assert any("spacing" in w for w in wheres) and any("document" in w for w in wheres)
    assert any("suppression" in w for w in wheres) and any("formats" in w for w in wheres)
    core = {where for where, _ in package_patterns(CORE)}
    assert core and core < wheres and any("spacing" in w for w in core)


def test_no_package_regex_grows_faster_than_linear():
    findings = audit(package_patterns(MODULES))
    assert not findings, "\n".join(
        f"{f.where}: {f.pattern!r} on {f.sample}: {f.small:.3f}s -> {f.large:.3f}s (x{f.ratio:.1f})" for f in findings
    )


# The patterns as they were before the reliability work; each was quadratic.
BUG_PATTERNS = {
    "bug_trailing_whitespace_quadratic_on_long_blank_run": (r"[ \t]+(?=\r?\n|\r|\Z)", 0),
    "bug_email_mask_quadratic_on_dotted_run": (r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", 0),
    "bug_domain_mask_quadratic_on_hyphen_run": (r"\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org)\b", 0),
    "bug_comment_mask_quadratic_on_unclosed_comments": (r"<!--.*?-->", re.S),
    "bug_html_tag_quadratic_on_many_lt": (r"<[^>]*>", 0),
    "bug_directive_quadratic_on_unclosed_directives": (r"<!--\s*newslint-(disable|enable)\b([^>]*?)-->", 0),
}


def test_audit_flags_the_quadratic_patterns_it_found():
    for name, (pattern, flags) in BUG_PATTERNS.items():
        assert audit([(name, re.compile(pattern, flags))], n=1500, min_seconds=0.01, first_only=True), f"audit missed {name}"
