"""Choose a document format from its path and compute its non-prose masks."""

from __future__ import annotations

from newslint.document import Span, plain_masks

_SUFFIXES = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html",
}


def format_for_path(path: str) -> str:
    lower = path.lower()
    for suffix, fmt in _SUFFIXES.items():
        if lower.endswith(suffix):
            return fmt
    return "text"


def masks_for(fmt: str, text: str) -> list[Span]:
    """Masks for ``text`` read as ``fmt`` (text, markdown or html)."""
    if fmt == "markdown":
        from newslint.formats.markdown import markdown_masks

        return markdown_masks(text)
    if fmt == "html":
        from newslint.formats.html import html_masks

        return html_masks(text)
    return plain_masks(text)
