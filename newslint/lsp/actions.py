"""Code actions: a quick fix per fixable finding, fix all safe issues, add a word to the project
lexicon, and ignore a finding on its line. Pure functions of a :class:`Snapshot`."""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types

from newslint.diagnostics import Applicability, Diagnostic
from newslint.document import WORD_RE, Document
from newslint.lsp.snapshot import Snapshot

ADD_TO_LEXICON = "newslint.addToLexicon"
FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".newslint"
FIX_ALL_TITLE = "Fix all safe issues (newslint)"
# Codes whose span is a word a project may legitimately use (spelling and names).
LEXICON_CODES = ("NL1",)
# An existing per-line suppression, to which another code is added rather than a second comment.
_DISABLE_LINE = re.compile(r"<!--\s*newslint-disable-line\b([^>]*?)\s*-->", re.I)


def workspace_edit(snap: Snapshot, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """Edits for ``snap``'s document; versioned so a client refuses them on a newer text."""
    if versioned:
        ident = types.OptionalVersionedTextDocumentIdentifier(uri=snap.uri, version=snap.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=ident, edits=edits)])
    return types.WorkspaceEdit(changes={snap.uri: edits})


def _text_edits(snap: Snapshot, d: Diagnostic) -> list[types.TextEdit]:
    assert d.fix is not None
    return [types.TextEdit(range=snap.pmap.range(e.start, e.end), new_text=e.replacement) for e in d.fix.edits]


def quick_fix(snap: Snapshot, d: Diagnostic, versioned: bool) -> types.CodeAction | None:
    if d.fix is None or d.fix.applicability < Applicability.UNSAFE:
        return None
    unsafe = "" if d.fix.applicability == Applicability.SAFE else " (unsafe: check the result)"
    return types.CodeAction(
        title=f"{d.fix.title}{unsafe} [{d.code}]",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[snap.to_lsp(d)],
        edit=workspace_edit(snap, _text_edits(snap, d), versioned),
        is_preferred=d.fix.applicability == Applicability.SAFE,
    )


def suggestion_fixes(snap: Snapshot, d: Diagnostic, versioned: bool) -> list[types.CodeAction]:
    """Display-only suggestions (e.g. spelling candidates) as explicit, never preferred, choices."""
    if d.fix is not None or not d.suggestions:
        return []
    out = []
    for s in d.suggestions[:5]:
        edit = types.TextEdit(range=snap.pmap.range(d.start, d.end), new_text=s)
        out.append(types.CodeAction(
            title=f"Replace with {s!r} [{d.code}]", kind=types.CodeActionKind.QuickFix,
            diagnostics=[snap.to_lsp(d)], edit=workspace_edit(snap, [edit], versioned),
        ))
    return out


def ignore_on_line(snap: Snapshot, d: Diagnostic, versioned: bool) -> types.CodeAction:
    """Insert ``<!-- newslint-disable-line CODE -->`` at the end of the finding's line.

    An HTML comment is the one suppression form that works in every format: newslint masks it
    in plain text, and Markdown and HTML renderers hide it.
    """
    line = snap.doc.lines.line_of(d.start)
    start, end = snap.doc.lines.line_span(line)
    existing = _DISABLE_LINE.search(snap.text, start, end)
    if existing:
        at, new_text = existing.end(1), f" {d.code}"
    else:
        at = end
        new_text = ("" if start == end or snap.text[end - 1].isspace() else " ") + f"<!-- newslint-disable-line {d.code} -->"
    edit = types.TextEdit(range=snap.pmap.range(at, at), new_text=new_text)
    return types.CodeAction(
        title=f"Ignore {d.code} on this line", kind=types.CodeActionKind.QuickFix,
        diagnostics=[snap.to_lsp(d)], edit=workspace_edit(snap, [edit], versioned),
    )


def add_to_lexicon(snap: Snapshot, d: Diagnostic) -> types.CodeAction | None:
    """For spelling and name findings on a single word: remember the word for the project."""
    if not d.code.upper().startswith(LEXICON_CODES) or snap.lexicon_path is None:
        return None
    word = snap.text[d.start:d.end]
    if not WORD_RE.fullmatch(word):
        return None
    return types.CodeAction(
        title=f"Add '{word}' to the project lexicon ({Path(snap.lexicon_path).name})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[snap.to_lsp(d)],
        command=types.Command(title="Add word to project lexicon", command=ADD_TO_LEXICON,
                              arguments=[snap.uri, word]),
    )


def fix_all_action(snap: Snapshot, lazy: bool, versioned: bool) -> types.CodeAction | None:
    """"Fix all safe issues", or None when nothing is safely fixable.

    With ``lazy`` the edit is computed in ``codeAction/resolve``: editors ask for actions on every
    cursor move, and the fix loop re-lints the document.
    """
    if not any(d.fix is not None and d.fix.applicability == Applicability.SAFE for d in snap.diagnostics):
        return None
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                              data={"uri": snap.uri, "version": snap.version})
    if not lazy:
        action.edit = fix_all_edit(snap, versioned)
    return action


def fix_all_edit(snap: Snapshot, versioned: bool) -> types.WorkspaceEdit:
    """One edit covering the changed stretch (fix_text's result), so the cursor mostly stays put."""
    from newslint.fixes import fix_text

    assert snap.linter is not None
    doc = snap.doc
    linter = snap.linter
    outcome = fix_text(doc.text, lambda t: linter.lint(Document.from_text(t, doc.path, doc.format)))
    old, new = doc.text, outcome.text
    if old == new:
        return workspace_edit(snap, [], versioned)
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    edit = types.TextEdit(range=snap.pmap.range(prefix, len(old) - suffix), new_text=new[prefix:len(new) - suffix])
    return workspace_edit(snap, [edit], versioned)


def code_actions(snap: Snapshot, start: int, end: int, only: list[str] | None, lazy: bool, versioned: bool) -> list[types.CodeAction]:
    """Every action for the findings touching ``[start, end]``, filtered by the client's ``only``."""
    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    actions: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix):
        for d in snap.diagnostics:
            if d.start <= end and start <= d.end:  # touching counts: a cursor just after a word
                for action in (quick_fix(snap, d, versioned), *suggestion_fixes(snap, d, versioned),
                               add_to_lexicon(snap, d), ignore_on_line(snap, d, versioned)):
                    if action is not None:
                        actions.append(action)
    if wanted(FIX_ALL_KIND):
        fix_all = fix_all_action(snap, lazy, versioned)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def append_to_lexicon(path: Path, word: str) -> bool:
    """Add ``word`` to the user's own section of the project lexicon; False if it is already there.

    The file written by ``newslint learn`` has the user's section and a learned section that each
    ``learn`` run rewrites, so the word goes into the user's section (through the lexicon's own
    parser when this build has it); a plain word list just gets the word appended. The file is
    replaced atomically, so an editor crash never leaves half a lexicon.
    """
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    try:
        from newslint.lexicon.project import parse, render
    except ImportError:  # a build without `newslint learn`: the lexicon is a plain word list
        if word in (line.strip() for line in existing.splitlines()):
            return False
        new_text = existing + ("\n" if existing and not existing.endswith("\n") else "") + word + "\n"
    else:
        own, learned = parse(existing)
        if word in (line.strip() for line in own):
            return False
        own.append(word)
        new_text = render(own, [(w, count, kind) for w, (count, kind) in learned.items()])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.newslint-tmp")
    tmp.write_text(new_text, encoding="utf-8")
    tmp.replace(path)
    return True
