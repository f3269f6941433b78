"""LanguageTool's findings per paragraph on disk, so an unchanged paragraph is never sent twice.

The key is a hash of the paragraph's prose, the LanguageTool version and every request setting
that changes the answer; the value is the list of matches with paragraph-relative code-point
offsets. One small JSON file per paragraph (sharded by the first two hex digits) keeps writes
atomic and lets concurrent runs share the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1


def paragraph_key(text: str, version: str, params: dict[str, str]) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([FORMAT, version, sorted(params.items())]).encode("utf-8"))
    h.update(b"\0")
    h.update(text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ParagraphCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, list) else None

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        """Write atomically; a cache that cannot be written is silently skipped (it is only a cache)."""
        if self.folder is None:
            return
        path = self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(matches, fh, ensure_ascii=True)
            os.replace(tmp, path)
        except (OSError, ValueError):
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
